"""Unit tests for analysis.extract: one small case per construct listed in issue 2.

Every expected value is worked out by hand from the case text (e.g. "Rs 1,000 crore"
is 1,000 x 10,000,000 = 1e10 INR); nothing is compared against the extractor's own
output. Surfaces are the amount itself: qualifiers ("nearly") and brackets are not
part of it, the currency sign, code or word and the scale word are.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
import pytest

from analysis.extract import MENTION_COLUMNS, extract_mentions, iter_mentions

CONTRACT_COLUMNS = [
    "article_id",
    "kind",
    "surface",
    "start",
    "end",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "hedge",
    "sentence",
    "date",
    "sentence_index",
    "sentence_start",
    "sentence_end",
]
SHOW = ["kind", "surface", "start", "end", "value", "low", "high", "unit", "qualifier"]


def _table(df: pd.DataFrame) -> str:
    return df[SHOW].to_string() if len(df) else "(no rows)"


def _kind(text: str, kind: str, **kw) -> pd.DataFrame:
    df = extract_mentions(text, **kw)
    return df[df["kind"] == kind]


def _row(text: str, surface: str, kind: str, *, occurrence: int = 0, **kw) -> pd.Series:
    """The one row of `kind` spanning the `occurrence`-th `surface` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    df = extract_mentions(text, **kw)
    hit = df[(df["kind"] == kind) & (df["start"] == start) & (df["end"] == start + len(surface))]
    assert len(hit) == 1, (
        f"expected one {kind} row with surface {surface!r} at [{start}:{start + len(surface)}]"
        f" in {text!r}; the extractor gave:\n{_table(df)}"
    )
    row = hit.iloc[0]
    assert row["surface"] == surface == text[row["start"] : row["end"]]
    return row


def _assert_single(row: pd.Series, value: float) -> None:
    assert row["value"] == pytest.approx(value, rel=1e-9)
    assert row["low"] == pytest.approx(value, rel=1e-9)
    assert row["high"] == pytest.approx(value, rel=1e-9)


def _assert_range(row: pd.Series, low: float, high: float) -> None:
    assert row["low"] == pytest.approx(low, rel=1e-9)
    assert row["high"] == pytest.approx(high, rel=1e-9)
    assert row["value"] == pytest.approx((low + high) / 2, rel=1e-9)


def _same_sentence(got: str, expected: str) -> bool:
    return got.strip().rstrip(".") == expected.strip().rstrip(".")


def _hedges(row: pd.Series) -> set[str]:
    return {h.strip() for h in str(row["hedge"]).split(",") if h.strip()}


# --- the table itself -------------------------------------------------------------------


def test_mention_columns_follow_the_contract():
    assert list(MENTION_COLUMNS) == CONTRACT_COLUMNS


@pytest.mark.parametrize("text", ["", "   \n\n  ", "No figures here at all."])
def test_text_without_figures_gives_an_empty_table_with_the_columns(text):
    df = extract_mentions(text)
    assert list(df.columns) == CONTRACT_COLUMNS
    assert len(df) == 0


def test_article_id_is_on_every_row():
    text = "ESA spent €30 million in 2022, 19% more."
    df = extract_mentions(text, article_id="art-7")
    assert len(df) >= 3
    assert list(df.columns) == CONTRACT_COLUMNS
    assert set(df["article_id"]) == {"art-7"}


def test_rows_are_in_text_order():
    text = "In 2022 ESA spent €30 million; 19% went to science and $5 million to launches."
    df = extract_mentions(text)
    assert list(df["start"]) == sorted(df["start"])
    money = df[df["kind"] == "money"]
    assert list(money["surface"]) == ["€30 million", "$5 million"]


def test_iter_mentions_streams_frozen_mentions_with_the_same_fields():
    text = "ESA spent €30 million. Then 19% more."
    mentions = list(iter_mentions(text, article_id="a1"))
    first = mentions[0]
    assert list(first._fields) == CONTRACT_COLUMNS
    with pytest.raises(AttributeError):
        first.value = 0.0
    money = [m for m in mentions if m.kind == "money"]
    percent = [m for m in mentions if m.kind == "percent"]
    assert [(m.surface, m.start, m.end, m.unit) for m in money] == [("€30 million", 10, 21, "EUR")]
    assert money[0].value == pytest.approx(30e6)
    assert money[0].article_id == "a1"
    assert [(m.surface, m.start) for m in percent] == [("19%", 28)]
    assert percent[0].value == pytest.approx(0.19)


# --- money: currencies by symbol, code and word ------------------------------------------

MONEY_CASES = [
    # symbols
    ("ESA will spend €30 million on it.", "€30 million", 30e6, "EUR"),
    ("NASA asked for $25.4 billion.", "$25.4 billion", 25.4e9, "USD"),
    ("The deal is worth US$2 billion.", "US$2 billion", 2e9, "USD"),
    ("The UK pledged £374 million.", "£374 million", 374e6, "GBP"),
    ("JAXA received ¥154 billion.", "¥154 billion", 154e9, "JPY"),
    ("Roscosmos lost ₽30 billion.", "₽30 billion", 30e9, "RUB"),
    ("ISRO got ₹13,000 crore.", "₹13,000 crore", 13_000 * 1e7, "INR"),
    # ISO codes before the number
    ("The budget is EUR 30 million.", "EUR 30 million", 30e6, "EUR"),
    ("It raised USD 1.5 billion.", "USD 1.5 billion", 1.5e9, "USD"),
    ("Britain adds GBP 400 million.", "GBP 400 million", 400e6, "GBP"),
    ("Tokyo set aside JPY 15 billion.", "JPY 15 billion", 15e9, "JPY"),
    ("Moscow cut RUB 210 billion.", "RUB 210 billion", 210e9, "RUB"),
    ("Bern pays CHF 185 million a year.", "CHF 185 million", 185e6, "CHF"),
    ("Beijing allotted CNY 2.4 billion.", "CNY 2.4 billion", 2.4e9, "CNY"),
    ("Delhi approved INR 500 crore.", "INR 500 crore", 500 * 1e7, "INR"),
    ("The contract is worth EUR 30m.", "EUR 30m", 30e6, "EUR"),
    # codes and words after the number
    ("The firm won 30 million USD in orders.", "30 million USD", 30e6, "USD"),
    ("The mission costs 1.2 billion euros.", "1.2 billion euros", 1.2e9, "EUR"),
    ("They raised 40 million dollars.", "40 million dollars", 40e6, "USD"),
    ("The centre cost 250 million pounds.", "250 million pounds", 250e6, "GBP"),
    ("The probe cost 3 billion yen.", "3 billion yen", 3e9, "JPY"),
    ("The station needs 10 billion yuan.", "10 billion yuan", 10e9, "CNY"),
    ("The lab received 900 crore rupees.", "900 crore rupees", 900 * 1e7, "INR"),
    ("Roscosmos wants 30 billion rubles.", "30 billion rubles", 30e9, "RUB"),
    ("Roscosmos wants 45 billion roubles.", "45 billion roubles", 45e9, "RUB"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), MONEY_CASES)
def test_money_in_every_currency_form(text, surface, value, unit):
    row = _row(text, surface, "money")
    _assert_single(row, value)
    assert row["unit"] == unit
    assert row["qualifier"] == ""
    assert _same_sentence(row["sentence"], text)


# --- money: scale words, abbreviations, separators ---------------------------------------

SCALE_CASES = [
    ("They paid €23m for it.", "€23m", 23e6, "EUR"),
    ("A startup raised $500k.", "$500k", 500e3, "USD"),
    ("The order is worth $40mn.", "$40mn", 40e6, "USD"),
    ("Europe pledged €1.5bn.", "€1.5bn", 1.5e9, "EUR"),
    ("The space economy may reach $1.8 trillion.", "$1.8 trillion", 1.8e12, "USD"),
    ("The prize was 50 thousand euros.", "50 thousand euros", 50e3, "EUR"),
    ("The budget is Rs 1,000 crore.", "Rs 1,000 crore", 1e10, "INR"),
    ("Each student gets ₹5 lakh.", "₹5 lakh", 5e5, "INR"),
    ("Each payload costs Rs 40 lakh.", "Rs 40 lakh", 40e5, "INR"),
    ("The kit costs $1,200.", "$1,200", 1200, "USD"),
    ("The grant totals $12,500,000.", "$12,500,000", 12_500_000, "USD"),
    ("The study costs €1.2 million.", "€1.2 million", 1.2e6, "EUR"),
    ("NASA spent $1,200 million.", "$1,200 million", 1.2e9, "USD"),
    ("The board approved £2.25bn.", "£2.25bn", 2.25e9, "GBP"),
    ("The ticket price was $250.", "$250", 250, "USD"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), SCALE_CASES)
def test_money_scale_words_and_separators(text, surface, value, unit):
    row = _row(text, surface, "money")
    _assert_single(row, value)
    assert row["unit"] == unit


WORD_CASES = [
    ("They lobbied for two billion dollars.", "two billion dollars", 2e9, "USD"),
    ("Italy offered half a billion euros.", "half a billion euros", 0.5e9, "EUR"),
    ("The lab won three million pounds.", "three million pounds", 3e6, "GBP"),
    ("The agency lost ten billion yen.", "ten billion yen", 10e9, "JPY"),
    ("The rover cost 2.5 billion dollars.", "2.5 billion dollars", 2.5e9, "USD"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), WORD_CASES)
def test_money_written_in_words(text, surface, value, unit):
    row = _row(text, surface, "money")
    _assert_single(row, value)
    assert row["unit"] == unit


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The Union Budget totals ₹47.66 lakh crore.", "₹47.66 lakh crore", 47.66e12),
        ("Defence gets Rs 6.2 lakh crore.", "Rs 6.2 lakh crore", 6.2e12),
    ],
)
def test_lakh_crore_multiplies_both_scales(text, surface, value):
    # 1 lakh crore = 1e5 x 1e7 = 1e12, the usual unit of Indian national budgets
    row = _row(text, surface, "money")
    _assert_single(row, value)
    assert row["unit"] == "INR"


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("They paid €600\u00a0million.", "€600\u00a0million", 600e6, "EUR"),  # no-break space
        ("They paid EUR 340  million.", "EUR 340  million", 340e6, "EUR"),  # two spaces
        ("They paid € 2 billion.", "€ 2 billion", 2e9, "EUR"),
        ("Each student gets ₹ 50,000.", "₹ 50,000", 50_000, "INR"),
        ("They paid $1.5\u202fbillion.", "$1.5\u202fbillion", 1.5e9, "USD"),  # narrow nbsp
    ],
)
def test_money_with_odd_whitespace(text, surface, value, unit):
    row = _row(text, surface, "money")
    _assert_single(row, value)
    assert row["unit"] == unit


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        ("Revenue reached €12,4 million.", "€12,4 million", "money", 12.4e6),
        ("France's share is 55,6 %.", "55,6 %", "percent", 0.556),
    ],
)
def test_decimal_comma_is_not_a_thousands_separator(text, surface, kind, value):
    # a thousands group has exactly three digits, so ",4" and ",6" can only be decimals
    row = _row(text, surface, kind)
    _assert_single(row, value)


@pytest.mark.parametrize(
    "text",
    [
        "The telescope will cost a billion dollars.",
        "Even a billion dollars of extra public money would only go so far.",
    ],
)
def test_money_a_billion_dollars(text):
    money = _kind(text, "money")
    assert len(money) == 1, _table(money)
    row = money.iloc[0]
    assert row["surface"] in {"a billion dollars", "billion dollars", "A billion dollars"}
    assert text[row["start"] : row["end"]] == row["surface"]
    _assert_single(row, 1e9)
    assert row["unit"] == "USD"


def test_a_30_million_increase_is_found():
    text = "A €30 million increase from Italy was agreed."
    row = _row(text, "€30 million", "money")
    _assert_single(row, 30e6)
    assert row["unit"] == "EUR"


def test_euro_m_is_money_not_metres():
    text = "The agency then spent €23m."
    row = _row(text, "€23m", "money")
    assert row["unit"] == "EUR"
    _assert_single(row, 23e6)


def test_parenthesised_conversion_gives_two_positive_amounts():
    text = "The estimated €1.2 billion ($1.5 billion) Mars mission needs money."
    money = _kind(text, "money")
    assert len(money) == 2, _table(money)
    eur = _row(text, "€1.2 billion", "money")
    usd = _row(text, "$1.5 billion", "money")
    _assert_single(eur, 1.2e9)
    _assert_single(usd, 1.5e9)
    assert (eur["unit"], usd["unit"]) == ("EUR", "USD")


def test_bracketed_amount_alone_is_not_negative():
    text = "Spending rose to £300m (£250m a year earlier)."
    money = _kind(text, "money")
    assert sorted(money["value"]) == pytest.approx([250e6, 300e6])
    assert (money[["value", "low", "high"]] > 0).all().all()


# --- ranges -------------------------------------------------------------------------------

RANGE_CASES = [
    ("Sample return could cost $8-11 billion.", {"$8-11 billion"}, 8e9, 11e9, "USD"),
    ("The mission costs €1.2–1.3 billion.", {"€1.2–1.3 billion"}, 1.2e9, 1.3e9, "EUR"),
    (
        "Italy will pay between €50m and €60m.",
        {"€50m and €60m", "between €50m and €60m"},
        50e6,
        60e6,
        "EUR",
    ),
    (
        "Estimates range from $2 billion to $3 billion.",
        {"$2 billion to $3 billion", "from $2 billion to $3 billion"},
        2e9,
        3e9,
        "USD",
    ),
    ("The lander needs £400m-£450m.", {"£400m-£450m"}, 400e6, 450e6, "GBP"),
]


@pytest.mark.parametrize(("text", "surfaces", "low", "high", "unit"), RANGE_CASES)
def test_money_ranges_are_one_row_with_ends(text, surfaces, low, high, unit):
    money = _kind(text, "money")
    assert len(money) == 1, f"{text!r} is one range:\n{_table(money)}"
    row = money.iloc[0]
    assert row["surface"] in surfaces
    assert text[row["start"] : row["end"]] == row["surface"]
    _assert_range(row, low, high)
    assert row["unit"] == unit


def test_between_range_keeps_between_as_qualifier():
    text = "Italy will pay between €50m and €60m."
    row = _kind(text, "money").iloc[0]
    if not row["surface"].startswith("between"):
        assert row["qualifier"] == "between"


PERCENT_RANGE_CASES = [
    ("The odds were low, at 7-8 percent.", "7-8 percent", 0.07, 0.08),
    ("Growth of 10–15% is forecast.", "10–15%", 0.10, 0.15),
]


@pytest.mark.parametrize(("text", "surface", "low", "high"), PERCENT_RANGE_CASES)
def test_percent_ranges(text, surface, low, high):
    row = _row(text, surface, "percent")
    assert row["unit"] == "percent"
    _assert_range(row, low, high)


# --- qualifiers ---------------------------------------------------------------------------

QUALIFIERS = [
    "nearly",
    "about",
    "around",
    "roughly",
    "some",
    "up to",
    "more than",
    "over",
    "at least",
    "less than",
    "almost",
]


@pytest.mark.parametrize("qualifier", QUALIFIERS)
def test_money_qualifier_is_kept_outside_the_surface(qualifier):
    text = f"The programme will cost {qualifier} €30 million in total."
    row = _row(text, "€30 million", "money")
    assert row["qualifier"] == qualifier
    _assert_single(row, 30e6)


@pytest.mark.parametrize("qualifier", ["about", "more than", "almost"])
def test_percent_qualifier(qualifier):
    text = f"Science takes {qualifier} 45 percent of the budget."
    row = _row(text, "45 percent", "percent")
    assert row["qualifier"] == qualifier
    _assert_single(row, 0.45)


def test_qualifier_is_case_insensitive_and_lowercase():
    text = "Nearly €350 million remains in question."
    row = _row(text, "€350 million", "money")
    assert row["qualifier"] == "nearly"


# --- percentages --------------------------------------------------------------------------

PERCENT_CASES = [
    ("The budget grew 19% this year.", "19%", 0.19),
    ("Science gets 45 percent of it.", "45 percent", 0.45),
    ("Spending rose 12.5 per cent.", "12.5 per cent", 0.125),
    ("Only 0.5% goes to outreach.", "0.5%", 0.005),
    ("Europe funds 100% of the lander.", "100%", 1.0),
]


@pytest.mark.parametrize(("text", "surface", "value"), PERCENT_CASES)
def test_percentages(text, surface, value):
    row = _row(text, surface, "percent")
    assert row["unit"] == "percent"
    _assert_single(row, value)
    assert _kind(text, "money").empty


# --- years --------------------------------------------------------------------------------


def test_year_in_context():
    text = "Juice will launch on a Proton rocket in 2022."
    row = _row(text, "2022", "year")
    assert row["unit"] == "year"
    assert row["value"] == 2022
    assert _kind(text, "money").empty


def test_year_after_has_qualifier_after():
    text = "The mission is likely to take place after 2020."
    row = _row(text, "2020", "year")
    assert row["value"] == 2020
    assert row["qualifier"] == "after"


def test_year_between_covers_both_years():
    text = "Most missions will fly sometime between 2016 and 2020."
    years = _kind(text, "year")
    assert not years.empty
    assert (years["start"] >= text.index("2016")).all()
    assert (years["end"] <= text.index("2020") + 4).all()
    for year in (2016, 2020):
        covered = years[(years["low"] <= year) & (years["high"] >= year)]
        assert not covered.empty, f"{year} not covered by\n{_table(years)}"
    if len(years) == 1:
        _assert_range(years.iloc[0], 2016, 2020)
    else:
        assert sorted(years["value"]) == [2016, 2020]


@pytest.mark.parametrize(
    ("text", "surface", "year"),
    [
        ("NASA's FY2024 request was cut.", "FY2024", 2024),
        ("The FY2025 budget adds Artemis funds.", "FY2025", 2025),
        ("ISRO's FY24 allocation rose.", "FY24", 2024),
    ],
)
def test_fiscal_year(text, surface, year):
    row = _row(text, surface, "year")
    assert row["value"] == year
    assert row["qualifier"] == "fiscal year"


def test_two_years_in_and_are_both_found():
    text = "Probes would fly to Mars in 2016 and 2018."
    years = _kind(text, "year")
    for year in (2016, 2018):
        covered = years[(years["low"] <= year) & (years["high"] >= year)]
        assert not covered.empty, f"{year} missing from\n{_table(years)}"


# --- dates --------------------------------------------------------------------------------

DATE_CASES = [
    ("The draft was approved on Nov. 19 in Naples.", "Nov. 19", "2012-11-19"),
    ("The draft was approved on 19 November 2012.", "19 November 2012", "2012-11-19"),
    ("The draft was approved on November 19, 2012.", "November 19, 2012", "2012-11-19"),
    ("The agency suspended cooperation in March 2022.", "March 2022", "2022-03"),
    ("Groups were created in August 2011.", "August 2011", "2011-08"),
]


@pytest.mark.parametrize(("text", "surface", "iso"), DATE_CASES)
def test_dates_are_as_precise_as_the_text(text, surface, iso):
    row = _row(text, surface, "date", published=dt.date(2012, 11, 21))
    assert row["unit"] == "date"
    assert row["date"] == iso
    assert all(math.isnan(row[c]) for c in ("value", "low", "high"))


def test_date_without_year_takes_the_publication_year():
    text = "ESA said the talks ended on Jan. 5 in Paris."
    row = _row(text, "Jan. 5", "date", published=dt.date(2019, 1, 9))
    assert row["date"] == "2019-01-05"


def test_date_without_year_and_without_publication_invents_no_year():
    text = "The draft was approved on Nov. 19 in Naples."
    row = _row(text, "Nov. 19", "date")
    assert not re.match(r"\d{4}", str(row["date"])), row["date"]


def test_may_the_verb_is_not_a_date():
    text = "The agency may approve the mission later."
    assert _kind(text, "date").empty


# --- hedges -------------------------------------------------------------------------------

HEDGE_CASES = [
    ("ESA sees a potential €50 million contribution.", "potential"),
    ("The mission could cost €50 million.", "could"),
    ("Italy will add €50 million if ministers agree.", "if"),
    ("If ministers agree, Italy will add €50 million.", "if"),
    ("Russia would pay €50 million.", "would"),
    ("The upgrade is expected to cost €50 million.", "expected"),
    ("A planned €50 million upgrade was announced.", "planned"),
    ("The estimated €50 million bill was paid.", "estimated"),
    ("The bill will likely reach €50 million.", "likely"),
    ("ESA-could pay €50 million.", "could"),
]


@pytest.mark.parametrize(("text", "hedge"), HEDGE_CASES)
def test_hedge_word_of_the_sentence_is_recorded(text, hedge):
    row = _row(text, "€50 million", "money")
    assert _hedges(row) == {hedge}


def test_hedge_words_inside_other_words_are_not_hedges():
    row = _row("The motif on the €50 million iffy badge couldn't fit.", "€50 million", "money")
    assert _hedges(row) == set()


def test_several_hedges_are_comma_joined():
    text = "A potential €50 million could be approved in February."
    row = _row(text, "€50 million", "money")
    assert _hedges(row) == {"potential", "could"}
    assert row["hedge"] == row["hedge"].lower()
    assert " " not in row["hedge"]


@pytest.mark.parametrize(
    "text",
    [
        "ESA paid €50 million.",
        "Ifremer paid €50 million.",  # "if" only as part of a word
        "The mission could fail. ESA paid €50 million.",  # hedge in another sentence
    ],
)
def test_no_hedge_gives_empty_string(text):
    row = _row(text, "€50 million", "money")
    assert row["hedge"] == ""


# --- sentences ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "kind", "sentence", "index"),
    [
        (
            "ESA met in Naples. It approved €1.2 billion for ExoMars. Russia supplies rockets.",
            "€1.2 billion",
            "money",
            "It approved €1.2 billion for ExoMars.",
            1,
        ),
        (
            "The U.S. offered $1.5 billion. Europe declined.",
            "$1.5 billion",
            "money",
            "The U.S. offered $1.5 billion.",
            0,
        ),
        (
            "ESA met in Naples. The draft was approved on Nov. 19 by both agencies. Done.",
            "Nov. 19",
            "date",
            "The draft was approved on Nov. 19 by both agencies.",
            1,
        ),
        (
            "ExoMars funding agreed\n\nESA found €90 million in new fees.",
            "€90 million",
            "money",
            "ESA found €90 million in new fees.",
            1,
        ),
        (  # a paragraph ends its sentence even after a one-letter word or an abbreviation
            "SpaceX charges $62 million for a Falcon 9.\n\nArianeGroup asked €90 million.",
            "€90 million",
            "money",
            "ArianeGroup asked €90 million.",
            1,
        ),
        (
            "Talks began at 10 a.m.\n\nBy noon, ESA had found €90 million.",
            "€90 million",
            "money",
            "By noon, ESA had found €90 million.",
            1,
        ),
    ],
)
def test_sentence_text_index_and_offsets(text, surface, kind, sentence, index):
    row = _row(text, surface, kind, published=dt.date(2012, 11, 21))
    assert row["sentence"].strip() == sentence
    assert row["sentence_index"] == index
    start, end = int(row["sentence_start"]), int(row["sentence_end"])
    assert text[start:end] == row["sentence"]
    assert start <= row["start"] < row["end"] <= end


# --- things that are not money ------------------------------------------------------------

NOT_FIGURES = [
    "The draft is backed by ministers from the agency's 20 member states.",
    "Results of its Framework 7 science funding cycle will be shared.",
    "Russia will provide a Proton-M launch vehicle.",
    "Call the press office on +44 20 7946 0958 for details.",
    "Media contacts: +1 202-358-1600.",
    "The probe flew 2,000 km above the surface.",
    "SpaceX flew a Falcon 9 from Florida.",
    "A Soyuz-2.1b lifted off from Plesetsk.",
    "The supplier is certified to ISO 9001.",
    "The 35m dish tracks the probe.",
    "The survey mapped 1.2 billion stars.",
    "Flight VV23 carried Sentinel-1C.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_non_figures_give_no_money_or_percent(text):
    df = extract_mentions(text)
    bad = df[df["kind"].isin(["money", "percent"])]
    assert bad.empty, f"{text!r} has no money or percent, got:\n{_table(bad)}"


@pytest.mark.parametrize(
    "text",
    [
        "The draft is backed by ministers from the agency's 20 member states.",
        "Results of its Framework 7 science funding cycle will be shared.",
        "Russia will provide a Proton-M launch vehicle.",
        "Media contacts: +1 202-358-1600.",
        "Call the newsroom on +1 202 555 2019 for details.",
        "The probe flew 2,000 km above the surface.",
        "The supplier is certified to ISO 9001.",
    ],
)
def test_non_figures_give_no_year_either(text):
    df = extract_mentions(text)
    assert df[df["kind"] == "year"].empty, _table(df)
