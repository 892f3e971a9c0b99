"""Charts for the notebooks and reports: each takes model output and returns a Figure.

Every chart has a title, labelled axes with units and a source note, so it can
be read without the code. Colours follow the status of the money throughout:
secured, reported, potential, conditional, then the unidentified residual.
"""

from __future__ import annotations

import functools
import textwrap

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from babel.numbers import format_compact_currency
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.formatting import format_amount, format_share

STATUS_COLOURS = {
    "secured": "#1b7837",
    "reported": "#5aae61",
    "potential": "#f1a340",
    "conditional": "#d95f0e",
    "residual": "#bdbdbd",
}
KIND_ORDER = ["money", "percent", "year", "date"]


def use_house_style() -> None:
    """Set the seaborn theme of every chart, and a readable number format for tables.

    Tables show large amounts with thousands separators (350,000,000) and other
    numbers with four significant digits (0.2571), instead of scientific notation.
    In a notebook, charts are shown as drawn: each is already laid out to fit its
    figure (see ``_finish``), so the inline backend's default crop to the drawn
    area (``bbox_inches="tight"``) would only draw every chart twice.
    """
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.95)
    pd.set_option("display.float_format", _readable)
    _show_charts_as_drawn()


def _show_charts_as_drawn() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook tools
        return
    if get_ipython() is None or "inline" not in matplotlib.get_backend():
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png", bbox_inches=None)


def _readable(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.4g}"


def _finish(fig: Figure, source: str) -> Figure:
    fig.text(0.01, 0.005, f"Source: {source}", fontsize=8, color="#555555", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    # tight_layout leaves a placeholder layout engine, for which saving the figure
    # first runs a whole draw without rendering; the layout is done, so drop it.
    fig.set_layout_engine(None)
    return fig


@functools.lru_cache(maxsize=1024)
def _compact_money(value: float, currency: str) -> str:
    # babel takes 0.15 ms a call, and matplotlib formats every tick many times a draw
    return format_compact_currency(value, currency, locale="en", fraction_digits=1)


def _money_axis(axis, currency: str) -> None:
    axis.set_major_locator(MaxNLocator(nbins=6))
    axis.set_major_formatter(FuncFormatter(lambda v, _: _compact_money(float(v), currency)))


def plot_mentions_per_article(mentions: pd.DataFrame, articles: pd.DataFrame) -> Figure:
    """Stacked bars: how many figures of each kind every article holds."""
    counts = (
        mentions.groupby(["article_id", "kind"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=articles["article_id"], columns=KIND_ORDER, fill_value=0)
    )
    counts.index = [
        f"{a[:3]} {o[:28]}" for a, o in zip(articles["article_id"], articles["outlet"], strict=True)
    ]
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(counts) + 1.6))
    counts.plot.barh(stacked=True, ax=ax, color=sns.color_palette("deep", len(KIND_ORDER)))
    ax.invert_yaxis()
    ax.set(title="Figures found in each article", xlabel="Number of mentions", ylabel="Article")
    ax.legend(title="Kind", loc="lower right")
    return _finish(fig, "seed articles; figures found by analysis.extract")


def plot_waterfall(gap, currency: str) -> Figure:
    """Waterfall from the funding gap down through each identified source to the residual."""
    sources = gap.sources.sort_values("amount", ascending=False, kind="stable")
    labels = [textwrap.fill(t, 14) for t in ("Funding gap", *sources["party"], "Unidentified")]
    heights = [gap.gap, *(-sources["amount"]), gap.residual]
    bottoms, level = [], gap.gap
    for h in heights[1:-1]:
        level += h
        bottoms.append(level)
    bottoms = [0.0, *bottoms, 0.0]
    colours = [
        STATUS_COLOURS["residual"],
        *(STATUS_COLOURS[s] for s in sources["status"]),
        "#969696",
    ]
    fig, ax = plt.subplots(figsize=(9, 4.8))
    ax.bar(labels, np.abs(heights), bottom=bottoms, color=colours, edgecolor="white")
    for x, (h, b) in enumerate(zip(heights, bottoms, strict=True)):
        ax.text(
            x, b + abs(h) / 2, format_amount(abs(h), currency), ha="center", va="center", fontsize=8
        )
    ax.set(
        title=f"{gap.mission}: how the identified sources fill the gap",
        ylabel=f"Amount ({currency})",
        xlabel="",
    )
    _money_axis(ax.yaxis, currency)
    ax.tick_params(axis="x", labelsize=8)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=STATUS_COLOURS[s]) for s in sources["status"].unique()
    ]
    ax.legend(handles, list(sources["status"].unique()), title="Status as worded", fontsize=8)
    return _finish(fig, "annotated figures of the articles (data/annotations.yaml)")


def plot_coverage_distribution(simulation, currency: str, *, scale: float = 1.0) -> Figure:
    """Bars of the simulated amount raised, with the gap marked.

    `scale` converts the simulation's amounts (in the figures' currency) to `currency`.
    """
    dist = simulation.distribution.assign(amount=lambda d: d["amount"] * scale)
    fig, ax = plt.subplots(figsize=(8, 4.2))
    ax.bar(
        dist["amount"],
        dist["probability"],
        width=(dist["amount"].max() or 1) / 40,
        color=np.where(dist["closes_gap"], STATUS_COLOURS["secured"], STATUS_COLOURS["potential"]),
    )
    ax.axvline(simulation.gap * scale, color="black", linestyle="--", linewidth=1)
    ax.text(simulation.gap * scale, ax.get_ylim()[1] * 0.95, " gap", va="top")
    ax.set(
        title=f"Amount raised in {simulation.n_draws:,} simulated outcomes",
        xlabel=f"Amount raised ({currency})",
        ylabel="Probability",
    )
    _money_axis(ax.xaxis, currency)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_share(v, digits=0)))
    return _finish(fig, f"Monte Carlo of the sources by status (seed {simulation.seed})")


def plot_tornado(
    table: pd.DataFrame, gap_amount: float, currency: str, *, scale: float = 1.0
) -> Figure:
    """Tornado: the expected amount raised when each source is certain to fail or to come."""
    data = table.iloc[::-1]
    base = float(data["expected_base"].iloc[0]) * scale
    fig, ax = plt.subplots(figsize=(9, 0.7 * len(data) + 1.8))
    y = np.arange(len(data))
    low, high = data["expected_low"] * scale, data["expected_high"] * scale
    ax.barh(
        y, base - low, left=low, color=STATUS_COLOURS["conditional"], label="source fails (p = 0)"
    )
    ax.barh(
        y, high - base, left=base, color=STATUS_COLOURS["secured"], label="source comes (p = 1)"
    )
    ax.axvline(base, color="black", linewidth=1)
    ax.axvline(gap_amount * scale, color="black", linestyle="--", linewidth=1, label="gap")
    ax.set_yticks(y, [textwrap.fill(s, 30) for s in data["source"]], fontsize=8)
    ax.set(
        title="Which source moves the expected amount most",
        xlabel=f"Expected amount raised ({currency})",
        ylabel="",
    )
    _money_axis(ax.xaxis, currency)
    ax.legend(fontsize=8, loc="lower right")
    return _finish(fig, "analytic expectations, other sources at their status probability")


def plot_forecast_scores(scores: pd.DataFrame) -> Figure:
    """Brier score of the stated forecast and of the reference forecasters (lower is better)."""
    fig, ax = plt.subplots(figsize=(7, 3.6))
    sns.barplot(
        data=scores,
        x="brier",
        y="forecaster",
        hue="forecaster",
        legend=False,
        palette="crest",
        ax=ax,
    )
    for y, (b, p) in enumerate(zip(scores["brier"], scores["probability"], strict=True)):
        ax.text(b, y, f"  {b:.4f} (p = {format_share(p)})", va="center", fontsize=8)
    ax.set(
        title="Brier score of each forecaster (0 is perfect)",
        xlabel="Brier score",
        ylabel="Forecaster",
        xlim=(0, max(0.3, scores["brier"].max() * 1.4)),
    )
    return _finish(fig, "stated odds in the article, outcome from data/reference/outcomes.csv")


def plot_timeline(events: pd.DataFrame) -> Figure:
    """Dated events per mission: planned dates as hollow markers, what happened as filled ones."""
    data = events.assign(when=pd.to_datetime(events["date_start"])).dropna(subset=["when"])
    missions = list(dict.fromkeys(data.sort_values("when")["mission"]))
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(missions) + 1.8))
    for timing, marker, fill in (("planned", "o", "none"), ("actual", "o", None)):
        part = data[data["planned_or_actual"] == timing]
        ax.scatter(
            part["when"],
            part["mission"].map(missions.index),
            marker=marker,
            facecolors=fill if fill else STATUS_COLOURS["secured"],
            edgecolors=STATUS_COLOURS["conditional"] if fill else STATUS_COLOURS["secured"],
            s=40,
            label=timing,
            zorder=3,
        )
    ax.set_yticks(range(len(missions)), missions)
    ax.invert_yaxis()
    ax.set(
        title="Cooperation timeline: what was planned and what happened",
        xlabel="Date (year)",
        ylabel="Mission",
    )
    ax.legend(fontsize=8, loc="lower left")
    return _finish(fig, "articles (dated figures) and data/reference/outcomes.csv (cited pages)")
