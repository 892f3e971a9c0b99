"""Amounts in tables whose unit is written once, in a header: "($ millions)", "(M€)".

Budget tables give the currency and scale in a caption or a column header and
then bare numbers ("Science  7,334.2  3,907.6  -46.7%"). A header is a short
parenthesised unit naming both a currency and a scale; the table is the run of
lines after the header's own line up to the first blank line after its rows
(two blank lines are allowed before the first row) or the first line of prose.
In those lines every number written as an amount (with a decimal point or
thousands separators, not a percentage, not a year) is money in that unit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from analysis import lexicon as lx
from analysis.amounts import Finding, in_spans, looks_like_year

# A unit in brackets: short anywhere ("Budget ($ millions)"), or up to 72 characters
# on a line of its own ("(in thousands of U.S. dollars, except per share data)").
_HEADER = re.compile(r"\(([^()\n]{1,72})\)")
_SHORT_HEADER = 32
_UNIT_HINT = re.compile(
    r"million|billion|thousand|crore|lakh|M€|€M|k€|[MKT]EUR|\bm\b|\bbn\b|\bM\b|\b[bm]ln\b|\bmn\b"
    r"|[A-Z]{3}(?:m|mn|bn)\b|unit",
    re.I,
)
# A multiplier after "Unit:" or "in": Japanese results give "(Unit: 100 million yen)".
_MULTIPLIER = re.compile(r"(?:\bunits?\b\s*:?|\bin\b)\s*(100|1,?000)\s", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # "(EUR million, 2023 prices)" is still a unit
_GLUED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}  # "EURm", "USDbn"
_SCALED_CODES = {"M": 1e6, "K": 1e3, "k": 1e3, "T": 1e3}  # "MEUR", "KEUR", "TEUR" (Tausend)
_BRACKETS = re.compile(r"\(([^()\n]{1,12})\)")
_COLUMN_NAME = re.compile(r"\S+(?: \S+)*")  # words set apart by single spaces
_TOKEN = re.compile(r"US\$|[€$£¥₽₹]|[A-Za-z]+")
_SCALE_WORDS = {"millions": 1e6, "billions": 1e9, "thousands": 1e3, "m€": 1e6, "€m": 1e6}
# A cell: a number with a decimal point or thousands separators (commas, thin, no-break
# or plain spaces: "1 012.4"), or a whole number alone between the bars of a Markdown
# table ("| 296 |"); never a percentage.
_CELL = re.compile(
    r"(?<![\w.,%])[-+−]?"
    r"(\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?(?![\d,]| \d)|\d+\.\d+|\d+(?=\s*\|))"
    r"(?![\d%]|\s?%|\.\d)"
)
_PROSE_WORDS = 12
# The kind of the finding that covers a unit header itself, so that the extractor
# drops the numbers inside it: "(Unit: 100 million yen)" is no amount.
HEADER = "unit header"


def _unit(inside: str) -> tuple[str, float] | None:
    """(currency, scale) named by a header such as "$ millions" or "EUR million", else None."""
    currency = scale = None
    compact = inside.replace(" ", "")
    if compact in ("M€", "€M", "MEUR"):
        return "EUR", 1e6
    if compact in ("k€", "K€", "€k"):
        return "EUR", 1e3
    multiplier = _MULTIPLIER.search(inside)
    if multiplier:
        inside = inside[: multiplier.start(1)] + inside[multiplier.end(1) :]
    if any(c.isdigit() for c in _YEAR.sub("", inside)):
        return None  # "(₹ 2,36,418 lakh)": an amount in brackets, not a unit
    for token in _TOKEN.findall(inside):
        low = token.lower()
        if token[:3] in lx.CURRENCY_CODES and token[3:].lower() in _GLUED_SCALES:
            currency = currency or token[:3]
            scale = scale or _GLUED_SCALES[token[3:].lower()]
        elif token[:1] in _SCALED_CODES and token[1:4] in lx.CURRENCY_CODES and token[4:] in "O":
            currency = currency or token[1:4]  # "MEUR", "TEUR", "KEURO"
            scale = scale or _SCALED_CODES[token[0]]
        elif token in lx.CURRENCY_PREFIXES:
            currency = currency or lx.CURRENCY_PREFIXES[token]
        elif token in lx.CURRENCY_CODES or token in lx.CODE_ALIASES:
            currency = currency or lx.CODE_ALIASES.get(token, token)
        elif low.rstrip("s") in lx.CURRENCY_WORDS:
            currency = currency or lx.CURRENCY_WORDS[low.rstrip("s")]
        elif low in _SCALE_WORDS or (low in lx.SCALES and low not in ("b", "k")):
            scale = scale or _SCALE_WORDS.get(low, lx.SCALES.get(low))
    if multiplier is None:
        return (currency, scale) if currency and scale else None
    factor = float(multiplier.group(1).replace(",", ""))
    return (currency, (scale or 1.0) * factor) if currency else None  # "(Unit: 1,000 yen)"


# What _row_unit returns for a row in a currency with no scale ("EPS (EUR)"): skip it.
_PER_SHARE = ("", 0.0)


def _row_unit(label: str) -> tuple[str, float] | None:
    """The unit a row label gives its own cells: "Capital (£m)" -> ("GBP", 1e6); a currency
    with no scale ("EPS (EUR)", per-share amounts) -> _PER_SHARE; None when it gives none."""
    for bracket in _BRACKETS.finditer(label):
        unit = _unit(bracket.group(1))
        if unit is not None:
            return unit
        tokens = _TOKEN.findall(bracket.group(1))
        if any(t in lx.CURRENCY_PREFIXES or t in lx.CURRENCY_CODES for t in tokens):
            return _PER_SHARE
    return None


_Spans = list[tuple[int, int]]
# Column names that count things: their cells are no amounts ("Contracts  1,286").
_COUNTED = frozenset(
    "contracts satellites launches missions employees staff projects units number no. "
    "count firms companies people".split()
)


def _named_columns(line: str) -> tuple[_Spans, _Spans]:
    """Where the column names of a table stand in `line`, a line of names set apart by two
    or more spaces ("Country   Contracts   Value   Share (%)"): those that hold
    percentages, and those that count things."""
    percent: _Spans = []
    counted: _Spans = []
    for m in _COLUMN_NAME.finditer(line):
        name = m.group()
        if "%" in name and not any(c.isdigit() for c in name):  # not "26.7%"
            percent.append(m.span())
        elif name.split()[0].lower() in _COUNTED:
            counted.append(m.span())
    return percent, counted


def _overlaps(column: tuple[int, int], spans: _Spans) -> bool:
    return any(a < column[1] and column[0] < b for a, b in spans)


def _whole_cell(text: str, line_start: int, cell: re.Match[str]) -> bool:
    """True when a whole number fills its cell of a Markdown table ("| 296 |"), and is not
    a year ("| 2026 |" names a column)."""
    bar = text.rfind("|", line_start, cell.start())
    if bar < 0 or text[bar + 1 : cell.start()].strip():
        return False
    return not looks_like_year(cell.group(1))


def _line_end(text: str, pos: int) -> int:
    """Where the line holding `pos` ends (its line break, or the end of the text)."""
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and not text[end : _line_end(text, end)].strip()


def _table_lines(text: str, header_start: int):
    """(start, end) of each line of the table under the header at `header_start`.

    The header's own line is a caption or a row of column names ("Table 3.2-1:
    Budget (M€)"), so its numbers are not cells.
    """
    line_start = text.find("\n", header_start) + 1
    if line_start == 0:
        return
    pos, blanks, rows = line_start, 0, 0
    while pos < len(text):
        end = _line_end(text, pos)
        line = text[pos:end]
        if not line.strip():
            blanks += 1
            if rows or blanks > 2:
                return
        elif sum(any(c.isalnum() for c in word) for word in line.split()) > _PROSE_WORDS:
            return  # a paragraph of prose: the table has ended
        else:
            rows += bool(_CELL.search(line))
            yield pos, end
        pos = end + 1


def read_table_cells(text: str, taken: list[tuple[int, int]]) -> list[Finding]:
    """Money amounts in tables under a unit header, outside the spans already `taken`.

    Each header used is returned too, as a finding of kind HEADER.
    """
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    markdown = "|" in text and ("|--" in text or "| --" in text or "|:-" in text)
    found = _markdown_columns(text, spans, starts) if markdown else []
    found += _unit_rows(text, spans, starts)
    if "(" not in text:
        return found
    done = -1
    for header in _HEADER.finditer(text):
        inside = header.group(1)
        if header.start() < done or not _UNIT_HINT.search(inside):
            continue
        if len(inside) > _SHORT_HEADER and not _alone_on_its_line(text, *header.span()):
            continue
        unit = _unit(inside)
        if unit is None:
            continue
        found.append(Finding(*header.span(), HEADER, 0.0, 0.0, 0.0, ""))
        header_line_end = _line_end(text, header.end())
        if _CELL.search(text, header.end(), header_line_end):  # "Resource (£m)  512.7  533.0"
            lines: Iterable[tuple[int, int]] = [(header.end(), header_line_end)]
        else:  # a caption or column names: the unit of the table below
            lines = _table_lines(text, header.start())
        percent_columns: _Spans = []
        counted_columns: _Spans = []
        for line_start, line_end in lines:
            done = line_end
            cells = [
                c
                for c in _CELL.finditer(text, line_start, line_end)
                if not in_spans(c.start(1), spans, starts)  # read with their own unit
                and (not c.group(1).isdigit() or _whole_cell(text, line_start, c))
            ]
            if not cells:
                percent_columns, counted_columns = _named_columns(text[line_start:line_end])
                continue
            row_unit = _row_unit(text[line_start : cells[0].start(1)])
            if row_unit == _PER_SHARE:
                continue  # "EPS (EUR)  1.02": per-share amounts, not in the header's unit
            cells = [c for c in cells if not _overlaps(_column(c, line_start), counted_columns)]
            if cells:
                found += _row_cells(text, line_start, cells, row_unit or unit, percent_columns)
    return found


# The line under the column names of a Markdown table: "|---|--:|" (colons align).
_MARKDOWN_RULE = re.compile(
    r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$", re.M
)
# A cell that holds one number: a sign, digits with separators, a footnote mark after.
_WHOLE_CELL = re.compile(
    r"[ \t]*[-+−–]?[ \t]?(?P<n>\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"[ \t]*(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹]|\[\d+\])?[ \t]*$"
)


def _markdown_columns(text: str, spans: list[tuple[int, int]], starts: list[int]) -> list[Finding]:
    """Cells of Markdown tables whose column name gives the unit: "USD million, PPP" (money),
    "% of GDP" (percentages); outside the spans already read."""
    found: list[Finding] = []
    for rule in _MARKDOWN_RULE.finditer(text):
        names_end = rule.start() - 1
        names_start = text.rfind("\n", 0, max(0, names_end)) + 1
        units = [_column_unit(text[a:b]) for a, b in _cell_spans(text, names_start, names_end)]
        if not any(units):
            continue
        pos = rule.end() + 1
        while pos < len(text):
            end = _line_end(text, pos)
            if not text[pos:end].lstrip(" \t").startswith("|"):
                break  # the first line that is no row ends the table
            for column, (a, b) in enumerate(_cell_spans(text, pos, end)):
                unit = units[column] if column < len(units) else None
                cell = _WHOLE_CELL.match(text, a, b) if unit else None
                if cell is None or unit is None or in_spans(cell.start("n"), spans, starts):
                    continue
                found.append(_cell_finding(*cell.span("n"), cell["n"], unit, "unit from header"))
            pos = end + 1
    return found


_PERCENT_COLUMN = ("percent", 0.01)
# A row whose label ends with its unit after a comma, then cells set apart by two or more
# spaces: "Net sales, MSEK      45.3      38.1" (Nordic key-figure tables).
_UNIT_ROW = re.compile(
    r", (?P<unit>M[A-Z]{3}|T[A-Z]{3}|[A-Z]{3} ?(?:m|bn|million)|%)[ \t]{2,}(?=[-+−]?\d)"
)


def _unit_rows(text: str, spans: list[tuple[int, int]], starts: list[int]) -> list[Finding]:
    """Cells of rows whose label gives their unit ("EBITDA, MSEK  -4.2  -6.8"), outside the
    spans already read."""
    found: list[Finding] = []
    for row in _UNIT_ROW.finditer(text):
        line_start = text.rfind("\n", 0, row.start()) + 1
        if "," in text[line_start : row.start()] or row.start() - line_start > 60:
            continue  # the comma of a sentence, not of a row label
        unit = _PERCENT_COLUMN if row["unit"] == "%" else _unit(row["unit"])
        if unit is None:
            continue
        line_end = _line_end(text, row.end())
        for cell in _CELL.finditer(text, row.end(), line_end):
            if not in_spans(cell.start(1), spans, starts):
                found.append(_cell_finding(*cell.span(1), cell.group(1), unit, "unit from row"))
    return found


def _column_unit(name: str) -> tuple[str, float] | None:
    """The unit a Markdown column name gives its cells: ("USD", 1e6) for "USD million,
    PPP", _PERCENT_COLUMN for "% of GDP" or "Share (%)", else None."""
    if "%" in name:
        return _PERCENT_COLUMN
    return _unit(name.strip().strip("()"))


def _cell_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of the Markdown row text[start:end], between its bars."""
    bars = [i for i in range(start, end) if text[i] == "|"]
    row = text[start:end]
    if not row.lstrip(" \t").startswith("|"):
        bars.insert(0, start - 1)  # no bar before the first cell
    if not row.rstrip().endswith("|"):
        bars.append(end)  # no bar after the last cell
    return [(a + 1, b) for a, b in itertools.pairwise(bars)]


def _column(cell: re.Match[str], line_start: int) -> tuple[int, int]:
    """Where the number of `cell` stands in its line."""
    return cell.start(1) - line_start, cell.end(1) - line_start


def _row_cells(
    text: str,
    line_start: int,
    cells: list[re.Match[str]],
    unit: tuple[str, float],
    percent_columns: _Spans,
) -> list[Finding]:
    """The findings of one table row: money in `unit`, or percentages in a row or column
    labelled "(%)"."""
    row_in_percent = "%" in text[line_start : cells[0].start(1)]  # "Rate of change (%)  52.3"
    found = []
    for cell in cells:
        in_percent = row_in_percent or _overlaps(_column(cell, line_start), percent_columns)
        cell_unit = _PERCENT_COLUMN if in_percent else unit
        found.append(_cell_finding(*cell.span(1), cell.group(1), cell_unit, "unit from header"))
    return found


def _cell_finding(
    start: int, end: int, written: str, unit: tuple[str, float], qualifier: str
) -> Finding:
    """The finding of the number `written` in a cell: a percentage when `unit` is
    _PERCENT_COLUMN, else money in that (currency, scale)."""
    number = float(re.sub(r"[, \u202f\u00a0]", "", written))
    if unit == _PERCENT_COLUMN:
        return Finding(start, end, "percent", number / 100, number / 100, number / 100, "percent")
    value = number * unit[1]
    return Finding(start, end, "money", value, value, value, unit[0], qualifier)
