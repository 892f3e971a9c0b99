"""Hindsight: which of the articles' sources and plans materialised, per the outcomes table.

Each annotated figure with an ``outcome_ref`` is joined to its row of
``outcomes.csv``. The outcome text is prose, so whether the claim came true is
a curated reading (the annotation's ``materialised`` field); the row's
``resolved`` column still overrides it where the evidence is missing:

==================  ===================  ===============================
resolved (outcome)  materialised (ours)  classification
==================  ===================  ===============================
unknown             any                  unknown
no (still pending)  any                  pending
yes / partly        yes                  materialised
yes / partly        no                   not_materialised
yes / partly        partly               partly
yes / partly        pending / unknown    pending / unknown
==================  ===================  ===============================

``evidence`` keeps the strength of the outcome row: ``settled`` (resolved yes)
or ``partial`` (resolved partly: settled in part or only indirectly confirmed).
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import ModelError

CLASSES = ("materialised", "partly", "not_materialised", "pending", "unknown")
_FROM_CURATED = {
    "yes": "materialised",
    "no": "not_materialised",
    "partly": "partly",
    "pending": "pending",
    "unknown": "unknown",
}
_EVIDENCE = {"yes": "settled", "partly": "partial", "no": "pending", "unknown": "none"}
HINDSIGHT_COLUMNS = [
    "annotation_id",
    "article_id",
    "mission",
    "quantity",
    "label",
    "party",
    "status",
    "condition",
    "quote",
    "value",
    "unit",
    "value_eur",
    "outcome_ref",
    "topic",
    "outcome",
    "outcome_date",
    "resolved",
    "materialised",
    "evidence",
    "classification",
    "source_url",
]


def classify(resolved: str, materialised: str) -> str:
    """Outcome class of one claim from the outcome's ``resolved`` and our curated reading."""
    if resolved == "unknown":
        return "unknown"
    if resolved == "no":
        return "pending"
    if resolved not in ("yes", "partly"):
        raise ModelError(
            f"unknown resolved value {resolved!r}; expected yes, partly, no or unknown"
        )
    try:
        return _FROM_CURATED[materialised]
    except KeyError:
        raise ModelError(
            f"unknown materialised value {materialised!r}; expected {', '.join(_FROM_CURATED)}"
        ) from None


def hindsight_table(figures: pd.DataFrame, outcomes: pd.DataFrame) -> pd.DataFrame:
    """Join figures that cite an outcome with that outcome, and classify each claim.

    Parameters
    ----------
    figures : the figures table (needs ``annotation_id, outcome_ref, materialised``
        and the descriptive columns of :data:`HINDSIGHT_COLUMNS`).
    outcomes : the outcomes table (:func:`analysis.timeline.load_outcomes`).

    Raises
    ------
    ModelError
        A figure whose ``outcome_ref`` is not in the outcomes table (naming both).
    """
    cited = figures[figures["outcome_ref"] != ""]
    known = set(outcomes["id"])
    missing = cited[~cited["outcome_ref"].isin(known)]
    if len(missing):
        row = missing.iloc[0]
        raise ModelError(
            f"figure {row['annotation_id']!r} cites outcome {row['outcome_ref']!r}, "
            "which is not in the outcomes table"
        )
    table = cited.merge(
        outcomes.rename(columns={"id": "outcome_ref"}).loc[
            :, ["outcome_ref", "topic", "outcome", "outcome_date", "resolved", "source_url"]
        ],
        on="outcome_ref",
        how="left",
        validate="many_to_one",
    )
    classification = [
        classify(r, m) for r, m in zip(table["resolved"], table["materialised"], strict=True)
    ]
    return (
        table.assign(
            evidence=table["resolved"].map(_EVIDENCE).fillna(""),
            classification=classification,
        )
        .loc[:, HINDSIGHT_COLUMNS]
        .reset_index(drop=True)
    )


def picture_vs_outcome(table: pd.DataFrame, *, by: str = "status") -> pd.DataFrame:
    """Counts (and EUR amounts) of claims per article status and outcome class.

    Long table ``<by>, classification, n, amount_eur``; every class appears for
    every value of `by`, with zeros, so that the article's picture ("secured")
    can be read against what happened.
    """
    groups = sorted(table[by].unique())
    index = pd.MultiIndex.from_product([groups, list(CLASSES)], names=[by, "classification"])
    counts = table.groupby([by, "classification"]).size().reindex(index, fill_value=0)
    amounts = (
        table.assign(value_eur=table["value_eur"].astype("float64").fillna(0.0))
        .groupby([by, "classification"])["value_eur"]
        .sum()
        .reindex(index, fill_value=0.0)
    )
    return pd.DataFrame({"n": counts, "amount_eur": amounts}).reset_index()


def base_rate(table: pd.DataFrame) -> float:
    """Share of settled claims that materialised; ``partly`` counts one half.

    Pending and unknown claims are left out. Useful as the base-rate reference
    forecaster of :func:`analysis.forecast.score_forecast`.

    Raises
    ------
    ModelError
        If no claim is settled.
    """
    weights = {"materialised": 1.0, "partly": 0.5, "not_materialised": 0.0}
    settled = table["classification"][table["classification"].isin(list(weights))]
    if settled.empty:
        raise ModelError("no settled claim to compute a base rate from")
    return float(settled.map(weights).mean())
