"""Find the sentence around a span: sentence ends found in one pass, looked up by bisection.

A full stop ends a sentence when white space and then something other than a
lower-case letter or a digit follows, unless it closes a known abbreviation
("Nov.", "Mr.", "U.S.") or an initial ("J. Smith"); "Rs. 500" and "approx. 5"
therefore stay one sentence. A line break ends a sentence unless the next line
continues in lower case (hard-wrapped text).

Candidate ends are found by one C-level regular-expression scan; Python rejects
the full stops of abbreviations and initials and records where each sentence
starts and stops.
"""

from __future__ import annotations

import bisect
import re

from analysis.lexicon import ABBREVIATIONS

# Candidate ends, found in C: a mark, optional closers, white space, then no lower-case
# letter or digit; or a line break not followed by lower case. The pattern starts with
# one character set, which re scans for quickly; a lookbehind tells the line break
# from the mark. A full stop that closes an abbreviation is then rejected in Python.
_CANDIDATE = re.compile(
    r"[.!?\n](?:(?<=\n)\s*[^\sa-z]|(?<!\n)(?P<closers>[.!?\"'”’)\]]*)\s+[^\sa-z0-9])"
)
_LONGEST = max(map(len, ABBREVIATIONS))
_WORD_BREAKS = " \n("


def _closes_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at `stop` ends an initial ("J.") or a word of ABBREVIATIONS
    ("Nov.", "U.S."): the word runs back to a space, a line break, "(" or the start."""
    start = stop
    while start > 0 and text[start - 1] not in _WORD_BREAKS:
        start -= 1
        if stop - start > _LONGEST:
            return False
    return stop - start == 1 or text[start:stop].lower() in ABBREVIATIONS


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
        pos = 0
        while (m := _CANDIDATE.search(text, pos)) is not None:
            i = m.start()
            if text[i] == "." and _closes_abbreviation(text, i):
                pos = i + 1  # "Nov. 19": not an end; a line break just after may be one
                continue
            pos = m.end()
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
