"""Numbers written for people, through babel's CLDR locale data: "€1.2 billion", "65.7%".

Notebooks and narrative text format every figure here, so that a change of
locale or currency changes every sentence consistently.
"""

from __future__ import annotations

import math

from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_symbol,
)

DEFAULT_LOCALE = "en"


def format_amount(
    value: float, currency: str, *, locale: str = DEFAULT_LOCALE, digits: int = 1
) -> str:
    """An amount with its currency symbol and a scale word: ``€1.2 billion``, ``$350 million``.

    Amounts under a million are written in full (``€35,000``). A currency with no
    symbol in the locale keeps its ISO code (``RUB 2.1 billion``).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    symbol = get_currency_symbol(currency, locale=locale)
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if magnitude >= 1e6:
        number = format_compact_decimal(
            magnitude, format_type="long", locale=locale, fraction_digits=digits
        )
    else:
        number = format_decimal(round(magnitude), locale=locale)
    separator = " " if symbol == currency else ""
    return f"{sign}{symbol}{separator}{number}"


def format_share(value: float, *, locale: str = DEFAULT_LOCALE, digits: int = 1) -> str:
    """A fraction of one as a percentage: 0.657 -> ``65.7%`` (whole numbers lose the ``.0``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    pattern = (
        "#,##0%"
        if round(value * 100, digits) == round(value * 100)
        else "#,##0." + "0" * digits + "%"
    )
    return format_percent(value, format=pattern, locale=locale)


def format_number(value: float, *, locale: str = DEFAULT_LOCALE, digits: int = 3) -> str:
    """A plain number with locale separators and at most `digits` decimals: ``0.0056``."""
    return format_decimal(value, format="#,##0." + "#" * digits, locale=locale)
