"""The funding-gap model: total, gap, identified sources, coverage and the article's claims.

Input is the figures table (one row per annotated figure, see
:mod:`analysis.figures`): rows with ``quantity`` ``total_cost``, ``funding_gap``
and ``funding_source`` for one mission. Nothing here knows any amount; change an
article or an annotation and the result follows.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import pandas as pd

from analysis.errors import ModelError, NoDataError

STATUSES = ("secured", "potential", "conditional", "reported")

# Words an article may use about how much of a gap is covered, and the share of
# the gap they imply. "most of the €350 million" -> more than half.
CLAIM_RULES: dict[str, tuple[str, float]] = {
    "most": (">", 0.5),
    "majority": (">", 0.5),
    "all": (">=", 1.0),
    "half": (">=", 0.5),
    "some": (">", 0.0),
}
_OPS = {">": operator.gt, ">=": operator.ge}

_REQUIRED = ("annotation_id", "mission", "quantity", "label", "party", "status")


@dataclass(frozen=True, eq=False)
class FundingGap:
    """A mission's funding picture as one article (or set of figures) states it.

    Attributes
    ----------
    coverage : identified / gap (may exceed 1).
    residual : gap not covered by identified sources, never negative.
    surplus : identified beyond the gap, never negative.
    by_status : amount and share of the gap per status, every status listed.
    checks : tidy table ``check, expected, observed, passed, source``.
    """

    mission: str
    total: float
    gap: float
    sources: pd.DataFrame
    identified: float
    coverage: float
    residual: float
    surplus: float
    by_status: pd.DataFrame
    checks: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """Long-form table ``measure, value`` of the scalar results."""
        measures = ["total", "gap", "identified", "coverage", "residual", "surplus"]
        rows = [(m, float(getattr(self, m))) for m in measures]
        rows += [(f"{s}_amount", float(a)) for s, a in self.by_status[["status", "amount"]].values]
        return pd.DataFrame(rows, columns=["measure", "value"]).assign(mission=self.mission)


def _single_value(rows: pd.DataFrame, amount_col: str, mission: str, what: str) -> float:
    if rows.empty:
        raise NoDataError(f"mission {mission!r} has no {what} figure (quantity '{what}')")
    values = rows[amount_col].astype("float64")
    if values.isna().any():
        bad = ", ".join(rows.loc[values.isna(), "annotation_id"].astype(str))
        raise ModelError(f"mission {mission!r}: {what} figure(s) {bad} have no {amount_col}")
    if values.nunique() > 1:
        listing = ", ".join(
            f"{i}={v:g}" for i, v in zip(rows["annotation_id"], values, strict=True)
        )
        raise ModelError(
            f"mission {mission!r} has {what} figures that disagree ({listing}); "
            "pass article= to choose one article"
        )
    return float(values.iloc[0])


def _claim_checks(
    gap_rows: pd.DataFrame, gap: float, secured: float, identified: float
) -> list[dict]:
    rows = []
    if "claim" not in gap_rows:
        return rows
    for ann_id, claim in zip(gap_rows["annotation_id"], gap_rows["claim"], strict=True):
        if not isinstance(claim, str) or not claim:
            continue
        if claim not in CLAIM_RULES:
            raise ModelError(
                f"annotation {ann_id!r}: unknown claim {claim!r}; expected one of "
                + ", ".join(sorted(CLAIM_RULES))
            )
        op, share = CLAIM_RULES[claim]
        for basis, amount in (("secured sources", secured), ("all identified sources", identified)):
            observed = amount / gap
            rows.append(
                {
                    "check": f"claim '{claim}' of the gap holds for {basis}",
                    "expected": f"share {op} {share:g}",
                    "observed": observed,
                    "passed": bool(_OPS[op](observed, share)),
                    "source": ann_id,
                }
            )
    return rows


def funding_gap(
    figures: pd.DataFrame,
    mission: str,
    *,
    amount_col: str = "value_eur",
    article: str | None = None,
) -> FundingGap:
    """Compute the funding gap model of one mission.

    Parameters
    ----------
    figures : DataFrame
        Columns ``annotation_id, mission, quantity, label, party, status`` and
        `amount_col` (optional ``article_id`` and ``claim``).
    mission : str
        Mission name as annotated (e.g. "ExoMars").
    amount_col : str
        Column of amounts in one currency (EUR by default, so sources add up).
    article : str, optional
        Keep only figures from this article (when several articles disagree).

    Raises
    ------
    ModelError
        Missing columns, a mission with no total or no gap, disagreeing totals or
        gaps, a source without an amount, or an unknown status or claim.
    """
    missing = [c for c in (*_REQUIRED, amount_col) if c not in figures.columns]
    if missing:
        raise ModelError(f"figures table lacks column(s) {', '.join(missing)}")
    rows = figures[figures["mission"] == mission]
    if article is not None:
        if "article_id" not in figures.columns:
            raise ModelError("figures table lacks column 'article_id' needed for article=")
        rows = rows[rows["article_id"] == article]
    total = _single_value(rows[rows["quantity"] == "total_cost"], amount_col, mission, "total_cost")
    gap_rows = rows[rows["quantity"] == "funding_gap"]
    gap = _single_value(gap_rows, amount_col, mission, "funding_gap")
    if gap <= 0:
        raise ModelError(f"mission {mission!r} has a non-positive funding gap {gap:g}")

    sources = (
        rows[rows["quantity"] == "funding_source"]
        .loc[:, ["annotation_id", "label", "party", "status", amount_col]]
        .rename(columns={amount_col: "amount"})
        .astype({"amount": "float64"})
        .reset_index(drop=True)
    )
    if sources["amount"].isna().any():
        bad = ", ".join(sources.loc[sources["amount"].isna(), "annotation_id"].astype(str))
        raise ModelError(f"mission {mission!r}: source(s) {bad} have no {amount_col}")
    unknown = sorted(set(sources["status"]) - set(STATUSES))
    if unknown:
        raise ModelError(
            f"mission {mission!r}: unknown source status {unknown}; expected one of {STATUSES}"
        )
    sources = sources.assign(share_of_gap=sources["amount"] / gap)

    identified = float(sources["amount"].sum())
    by_status = (
        sources.groupby("status")["amount"]
        .sum()
        .reindex(list(STATUSES), fill_value=0.0)
        .rename_axis("status")
        .reset_index()
        .assign(share_of_gap=lambda d: d["amount"] / gap)
    )
    secured = float(by_status.loc[by_status["status"] == "secured", "amount"].iloc[0])

    checks = [
        {
            "check": "gap does not exceed total cost",
            "expected": "gap <= total",
            "observed": gap / total,
            "passed": bool(gap <= total),
            "source": ",".join(gap_rows["annotation_id"].astype(str)),
        },
        {
            "check": "identified sources do not exceed the gap",
            "expected": "identified <= gap",
            "observed": identified / gap,
            "passed": bool(identified <= gap),
            "source": ",".join(sources["annotation_id"].astype(str)),
        },
        *_claim_checks(gap_rows, gap, secured, identified),
    ]
    return FundingGap(
        mission=mission,
        total=total,
        gap=gap,
        sources=sources,
        identified=identified,
        coverage=identified / gap,
        residual=max(gap - identified, 0.0),
        surplus=max(identified - gap, 0.0),
        by_status=by_status,
        checks=pd.DataFrame(checks, columns=["check", "expected", "observed", "passed", "source"]),
    )
