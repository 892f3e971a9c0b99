"""Read the tidy tables that `build` wrote, checked against their schemas.

Notebooks call :func:`load_tables` once, with the folder given as a parameter,
so a report built from another corpus reads that corpus's tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis import config
from analysis.currency import convert_frame
from analysis.errors import ParameterError
from analysis.tables_io import read_validated


class Tables(NamedTuple):
    """The four tidy tables of one build."""

    articles: pd.DataFrame
    mentions: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame


def resolve_data_dir(data_dir: str | Path = "") -> Path:
    """The folder of the tidy tables: `data_dir`, or the project's data/processed when empty."""
    folder = Path(data_dir) if str(data_dir) else config.PROCESSED_DIR
    if not (folder / "articles.csv").is_file():
        raise ParameterError(
            "data_dir",
            str(folder),
            "a folder holding the tables written by `python -m analysis build` "
            "(run `make build` first)",
        )
    return folder


def load_tables(data_dir: str | Path = "") -> Tables:
    """Read articles, mentions, figures and events from `data_dir` (see resolve_data_dir).

    Tables that `build` validated and that are unchanged since (their sha256 is in
    ``validated.json``) are read with their recorded dtypes; any other table is
    checked against its schema first.
    """
    folder = resolve_data_dir(data_dir)
    return Tables(*(_read(folder, name) for name in Tables._fields))


def _read(folder: Path, name: str) -> pd.DataFrame:
    table = read_validated(folder, name)
    if table is None:
        from analysis import schemas  # pandera: imported only when a table needs checking

        table = schemas.read_table(folder / f"{name}.csv", name)
    return table


def with_amounts_in(figures: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Figures with a ``value_<currency>`` column, converted at each article's publication date.

    EUR and USD columns are already in the figures table; any other ISO code is
    converted here with the ECB reference rates (errors name the row and the date).
    """
    column = f"value_{currency.lower()}"
    if column in figures.columns:
        return figures
    dated = figures.assign(_on=pd.to_datetime(figures["published"]).dt.date)
    money = dated["kind"] == "money"
    converted = convert_frame(dated[money], "value", "unit", "_on", to=currency)
    return figures.assign(**{column: converted[column].reindex(figures.index)})


def article_contributions(
    articles: pd.DataFrame, mentions: pd.DataFrame, figures: pd.DataFrame
) -> pd.DataFrame:
    """One row per article: its outlet, date, figures found by kind and figures annotated."""
    counts = (
        mentions.groupby(["article_id", "kind"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=["money", "percent", "year", "date"], fill_value=0)
    )
    annotated = figures.groupby("article_id").size().rename("annotated")
    return (
        articles[["article_id", "outlet", "published_best"]]
        .join(counts, on="article_id")
        .join(annotated, on="article_id")
        .fillna({"money": 0, "percent": 0, "year": 0, "date": 0, "annotated": 0})
        .astype(
            {
                "money": "int64",
                "percent": "int64",
                "year": "int64",
                "date": "int64",
                "annotated": "int64",
            }
        )
        .reset_index(drop=True)
    )


def check_traceability(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions whose surface is not at its offsets within its sentence (empty when all trace).

    Each mention stores its sentence and the sentence's offset, so the check needs
    no article file: ``sentence[start - sentence_start : end - sentence_start]``
    must equal ``surface``.
    """
    found = [
        sentence[start - s_start : end - s_start]
        for sentence, start, end, s_start in zip(
            mentions["sentence"],
            mentions["start"],
            mentions["end"],
            mentions["sentence_start"],
            strict=True,
        )
    ]
    return mentions[[f != s for f, s in zip(found, mentions["surface"], strict=True)]]
