"""Sentences written from results: the prose of the notebooks and reports.

Every number in these sentences comes from the tables and models passed in;
new data or new parameters give new sentences. Text taken from the data
(labels, parties, outcomes) is HTML-escaped, since it comes from articles and
the web and ends up in HTML reports.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.formatting import format_amount, format_number, format_share


def _e(text) -> str:
    return html.escape(str(text), quote=False)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


FORECASTER_NAMES = {
    "stated_low": "the low end of the stated range",
    "stated_mid": "the middle of the stated range",
    "stated_high": "the high end of the stated range",
    "reference_50": "a coin toss (50%)",
    "base_rate": "the base rate",
}


def describe_corpus(articles: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """How many articles, which years they span, and how many figures of each kind."""
    kinds = mentions["kind"].value_counts()
    parts = [
        _count(kinds.get(k, 0), name)
        for k, name in (
            ("money", "money amount"),
            ("percent", "percentage"),
            ("year", "year"),
            ("date", "date"),
        )
    ]
    first, last = articles["published_best"].min(), articles["published_best"].max()
    richest = mentions["article_id"].value_counts()
    lead = (
        (
            f" The article with the most figures is {_e(richest.index[0])} "
            f"({richest.iloc[0]} mentions)."
        )
        if len(richest)
        else ""
    )
    undated = int(articles["published_best"].isna().sum())
    if undated == len(articles):
        when = "whose publication dates are unknown"
    else:
        when = f"published between {first:%d %B %Y} and {last:%d %B %Y}"
        if undated:
            when += f" ({_count(undated, 'article')} of unknown date)"
    return (
        f"The corpus holds **{_count(len(articles), 'article')}** {when}. The extractor found "
        f"**{_count(len(mentions), 'figure')}**: {_join(parts)}.{lead}"
    )


def describe_funding_gap(gap, currency: str, *, scale: float = 1.0) -> str:
    """The gap, its identified sources by status, and the article's own claims checked."""
    money = lambda v: format_amount(v * scale, currency)  # noqa: E731
    by_status = gap.by_status.set_index("status")["amount"]
    firm = by_status.get("secured", 0.0) + by_status.get("reported", 0.0)
    soft = by_status.get("potential", 0.0) + by_status.get("conditional", 0.0)
    lines = [
        f"{_e(gap.mission)} was estimated to cost **{money(gap.total)}**, of which "
        f"**{money(gap.gap)}** was not yet secured "
        f"({format_share(gap.gap / gap.total)} of the total).",
        f"The article names {len(gap.sources)} sources worth **{money(gap.identified)}**, "
        f"covering **{format_share(gap.coverage)}** of the gap and leaving "
        f"**{money(gap.residual)}** without an identified source"
        + (f" (and {money(gap.surplus)} more than needed)" if gap.surplus > 0 else "")
        + ".",
        f"Only {money(firm)} ({format_share(firm / gap.gap)} of the gap) is worded as secured or "
        f"reported; {money(soft)} ({format_share(soft / gap.gap)}) "
        "is only potential or conditional.",
    ]
    for check in gap.checks.itertuples():
        verdict = "holds" if check.passed else "does **not** hold"
        lines.append(
            f"Check — {_e(check.check)}: {verdict} (observed {format_share(check.observed)})."
        )
    return "\n\n".join(lines)


def describe_simulation(simulation, currency: str, *, scale: float = 1.0) -> str:
    """What the Monte Carlo says: expected amount, chance of closing the gap, quantiles."""
    money = lambda v: format_amount(v * scale, currency)  # noqa: E731
    q = simulation.quantiles.set_index("quantile")["amount"]
    probs = ", ".join(f"{s} {format_share(p)}" for s, p in simulation.probabilities.items())
    return (
        f"With the status probabilities {probs}, {simulation.n_draws:,} simulated outcomes "
        f"raise **{money(simulation.mean)}** on average (analytic expectation "
        f"{money(simulation.analytic_mean)}), i.e. {format_share(simulation.expected_coverage)} "
        f"of the gap. The chance that the gap closes completely is "
        f"**{format_share(simulation.p_closed)}**; the expected shortfall is "
        f"**{money(simulation.expected_residual)}**. In nine outcomes out of ten the amount "
        f"raised lies between {money(q.iloc[0])} and {money(q.iloc[-1])}."
    )


def describe_sensitivity(table: pd.DataFrame, currency: str, *, scale: float = 1.0) -> str:
    """Which source matters most."""
    top = table.iloc[0]
    return (
        f"The source that moves the expected amount most is *{_e(top['source'])}* "
        f"({_e(top['status'])}, {format_amount(top['amount'] * scale, currency)}): the expectation "
        f"ranges from {format_amount(top['expected_low'] * scale, currency)} if it fails to "
        f"{format_amount(top['expected_high'] * scale, currency)} if it comes through."
    )


def describe_conversion(checks: pd.DataFrame) -> str:
    """Each stated conversion compared with the ECB reference rate of the article's date."""
    if checks.empty:
        return "No article states an amount in two currencies."
    lines = []
    for c in checks.itertuples():
        verdict = (
            "within the rounding of the figures as written"
            if c.within_rounding
            else ("**more than the rounding of the figures explains**")
        )
        lines.append(
            f"The article equates {format_amount(c.amount_a, c.currency_a)} with "
            f"{format_amount(c.amount_b, c.currency_b)}, an implied rate of "
            f"{format_number(c.implied_rate, digits=4)} {c.currency_b} per {c.currency_a}; the ECB "
            f"reference rate on {c.rate_date} was {format_number(c.ecb_rate, digits=4)}, a "
            f"difference of {format_share(abs(c.discrepancy))} — {verdict}."
        )
    return "\n\n".join(lines)


def describe_hindsight(table: pd.DataFrame) -> str:
    """How many of the article's sources and plans materialised."""
    counts = table["classification"].value_counts()
    names = {
        "materialised": "materialised",
        "partly": "materialised in part",
        "not_materialised": "did not materialise",
        "pending": "are still pending",
        "unknown": "cannot be settled from the sources found",
    }
    parts = [f"{counts[k]} {v}" for k, v in names.items() if counts.get(k, 0)]
    return (
        f"Of the {len(table)} annotated figures whose outcome is recorded, {_join(parts)}. "
        "Each row below cites the page that settles it."
    )


def describe_forecast(forecast: pd.Series, scores: pd.DataFrame, outcome_text: str) -> str:
    """The stated probability, what happened, and how it scores against reference forecasters."""
    s = scores.set_index("forecaster")
    stated = s["brier"].filter(like="stated")
    happened = "happened" if bool(forecast["outcome"]) else "did not happen"
    better = [
        f
        for f in s.index
        if not f.startswith("stated") and s.loc[f, "brier"] > s.loc["stated_mid", "brier"]
    ]
    return (
        f"The stated chance was **{format_share(forecast['low'])} to "
        f"{format_share(forecast['high'])}**. The event {happened}: {_e(outcome_text)}\n\n"
        f"Scored at the middle of the range ({format_share(s.loc['stated_mid', 'probability'])}), "
        f"the Brier score is **{format_number(s.loc['stated_mid', 'brier'], digits=4)}** and the "
        f"logarithmic loss {format_number(s.loc['stated_mid', 'log_loss'], digits=3)}; across the "
        f"range the Brier score runs from {format_number(stated.min(), digits=4)} "
        f"to {format_number(stated.max(), digits=4)}. "
        + (
            f"It beats {_join([FORECASTER_NAMES.get(b, _e(b)) for b in better])}."
            if better
            else "It does not beat the reference forecasters."
        )
    )


def _count_years(years: float) -> str:
    text = format_number(years, digits=1)
    return f"{text} year" + ("" if text == "1" else "s")


def describe_slips(slips: pd.DataFrame) -> str:
    """Planned dates against what followed, mission by mission."""
    moved = slips.dropna(subset=["slip_years"])
    moved = moved[moved["slip_years"] > 0]
    if moved.empty:
        return "No planned date in the timeline has moved."
    lines = []
    for (mission, series), rows in moved.groupby(["mission", "series"], sort=True):
        total = rows["slip_years"].sum()
        steps = _join([f"{r.planned_date} → {r.next_date}" for r in rows.itertuples()])
        lines.append(
            f"- **{_e(mission)}** ({_e(series.replace('-', ' '))}): {steps} "
            f"({_count_years(total)} in all)"
        )
    return "Planned dates that later moved:\n\n" + "\n".join(lines)
