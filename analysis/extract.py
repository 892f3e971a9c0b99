"""Find every money amount, percentage, year and date in an article and normalise it.

Four passes, each a C-level scan with a little Python around each hit:
dates from month names first (analysis.dates), so that their digits are not
read again; then every written number with what surrounds it
(analysis.amounts.read_numbers); then amounts written in words
(analysis.amounts.read_word_amounts); then bare numbers in tables whose unit
is given once in a header (analysis.table_cells). Each finding is then placed in its
sentence (analysis.sentences) with the hedge words of that sentence
(analysis.context); a bare amount ("3.6 billion") becomes money in the currency of
the amount just before it, or is dropped when there is none close enough.

Every mention keeps its exact span: ``text[start:end] == surface``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.amounts import BARE, CENTS, Finding, read_numbers, read_word_amounts
from analysis.context import (
    PESO_DOLLARS,
    hedges,
    is_explicit_franc,
    is_explicit_peso,
    is_explicit_pound,
    is_explicit_rupee,
    is_explicit_us_dollar,
    local_dollar,
    local_franc,
    local_krona,
    local_peso,
    local_pound,
    local_rupee,
)
from analysis.dates import find_dates
from analysis.sentences import SentenceIndex
from analysis.table_cells import HEADER, read_table_cells

KINDS = ("money", "percent", "year", "date")
# Cents in English, centimes in Switzerland.
_CENT_CURRENCIES = frozenset("USD EUR CAD AUD NZD HKD SGD TWD CHF".split())
# A bare amount ("3.6 billion") is money in the currency of the last amount when that
# stands at most this many sentences before it (a transcript's short turns included).
_BARE_SENTENCES = 3


class Mention(NamedTuple):
    """One figure found in an article, with its place and normalised value.

    An immutable record (a named tuple: building one costs a sixth of a frozen
    dataclass, and the extractor builds one per figure).
    """

    article_id: str
    kind: str
    surface: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str
    qualifier: str
    hedge: str
    sentence: str
    date: str
    sentence_index: int
    sentence_start: int
    sentence_end: int


MENTION_COLUMNS = list(Mention._fields)
_NAN = math.nan


def iter_mentions(
    text: str, *, article_id: str = "", published: dt.date | None = None
) -> Iterator[Mention]:
    """Yield every money amount, percentage, year and date in `text`, in order.

    Parameters
    ----------
    text : str
        The article, as decoded from UTF-8; offsets refer to it.
    article_id : str
        Copied into every mention (the article's file stem).
    published : datetime.date, optional
        Publication date: gives the year of dates written without one ("Nov. 19").
    """
    found: list[Finding] = [
        Finding(d.start, d.end, "date", _NAN, _NAN, _NAN, "date", d.qualifier, d.iso)
        for d in find_dates(text, published)
    ]
    found += read_numbers(text, [(f.start, f.end) for f in found])
    found += read_word_amounts(text, [(f.start, f.end) for f in found])
    found += read_table_cells(text, [(f.start, f.end) for f in found])
    if not found:
        return
    found.sort(key=lambda f: (f.start, -f.end))
    sentences = SentenceIndex(text)
    local: dict[str, str] = {}  # the article's own dollar, rupee, krona: read when needed
    last_money = ""  # the currency of the last amount, for "cents" and bare amounts
    last_money_index = -9  # the sentence of the last amount
    last_index, last_hedge, last_end = -1, "", -1
    last_span, sentence = (-1, -1, -1), ""
    for f in found:
        if f.start < last_end:
            continue  # two readings of the same characters: keep the longer, earlier one
        if f.kind == HEADER:
            last_end = f.end  # "(Unit: 100 million yen)": a unit, not an amount
            continue
        if f.kind != "date" and not math.isfinite(f.high):
            continue  # hundreds of digits overflow a float: not a figure anyone wrote
        index, s_start, s_end = sentences.locate(f.start, f.end)
        kind, unit = f.kind, f.unit
        if kind == BARE:  # "3.6 billion": money in the currency of the amount just before
            if not last_money or index - last_money_index > _BARE_SENTENCES:
                continue
            kind, unit = "money", last_money
        last_end = f.end
        if (index, s_start, s_end) != last_span:
            last_span, sentence = (index, s_start, s_end), text[s_start:s_end]
        if index != last_index:
            last_index, last_hedge = index, hedges(sentence)
        surface = text[f.start : f.end]
        if unit == CENTS:  # the cents of the currency just named, else of the dollar
            unit = last_money if last_money in _CENT_CURRENCIES else "USD"
        if f.kind != BARE:  # an inherited currency is already the article's own
            unit = _local_unit(unit, surface, text, local)
        if kind == "money":
            last_money, last_money_index = unit, index
        yield Mention(
            article_id,
            kind,
            surface,
            f.start,
            f.end,
            f.value,
            f.low,
            f.high,
            unit,
            f.qualifier,
            last_hedge,
            sentence,
            f.date,
            index,
            s_start,
            s_end,
        )


def _is_explicit_krona(surface: str) -> bool:
    return "kr" not in surface.lower() or "SEK" in surface


# Markers several countries share: (is the amount's own marker explicit?, the article's
# own currency). A bare "$" is USD unless Canadian, Australian, Chilean...; "Rs" INR
# unless Pakistani...; "kr" SEK unless Norwegian, Danish or Icelandic; "£" and "pounds"
# GBP unless Egyptian or Lebanese; "pesos" MXN unless Philippine, Argentine...; "francs"
# CHF unless French (a history from before the euro).
_SHARED_MARKERS = {
    "USD": (is_explicit_us_dollar, local_dollar),
    "INR": (is_explicit_rupee, local_rupee),
    "SEK": (_is_explicit_krona, local_krona),
    "GBP": (is_explicit_pound, local_pound),
    "MXN": (is_explicit_peso, local_peso),
    "CHF": (is_explicit_franc, local_franc),
}


def _local_unit(unit: str, surface: str, text: str, local: dict[str, str]) -> str:
    """The currency `unit` stands for in this article; `local` caches each article reading."""
    shared = _SHARED_MARKERS.get(unit)
    if shared is None or shared[0](surface):
        return unit
    if unit not in local:
        local[unit] = shared[1](text)
    if local[unit] in PESO_DOLLARS and "$" not in surface:
        return unit  # "dollars" in a Chilean story are US dollars; its "$" is the peso
    return local[unit]


_DTYPES = {
    "start": "int64",
    "end": "int64",
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "sentence_index": "int64",
    "sentence_start": "int64",
    "sentence_end": "int64",
}


def extract_mentions(
    text: str, *, article_id: str = "", published: dt.date | None = None
) -> pd.DataFrame:
    """Return the mentions of :func:`iter_mentions` as a DataFrame (columns MENTION_COLUMNS).

    >>> extract_mentions("It costs €1.2 billion.")[["surface", "value", "unit"]].iloc[0].tolist()
    ['€1.2 billion', 1200000000.0, 'EUR']
    """
    mentions = list(iter_mentions(text, article_id=article_id, published=published))
    columns = {name: [getattr(m, name) for m in mentions] for name in MENTION_COLUMNS}
    return pd.DataFrame(
        {
            name: np.array(values, dtype=_DTYPES.get(name, object))
            if name in _DTYPES
            else pd.array(values, dtype="str")
            for name, values in columns.items()
        }
    )
