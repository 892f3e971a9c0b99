"""Find calendar dates in text: "19 November 2012", "Nov. 19", "March 2022", "2022-06-13".

A date is reported as an ISO 8601 string as precise as the text allows
("2022-03", "2012-11-19") and a day range as an ISO interval
("2022-06-13/2022-06-14"). A date written without a year takes the year of the
article's publication ("next year" and "last year" shift it by one); with no
publication date it is written with ISO's unknown-year form ("--11-19").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analysis.lexicon import MONTH_PREPOSITIONS, MONTHS

# A month name at a position where one of _MONTH_PREFIXES starts.
_MONTH = re.compile(
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![A-Za-z])\.?"
)
_MONTH_PREFIXES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_ORD = r"(?:st|nd|rd|th)?"
_DAY_AFTER = re.compile(
    rf",?\s(?P<day>\d{{1,2}}){_ORD}(?:\s?[-–]\s?(?P<day2>\d{{1,2}}){_ORD})?(?![\d,.]\d)"
    r"(?:,?\s(?P<year>\d{4})(?!\d))?"
)
_YEAR_AFTER = re.compile(r",?\s(?:of\s)?(?P<year>\d{4})(?![\d,.]\d)")
_DAY_BEFORE = re.compile(
    rf"(?<![\d,.])(?P<day>\d{{1,2}}){_ORD}(?:\s?[-–]\s?(?P<day2>\d{{1,2}}){_ORD})?\s(?:of\s)?$"
)
_RELATIVE_YEAR = re.compile(r",?\s(?P<rel>next|last|this)\syear\b")
_DAY_LAST_CHARS = frozenset("0123456789thdsf")  # "19 Nov", "19th Nov", "2nd of Nov"
_PREPOSITIONS = frozenset(MONTH_PREPOSITIONS)
_SHORT_FULL = frozenset({"May", "June", "July"})  # full names of fewer than five letters
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)")
_NUMERIC_DATE = re.compile(r"(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<year>\d{4})(?!\d)")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: its span, ISO form and any qualifier word."""

    start: int
    end: int
    iso: str
    qualifier: str = ""


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if day is not None:
        try:
            dt.date(year or 2000, month, day)  # 2000 is a leap year: accepts 29 February
        except ValueError:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}" if year else f"--{month:02d}"


def _one_date(year, month, day, day2) -> str | None:
    first = _iso(year, month, day)
    if first is None or day2 is None:
        return first
    second = _iso(year, month, day2)
    return f"{first}/{second}" if second and day2 > day else first


def _int_or_none(digits: str | None) -> int | None:
    return int(digits) if digits else None


def find_dates(text: str, published: dt.date | None = None) -> list[DateMatch]:
    """Return every month-named date in `text`, in order of position."""
    found: list[DateMatch] = []
    for pos in _month_starts(text):
        m = _MONTH.match(text, pos)
        if m is None:
            continue  # "Mars", "Marches", "Augusta"
        start, end = m.span()
        if start and text[start - 1].isalpha():
            continue
        month = MONTHS[m.group().rstrip(".").lower()]
        day = day2 = year = None
        qualifier = ""
        before = (
            _DAY_BEFORE.search(text, max(0, start - 16), start)
            if start >= 2 and text[start - 2] in _DAY_LAST_CHARS
            else None
        )
        after = _DAY_AFTER.match(text, end)
        if before:
            day, day2 = int(before["day"]), _int_or_none(before["day2"])
            start = before.start()
            year_m = _YEAR_AFTER.match(text, end)
            if year_m:
                year, end = int(year_m["year"]), year_m.end()
        elif after:
            day, day2 = int(after["day"]), _int_or_none(after["day2"])
            year = _int_or_none(after["year"])
            end = after.end()
        else:
            year_m = _YEAR_AFTER.match(text, end)
            if year_m:
                year, end = int(year_m["year"]), year_m.end()
            else:
                word = m.group().rstrip(".")
                qualifier = _preposition(text, start)
                if not qualifier or (len(word) < 5 and word not in _SHORT_FULL):
                    continue  # a bare "May" or "Jan" is too often a verb or a name
        if year is None:
            year, qualifier = _infer_year(text, end, month, published, qualifier)
        iso = _one_date(year, month, day, day2)
        if iso is not None:
            found.append(DateMatch(start, end, iso, qualifier))
    return found


def _month_starts(text: str) -> list[int]:
    """Where a month name may start, in order. str.find looks for each three-letter
    prefix several times faster than a regular expression scans for all twelve."""
    starts = []
    for prefix in _MONTH_PREFIXES:
        i = text.find(prefix)
        while i >= 0:
            starts.append(i)
            i = text.find(prefix, i + 3)
    starts.sort()
    return starts


def _preposition(text: str, pos: int) -> str:
    """The preposition before a bare month ("in March", "in mid-March", "by the end of May")."""
    words = text[max(0, pos - 24) : pos].lower().replace("-", " ").split()
    words = [w for w in words if w not in ("the", "early", "mid", "late")]
    for size in (2, 1):
        phrase = " ".join(words[-size:])
        if len(words) >= size and phrase in _PREPOSITIONS:
            return phrase
    return ""


def _infer_year(text, end, month, published, qualifier):
    """The year of a date written without one, from the publication date."""
    if published is None:
        return None, qualifier
    year = published.year
    rel = _RELATIVE_YEAR.match(text, end)
    if rel:
        year += {"next": 1, "last": -1, "this": 0}[rel["rel"]]
    elif month - published.month > 6:
        year -= 1  # "in December", written in January, is most likely last December
    return year, (qualifier + " " if qualifier else "") + "year from publication date"


def match_numeric_date(text: str, pos: int) -> DateMatch | None:
    """Read an ISO (2022-06-13) or day-first/month-first numeric date starting at `pos`.

    A numeric date whose day and month cannot be told apart (both 12 or less)
    is kept at the precision of its year, with the qualifier "ambiguous day and month".
    """
    m = _ISO_DATE.match(text, pos)
    if m:
        iso = _iso(int(m["year"]), int(m["month"]), int(m["day"]))
        return DateMatch(pos, m.end(), iso) if iso else None
    m = _NUMERIC_DATE.match(text, pos)
    if not m:
        return None
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if a > 12 and b <= 12:
        iso = _iso(year, b, a)
    elif b > 12 and a <= 12 or a == b and a <= 12:
        iso = _iso(year, a, b)
    else:
        return DateMatch(pos, m.end(), f"{year:04d}", "ambiguous day and month")
    return DateMatch(pos, m.end(), iso) if iso else None
