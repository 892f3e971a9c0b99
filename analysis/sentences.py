"""Find the sentence around a span, lazily, in one forward pass over the text.

A full stop ends a sentence when white space and then something other than a
lower-case letter or a digit follows, unless it closes a known abbreviation
("Nov.", "Mr.", "U.S.") or an initial ("J. Smith"); "Rs. 500" and "approx. 5"
therefore stay one sentence. A line break ends a sentence unless the next line
continues in lower case (hard-wrapped text).

Spans are looked up in increasing order, so the text is scanned only as far
as the last span needs, and each candidate punctuation mark is checked once.
"""

from __future__ import annotations

import bisect
import re

from analysis.lexicon import ABBREVIATIONS

# Candidate ends, found in C: a mark, optional closers, white space, then no lower-case
# letter or digit; or a line break not followed by lower case. Python checks abbreviations.
_CANDIDATE = re.compile(r"[.!?][.!?\"'”’)\]]*\s+[^\sa-z0-9]|\n\s*[^\sa-z]")
_NON_SPACE = re.compile(r"\S")


class SentenceIndex:
    """Which sentence holds a span? Answers (index, start, end) for increasing spans.

    Parameters
    ----------
    text : str
        The article text; offsets refer to it.
    """

    def __init__(self, text: str):
        self.text = text
        self._candidates = _CANDIDATE.finditer(text)
        self._starts = [self._first_non_space(0)]  # where each sentence starts
        self._stops: list[int] = []  # where each sentence's text stops
        self._done = False

    def _first_non_space(self, pos: int) -> int:
        m = _NON_SPACE.search(self.text, pos)
        return m.start() if m else len(self.text)

    def _boundary(self, m: re.Match) -> tuple[int, int] | None:
        """(stop, next start) if the candidate `m` ends a sentence, else None."""
        text = self.text
        i = m.start()
        nxt = m.end() - 1
        if text[i] == "\n":
            return i, nxt
        if text[i] == ".":
            lo = max(0, i - 8)
            k = max(text.rfind(" ", lo, i), text.rfind("\n", lo, i), text.rfind("(", lo, i))
            word = text[k + 1 : i].lower() if k >= 0 or lo == 0 else ""
            if len(word) == 1 or word in ABBREVIATIONS:
                return None  # an initial or an abbreviation such as "Nov." or "U.S."
        stop = nxt
        while text[stop - 1].isspace():
            stop -= 1
        return stop, nxt

    def _advance(self) -> None:
        for m in self._candidates:
            i = m.start()
            if i < self._starts[-1]:
                continue
            found = self._boundary(m)
            if found is None:
                continue
            stop, nxt = found
            if stop <= self._starts[-1]:
                self._starts[-1] = nxt  # only white space so far: not a sentence
                continue
            self._stops.append(stop)
            self._starts.append(nxt)
            return
        self._stops.append(len(self.text.rstrip()))
        self._done = True

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """Return (sentence index, sentence start, sentence end) for the span [start, end).

        The sentence always contains the span: a span that crosses a sentence
        end (rare: "3.5 bn. The") gets every sentence it covers.
        """
        while not self._done and self._starts[-1] <= start:
            self._advance()
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        while not self._done and (not self._stops or self._stops[-1] < end):
            self._advance()
        last = min(bisect.bisect_left(self._stops, end), len(self._stops) - 1)
        last = max(last, index)
        return index, min(self._starts[index], start), max(self._stops[last], end)
