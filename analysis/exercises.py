"""Checks for the exercises of the teaching notebooks: a friendly verdict, never a bare assert.

Each exercise is an answer cell followed by a check cell that calls one of these
functions with the student's answer and the expected value, which the check
cell computes from the data through ``analysis`` (never a typed-in number)::

    check_value("coverage", coverage, gap.coverage, hint="identified sources / gap")

A right answer prints ``Correct! ...``. An untouched placeholder (``...`` or
None) raises :class:`~analysis.errors.ExerciseIncomplete`, which says what to
do; a wrong answer raises :class:`~analysis.errors.ExerciseWrong`, which says
what differs (wrong type, wrong scale, too high or too low, a missing column)
without giving the expected value away, and repeats the hint.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from analysis.errors import ExerciseIncomplete, ExerciseWrong

# Ratios answer / expected that point at a unit or scale slip, with what to say.
_SCALE_SLIPS = (
    (
        100.0,
        "it is 100 times the expected value: write shares and probabilities as "
        "fractions of one (7 percent is 0.07)",
    ),
    (0.01, "it is 1/100 of the expected value: was something divided by 100 once too often?"),
    (1e3, "it is 1,000 times the expected value: check the scale (thousand, million, billion)"),
    (1e-3, "it is 1/1,000 of the expected value: check the scale (thousand, million, billion)"),
    (1e6, "it is a million times the expected value: check the scale (million, billion)"),
    (
        1e-6,
        "it is a millionth of the expected value: amounts are in whole currency units "
        "(€350 million is 350_000_000)",
    ),
    (1e9, "it is a billion times the expected value: check the scale"),
    (
        1e-9,
        "it is a billionth of the expected value: amounts are in whole currency units "
        "(€1.2 billion is 1_200_000_000)",
    ),
    (-1.0, "it has the wrong sign"),
)


def is_placeholder(answer) -> bool:
    """Whether `answer` is still an exercise placeholder: ``...`` or None."""
    return answer is Ellipsis or answer is None


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _is_bool(value) -> bool:
    return isinstance(value, bool | np.bool_)


def _show(value) -> str:
    """A short, readable rendering of an answer for the verdicts."""
    if _is_bool(value):
        return str(bool(value))
    if _is_number(value):
        x = float(value)
        if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
            return f"{int(x):,}"
        return f"{x:.6g}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe_type(value) -> str:
    if isinstance(value, pd.DataFrame):
        return f"a table (DataFrame) with {len(value)} rows"
    if isinstance(value, pd.Series):
        return f"a Series with {len(value)} values"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"{_show(value)} (a {type(value).__name__})"


def _unwrap_single(answer):
    """A one-value Series or array stands for its value; return (value, note)."""
    if isinstance(answer, pd.Series | np.ndarray) and answer.size == 1:
        return answer.reshape(-1)[0] if isinstance(answer, np.ndarray) else answer.iloc[0], True
    return answer, False


def _number_mismatch(answer, expected, rel: float, abs_tol: float) -> str | None:
    if not _is_number(answer):
        if isinstance(answer, pd.Series | np.ndarray):
            return (
                f"expected one number, got {_describe_type(answer)}; take a single value "
                "with .iloc[0] or .item(), or add the values up with .sum()"
            )
        return f"expected a number, got {_describe_type(answer)}"
    got, want = float(answer), float(expected)
    if math.isnan(got):
        return "it is NaN (not a number): a missing value or a division by zero crept in"
    if math.isclose(got, want, rel_tol=rel, abs_tol=abs_tol):
        return None
    if want != 0 and got != 0:
        ratio = got / want
        for factor, message in _SCALE_SLIPS:
            if math.isclose(ratio, factor, rel_tol=1e-3):
                return f"got {_show(answer)}; {message}"
    side = "too high" if got > want else "too low"
    return f"got {_show(answer)}, which is {side}"


def _value_mismatch(answer, expected, rel: float, abs_tol: float) -> str | None:
    """Why `answer` is not `expected`, in words, or None when it is right."""
    answer, _ = _unwrap_single(answer)
    if _is_bool(expected):
        if _is_bool(answer) or (_is_number(answer) and answer in (0, 1)):
            if bool(answer) == bool(expected):
                return None
            return f"got {_show(bool(answer))}; look again at the comparison"
        return f"expected True or False, got {_describe_type(answer)}"
    if _is_number(expected):
        return _number_mismatch(answer, expected, rel, abs_tol)
    if isinstance(expected, str):
        if not isinstance(answer, str):
            return f"expected a text (string), got {_describe_type(answer)}"
        if answer.strip().casefold() == expected.strip().casefold():
            return None
        return f"got {answer!r}"
    if isinstance(expected, tuple | list):
        if not isinstance(answer, tuple | list) or len(answer) != len(expected):
            return (
                f"expected {len(expected)} values in a tuple or list, got {_describe_type(answer)}"
            )
        for i, (a, e) in enumerate(zip(answer, expected, strict=True)):
            reason = _value_mismatch(a, e, rel, abs_tol)
            if reason:
                return f"item {i}: {reason}"
        return None
    return None if answer == expected else f"got {_describe_type(answer)}"


def _correct(message: str) -> None:
    print(f"Correct! {message}")


def check_value(
    name: str,
    answer,
    expected,
    *,
    rel: float = 1e-6,
    abs_tol: float = 0.0,
    hint: str = "",
) -> None:
    """Check one answer (a number, True/False, a text, or a tuple of them) against `expected`.

    Parameters
    ----------
    name : the answer's variable name, as the student sees it.
    answer : the student's value; ``...`` or None means "not answered yet".
    expected : the right value, computed from the data in the check cell.
    rel, abs_tol : tolerances for numbers (relative, absolute), as in math.isclose.
    hint : what to do, shown when the answer is missing or wrong.

    Raises
    ------
    ExerciseIncomplete
        The answer is still the placeholder.
    ExerciseWrong
        The answer differs; the message says how (type, scale, too high or low).
    """
    __tracebackhide__ = True  # pytest shows the caller, not this frame
    if is_placeholder(answer):
        raise ExerciseIncomplete(name, hint)
    reason = _value_mismatch(answer, expected, rel, abs_tol)
    if reason:
        raise ExerciseWrong(name, answer, reason, hint)
    _correct(f"{name} = {_show(_unwrap_single(answer)[0])}")


def _column_mismatch(column: str, got: pd.Series, want: pd.Series, rel: float) -> str | None:
    numeric = pd.api.types.is_numeric_dtype(want) and not pd.api.types.is_bool_dtype(want)
    if numeric:
        if not pd.api.types.is_numeric_dtype(got) or pd.api.types.is_bool_dtype(got):
            return f"column '{column}' should hold numbers, it holds {got.dtype} values"
        g = got.to_numpy(dtype="float64", na_value=np.nan)
        w = want.to_numpy(dtype="float64", na_value=np.nan)
        same = np.isclose(g, w, rtol=rel, atol=0.0, equal_nan=True)
    else:
        g, w = got.astype(object).to_numpy(), want.astype(object).to_numpy()
        same = np.array(
            [(pd.isna(a) and pd.isna(b)) or a == b for a, b in zip(g, w, strict=True)], dtype=bool
        )
    if same.all():
        return None
    row = int(np.flatnonzero(~same)[0])
    return f"row {row}, column '{column}' holds {_show(g[row])}, which is not the expected value"


def check_frame(
    name: str,
    answer,
    expected: pd.DataFrame,
    *,
    columns: list[str] | None = None,
    ignore_order: bool = True,
    rel: float = 1e-6,
    hint: str = "",
) -> None:
    """Check a table answer against `expected`: same columns, same rows, same values.

    Parameters
    ----------
    name, answer, hint : as in :func:`check_value`.
    expected : the right table, computed from the data in the check cell.
    columns : compare only these columns (extra columns are then allowed); by
        default the answer must have exactly the columns of `expected`, in any order.
    ignore_order : compare rows whatever their order and index (sorted by the
        compared columns); False requires the same row order.
    rel : relative tolerance for numeric columns.

    Raises
    ------
    ExerciseIncomplete, ExerciseWrong
        As in :func:`check_value`; a wrong table names the first missing or extra
        column, a wrong row count, or the first differing row and column.
    """
    __tracebackhide__ = True
    if is_placeholder(answer):
        raise ExerciseIncomplete(name, hint)
    if not isinstance(answer, pd.DataFrame):
        extra = (
            "; select columns with a list, frame[['a', 'b']], to keep a table"
            if isinstance(answer, pd.Series)
            else ""
        )
        raise ExerciseWrong(
            name, answer, f"expected a table (DataFrame), got {_describe_type(answer)}{extra}", hint
        )
    compared = list(columns) if columns is not None else list(expected.columns)
    missing = [c for c in compared if c not in answer.columns]
    if missing:
        raise ExerciseWrong(name, answer, f"column '{missing[0]}' is missing", hint)
    if columns is None:
        extra_cols = [c for c in answer.columns if c not in expected.columns]
        if extra_cols:
            raise ExerciseWrong(
                name, answer, f"column '{extra_cols[0]}' is not asked for: drop it", hint
            )
    if len(answer) != len(expected):
        raise ExerciseWrong(
            name, answer, f"it has {len(answer)} rows; the right table has {len(expected)}", hint
        )
    got, want = answer.loc[:, compared], expected.loc[:, compared]
    if ignore_order:
        got = got.sort_values(compared, kind="stable", ignore_index=True)
        want = want.sort_values(compared, kind="stable", ignore_index=True)
    else:
        got, want = got.reset_index(drop=True), want.reset_index(drop=True)
    for column in compared:
        reason = _column_mismatch(column, got[column], want[column], rel)
        if reason:
            raise ExerciseWrong(name, answer, reason, hint)
    _correct(f"{name} has the {len(answer)} expected rows and columns {', '.join(compared)}.")
