"""Property-based tests: invariants of extract_mentions on any text.

Two sources of text: arbitrary unicode, and text glued together from figure-like
fragments (currency signs and codes, digits, separators, scale words, dashes,
brackets, qualifiers, odd whitespace), which reaches the number parser far more
often than random characters do.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.extract import MENTION_COLUMNS, extract_mentions, iter_mentions

KINDS = {"money", "percent", "year", "date"}
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    "€",
    "$",
    "US$",
    "£",
    "¥",
    "₽",
    "₹",
    "Rs",
    "Rs.",
    "EUR",
    "USD",
    "GBP",
    "JPY",
    "RUB",
    "CHF",
    "CNY",
    "INR",
    "RMB",
    "euros",
    "dollars",
    "pounds",
    "yen",
    "yuan",
    "rupees",
    "rubles",
    "roubles",
    "0",
    "1",
    "7",
    "12",
    "1.2",
    "1,200",
    "12,500,000",
    "2022",
    "1999",
    "9999",
    "00",
    ".",
    ",",
    "..",
    ",,",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u2009",
    "-",
    "–",
    "—",
    "−",
    "+",
    "(",
    ")",
    "[",
    "]",
    "/",
    "%",
    "percent",
    "per cent",
    "k",
    "m",
    "mn",
    "bn",
    "M",
    "B",
    "thousand",
    "million",
    "billion",
    "trillion",
    "lakh",
    "crore",
    "half",
    "a",
    "two",
    "and",
    "to",
    "from",
    "between",
    "nearly",
    "about",
    "up to",
    "more than",
    "at least",
    "over",
    "FY",
    "FY2024",
    "fiscal year",
    "Nov.",
    "November",
    "March",
    "May",
    "19",
    "31",
    "Jan. 5",
    "could",
    "if",
    "potential",
    "Proton-M",
    "Falcon 9",
    "&euro;",
    "&nbsp;",
    "½",
    "²",
    "٣",
    "१",
    "e",
    "E",
    "x",
    "’",
    '"',
    "?",
    "!",
    # forms added for the third blind corpus, and the quick paths in front of the readers
    "cents",
    "¢",
    "NT$",
    "HK$",
    "A$",
    "C$",
    "￥",
    "％",
    "zł",
    "tln",
    "pp",
    "approx.",
    "US\u00a0$",
    "$(",
    "M€",
    "MEUR",
    "Unit: ¥ million",
    "(in thousands of U.S. dollars)",
    "(%)",
    "by",
    "fell",
    "R",
    "N",
    "SR",
    "Rp",
    "₦",
    "kr",
    "Ft",
    "TL",
    "LE",
    "E£",
    "Mex$",
    "lei",
    "bil.",
    "Pakistan",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=40).map("".join)
any_text = st.text(max_size=300)
texts = st.one_of(any_text, fragment_text)
published = st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1)))


def _check_invariants(text: str, df) -> None:
    assert list(df.columns) == list(MENTION_COLUMNS)
    for row in df.itertuples(index=False):
        assert row.kind in KINDS, row
        assert 0 <= row.start < row.end <= len(text), row
        assert text[row.start : row.end] == row.surface, row
        assert row.sentence_start <= row.start < row.end <= row.sentence_end, row
        assert text[row.sentence_start : row.sentence_end] == row.sentence, row
        assert isinstance(row.qualifier, str) and row.qualifier == row.qualifier.lower(), row
        assert isinstance(row.hedge, str) and row.hedge == row.hedge.lower(), row
        numbers = [row.value, row.low, row.high]
        if row.kind == "date":
            assert all(math.isnan(x) for x in numbers), row
            continue
        assert all(math.isfinite(x) and x >= 0 for x in numbers), row
        assert row.low <= row.value <= row.high, row
        if row.kind == "percent":
            assert row.unit == "percent", row
        elif row.kind == "year":
            assert row.unit == "year", row
        else:
            assert len(row.unit) == 3 and row.unit.isupper(), row
    starts = list(df["start"])
    assert starts == sorted(starts)
    indices = list(df["sentence_index"])
    assert indices == sorted(indices)


@SETTINGS
@given(text=texts, published=published)
def test_extract_never_raises_and_keeps_its_invariants(text, published):
    df = extract_mentions(text, article_id="prop", published=published)
    _check_invariants(text, df)
    assert (df["article_id"] == "prop").all()


@SETTINGS
@given(
    prefix=st.text(max_size=40),
    body=fragment_text,
    suffix=st.text(max_size=40),
)
def test_invariants_hold_with_noise_around_figures(prefix, body, suffix):
    text = f"{prefix} ESA will spend €1.2 billion ($1.5 billion) {body}. {suffix}"
    df = extract_mentions(text)
    _check_invariants(text, df)


@SETTINGS
@given(text=fragment_text)
def test_iter_mentions_agrees_with_the_table(text):
    streamed = [(m.kind, m.start, m.end, m.surface) for m in iter_mentions(text)]
    df = extract_mentions(text)
    table = list(zip(df["kind"], df["start"], df["end"], df["surface"], strict=True))
    assert streamed == table


@SETTINGS
@given(
    amount=st.integers(min_value=1, max_value=999),
    decimals=st.integers(min_value=0, max_value=9),
    scale=st.sampled_from([("million", 1e6), ("billion", 1e9), ("m", 1e6), ("bn", 1e9)]),
    currency=st.sampled_from([("€", "EUR"), ("$", "USD"), ("£", "GBP"), ("¥", "JPY")]),
)
def test_any_well_formed_amount_is_read_exactly(amount, decimals, scale, currency):
    word, factor = scale
    sign, code = currency
    number = f"{amount}.{decimals}" if decimals else str(amount)
    space = " " if word in {"million", "billion"} else ""
    surface = f"{sign}{number}{space}{word}"
    text = f"The agency approved {surface} for the mission."
    df = extract_mentions(text)
    money = df[df["kind"] == "money"]
    assert list(money["surface"]) == [surface]
    row = money.iloc[0]
    assert row["start"] == len("The agency approved ")
    assert row["unit"] == code
    expected = (amount + decimals / 10) * factor
    assert row["value"] == expected or math.isclose(row["value"], expected, rel_tol=1e-12)
