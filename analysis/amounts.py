"""Read money amounts, percentages and years from the written numbers of a text.

Each number is found by one C-level scan; then the few characters around it
say what it is: a currency marker before ("€", "US$", "Rs", "EUR") or after
("euros", "USD", "€"), a scale ("billion", "bn", "crore"), a percent sign, a
second number that makes a range ("7-8 percent", "between €50m and €60m"), or
the words that make it a year ("after 2020", "FY2024"). Amounts written in
words ("half a billion euros") are found from their scale word instead.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from analysis import context as cx
from analysis import lexicon as lx
from analysis.dates import match_numeric_date
from analysis.numbers import NUMBER_PATTERN, parse_number, parse_number_words

_NAN = math.nan
# The unit of "99 cents" until the extractor knows whose cents (analysis.extract).
CENTS = "¢"
# The `percent` of an atom written in percentage points ("0.5 percentage point", "3pp"):
# a change, so "rose 0.5 percentage point to 4.6%" is two figures, never a range.
POINTS = "points"
_POINTS_WORD = re.compile(r"point|pp", re.IGNORECASE)
_WORD_RE = re.compile(r"[a-z]+")


@dataclass(slots=True)
class Finding:
    """A figure before sentence and hedge are attached (see analysis.extract.Mention)."""

    start: int
    end: int
    kind: str
    value: float
    low: float
    high: float
    unit: str
    qualifier: str = ""
    date: str = ""


@dataclass(slots=True)
class _Atom:
    """A number with what was found around it: currency, scale, percent sign."""

    start: int  # including a currency prefix
    end: int  # including scale, percent sign or currency word
    number: float
    currency: str | None
    scale: float | None
    percent: bool | str  # True, or POINTS for percentage points
    written: str  # the digits as written
    marker_scale: bool = False  # the scale came with the currency marker: "MEUR 80"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CODES = _alternation(lx.CURRENCY_CODES | set(lx.CODE_ALIASES))
_WORDLIKE_SYMBOLS = [p for p in lx.CURRENCY_PREFIXES if p[0].isalpha()]  # "Rs", "SFr", "Dh"
_SYMBOLS = (
    _alternation([p for p in lx.CURRENCY_PREFIXES if not p[0].isalpha()])
    + r"|(?<![A-Za-z])(?:"
    + _alternation(_WORDLIKE_SYMBOLS)
    + ")"
).replace(r"US\ \$", r"US\s\$")
_NUMBER = re.compile(NUMBER_PATTERN)
# A fast scan (ASCII digits: re tests a character set faster than Unicode's \d);
# _NUMBER then reads the number.
_DIGITS = re.compile(r"[0-9][0-9,.\u00a0\u202f\u2009]*")
_PREFIX_AT = re.compile(r"(?:" + _SYMBOLS + r"|" + _CODES + r")\s?(?=\d)")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


_Marker = tuple[str, str, "float | None", bool]  # marker, ISO code, scale, must start a word
# What follows a number: scale, percent (True, or POINTS), currency, where it ends.
_Tail = tuple["float | None", "bool | str", "str | None", int]


# Scale letters before a currency code: "MEUR 650", "k€ 350", "TEUR 38,500" (German
# Tausend), "KEURO".
_MARKER_SCALES = {"M": 1e6, "k": 1e3, "K": 1e3, "T": 1e3, "B": 1e9}


def _prefix_markers() -> dict[str, list[_Marker]]:
    """(marker, code, scale, must start a word) by the marker's last character, longest
    first: the longest marker that ends before the number is the one written."""
    entries: list[_Marker] = [
        (m, code, None, m[0].isalpha()) for m, code in lx.CURRENCY_PREFIXES.items()
    ]  # symbols: "$", "US$"; word-like ones ("Rs", "SFr") must start a word
    entries += [
        (scaled + code2, "EUR" if code2 == "€" else code2, scale, True)
        for scaled, scale in _MARKER_SCALES.items()
        for code2 in ("EUR", "EURO", "USD", "GBP", "CHF", "JPY", "NOK", "SEK", "DKK", "€")
    ]
    entries += [
        (c, lx.CODE_ALIASES.get(c, c), None, True) for c in (*lx.CURRENCY_CODES, *lx.CODE_ALIASES)
    ]
    by_last: dict[str, list[_Marker]] = {}
    seen: set[str] = set()
    for entry in sorted(entries, key=lambda e: -len(e[0])):
        if entry[0] not in seen:  # a symbol before a scaled code before a code
            seen.add(entry[0])
            by_last.setdefault(entry[0][-1], []).append(entry)
    return by_last


_MARKERS_BY_LAST = _prefix_markers()
# How a currency marker before a number ends: its one character ("$"), or its last two
# ("Rs", "US$", "EUR"). A cheap test first: "has 22" or "Mars 2020" skip the look-up.
_MARKERS = [entry[0] for entries in _MARKERS_BY_LAST.values() for entry in entries]
_PREFIX_SINGLE = frozenset(m for m in _MARKERS if len(m) == 1)
_PREFIX_PAIRS = frozenset(m[-2:] for m in _MARKERS if len(m) > 1)
_SPACE_OR_BREAK = r"(?:[^\S\n]{0,3}\n)?[^\S\n]{0,3}"  # text from PDFs breaks lines inside figures
_SPACED_NUMBER = re.compile(  # "€ 120 000 000", "NOK 11 240 315,20"
    r"\d{1,3}(?: \d{3})+(?:,\d{1,2}(?![\d,]\d)|(?![\d,]\d)(?:\.\d+)?)"
)
_CURRENCY_WORD = (
    r"(?:(?P<adj>"
    + _alternation([*lx.DOLLAR_ADJECTIVES, *lx.OTHER_ADJECTIVES])
    + r")\s)?(?P<word>"
    + _alternation(lx.CURRENCY_WORDS)
    + r")(?:s|es)?\b"
)
_SYMBOL_CODES = {p.lower(): code for p, code in lx.CURRENCY_PREFIXES.items()}
_POUNDS_OF = re.compile(r"\s+of\b")  # "500 pounds of fuel" is a weight
_SCALE_WORDS = _alternation([s for s in lx.SCALES if s not in lx.CURRENCY_ONLY_SCALES])
# Between a number and its unit: spaces, a line break, "&nbsp;", a character of no width.
_SP = r"(?:[^\S\n]{1,2}|[^\S\n]{0,3}\n[^\S\n]{0,3}|&nbsp;|[\u200b\u2060\ufeff])"
_PERCENT = r"(?:[%％]|&#37;|&percnt;|per(?:-\s*|\s)?cent\b|pct\b|pc\b|pp\b|percentage\s+points?\b)"
_SCALE_ONLY = re.compile(  # the scale part of _TAIL, for "€1.2 billion" with nothing after
    r"(?:" + _SP + r"|-)?(?P<scale>" + _SCALE_WORDS + r")(?![A-Za-z])", re.IGNORECASE
)
_TAIL = re.compile(
    r"(?:" + _SP + r"?(?P<escale>[MkKG])(?P<esym>€|EURO?\b))|"  # "900 M€", "850 k€", "KEURO"
    r"(?:-(?:odd|ish)(?![A-Za-z]))?"  # "20-odd percent", "10-ish percent": about ten
    r"(?:(?:(?:" + _SP + r"|-)?(?P<scale>" + _SCALE_WORDS + r")"
    r"(?:[\s-](?P<scale2>crores?|million|billion))?"
    r"|[ \u00a0]?(?P<letter>" + _alternation(lx.CURRENCY_ONLY_SCALES) + r"))(?![A-Za-z]))?"
    r"(?:(?P<pct>(?:" + _SP + r"|-)?" + _PERCENT + r")"
    r"|(?P<bps>(?:" + _SP + r"|-)?(?:bps|bp|basis[\s-]+points?)\b)"
    r"|(?P<cents>(?:" + _SP + r"|-)?(?:cents?|centimes?)\b|¢)"
    r"|(?:" + _SP + r"|-)(?i:" + _CURRENCY_WORD + r")"
    r"|" + _SP + r"?(?-i:(?P<code>" + _CODES + r"))\b"
    r"|" + _SP + r"?(?P<sym>[€$£¥₽₹￥₦₱₫฿₸₴]|zł|Kč|(?-i:Ft)\b|kr\b))?",
    re.IGNORECASE,
)
# What _TAIL can read after a single space starts with one of these (lower case, first
# three letters, or the whole of a shorter word): a number followed by any other word
# ("2022 the", "20 member states") skips the expression, which costs microseconds.
_TAIL_WORD_STARTS = frozenset(
    w.lower()[:3]
    for w in (
        *(s for s in lx.SCALES if s not in lx.CURRENCY_ONLY_SCALES),
        *("m€", "k€", "g€", "meur", "keur", "geur"),  # ESA's "900 M€", "650 MEUR"
        *("per", "pct", "pc", "pp", "bps", "bp", "basis", "zł", "cent", "kč", "ft", "kr"),
        *lx.CURRENCY_WORDS,
        *lx.DOLLAR_ADJECTIVES,
        *lx.OTHER_ADJECTIVES,
        *lx.CURRENCY_CODES,
        *lx.CODE_ALIASES,
    )
)
# The scale abbreviations read only after a currency, by length: {1: {"k", "m", "b"}, ...}.
_SHORT_SCALES = {n: {s for s in lx.CURRENCY_ONLY_SCALES if len(s) == n} for n in (1, 2, 3)}
_DATE_SEPARATORS = frozenset("-/.")
_SIGNS_AFTER_SPACE = frozenset("%％€$£¥₽₹￥₦₱₫฿₸₴¢&")  # "5 %", "5 €", "5 &#37;"
_NO_TAIL = frozenset(",.;:)]}\"'!?") | {""}  # characters no scale, percent or currency follows
_SEP_FIRST = frozenset(" \t\n-–—‒&tao\u00a0")  # first characters of _RANGE_SEP
_SEP_AFTER_SPACE = frozenset("-–—‒&tao")  # after one space: these, or more white space
_FISCAL_SHORT = re.compile(r"\bFY ?$")
_DIGIT_GROUP_BEFORE = re.compile(r"\d[ .]$")  # "+1 202 555 2019": a phone number, not a year
_RANGE_SEP = re.compile(
    _SPACE_OR_BREAK + r"(?:-|–|—|‒|&ndash;|&#8211;|to|and|or)" + _SPACE_OR_BREAK
)
_PENCE = re.compile(r"p(?![A-Za-z0-9])")  # "112p", in an article that also uses £
_YEAR_TAIL = re.compile(r"(?P<decade>s\b)|[-–/](?P<short>\d\d)(?!\d)")
_MEASURE_AFTER = re.compile(
    r"\s?(?:km|kilomet|met(?:re|er)s?\b|m\b|kg|kilogram|tonnes|tons|miles|feet|ft\b|people|"
    r"satellites|employees|staff|units|hours|days|Hz|MHz|GHz|°)",
    re.IGNORECASE,
)
_WORD_SEP = r"(?:[\s-]+and[\s-]+|\s+of\s+|[\s-]+)"  # "two-and-a-half", "three quarters of a"
_FIRST_NUMBER_WORDS = [
    *lx.NUMBER_WORDS,
    *("hundred", "thousand", "half", "quarter", "quarters", "a", "an", "point"),
]
_WORD_NUMBER = re.compile(  # the words of a number, ending where a scale or currency starts
    r"\b(?:"
    + _alternation(_FIRST_NUMBER_WORDS)
    + ")"
    + _WORD_SEP
    + r"(?:\b(?:"  # later words may be larger scales: "one million two hundred thousand"
    + _alternation([*_FIRST_NUMBER_WORDS, "million", "billion", "trillion"])
    + ")"
    + _WORD_SEP
    + r")*$",
    re.IGNORECASE,
)
_LARGE_SCALE_WORD = re.compile(r"million|billion|trillion", re.IGNORECASE)
_WORD_SCALE = re.compile(
    r"(?:(?P<scale>hundred|thousand|million|billion|trillion|lakh|crore)s?|(?P<pct>per\s?cent))"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_NUMBER_WORDS = _alternation([*lx.NUMBER_WORDS, "hundred", "thousand"])
_WORD_RANGE_BEFORE = re.compile(  # "seven to ", "twenty-five - ": the low end of a range
    r"(?<![\w-])(?P<low>(?:(?:" + _NUMBER_WORDS + r")[\s-]+)*(?:" + _NUMBER_WORDS + r"))"
    r"\s*(?:to|or|-|–)\s*$",
    re.IGNORECASE,
)
_VAGUE = frozenset({"several", "few", "many", "dozens", "numerous", "multiple", "hundreds"})
_COUNTED_AFTER_A = ("half", "quarter", "hundred", "thousand")  # "a" is part of "a hundred"
_LEADING_WORD = re.compile(r"(?P<word>and|of|an?)\s+", re.IGNORECASE)
_WORD_ANCHORS = ("illion", "housand", "undred", "akh", "rore", "er cent", "ercent")


# --- around one number -------------------------------------------------------------------


def _prefix_currency(text: str, pos: int) -> tuple[str | None, int, float | None]:
    """Currency marker ending at `pos` (a space allowed, or the spaces of a table column:
    "$  88,419"), where it starts, and its scale.

    The scale is set only by ESA-style prefixes such as "MEUR 650" (650 million euros).
    """
    end = pos - 1 if pos and (text[pos - 1].isspace() or text[pos - 1] in _INVISIBLE) else pos
    while end < pos and end > max(0, pos - 3) and text[end - 1] == " ":
        end -= 1  # up to two more
    if end == pos and text[pos - 1 : pos] == ";" and text[pos - 6 : pos] == "&nbsp;":
        end = pos - 6  # scraped pages: "NIS&nbsp;300 million"
    if (
        text[end - 1 : end] not in _PREFIX_SINGLE
        and text[max(0, end - 2) : end] not in _PREFIX_PAIRS
    ):
        return None, pos, None  # cheap test first: most numbers have no currency before them
    for marker, code, scale, bounded in _MARKERS_BY_LAST.get(text[end - 1 : end], ()):
        start = end - len(marker)
        written = start >= 0 and (
            text[start:end] == marker or marker == "US $" and _is_us_space_dollar(text, start)
        )
        if not written:
            continue
        if bounded and start and text[start - 1] in _ASCII_LETTERS:
            continue  # "Mars 5", "CHEUR": a word-like marker must start a word
        return code, start, scale
    return None, pos, None


def _is_us_space_dollar(text: str, start: int) -> bool:
    return text[start : start + 2] == "US" and text[start + 2].isspace() and text[start + 3] == "$"


def _tail(text: str, pos: int, has_currency: bool, pence: bool = False) -> _Tail:
    """Scale, percent sign and currency after a number ending at `pos`; and where they end.

    With `pence` (the article uses £), "112p" is 1.12 pounds.
    """
    percent_end = _plain_percent(text, pos)
    if percent_end:
        return None, True, None, percent_end  # "19%", "45 percent": the commonest tails
    if _nothing_follows(text, pos):
        return None, False, None, pos  # "2022," "2022 the": nothing here can be a unit
    scale = _SCALE_ONLY.match(text, pos)
    if scale and _nothing_follows(text, scale.end()):
        return lx.SCALES[scale["scale"].lower()], False, None, scale.end()  # "€1.2 billion for"
    return _read_tail(text, pos, has_currency, pence)


def _plain_percent(text: str, pos: int) -> int:
    """Where "%", " percent" or " per cent" ends when it starts at `pos` and ends a word,
    else 0. A quick test before _TAIL, which reads these the same way."""
    if text[pos : pos + 1] == "%":
        return pos + 1
    if text[pos : pos + 1] in _INVISIBLE and text[pos + 1 : pos + 2] == "%":
        return pos + 2  # "15\u2060%": a word joiner before the sign
    for word in _PLAIN_PERCENT_WORDS:
        if text.startswith(word, pos):
            end = pos + len(word)
            after = text[end : end + 1]
            return end if not (after.isalnum() or after == "_") else 0
    return 0


_PLAIN_PERCENT_WORDS = (" percent", " per cent")
# Characters of no width that scraped text leaves inside figures: zero-width space, word
# joiner, byte-order mark.
_INVISIBLE = frozenset("\u200b\u2060\ufeff")


def _nothing_follows(text: str, pos: int) -> bool:
    """True when no scale, percent sign or currency can start at `pos`: punctuation, the
    end, or one space and a word or sign that starts none of them. A quick test before
    _TAIL."""
    after = text[pos : pos + 1]
    if after in _NO_TAIL:
        return True
    if after != " ":
        return False
    first = text[pos + 1 : pos + 2]
    if not first.isalpha():  # "2022 (", "5 –": a unit after a space starts with a letter,
        return first not in _SIGNS_AFTER_SPACE and not first.isspace()  # a sign or "&nbsp;"
    word = text[pos + 1 : pos + 4].lower()
    if any(word[:n] in _SHORT_SCALES[n] and not word[n : n + 1].isalpha() for n in (1, 2, 3)):
        return False  # "EUR 96 m", "R$ 340 mi": a scale abbreviation after a space
    return word not in _TAIL_WORD_STARTS and word[:2] not in _TAIL_WORD_STARTS


def _read_tail(text: str, pos: int, has_currency: bool, pence: bool) -> _Tail:
    """:func:`_tail` by the full expression, without the quick tests before it."""
    m = _TAIL.match(text, pos)
    assert m is not None  # every part of _TAIL is optional
    scale: float | None = None
    end = pos
    if m["escale"]:
        return lx.SCALES[m["escale"].lower()], False, "EUR", m.end()
    if m["bps"]:
        return 0.01, True, None, m.end()  # basis points: 85bps is 0.85 percent
    if pence and _PENCE.match(text, pos):
        return 0.01, False, "GBP", pos + 1
    if m["scale"]:
        scale, end = lx.SCALES[m["scale"].lower()], m.end("scale")
        if m["scale2"]:  # "lakh crore", "thousand crore", "thousand million"
            scale, end = scale * lx.SCALES[m["scale2"].lower().rstrip("s")], m.end("scale2")
    elif m["letter"] and has_currency:
        scale, end = lx.SCALES[m["letter"].lower()], m.end("letter")
    elif m["letter"]:
        return None, False, None, pos  # "23m" with no currency: metres, not millions
    if m["cents"]:  # "99 cents": hundredths of a currency named later (analysis.extract)
        return (scale or 1.0) * 0.01, False, CENTS, m.end()
    currency: str | None = None
    percent: bool | str = bool(m["pct"])
    if percent and _POINTS_WORD.search(m["pct"]):
        percent = POINTS  # truthy, but not a range partner of a plain percentage
    if m["word"]:
        word, adj = m["word"].lower(), (m["adj"] or "").lower()
        currency = lx.CURRENCY_WORDS[word]
        if word in lx.CURRENCY_WORD_FACTORS:  # "1,200 billion tomans": in rials
            scale = (scale or 1.0) * lx.CURRENCY_WORD_FACTORS[word]
        if word == "pound" and _POUNDS_OF.match(text, m.end()):
            return scale, percent, None, end
        if word == "dollar" and adj:
            currency = lx.DOLLAR_ADJECTIVES.get(adj, currency)
        elif adj and lx.OTHER_ADJECTIVES.get(adj):  # "Danish kroner", "Philippine pesos"
            currency = lx.OTHER_ADJECTIVES[adj]
    elif m["code"]:
        currency = lx.CODE_ALIASES.get(m["code"], m["code"])
    elif m["sym"]:  # matched ignoring case: "ZŁ", "kč"
        currency = _SYMBOL_CODES[m["sym"].lower()]
    if currency or percent:
        end = m.end()
    return scale, percent, currency, end


def _atom(
    text: str,
    num: re.Match,
    currency: str | None,
    start: int,
    *,
    scale: float | None = None,
    pence: bool = False,
    glued_scale: bool | None = None,
) -> _Atom:
    has_currency = currency is not None if glued_scale is None else glued_scale
    tail_scale, percent, post_currency, end = _tail(
        text, num.end(), has_currency, pence and currency is None
    )
    written = num.group()
    if (
        post_currency
        and currency is None
        and tail_scale is None
        and looks_like_year(written)
        and "\n" in text[num.end() : end]
    ):  # "2023\nUSD million (current prices)": a year ends the line, a unit starts the next
        post_currency, end = None, num.end()
    return _Atom(
        start,
        end,
        parse_number(written),
        currency or post_currency,
        scale or tail_scale,
        percent,
        written,
    )


def _number_at(
    text: str, pos: int, currency: str | None, num: re.Match[str] | None = None
) -> re.Match[str]:
    """The number at `pos`; digit groups split by plain spaces only beside a currency or scale."""
    if num is None:
        num = _NUMBER.match(text, pos)
        assert num is not None  # callers have seen a number start at `pos`
    if text[num.end() : num.end() + 1] != " " or not text[num.end() + 1 : num.end() + 2].isdigit():
        return num  # the common case: no digit group after a space
    spaced = _SPACED_NUMBER.match(text, pos)
    if spaced is None or spaced.end() <= num.end():
        return num
    if currency is not None or any(_tail(text, spaced.end(), False)[:3]):
        return spaced
    return num


def _second_atom(text: str, pos: int, first: _Atom, pence: bool) -> _Atom | None:
    """The second number of a range, starting at `pos` (after "-", "to" or "and")."""
    currency, start = None, pos
    m = _PREFIX_AT.match(text, pos)
    if m:
        currency = _prefix_currency(text, m.end())[0]
        pos = m.end()
    elif lx.LETTER_CURRENCIES.get(text[pos : pos + 1]) == first.currency and first.currency:
        currency, pos = first.currency, pos + 1  # "P3 billion to P4 billion"
    if _NUMBER.match(text, pos) is None:
        return None
    num = _number_at(text, pos, currency or first.currency)
    return _atom(
        text, num, currency, start, pence=pence, glued_scale=bool(currency or first.currency)
    )


def looks_like_year(written: str) -> bool:
    """True for four digits between 1800 and 2100, as written: "2024"."""
    return len(written) == 4 and written.isdigit() and 1800 <= int(written) <= 2100


def _is_year(atom: _Atom) -> bool:
    return (
        atom.currency is None
        and atom.scale is None
        and not atom.percent
        and looks_like_year(atom.written)
    )


def _money_or_percent(
    atom: _Atom, start: int, qualifier: str, low_atom: _Atom | None = None
) -> Finding:
    """A money or percent finding for one atom, or for the range low_atom..atom."""
    first = low_atom or atom
    scale = atom.scale or 1.0
    high = _scaled(atom.number, scale)
    low = _scaled(first.number, first.scale or scale)
    if low > high:
        low, high = high, low
    if atom.percent or first.percent:  # divide last, so 7.5 / 100 is exactly 0.075
        return Finding(
            start,
            atom.end,
            "percent",
            (low + high) / 2 / 100,
            low / 100,
            high / 100,
            "percent",
            qualifier,
        )
    currency = atom.currency or first.currency or ""  # never empty: one of them has a unit
    return Finding(start, atom.end, "money", (low + high) / 2, low, high, currency, qualifier)


def _scaled(number: float, scale: float) -> float:
    """`number` times `scale`; a fraction divides instead, so 1,420 agorot are exactly 14.2."""
    return number * scale if scale >= 1 else number / round(1 / scale)


def _has_unit(atom: _Atom) -> bool:
    return bool(atom.currency or atom.percent)


def _range_partners(first: _Atom, second: _Atom) -> bool:
    if first.currency and second.currency and first.currency != second.currency:
        return False
    if _has_unit(first) and _has_unit(second) and first.percent != second.percent:
        return False  # "rose 2.6% to ¥2,474.5": a percent and an amount
    if first.percent and second.percent and (first.scale or 1.0) != (second.scale or 1.0):
        return False  # "widened 85bps to 9.1pc": basis points and a percentage
    return _has_unit(first) or _has_unit(second)


# --- the passes ---------------------------------------------------------------------------


def in_spans(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when `pos` lies inside one of `spans`: findings in order, not overlapping,
    and `starts` their starts (for bisection)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][1] > pos


def read_numbers(text: str, taken: list[tuple[int, int]]) -> list[Finding]:
    """Every money amount, percent and year written with digits, outside the spans `taken`."""
    found: list[Finding] = []
    starts = [s for s, _ in taken]
    consumed = 0
    pence = "£" in text
    for run in _DIGITS.finditer(text):
        s = run.start()
        if s < consumed:
            continue
        if starts and in_spans(s, taken, starts):
            continue  # inside a date
        prev = text[s - 1] if s else " "
        if prev == "%":
            continue  # "%2020%25": the escapes of a web address, not figures
        if prev.isdigit() or (prev in ".," and s > 1 and text[s - 2].isdigit()):
            continue  # the tail of a version number such as "2.1.3"
        num = _NUMBER.match(text, s)
        assert num is not None  # every run of digits starts a number
        if text[num.end() : num.end() + 1] in _DATE_SEPARATORS:
            numeric_date = match_numeric_date(text, s)
            if numeric_date:
                found.append(
                    Finding(
                        s,
                        numeric_date.end,
                        "date",
                        _NAN,
                        _NAN,
                        _NAN,
                        "date",
                        numeric_date.qualifier,
                        numeric_date.iso,
                    )
                )
                consumed = numeric_date.end
                continue
        currency, start, prefix_scale = _prefix_currency(text, s)
        if currency is None and prev in "-−" and s > 1 and text[s - 2] == " ":
            currency, start, prefix_scale = _prefix_currency(text, s - 1)  # "MSEK -4.2"
            start = s if currency is None else start
        if (
            currency == "EUR"
            and text[start : start + 4] in ("Euro", "EURO")
            and looks_like_year(num.group())
        ):
            currency, start, prefix_scale = None, s, None  # "Euro 2024": the championship
        if currency is None and prev in lx.LETTER_CURRENCIES and _letter_currency(text, s, num):
            currency, start = lx.LETTER_CURRENCIES[prev], s - 1  # "R450 million"
        if currency is None and (
            (prev.isalpha() and not cx.glued_fiscal_year(text, s)) or cx.is_designation(text, s)
        ):
            continue  # "H3", "A320", "Soyuz-2", "COVID-19"
        if len(num.group()) == 2 and _FISCAL_SHORT.search(text, max(0, s - 12), s):
            year = 2000.0 + int(num.group())  # "FY24", "FY 24"
            found.append(
                Finding(
                    s - 2 if prev == "Y" else s - 3,
                    num.end(),
                    "year",
                    year,
                    year,
                    year,
                    "year",
                    "fiscal year",
                )
            )
            consumed = num.end()
            continue
        if (
            prev == "("
            and currency is None
            and text[num.end() : num.end() + 1] == ")"
            and not looks_like_year(num.group())
        ):
            outer, outer_start, outer_scale = _prefix_currency(text, s - 1)
            if outer is not None:  # "$(0.31)": an accounting negative, bracket and all
                found.append(_accounting_negative(text, num, outer, outer_start, outer_scale))
                consumed = found[-1].end
                continue
        num = _number_at(text, s, currency, num)
        atom = _atom(text, num, currency, start, scale=prefix_scale, pence=pence)
        atom.marker_scale = prefix_scale is not None
        consumed = _read_atom(text, atom, found, pence)
    return found


def _letter_currency(text: str, s: int, num: re.Match[str]) -> bool:
    """True for "R450 million": a lone letter glued to a number that a scale follows."""
    if s >= 2 and text[s - 2].isalpha():
        return False  # "GR450", "SR-71": the letter ends a word or a name
    scale, percent, currency, _ = _tail(text, num.end(), True)
    return scale is not None and not percent and currency is None


def _accounting_negative(
    text: str, num: re.Match[str], currency: str, start: int, scale: float | None
) -> Finding:
    """ "$(0.31)", "€ (5.2)": the amount in brackets after its currency, a loss."""
    value = parse_number(num.group()) * (scale or 1.0)
    return Finding(start, num.end() + 1, "money", value, value, value, currency, "minus")


def _read_atom(text: str, atom: _Atom, found: list[Finding], pence: bool = False) -> int:
    """Turn one atom, and a range partner after it, into findings; return where they end."""
    start = atom.start
    sep = _range_sep(text, atom.end)
    second = None
    if sep:
        word = sep.group().strip()
        opener, opener_pos = cx.range_opener(text, start) if word in ("and", "to") else ("", start)
        if not (word == "and" and opener != "between"):
            second = _second_atom(text, sep.end(), atom, pence)
        if second is not None and _is_year(atom) and len(second.written) == 2 and word == "-":
            second = None  # "2024-25": one fiscal year, read by _add_year
        if second is not None and word == "or" and _is_year(atom):
            second = None  # "in 2023 or 2024": two years, not a span of years
    if second is not None:
        atom, second = _shared_scale(atom, second)
        if _is_year(atom) and _is_year(second) and second.number >= atom.number:
            low, high = atom.number, second.number
            _add_year(text, atom, found, opener or cx.year_qualifier(text, opener_pos), low, high)
            _add_year(text, second, found, opener, low, high)
            return second.end
        if word not in ("to", "and", "or") and not (
            _has_unit(atom) or _range_partners(atom, second)
        ):
            return second.end  # "123-4567": a phone number or a score, not a figure
        low = atom.number * (atom.scale or second.scale or 1.0)
        ascending = low <= second.number * (second.scale or 1.0)
        is_change = word == "to" and (
            (opener == "from" and cx.follows_change_word(text, opener_pos))
            or (
                _has_unit(atom)
                and cx.follows_change_word(text, start, words=2)
                and cx.words_before(text, start, 1) != ("by",)  # "decline by 10% to 15%"
            )
        )
        similar = 0.05 <= low / max(second.number * (second.scale or 1.0), 1e-12) <= 20
        if is_change and not _has_unit(atom) and _has_unit(second) and similar:
            inherited = _Atom(
                atom.start,
                atom.end,
                atom.number,
                second.currency,
                atom.scale or second.scale,
                second.percent,
                atom.written,
            )
            found.append(_money_or_percent(inherited, start, _amount_qualifier(text, start, start)))
            return atom.end  # "rose from 5 to 7 percent": two figures; the second is read next
        if _range_partners(atom, second) and ascending and not is_change:
            qualifier = f"{_amount_qualifier(text, start, opener_pos)} {opener}".strip()
            found.append(_money_or_percent(second, start, qualifier, low_atom=atom))
            return second.end
        if _bare(text, second) and ascending and not is_change and not _has_unit(atom):
            qualifier = f"{_amount_qualifier(text, start, opener_pos)} {opener}".strip()
            found.append(_as_bare(_money_or_percent(second, start, qualifier, low_atom=atom)))
            return second.end  # "430 to 460 million": in the currency of the story
    if _is_price_base_year(text, atom):
        _add_year(text, atom, found, "prices of", atom.number, atom.number)
        return found[-1].end
    if _has_unit(atom):
        opener, opener_pos = cx.range_opener(text, start)
        found.append(_money_or_percent(atom, start, _amount_qualifier(text, start, opener_pos)))
        prior = _comparative(text, atom)
        if prior is not None:  # "SEK 45.3 million (38.1)": last year's figure, same unit
            found.append(_money_or_percent(prior, prior.start, ""))
            return prior.end
        return atom.end
    if (
        _is_year(atom)
        and not _MEASURE_AFTER.match(text, atom.end)
        and not _DIGIT_GROUP_BEFORE.search(text, max(0, start - 3), start)
    ):
        _add_year(text, atom, found, cx.year_qualifier(text, atom.start), atom.number, atom.number)
        return found[-1].end
    if _bare(text, atom):
        opener, opener_pos = cx.range_opener(text, start)
        qualifier = _amount_qualifier(text, start, opener_pos)
        found.append(_as_bare(_money_or_percent(atom, start, qualifier)))
    return atom.end


# A large amount with no currency ("3.6 billion", "ten million"): money in the currency
# of the amount just before it, when one stands in the same or the previous sentence
# (analysis.extract); never when a noun follows ("8 billion people", "4.5 billion years").
BARE = "bare amount"
_WORD_AFTER = re.compile(r"[^\S\n]*(?P<word>[A-Za-z]*)")
_BARE_FOLLOWERS = frozenset(
    "for in over to this that last next and or a an the from on by per is was were will would "
    "be been of at into across each a year annually now so then more less plus extra already "
    "still total overall through until before after since between with up down back instead "
    "which we they he she it you i but".split()
)


def _bare(text: str, atom: _Atom) -> bool:
    """True for a number with a scale of a million or more, no currency, no percent sign,
    and no noun after it."""
    if atom.currency or atom.percent or atom.scale is None or atom.scale < 1e6:
        return False
    after = _WORD_AFTER.match(text, atom.end)
    if after is not None and after["word"] and after["word"].lower() not in _BARE_FOLLOWERS:
        return False  # "8 billion people"
    before = text[max(0, atom.start - 60) : atom.start].lower()
    return not any(noun in before for noun in _COUNTED_BEFORE)  # "shares of 500 million"


# Nouns that say a number shortly after them counts things, not money.
_COUNTED_BEFORE = (
    "share",
    "people",
    "population",
    "user",
    "viewer",
    "subscriber",
    "inhabitant",
    "passenger",
    "download",
    "visitor",
    "km",
    "kilomet",
    " miles",
    "tonne",
    " stars",
)


def _as_bare(finding: Finding) -> Finding:
    finding.kind = BARE
    return finding


# The comparative figure in brackets after an amount, in Nordic reports: "SEK 45.3 million
# (38.1)", "41 percent (36)". Not a footnote mark ("(3)") nor a year ("(2023)").
_COMPARATIVE = re.compile(r" ?\([-−]?(?P<n>" + NUMBER_PATTERN + r")\)")


def _comparative(text: str, atom: _Atom) -> _Atom | None:
    """The number in brackets right after `atom`, in its unit and scale; None if none."""
    if text[atom.end : atom.end + 1] != "(" and text[atom.end : atom.end + 2] != " (":
        return None
    m = _COMPARATIVE.match(text, atom.end)
    if m is None or len(m["n"]) == 1 or looks_like_year(m["n"]):
        return None
    number = parse_number(m["n"])
    return _Atom(m.start("n"), m.end("n"), number, atom.currency, atom.scale, atom.percent, m["n"])


def _shared_scale(first: _Atom, second: _Atom) -> tuple[_Atom, _Atom]:
    """The two ends of a possible range, with the scale one end gives the other.

    The first end takes the second's scale ("$8-11 billion") unless both are written in
    full with their own currency ("between £250,000 and £5m"); the second takes a scale
    that came with the first's currency marker ("between MEUR 80 and 95").
    """
    if first.scale is None and second.scale is not None and first.currency and second.currency:
        if first.number >= 1000:
            first = _with_scale(first, 1.0)
    elif (
        second.scale is None
        and first.marker_scale
        and second.currency is None
        and not second.percent
        and not looks_like_year(second.written)
    ):
        second = _with_scale(second, first.scale)
    return first, second


def _with_scale(atom: _Atom, scale: float | None) -> _Atom:
    return _Atom(
        atom.start, atom.end, atom.number, atom.currency, scale, atom.percent, atom.written
    )


def _range_sep(text: str, pos: int) -> re.Match | None:
    """The "-", "to" or "and" of a range starting at `pos`, tested cheaply first."""
    first = text[pos : pos + 1]
    if first not in _SEP_FIRST:
        return None
    if first == " ":
        second = text[pos + 1 : pos + 2]
        if second not in _SEP_AFTER_SPACE and not second.isspace():
            return None  # "2022 the": a space, then neither a dash nor "to"/"and"
    return _RANGE_SEP.match(text, pos)


def _is_price_base_year(text: str, atom: _Atom) -> bool:
    """True for "in 2020 dollars", "FY2024 $", "fiscal 2021 dollars", "(2024 €)": a year
    naming the prices, not an amount of 2,020."""
    return (
        atom.currency is not None
        and atom.scale is None
        and not atom.percent
        and text[atom.start].isdigit()  # the currency comes after
        and len(atom.written) == 4
        and atom.written.isdigit()
        and 1800 <= atom.number <= 2100
        and (
            cx.words_before(text, atom.start, 1) in _PRICE_YEAR_WORDS
            or cx.glued_fiscal_year(text, atom.start)
            or text[atom.start - 1 : atom.start] == "("
        )
    )


_PRICE_YEAR_WORDS = {(w,) for w in ("in", "to", "constant", "fiscal", "real", "of")}


def _amount_qualifier(text: str, start: int, opener_pos: int) -> str:
    """Qualifier right before the amount, else before its "from"/"between"; or "minus"."""
    qualifier = cx.amount_qualifier(text, start)
    if not qualifier and opener_pos != start:
        qualifier = cx.amount_qualifier(text, opener_pos)
    if not qualifier and cx.has_minus(text, start):
        qualifier = "minus"
    return qualifier


def _add_year(
    text: str, atom: _Atom, found: list[Finding], qualifier: str, low: float, high: float
) -> None:
    start = atom.start
    if cx.glued_fiscal_year(text, start):
        start, qualifier = start - 2, "fiscal year"
    elif qualifier == "fiscal year":
        words = text[max(0, start - 16) : start]
        cut = max(words.rfind("FY"), words.lower().rfind("fiscal"))
        start = start - len(words) + cut if cut >= 0 else start
    end = atom.start + len(atom.written)
    tail = _YEAR_TAIL.match(text, end) if text[end : end + 1] in "s-–/" else None
    if tail and tail["decade"]:
        end, high, qualifier = tail.end(), atom.number + 9, qualifier or "decade"
    elif tail and tail["short"] and low == high:
        next_year = atom.number // 100 * 100 + int(tail["short"])
        if next_year == atom.number + 1:  # "2024-25": a fiscal year written in two parts
            end, high = tail.end(), next_year
    found.append(Finding(start, end, "year", atom.number, low, high, "year", qualifier))


def read_word_amounts(text: str, taken: list[tuple[int, int]]) -> list[Finding]:
    """Amounts and percents written in words: "two billion dollars", "five per cent",
    "one million two hundred thousand euros", "twenty-five dollars"."""
    found: list[Finding] = []
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    anchors = sorted({i - 1 for w in _WORD_ANCHORS for i in _find_all(text, w)})
    for pos in anchors:
        if pos < 1 or in_spans(pos - 1, spans, starts) and in_spans(pos, spans, starts):
            continue  # "€1.2 million": the scale of an amount read with its digits
        scale_m = _WORD_SCALE.match(text, pos - 1) or _WORD_SCALE.match(text, pos)
        if scale_m is None:
            continue
        s = scale_m.start()
        if in_spans(s, spans, starts):
            continue  # already read with its digits
        words = _number_words_before(text, s)
        if words is None:
            continue
        number = parse_number_words(words.group())
        if number is not None and scale_m["scale"] and _LARGE_SCALE_WORD.search(words.group()):
            whole = parse_number_words(words.group() + scale_m["scale"])  # "one million two
            scale_word = scale_m["scale"].lower()  # hundred thousand": in thousands, 1200
            number = None if whole is None else whole / lx.SCALES.get(scale_word, 100.0)
        tail: _Tail = (1.0, True, None, scale_m.end()) if scale_m["pct"] else _tail(text, s, False)
        finding = _word_amount(text, words, number, tail)
        if finding is not None:
            found.append(finding)
    found += _small_word_amounts(text, spans, starts)
    return found


def _number_words_before(text: str, pos: int) -> re.Match[str] | None:
    """The number words that end at `pos` ("two hundred " before "million"), or None."""
    if _last_word(text, pos) not in _LAST_NUMBER_WORDS:
        return None  # "the dollar", "€5 million": a quick test before the expression
    words = _WORD_NUMBER.search(text, max(0, pos - 48), pos)
    if words is None or text[words.start() - 1 : words.start()].isdigit():
        return None
    return words


# What the words of a number can end with before a scale or a currency ("two hundred",
# "half a", "three quarters of a", "five and"): _WORD_NUMBER's words and separators.
_LAST_NUMBER_WORDS = frozenset(
    {w.lower() for w in (*_FIRST_NUMBER_WORDS, "million", "billion", "trillion", "and", "of")}
)


def _last_word(text: str, pos: int) -> str:
    """The letters of the word before `pos`, past white space and hyphens, in lower case."""
    end = pos
    while end > max(0, pos - 48) and (text[end - 1].isspace() or text[end - 1] == "-"):
        end -= 1
    start = end
    while start > max(0, end - 16) and text[start - 1].isalpha():
        start -= 1
    return text[start:end].lower()


def _word_amount(
    text: str, words: re.Match[str], number: float | None, tail: _Tail
) -> Finding | None:
    """The finding for the number `words` (read as `number`) with its scale, percent sign
    or currency `tail`; None when it is no amount ("several hundred million euros")."""
    s = words.end()
    between = None
    if number is None:  # "between five and six percent": two numbers, not one
        between = _words_between(text, words)
        if between is None:
            return None
        number = between[1]
    start = words.start()
    lead = _LEADING_WORD.match(text, start, s)
    if lead and (
        lead["word"].lower() in ("and", "of")
        or parse_number_words(text[lead.end() : s]) is not None
        and not text[lead.end() : s].lower().startswith(_COUNTED_AFTER_A)
    ):
        start = lead.end()  # "and two billion", "a five percent cut"
    scale, percent, currency, end = tail
    if scale is None:
        return None
    bare = currency is None and not percent
    if bare and not _bare(text, _Atom(start, end, number, None, scale, False, "")):
        return None
    before = cx.words_before(text, start, 1)
    if before and before[0] in _VAGUE:
        return None  # "several hundred million euros": no figure
    low = _word_range_start(text, start, number) if between is None else (start, between[0])
    if low is not None:  # "seven to eight percent", "between five and six percent"
        start, low_number = low
        low_atom = _Atom(start, start, low_number, None, scale, percent, "")
        atom = _Atom(start, end, number, currency, scale, percent, "")
        qualifier = "between" if between else cx.amount_qualifier(text, start)
        finding = _money_or_percent(atom, start, qualifier, low_atom=low_atom)
        return _as_bare(finding) if bare else finding
    pre_currency, pre_start, _ = _prefix_currency(text, start)
    atom = _Atom(pre_start, end, number, currency or pre_currency, scale, percent, "")
    finding = _money_or_percent(atom, pre_start, cx.amount_qualifier(text, pre_start))
    return _as_bare(finding) if bare and pre_currency is None else finding


# Currency words after which a small amount may be written in words with no scale word.
_SMALL_AMOUNT_ANCHORS = ("dollar", "euros", "pound")
_WORDS_BEFORE_A_SCALE = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
_ONLY_AN_ARTICLE = frozenset({"a", "an"})


def _small_word_amounts(
    text: str, spans: list[tuple[int, int]], starts: list[int]
) -> list[Finding]:
    """ "twenty-five dollars", "four euros": amounts in words with no scale word. (With one,
    "two billion dollars", the loop over scale words reads them.)"""
    found: list[Finding] = []
    for pos in sorted({i for w in _SMALL_AMOUNT_ANCHORS for i in _find_all(text, w)}):
        if pos < 2 or text[pos - 1] not in " -" or in_spans(pos, spans, starts):
            continue
        words = _number_words_before(text, pos)
        if words is None:
            continue
        names = _WORD_RE.findall(words.group().lower())
        if names[-1] in _WORDS_BEFORE_A_SCALE or set(names) <= _ONLY_AN_ARTICLE:
            continue  # "a dollar" names the currency, not an amount
        end = words.end()
        while text[end - 1] in " -\t\n\u00a0":
            end -= 1
        tail = _tail(text, end, False)
        if tail[2] is None:
            continue  # "two pounds of fuel"
        finding = _word_amount(
            text, words, parse_number_words(words.group()), (1.0, tail[1], tail[2], tail[3])
        )
        if finding is not None:
            found.append(finding)
    return found


def _words_between(text: str, words: re.Match) -> tuple[float, float] | None:
    """(low, high) of "five and six" after "between"; None for anything else."""
    phrase = words.group()
    cut = phrase.lower().rfind(" and ")
    if cut < 0 or cx.words_before(text, words.start(), 1) != ("between",):
        return None
    low, high = parse_number_words(phrase[:cut]), parse_number_words(phrase[cut + 5 :])
    return (low, high) if low is not None and high is not None and low < high else None


def _word_range_start(text: str, start: int, high: float) -> tuple[int, float] | None:
    """Where "seven to eight percent" starts, and its low end; None for a lone amount."""
    m = _WORD_RANGE_BEFORE.search(text, max(0, start - 48), start)
    if m is None:
        return None
    low = parse_number_words(m["low"])
    return (m.start("low"), low) if low is not None and low < high else None


def _find_all(text: str, word: str):
    i = text.find(word)
    while i != -1:
        yield i
        i = text.find(word, i + 1)
