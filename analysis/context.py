"""Read the words around a figure: qualifiers ("nearly"), year words ("after"), hedges ("could").

These look at a few words before a position, by splitting a short slice of
text rather than running a regular expression over it: the extractor calls them
once per number, so they must cost about a microsecond.
"""

from __future__ import annotations

import os
import re

from analysis import lexicon as lx

_QUALIFIERS = {tuple(q.split()): q for q in lx.QUALIFIERS}
# Last words of the phrases looked for: a number after any other word skips the look.
_QUALIFIER_ENDS = frozenset(q[-1] for q in _QUALIFIERS)
_OPENER_ENDS = _QUALIFIER_ENDS | {"between", "from"}
_QUALIFIER_SYNONYMS = {"an estimated": "estimated", "c.": "circa", "approx": "approximately"}
_YEAR_QUALIFIERS = {tuple(q.split()): q for q in lx.YEAR_QUALIFIERS}
_YEAR_WORD_ENDS = frozenset(q[-1] for q in _YEAR_QUALIFIERS) | {"fy", "fiscal", "year", "the"}


def _single_words(table: dict) -> dict[str, str]:
    """Entries of one word that no longer entry ends with: the last word alone decides."""
    longer_ends = {key[-1] for key in table if len(key) > 1}
    return {
        key[0]: value for key, value in table.items() if len(key) == 1 and key[0] not in longer_ends
    }


_SINGLE_QUALIFIERS = _single_words(_QUALIFIERS)
_SINGLE_YEAR_WORDS = {  # "fy" and "fiscal" are read before the table (fiscal years)
    k: v for k, v in _single_words(_YEAR_QUALIFIERS).items() if k not in ("fy", "fiscal")
}
_CHANGE_WORDS = frozenset(lx.CHANGE_WORDS)
_YEAR_PREFIXES = frozenset({"mid", "pre", "post", "early", "late"})


def _trie(words: list[str]) -> str:
    """An expression for any of `words`, sharing their prefixes ("plan(?:ned|s)?").

    re then tests one branch per first letter instead of one per word, and scans text
    twice as fast.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        groups.setdefault(word[0], []).append(word)
    branches = []
    for group in groups.values():
        prefix = os.path.commonprefix(group)
        ends = [word[len(prefix) :] for word in group]
        longer = [end for end in ends if end]
        if not longer:
            branches.append(re.escape(prefix))
        else:
            optional = "?" if "" in ends else ""
            branches.append(f"{re.escape(prefix)}(?:{_trie(longer)}){optional}")
    return "|".join(branches)


# A hedge word as a whole word of lower-case text: no letter before or after it.
_HEDGE_WORD = re.compile(r"(?<![a-z])(?:" + _trie(list(lx.HEDGES)) + r")(?![a-z])")
_MODAL_MAY = re.compile(r"\bmay\b")
_STRIP = ".,;:()[]\"'“”‘’"


def words_before(text: str, pos: int, n: int = 3) -> tuple[str, ...]:
    """The last `n` lower-case words that end, with white space, right before `pos`.

    Empty when the character before `pos` is not white space: "(€1.2" has no
    word right before the amount.
    """
    if pos == 0 or not text[pos - 1].isspace():
        return ()
    return tuple(w.strip(_STRIP) for w in text[max(0, pos - 40) : pos].lower().split()[-n:])


def _plain_last_word(text: str, pos: int) -> str | None:
    """The word before `pos` when simply written ("cost about "), lower case; else None.

    A quick test for the common case: one space before `pos`, letters only since the
    space before. None means "look properly" with :func:`words_before`.
    """
    if pos < 2 or text[pos - 1] != " ":
        return None
    lo = pos - 24 if pos > 24 else 0
    k = text.rfind(" ", lo, pos - 1)
    word = text[k + 1 : pos - 1]
    return word.lower() if word.isalpha() and (k >= 0 or lo == 0) else None


def _longest_suffix(words: tuple[str, ...], table: dict) -> str:
    for k in (3, 2, 1):
        if len(words) >= k and words[-k:] in table:
            return table[words[-k:]]
    return ""


def amount_qualifier(text: str, pos: int) -> str:
    """Qualifier such as "nearly" or "up to" right before an amount starting at `pos`."""
    if pos and text[pos - 1] in "~≈":
        return "about"
    last = _plain_last_word(text, pos)
    if last is not None and last not in _QUALIFIER_ENDS:
        return ""
    qualifier = _SINGLE_QUALIFIERS.get(last) if last is not None else None
    if qualifier is not None:
        return _QUALIFIER_SYNONYMS.get(qualifier, qualifier)
    qualifier = _longest_suffix(words_before(text, pos), _QUALIFIERS)
    return _QUALIFIER_SYNONYMS.get(qualifier, qualifier)


def range_opener(text: str, pos: int) -> tuple[str, int]:
    """ "between" or "from" shortly before a figure, and where it starts; ("", pos) if none.

    A qualifier may stand between: "from roughly 2% to 8%".
    """
    last = _plain_last_word(text, pos)
    if last is not None and last not in _OPENER_ENDS:
        return "", pos
    words = words_before(text, pos, 3)
    for i, word in enumerate(reversed(words)):
        if word in ("between", "from"):
            lo = max(0, pos - 40)
            return word, lo + text[lo:pos].lower().rfind(word)
        if i == 1 or _longest_suffix(words[: len(words) - i], _QUALIFIERS) == "":
            break
    return "", pos


def year_qualifier(text: str, pos: int) -> str:
    """Word placing a year in time: "in", "after", "mid", "fiscal year", or ""."""
    if pos and text[pos - 1] in "-‑":
        word = text[max(0, pos - 6) : pos - 1].lower().split()[-1:]
        return word[0] if word and word[0] in _YEAR_PREFIXES else ""
    last = _plain_last_word(text, pos)
    if last is not None and last not in _YEAR_WORD_ENDS:
        return ""
    if last in _SINGLE_YEAR_WORDS:
        return _SINGLE_YEAR_WORDS[last]
    words = words_before(text, pos)
    if words[-1:] == ("fy",) or words[-2:] == ("fiscal", "year") or words[-1:] == ("fiscal",):
        return "fiscal year"
    return _longest_suffix(tuple(w for w in words if w != "the"), _YEAR_QUALIFIERS)


def glued_fiscal_year(text: str, pos: int) -> bool:
    """True for "FY2024": the letters FY glued to the year."""
    return text[max(0, pos - 2) : pos] == "FY" and (pos < 3 or not text[pos - 3].isalpha())


def is_designation(text: str, pos: int) -> bool:
    """True for a number glued to a name by a hyphen: "Soyuz-2", "Luna-25", "COVID-19".

    "mid-2025" and "pre-2020" are years, not designations.
    """
    if pos < 2 or text[pos - 1] not in "-‑" or not text[pos - 2].isalpha():
        return False
    word = text[max(0, pos - 6) : pos - 1].lower().split()[-1:]
    return not (word and word[0] in _YEAR_PREFIXES)


def has_minus(text: str, pos: int) -> bool:
    """True when a minus sign stands alone before the amount: "-5%", "(−3%)"."""
    return pos > 0 and text[pos - 1] in "-−–" and (pos == 1 or text[pos - 2] in " \t\n(")


def follows_change_word(text: str, pos: int, words: int = 9) -> bool:
    """True when a verb of change comes shortly before `pos` in the same sentence.

    "rose from €1 billion to €1.4 billion" and "cut the share from roughly 2% to 8%"
    are changes, so their amounts are two figures, not a range.
    """
    window = text[max(0, pos - 70) : pos]
    stop = max(window.rfind(". "), window.rfind("\n"))
    before = window[stop + 1 :].lower().split()
    return any(w.strip(_STRIP) in _CHANGE_WORDS for w in before[-words:])


def hedges(sentence: str) -> str:
    """Hedge words of a sentence, lower case, comma-joined in order of first use.

    "May" with a capital is the month, so only the lower-case modal counts.
    """
    words = dict.fromkeys(_HEDGE_WORD.findall(sentence.lower()))
    if "may" in words and not _MODAL_MAY.search(sentence):
        del words["may"]
    return ",".join(words)


_DOLLAR_COUNTRIES: dict[str, tuple[str, ...]] = {
    "CAD": ("Canada", "Canadian", "Ottawa"),
    "AUD": ("Australia", "Australian", "Canberra"),
    "NZD": ("New Zealand", "Wellington"),
    "SGD": ("Singapore",),
    "HKD": ("Hong Kong",),
    # Their press writes "$" for the peso (but "dollars" for the US dollar: see
    # PESO_DOLLARS).
    "CLP": ("Chile", "Santiago"),
    "ARS": ("Argentina", "Buenos Aires"),
    "COP": ("Colombia", "Bogotá", "Bogota"),
}
# Local currencies whose "$" is a peso: the word "dollars" still means US dollars there.
PESO_DOLLARS = frozenset({"CLP", "ARS", "COP"})
_LATIN_AMERICA = [
    *(_DOLLAR_COUNTRIES[code] for code in sorted(PESO_DOLLARS)),
    ("Mexico", "Mexican"),
    ("Brazil",),
    ("Peru",),
]
_US_CUES = ("U.S.", "United States", "Washington", "American")
_US_MARKERS = ("US$", "$US", "U.S.$", "US $")
_EXPLICIT_US = re.compile(r"US\s?\$|\$US|U\.S\.|USD|\bUS\b|American", re.IGNORECASE)


def _count(text: str, cues: tuple[str, ...]) -> int:
    """How many times the article names any of `cues` (a country, its capital...)."""
    return sum(text.count(c) for c in cues)


def local_dollar(text: str) -> str:
    """The currency a bare "$" or "dollars" stands for in this article: USD unless it is local.

    Canadian, Australian and other outlets write "$" for their own dollar. It is read
    so when the article names that country at least three times and more often than
    the United States, or names it and marks US amounts explicitly ("US$", "$US"); but
    if it also marks that dollar explicitly ("A$"), only when it names the country at
    least _STRONGLY_LOCAL times, or marks US amounts too and names no other such country.
    """
    us_cues = _count(text, _US_CUES)
    marks_us = any(m in text for m in _US_MARKERS)
    for code, cues in _DOLLAR_COUNTRIES.items():
        n = _count(text, cues)
        named = n >= 3 and (n > us_cues or marks_us)
        if named and code in PESO_DOLLARS:  # a regional round-up in dollars names several
            named = all(n > _count(text, other) for other in _LATIN_AMERICA if other != cues)
        if named and (
            n >= _STRONGLY_LOCAL or not _marks_local(text, code) or marks_us and _alone(text, cues)
        ):
            return code
    return "USD"


def _alone(text: str, cues: tuple[str, ...]) -> bool:
    """True when the article names no other country of a local dollar: a story about one
    country that marks both its dollar and the US dollar ("S$", "US$") writes its bare "$"
    for its own; a regional round-up does not."""
    return not any(_count(text, other) for other in _DOLLAR_COUNTRIES.values() if other != cues)


# An article that writes its local dollar with its own marker ("HK$5 billion") and also
# a bare "$" is ambiguous: a Globe story on Canada writes both for Canadian dollars, an
# Asian markets report quotes HK$ amounts beside US ones in "$". The bare "$" is then read
# as local only when the story names the country this many times (a story about it).
_STRONGLY_LOCAL = 6
_LOCAL_MARKERS = {  # "HK$", "A$", "C$": a dollar's own marker, not inside "US$" or "CA$"
    code: re.compile(
        r"(?<![A-Za-z])(?:"
        + "|".join(re.escape(p) for p, c in lx.CURRENCY_PREFIXES.items() if c == code and "$" in p)
        + ")"
    )
    for code in _DOLLAR_COUNTRIES
}


def _marks_local(text: str, code: str) -> bool:
    """True when the article writes that dollar with its own marker ("HK$", "A$"), so that
    its bare "$" is the US dollar (an Asian markets report quoting HK$ and $ amounts)."""
    return _LOCAL_MARKERS[code].search(text) is not None


_RUPEE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "PKR": ("Pakistan", "Islamabad", "Karachi", "Lahore"),
    "LKR": ("Sri Lanka", "Colombo"),
    "NPR": ("Nepal", "Kathmandu"),
}
_INDIA_CUES = ("India", "Delhi", "Mumbai", "Bengaluru", "ISRO")


def local_rupee(text: str) -> str:
    """The currency "Rs" and "rupees" stand for in this article: INR unless it is about
    Pakistan, Sri Lanka or Nepal (named at least three times, and more often than India)."""
    return _most_named(text, _RUPEE_COUNTRIES, _count(text, _INDIA_CUES), "INR")


_KRONA_COUNTRIES = {
    "NOK": ("Norway", "Norwegian", "Oslo"),
    "DKK": ("Denmark", "Danish", "Copenhagen"),
    "ISK": ("Iceland", "Reykjavik"),
    "SEK": ("Sweden", "Swedish", "Stockholm"),
}


def local_krona(text: str) -> str:
    """The currency a bare "kr" stands for: that of the Nordic country the article names
    most (SEK when it names none)."""
    counts = {code: _count(text, cues) for code, cues in _KRONA_COUNTRIES.items()}
    best = max(counts, key=lambda code: (counts[code], code == "SEK"))
    return best if counts[best] else "SEK"


_POUND_COUNTRIES: dict[str, tuple[str, ...]] = {
    "EGP": ("Egypt", "Cairo"),
    "LBP": ("Lebanon", "Beirut"),
}
_UK_CUES = ("Britain", "British", "UK", "U.K.", "London", "England", "Scotland")


def local_pound(text: str) -> str:
    """The currency "£" and "pounds" stand for in this article: GBP unless it is about Egypt
    or Lebanon (named at least three times, and more often than the United Kingdom)."""
    return _most_named(text, _POUND_COUNTRIES, _count(text, _UK_CUES), "GBP")


_PESO_COUNTRIES: dict[str, tuple[str, ...]] = {
    "PHP": ("Philippines", "Philippine", "Filipino", "Manila"),
    "ARS": ("Argentina", "Buenos Aires"),
    "CLP": ("Chile", "Santiago"),
    "COP": ("Colombia", "Bogotá", "Bogota"),
}


def local_peso(text: str) -> str:
    """The currency "pesos" stands for in this article: MXN unless it is about the
    Philippines, Argentina, Chile or Colombia (named at least three times, and more often
    than Mexico)."""
    return _most_named(text, _PESO_COUNTRIES, _count(text, ("Mexico", "Mexican")), "MXN")


def _most_named(text: str, countries: dict[str, tuple[str, ...]], home: int, default: str) -> str:
    """The code of the first of `countries` named at least three times and more than `home`
    times (the country of the `default` currency), else `default`."""
    for code, cues in countries.items():
        n = _count(text, cues)
        if n >= 3 and n > home:
            return code
    return default


def local_franc(text: str) -> str:
    """The currency "francs" stands for in this article: CHF unless it is about France
    (a history from before the euro), named at least three times and more than
    Switzerland."""
    return _most_named(text, _FRANC_COUNTRIES, _count(text, _SWISS_CUES), "CHF")


_FRANC_COUNTRIES: dict[str, tuple[str, ...]] = {"FRF": ("France", "French", "Paris", "CNES")}
_SWISS_CUES = ("Switzerland", "Swiss", "Bern", "Zurich", "Geneva")


def is_explicit_franc(surface: str) -> bool:
    """True when the amount's own marks say Swiss francs ("CHF 5m", "SFr 5m", "Fr. 5m")."""
    return "franc" not in surface.lower() or "Swiss" in surface


def is_explicit_pound(surface: str) -> bool:
    """True when the amount's own marks say British pounds ("GBP 5m", "£5m sterling")."""
    return "GBP" in surface or "sterling" in surface.lower() or "British" in surface


def is_explicit_peso(surface: str) -> bool:
    """True when the amount's own marks say Mexican pesos ("MXN 5m", "Mex$5m")."""
    return "MX" in surface or "Mex" in surface


def is_explicit_rupee(surface: str) -> bool:
    """True when the amount's own marks say Indian rupees ("₹5 crore", "INR 5 crore")."""
    return "₹" in surface or "INR" in surface or "Indian" in surface


def is_explicit_us_dollar(surface: str) -> bool:
    """True when the amount's own words say US dollars ("US$5m", "5 million US dollars")."""
    return bool(_EXPLICIT_US.search(surface))
