"""Turn the written forms of numbers into floats: "1,200", "1.2", "1,00,000", "two and a half"."""

from __future__ import annotations

import re

from analysis.lexicon import NUMBER_WORDS

# A number as written in English-language news. Alternatives, tried in order:
# Indian grouping (1,00,000), thousands with commas (12,500,000.5), thousands with
# thin or no-break spaces (1 200 000), Swiss apostrophes (48'000), a decimal comma
# (19,3), plain digits; then an optional decimal part.
NUMBER_PATTERN = (
    r"(?:\d{1,2}(?:,\d\d)+,\d{3}(?!\d)"
    r"|\d{1,3}(?:,\d{3})+(?!\d)"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)"
    r"|\d{1,3}(?:['’]\d{3})+(?!\d)"
    r"|\d+,\d{1,2}(?![\d,])"  # a decimal comma: a thousands group always has three digits
    r"|\d+)"
    r"(?:\.\d+)?"
)
NUMBER_RE = re.compile(NUMBER_PATTERN)

_WORD_RE = re.compile(r"[a-z]+")
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")
_GROUPED_DECIMAL_COMMA = re.compile(r"^\d{1,3}(?: \d{3})+,\d{1,2}$")


def parse_number(written: str) -> float:
    """Read a number matched by :data:`NUMBER_PATTERN` ("1,200.5" -> 1200.5, "12,4" -> 12.4)."""
    if written.isdigit() or written.replace(".", "", 1).isdigit():
        return float(written)  # the common cases: "2022", "350", "1.2"
    if _DECIMAL_COMMA.match(written) or _GROUPED_DECIMAL_COMMA.match(written):
        return float(written.replace(" ", "").replace(",", "."))  # "19,3", "11 240 315,20"
    return float(
        written.replace(" ", "")
        .replace(",", "")
        .replace("\u00a0", "")
        .replace("\u202f", "")
        .replace("\u2009", "")
        .replace("'", "")
        .replace("’", "")
    )


def _whole(words: list[str]) -> float | None:
    """Read whole-number words ("five hundred", "twenty five", "one million two hundred
    thousand"); None if any word is unknown."""
    total = 0.0
    current = 0.0
    largest = 0.0  # the largest scale word read so far
    seen = False
    previous = ""
    for word in words:
        if word == "and" and previous in _SCALE_WORDS:
            continue  # "a hundred and fifty"; "five and six" stays two numbers
        previous = word
        if word in ("a", "an"):
            current += 1
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALE_WORDS:
            scale = _SCALE_WORDS[word]
            if scale > largest and total:  # "two thousand million": a larger unit of all so far
                total, current = (total + current) * scale, 0.0
            else:  # "one million two hundred thousand": a smaller group after a larger one
                total, current = total + (current or 1) * scale, 0.0
            largest = max(largest, scale)
        else:
            return None
        seen = True
    return total + current if seen else None


_SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def parse_number_words(phrase: str) -> float | None:
    """Read a number written in words, or return None when it is not one.

    Handles whole numbers ("twenty-five", "five hundred"), "a"/"an" (one),
    halves and quarters ("half a", "one and a half", "three quarters of a").

    >>> parse_number_words("two and a half")
    2.5
    >>> parse_number_words("half a")
    0.5
    """
    words = [w for w in _WORD_RE.findall(phrase.lower()) if w != "of"]
    while words and words[0] == "and":
        words.pop(0)
    if not words:
        return None
    # "a two billion dollar deal": the article is not part of the number
    if len(words) > 1 and words[0] in ("a", "an") and words[1] not in ("half", "quarter"):
        words.pop(0)
    if words[-1] in ("a", "an") and len(words) > 1:
        words.pop()  # "half a", "three quarters of a"
    if words[-2:] in (["a", "half"], ["one", "half"]) and len(words) > 2 and words[-3] == "and":
        whole = _whole(words[:-3])
        return None if whole is None else whole + 0.5
    if words == ["half"] or words in (["a", "half"], ["one", "half"]):
        return 0.5
    if words[-1] in ("quarter", "quarters"):
        count = _whole(words[:-1]) if len(words) > 1 else 1.0
        return None if count is None else count * 0.25
    if "point" in words:  # spoken decimals: "one point two", "twelve point four five"
        return _with_decimals(words)
    return _whole(words)


def _with_decimals(words: list[str]) -> float | None:
    cut = words.index("point")
    whole = _whole(words[:cut]) if cut else 0.0
    digits = [NUMBER_WORDS.get(word) for word in words[cut + 1 :]]
    if whole is None or not digits or not all(d is not None and d <= 9 for d in digits):
        return None  # each word after "point" is one digit: "point four five"
    return whole + float("0." + "".join(str(d) for d in digits))
