"""Schemas of the tidy tables, declared once and checked where data enters and leaves.

Each table in ``data/processed/`` has a pandera model here, registered in
:data:`TABLES` under the table's name (``articles``, ``mentions``). The column
order of a model is the column order of its CSV file; ``data/README.md``
documents every column.

To add a table (e.g. ``figures`` or ``events``): declare a ``DataFrameModel``
with ``Config(strict=True, ordered=True)`` below, and register it in TABLES.
:func:`validate` and :func:`read_table` then work for it unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from analysis.corpus import DATE_PRECISIONS
from analysis.errors import ParameterError, SchemaError
from analysis.tables_io import ColumnConversionError, convert_columns

KINDS = ("money", "percent", "year", "date")

# An ISO date as precise as the text allows: 2022, 2022-03, 2012-11-19, or without a
# year (--11-19, --02) when the publication date is unknown; a day range joins two.
_ISO_PARTIAL = r"(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}(?:-\d{2})?)"
ISO_PARTIAL_DATE = re.compile(rf"{_ISO_PARTIAL}(?:/{_ISO_PARTIAL})?")


class Mentions(pa.DataFrameModel):
    """``mentions.csv``: one row per money amount, percentage, year or date in an article."""

    article_id: Series[str] = pa.Field(str_length={"min_value": 1})
    kind: Series[str] = pa.Field(isin=KINDS)
    surface: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=1)
    value: Series[float] = pa.Field(nullable=True, ge=0)
    low: Series[float] = pa.Field(nullable=True, ge=0)
    high: Series[float] = pa.Field(nullable=True, ge=0)
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    qualifier: Series[str]
    hedge: Series[str]
    sentence: Series[str]
    date: Series[str]
    sentence_index: Series[int] = pa.Field(ge=0)
    sentence_start: Series[int] = pa.Field(ge=0)
    sentence_end: Series[int] = pa.Field(ge=0)
    mention_id: Series[str] = pa.Field(unique=True, str_matches=r"^.+-m\d{3,}$")

    class Config:
        strict = True
        ordered = True
        unique = ["article_id", "start"]

    @pa.dataframe_check
    def span_matches_surface(cls, df: pd.DataFrame) -> Series[bool]:
        """end - start equals the length of surface."""
        return df["end"] - df["start"] == df["surface"].str.len()

    @pa.dataframe_check
    def mention_inside_sentence(cls, df: pd.DataFrame) -> Series[bool]:
        """The mention lies inside its sentence span."""
        return (df["sentence_start"] <= df["start"]) & (df["end"] <= df["sentence_end"])

    @pa.dataframe_check
    def sentence_matches_span(cls, df: pd.DataFrame) -> Series[bool]:
        """sentence_end - sentence_start equals the length of sentence."""
        return df["sentence_end"] - df["sentence_start"] == df["sentence"].str.len()

    @pa.dataframe_check
    def ordered_finite_numbers(cls, df: pd.DataFrame) -> Series[bool]:
        """Money, percent and year have finite low <= value <= high."""
        numbers = df[["low", "value", "high"]].to_numpy(dtype=float)
        finite = np.isfinite(numbers).all(axis=1)
        ordered = (df["low"] <= df["value"]) & (df["value"] <= df["high"])
        return (df["kind"] == "date") | (finite & ordered)

    @pa.dataframe_check
    def dates_not_numeric(cls, df: pd.DataFrame) -> Series[bool]:
        """Date mentions have empty value, low and high."""
        empty = df[["low", "value", "high"]].isna().all(axis=1)
        return (df["kind"] != "date") | empty

    @pa.dataframe_check
    def unit_fits_kind(cls, df: pd.DataFrame) -> Series[bool]:
        """unit is an ISO 4217 code for money, else the kind's name."""
        money = df["kind"] == "money"
        return (money & df["unit"].str.fullmatch(r"[A-Z]{3}")) | (
            ~money & (df["unit"] == df["kind"])
        )

    @pa.dataframe_check
    def date_fits_kind(cls, df: pd.DataFrame) -> Series[bool]:
        """date is an ISO (partial) date for date mentions, else empty."""
        is_date = df["kind"] == "date"
        iso = df["date"].str.fullmatch(ISO_PARTIAL_DATE.pattern)
        return (is_date & iso) | (~is_date & (df["date"] == ""))


class Articles(pa.DataFrameModel):
    """``articles.csv``: one row per article, with its manifest metadata and size."""

    article_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    file: Series[str] = pa.Field(str_endswith=".txt")
    outlet: Series[str]
    headline: Series[str]
    url: Series[str]
    published_earliest: Series[pd.Timestamp] = pa.Field(nullable=True)
    published_latest: Series[pd.Timestamp] = pa.Field(nullable=True)
    published_best: Series[pd.Timestamp] = pa.Field(nullable=True)
    date_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS)
    date_evidence: Series[str]
    published_as_given: Series[str]
    n_chars: Series[int] = pa.Field(ge=0)
    n_bytes: Series[int] = pa.Field(ge=0)
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    n_mentions: Series[int] = pa.Field(ge=0)

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check
    def dates_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        """Published dates satisfy earliest <= best <= latest."""
        early, best, late = df["published_earliest"], df["published_best"], df["published_latest"]
        return ~((best < early) | (late < best) | (late < early))

    @pa.dataframe_check
    def bytes_at_least_chars(cls, df: pd.DataFrame) -> Series[bool]:
        """UTF-8 text has at least as many bytes as characters."""
        return df["n_bytes"] >= df["n_chars"]


_ISO_DAY_OR_EMPTY = r"^(\d{4}-\d{2}-\d{2})?$"


class Figures(pa.DataFrameModel):
    """``figures.csv``: one row per annotated figure (see :mod:`analysis.figures`)."""

    annotation_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9][a-z0-9-]*$")
    article_id: Series[str] = pa.Field(str_length={"min_value": 1})
    mention_id: Series[str] = pa.Field(unique=True)
    quote: Series[str] = pa.Field(str_length={"min_value": 1})
    occurrence: Series[int] = pa.Field(ge=1)
    surface: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=1)
    kind: Series[str] = pa.Field(isin=KINDS)
    mission: Series[str] = pa.Field(str_length={"min_value": 1})
    quantity: Series[str] = pa.Field(str_length={"min_value": 1})
    label: Series[str] = pa.Field(str_length={"min_value": 1})
    party: Series[str]
    status: Series[str] = pa.Field(isin=("secured", "potential", "conditional", "reported"))
    condition: Series[str]
    claim: Series[str]
    converts: Series[str]
    series: Series[str]
    value: Series[float] = pa.Field(nullable=True, ge=0)
    low: Series[float] = pa.Field(nullable=True, ge=0)
    high: Series[float] = pa.Field(nullable=True, ge=0)
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    qualifier: Series[str]
    hedge: Series[str]
    date: Series[str]
    published: Series[str] = pa.Field(str_matches=_ISO_DAY_OR_EMPTY)
    as_of: Series[str] = pa.Field(str_matches=_ISO_DAY_OR_EMPTY)
    value_eur: Series[float] = pa.Field(nullable=True, ge=0)
    rate_eur: Series[float] = pa.Field(nullable=True, gt=0)
    value_usd: Series[float] = pa.Field(nullable=True, ge=0)
    rate_usd: Series[float] = pa.Field(nullable=True, gt=0)
    rate_date: Series[str] = pa.Field(str_matches=_ISO_DAY_OR_EMPTY)
    outcome_ref: Series[str] = pa.Field(str_matches=r"^(O\d+)?$")
    materialised: Series[str] = pa.Field(isin=("", "yes", "no", "partly", "pending", "unknown"))
    note: Series[str]
    provenance: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check
    def money_converted_when_dated(cls, df: pd.DataFrame) -> Series[bool]:
        """Dated money has EUR and USD values; other figures have none."""
        money = (df["kind"] == "money") & ((df["published"] != "") | (df["as_of"] != ""))
        both = df["value_eur"].notna() & df["value_usd"].notna()
        return (money & both) | (~money & df["value_eur"].isna() & df["value_usd"].isna())


class Events(pa.DataFrameModel):
    """``events.csv``: the timeline, from the articles and the outcomes table."""

    event_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    date: Series[str]
    date_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS)
    date_start: Series[str] = pa.Field(str_matches=_ISO_DAY_OR_EMPTY)
    date_end: Series[str] = pa.Field(str_matches=_ISO_DAY_OR_EMPTY)
    kind: Series[str] = pa.Field(str_length={"min_value": 1})
    planned_or_actual: Series[str] = pa.Field(isin=("planned", "actual"))
    mission: Series[str] = pa.Field(str_length={"min_value": 1})
    series: Series[str]
    qualifier: Series[str]
    status: Series[str]
    description: Series[str] = pa.Field(str_length={"min_value": 1})
    as_of: Series[str]
    source_type: Series[str] = pa.Field(isin=("article", "outcome"))
    source: Series[str] = pa.Field(str_length={"min_value": 1})
    quote: Series[str]
    ref: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check
    def date_fits_precision(cls, df: pd.DataFrame) -> Series[bool]:
        """A dated event has an ISO (partial) date and start <= end; an undated one neither."""
        dated = df["date"].map(lambda d: ISO_PARTIAL_DATE.fullmatch(d) is not None).astype(bool)
        ordered = (df["date_start"] != "") & (df["date_start"] <= df["date_end"])
        undated = ~dated & (df["date_start"] == "") & (df["date_precision"] == "")
        return (dated & ordered) | undated


TABLES: dict[str, type[pa.DataFrameModel]] = {
    "articles": Articles,
    "mentions": Mentions,
    "figures": Figures,
    "events": Events,
}

# Foreign keys between tables: (table, column) values must appear in (table, column).
REFERENCES: list[tuple[str, str, str, str]] = [
    ("mentions", "article_id", "articles", "article_id"),
    ("figures", "mention_id", "mentions", "mention_id"),
    ("figures", "article_id", "articles", "article_id"),
]


def _model(table_name: str) -> type[pa.DataFrameModel]:
    try:
        return TABLES[table_name]
    except KeyError:
        raise ParameterError("table_name", table_name, f"one of {sorted(TABLES)}") from None


def columns(table_name: str) -> list[str]:
    """Return the columns of a table, in file order."""
    return list(_model(table_name).to_schema().columns)


def validate(df: pd.DataFrame, table_name: str) -> pd.DataFrame:
    """Check `df` against the schema of `table_name`; return it unchanged if it passes.

    Raises
    ------
    SchemaError
        Naming the table and each failing column and check, with a few failing
        values and their row labels.
    ParameterError
        If `table_name` is not in TABLES.
    """
    model = _model(table_name)
    try:
        return model.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise SchemaError(table_name, _summarise(model, err.failure_cases)) from err


def check_references(tables: dict[str, pd.DataFrame]) -> None:
    """Check the foreign keys of REFERENCES among `tables` (pairs not both present are skipped).

    Raises
    ------
    SchemaError
        Naming the referring table and column and a few values missing from the other.
    """
    for child, column, parent, key in REFERENCES:
        if child in tables and parent in tables:
            missing = sorted(set(tables[child][column]) - set(tables[parent][key]))
            if missing:
                raise SchemaError(
                    child, f"column '{column}' has values not in {parent}.{key}: {_few(missing, 3)}"
                )


def _summarise(model: type[pa.DataFrameModel], cases: pd.DataFrame, per_check: int = 3) -> str:
    parts = []
    table_level = cases[cases["schema_context"] == "DataFrameSchema"]
    for check, group in table_level.groupby("check", sort=False):
        values = list(dict.fromkeys(group["failure_case"].astype(str)))
        rows = list(dict.fromkeys(group["index"].dropna()))
        if check == "column_in_dataframe":
            parts.append(f"missing column(s) {values}")
        elif check == "column_in_schema":
            parts.append(f"unexpected column(s) {values}")
        elif check == "multiple_fields_uniqueness":
            columns = list(dict.fromkeys(group["column"]))
            parts.append(f"rows {_few(rows, per_check)} repeat the same {columns}")
        else:
            doc = (getattr(model, str(check), None).__doc__ or "").strip()
            about = f" ({doc.rstrip('.')})" if doc else ""
            parts.append(f"check '{check}'{about} fails at rows {_few(rows, per_check)}")
    by_column = cases[cases["schema_context"] != "DataFrameSchema"]
    for (column, check), group in by_column.groupby(["column", "check"], sort=False):
        values = group["failure_case"].astype(str).tolist()
        if str(check).startswith("dtype("):
            parts.append(f"column '{column}' has dtype {values[0]}, expected {check[6:-1]}")
        else:
            shown = [f"{v!r} (row {r})" for v, r in zip(values, group["index"], strict=True)]
            parts.append(f"column '{column}' fails {check}: {_few(shown, per_check)}")
    return "; ".join(parts)


def _few(items: list, n: int) -> str:
    more = f" and {len(items) - n} more" if len(items) > n else ""
    return ", ".join(str(i) for i in items[:n]) + more


def read_table(path: str | Path, table_name: str) -> pd.DataFrame:
    """Read a tidy CSV table written by the pipeline, with its schema's dtypes, and validate it.

    Empty cells become "" in text columns, NaN in float columns and NaT in date columns.

    Raises
    ------
    SchemaError
        If a column cannot be converted to its declared dtype or the table breaks
        its schema.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    try:
        frame = convert_columns(raw, dtypes(table_name))
    except ColumnConversionError as err:
        raise SchemaError(table_name, f"column '{err.column}' in '{path}': {err.reason}") from err
    return validate(frame, table_name)


def dtypes(table_name: str) -> dict[str, str]:
    """The declared dtype of every column of `table_name`, in column order."""
    return {
        name: str(column.dtype) for name, column in _model(table_name).to_schema().columns.items()
    }
