"""Bare numbers in tables take the unit their header gives once: "($ millions)", "(M€)"."""

from __future__ import annotations

import pytest

from analysis.extract import extract_mentions

NASA_TABLE = """Selected NASA accounts ($ millions)

Account             FY2025 CR    FY2026 Request    Change
Science               7,334.2           3,907.6    -46.7%
Exploration           7,618.2           7,783.1     +2.2%

The request cuts science by 46.7 percent, to 3.9 in round numbers."""

ESA_TABLE = """| Member State | Subscription (M€) | Share |
|--------------|------------------:|------:|
| Germany      |        5\u202f069.0 | 22.9% |
| France       |        3\u202f640.2 | 16.5% |
"""


def _money(text):
    found = extract_mentions(text)
    return found[found["kind"] == "money"][["surface", "value", "unit", "qualifier"]]


def test_cells_under_a_dollar_millions_caption_are_money_and_the_prose_after_is_not():
    money = _money(NASA_TABLE)
    assert list(money["surface"]) == ["7,334.2", "3,907.6", "7,618.2", "7,783.1"]
    assert money["value"].tolist() == pytest.approx([7.3342e9, 3.9076e9, 7.6182e9, 7.7831e9])
    assert set(money["unit"]) == {"USD"} and set(money["qualifier"]) == {"unit from header"}


def test_cells_under_an_esa_column_header_are_euros_and_shares_stay_percentages():
    found = extract_mentions(ESA_TABLE)
    money = found[found["kind"] == "money"]
    assert money["value"].tolist() == pytest.approx([5.069e9, 3.6402e9])
    assert set(money["unit"]) == {"EUR"}
    assert found[found["kind"] == "percent"]["value"].tolist() == pytest.approx([0.229, 0.165])


@pytest.mark.parametrize(
    "header", ["(in millions)", "(see page 4.2)", "(2024 figures)", "(thousands of people)"]
)
def test_a_header_without_both_currency_and_scale_makes_no_money(header):
    text = f"Staff by site {header}\n\nParis   1,204.5\nDarmstadt   804.0\n"
    assert _money(text).empty


RESULTS_TABLE = """Condensed Statements of Operations (unaudited)
(in thousands of U.S. dollars, except per share data)

                          Three Months Ended Sept. 30
                              2025          2024
Revenue                     48,312        30,004
Operating loss             (40,619)      (40,160)
Gross margin (%)              23.5          11.0
"""


def test_a_long_caption_on_its_own_line_gives_the_unit_and_a_percent_row_stays_percent():
    found = extract_mentions(RESULTS_TABLE)
    money = found[found["kind"] == "money"]
    assert money["surface"].tolist() == ["48,312", "30,004", "40,619", "40,160"]
    assert money["value"].tolist() == pytest.approx([4.8312e7, 3.0004e7, 4.0619e7, 4.016e7])
    assert set(money["unit"]) == {"USD"}
    percent = found[found["kind"] == "percent"]
    assert percent[["surface", "value"]].values.tolist() == [["23.5", 0.235], ["11.0", 0.11]]


def test_a_long_bracket_inside_prose_is_not_a_caption():
    text = (
        "Revenue rose (in thousands of U.S. dollars, as the firm reports it) sharply.\n"
        "Revenue   48,312\n"
    )
    assert _money(text).empty


# --- forms from the twelfth blind corpus: Markdown tables, scaled codes, plain integers ------

MARKDOWN_TABLE = """2. Budget authority by account ($ in millions)

| Account              | FY 2025 Enacted* | FY 2026 Request | Change  |
|----------------------|-----------------:|----------------:|--------:|
| Science              |          7,334.2 |         3,907.6 |  -46.7% |
| Launch vehicles      |              296 |             303 |     +7  |
"""

SPACED_TABLE = """Annex 1 – Indicative annual profile (MEUR, 2025 e.c.)

| 2026    | 2027    | 2028    |
|---------|---------|---------|
| 1 012.4 | 1 031.0 | 1 049.2 |
"""


def test_a_markdown_table_with_many_bars_is_a_table_and_whole_cells_are_amounts():
    money = _money(MARKDOWN_TABLE)
    assert money[["surface", "value", "unit"]].values.tolist() == [
        ["7,334.2", 7.3342e9, "USD"],
        ["3,907.6", 3.9076e9, "USD"],
        ["296", 2.96e8, "USD"],
        ["303", 3.03e8, "USD"],
        ["7", 7e6, "USD"],  # the sign stays outside: amounts are never negative
    ]


def test_a_scaled_code_header_and_space_grouped_cells_and_years_naming_columns():
    money = _money(SPACED_TABLE)
    assert money[["surface", "value", "unit"]].values.tolist() == [
        ["1 012.4", 1.0124e9, "EUR"],
        ["1 031.0", 1.031e9, "EUR"],
        ["1 049.2", 1.0492e9, "EUR"],
    ]


@pytest.mark.parametrize(
    ("header", "value"),
    [("(TEUR)", 2.5e6), ("(KEURO)", 2.5e6), ("(k€)", 2.5e6), ("(bln rubles)", 2.5e12)],
)
def test_scaled_codes_and_abbreviated_scales_in_headers(header, value):
    money = _money(f"Results {header}\n\nRevenue        2,500.0     2,100.0\n")
    assert money["value"].iloc[0] == pytest.approx(value)


def test_a_whole_number_outside_a_markdown_cell_is_not_an_amount():
    assert _money("Results ($ millions)\n\nSatellites launched   12   14\n").empty


OECD_TABLE = """Table 2.1. Institutional space budgets, 2023

| Economy          | USD million, PPP | % of GDP | Change 2022-23 |
|------------------|-----------------:|---------:|---------------:|
| United States    | 73 196.5         | 0.269    | +3.6           |
| India (a)        | 4 458.6 *        | 0.034    | +5.5           |
"""


def test_markdown_column_names_give_the_unit_of_their_cells():
    found = extract_mentions(OECD_TABLE)
    cells = found[found["kind"].isin(["money", "percent"])]
    assert cells[["surface", "kind", "value", "unit"]].values.tolist() == [
        ["73 196.5", "money", pytest.approx(7.31965e10), "USD"],
        ["0.269", "percent", pytest.approx(0.00269), "percent"],
        ["4 458.6", "money", pytest.approx(4.4586e9), "USD"],  # a footnote mark after it
        ["0.034", "percent", pytest.approx(0.00034), "percent"],
    ]  # "Change 2022-23" names no unit: its cells are not figures


def test_a_column_that_counts_things_is_not_money_under_a_money_caption():
    text = (
        "ESA contracts by country (in thousands of euros)\n\n"
        "Country          Contracts    Value        Share (%)\n"
        "Germany          1,286        700,490      26.2\n"
    )
    cells = extract_mentions(text).query("kind in ['money', 'percent']")
    assert cells[["surface", "kind", "value"]].values.tolist() == [
        ["700,490", "money", pytest.approx(7.0049e8)],
        ["26.2", "percent", pytest.approx(0.262)],
    ]


def test_a_row_label_ending_in_its_unit_after_a_comma_gives_its_cells_that_unit():
    text = (
        "KEY FIGURES\n"
        "                            Q3 2025   Q3 2024\n"
        "Net sales, MSEK                45.3      38.1\n"
        "Equity/assets ratio, %         58.4      47.9\n"
    )
    cells = extract_mentions(text).query("kind in ['money', 'percent']")
    assert cells[["surface", "kind", "value", "unit"]].values.tolist() == [
        ["45.3", "money", pytest.approx(4.53e7), "SEK"],
        ["38.1", "money", pytest.approx(3.81e7), "SEK"],
        ["58.4", "percent", pytest.approx(0.584), "percent"],
        ["47.9", "percent", pytest.approx(0.479), "percent"],
    ]


def test_a_comma_inside_a_sentence_does_not_make_a_unit_row():
    text = "Sales rose, as expected, %  12.5 of the time.\n"
    assert extract_mentions(text).query("kind in ['money', 'percent']").empty
