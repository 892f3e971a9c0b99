"""Find the sentence around a span: sentence ends found in one pass, looked up by bisection.

A full stop ends a sentence when white space and then something other than a
lower-case letter or a digit follows, unless it closes a known abbreviation
("Nov.", "Mr.", "U.S.") or an initial ("J. Smith"); "Rs. 500" and "approx. 5"
therefore stay one sentence. A line break ends a sentence unless the next line
continues in lower case (hard-wrapped text).

Sentence ends are found by one C-level regular-expression scan whose lookbehinds
reject abbreviations and initials; Python only records where each sentence starts
and stops.
"""

from __future__ import annotations

import bisect
import re

from analysis.lexicon import ABBREVIATIONS


def _not_after_abbreviation() -> str:
    """Lookbehinds, placed after a full stop, that fail when it closes an abbreviation.

    The word before the stop runs from the last space, line break or "(" (or from the
    start of the text): a single character ("J.") or a word of ABBREVIATIONS ("Nov.",
    "U.S."), in any case. Alternatives of one width share a lookbehind, as re requires.
    """
    by_length: dict[int, list[str]] = {}
    for word in sorted(ABBREVIATIONS):
        by_length.setdefault(len(word), []).append(re.escape(word))
    words = [f"(?i:{'|'.join(group)})" for _, group in sorted(by_length.items())]
    return "".join(
        f"(?<!{before}{word}\\.)" for word in ["[^ \\n(]", *words] for before in ("[ \\n(]", "^")
    )


# Candidate ends, found in C: a mark, optional closers, white space, then no lower-case
# letter or digit; or a line break not followed by lower case. The pattern starts with
# one character set, which re scans for quickly; lookbehinds tell the line break from
# the mark and reject abbreviations, so Python only records the ends.
_CANDIDATE = re.compile(
    r"[.!?\n](?:(?<=\n)\s*[^\sa-z]|(?<!\n)"
    + _not_after_abbreviation()
    + r"(?P<closers>[.!?\"'”’)\]]*)\s+[^\sa-z0-9])"
)
_NON_SPACE = re.compile(r"\S")


class SentenceIndex:
    """Which sentence holds a span? Sentence ends found once, then answered by bisection.

    Parameters
    ----------
    text : str
        The article text; offsets refer to it.
    """

    def __init__(self, text: str):
        self.text = text
        first = _NON_SPACE.search(text)
        starts = [first.start() if first else len(text)]  # where each sentence starts
        stops: list[int] = []  # where each sentence's text stops
        for m in _CANDIDATE.finditer(text):
            i = m.start()
            nxt = m.end() - 1  # the first character of the next sentence
            if i < starts[-1]:
                continue
            stop = m.end("closers")  # after the mark and its closers; -1 at a line break
            if stop < 0:
                stop = i
                while stop > starts[-1] and text[stop - 1].isspace():
                    stop -= 1  # "\r\n" line ends: the sentence stops before the "\r"
            if stop <= starts[-1]:
                starts[-1] = nxt  # only white space so far: not a sentence
                continue
            stops.append(stop)
            starts.append(nxt)
        stops.append(max(len(text.rstrip()), starts[-1]))
        self._starts, self._stops = starts, stops

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """Return (sentence index, sentence start, sentence end) for the span [start, end).

        The sentence always contains the span: a span that crosses a sentence
        end (rare: "3.5 bn. The") gets every sentence it covers.
        """
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        last = max(index, min(bisect.bisect_left(self._stops, end), len(self._stops) - 1))
        return index, min(self._starts[index], start), max(self._stops[last], end)
