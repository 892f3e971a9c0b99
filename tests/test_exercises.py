"""The exercise checks: "Correct!" for right answers, helpful errors for missing or wrong ones."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import AnalysisError, ExerciseIncomplete, ExerciseWrong
from analysis.exercises import check_frame, check_value, is_placeholder

HINT = "identified sources divided by the gap"


# --- placeholders -------------------------------------------------------------------


@pytest.mark.parametrize("placeholder", [..., None])
def test_placeholder_asks_for_an_answer_and_gives_the_hint(placeholder):
    with pytest.raises(ExerciseIncomplete) as info:
        check_value("coverage", placeholder, 0.83, hint=HINT)
    message = str(info.value)
    assert "'coverage' has no answer yet" in message
    assert "replace the ... after 'coverage ='" in message
    assert HINT in message
    assert isinstance(info.value, AnalysisError)
    assert not isinstance(info.value, AssertionError)


@pytest.mark.parametrize("placeholder", [..., None])
def test_table_placeholder_asks_for_an_answer(placeholder):
    with pytest.raises(ExerciseIncomplete, match="'money' has no answer yet.*Hint: keep money"):
        check_frame("money", placeholder, pd.DataFrame({"a": [1]}), hint="keep money rows")


def test_is_placeholder_only_for_ellipsis_and_none():
    assert is_placeholder(...) and is_placeholder(None)
    assert not any(is_placeholder(v) for v in (0, 0.0, "", False, [], np.nan))


# --- values ---------------------------------------------------------------------------


def test_right_number_prints_correct(capsys):
    check_value("coverage", 290e6 / 350e6, 0.8285714285714286, hint=HINT)
    assert capsys.readouterr().out == "Correct! coverage = 0.828571\n"


def test_whole_amounts_are_shown_with_separators(capsys):
    check_value("total", 1_200_000_000.0, 1.2e9)
    assert capsys.readouterr().out == "Correct! total = 1,200,000,000\n"


def test_relative_tolerance_accepts_rounding_and_rejects_more():
    check_value("coverage", 0.82857143, 0.8285714285714286)
    with pytest.raises(ExerciseWrong):
        check_value("coverage", 0.8286, 0.8285714285714286)
    check_value("coverage", 0.8286, 0.8285714285714286, rel=1e-3)


def test_absolute_tolerance_for_simulated_values():
    check_value("p", 0.512, 0.5, abs_tol=0.02)
    with pytest.raises(ExerciseWrong, match="too high"):
        check_value("p", 0.53, 0.5, abs_tol=0.02)


def test_wrong_number_says_too_high_or_too_low_with_the_hint_but_not_the_answer():
    with pytest.raises(ExerciseWrong) as info:
        check_value("residual", 70e6, 60e6, hint="gap minus identified sources")
    message = str(info.value)
    assert message.startswith("'residual' is not right yet: got 70,000,000, which is too high.")
    assert message.endswith("Hint: gap minus identified sources")
    assert "60,000,000" not in message
    with pytest.raises(ExerciseWrong, match="too low"):
        check_value("residual", 50e6, 60e6)


@pytest.mark.parametrize(
    ("answer", "expected", "words"),
    [
        (7.5, 0.075, "fractions of one (7 percent is 0.07)"),
        (0.00075, 0.075, "1/100 of the expected value"),
        (1.2, 1.2e9, "(€1.2 billion is 1_200_000_000)"),
        (350.0, 350e6, "(€350 million is 350_000_000)"),
        (350_000.0, 350e6, "1/1,000 of the expected value"),
        (1.2e12, 1.2e9, "1,000 times the expected value"),
        (-60e6, 60e6, "wrong sign"),
    ],
)
def test_scale_and_sign_slips_are_named(answer, expected, words):
    with pytest.raises(ExerciseWrong) as info:
        check_value("x", answer, expected)
    assert words in str(info.value)


def test_text_where_a_number_is_expected():
    with pytest.raises(ExerciseWrong, match="expected a number, got the text '0.83'"):
        check_value("coverage", "0.83", 0.83)


def test_true_is_not_accepted_as_a_number():
    with pytest.raises(ExerciseWrong, match="expected a number, got True"):
        check_value("count", True, 1)


def test_nan_answer_is_explained():
    with pytest.raises(ExerciseWrong, match="NaN"):
        check_value("coverage", float("nan"), 0.83)


def test_one_value_series_counts_as_its_value(capsys):
    check_value("total", pd.Series([1.2e9], index=[5]), 1.2e9)
    assert capsys.readouterr().out == "Correct! total = 1,200,000,000\n"


def test_longer_series_asks_for_one_value():
    with pytest.raises(ExerciseWrong, match=r"got a Series with 2 values; take a single value"):
        check_value("total", pd.Series([1.2e9, 1.5e9]), 1.2e9)


def test_numpy_numbers_are_numbers(capsys):
    check_value("n", np.int64(8), 8)
    check_value("share", np.float64(0.5), 0.5)
    assert capsys.readouterr().out.count("Correct!") == 2


def test_booleans_and_zero_one(capsys):
    check_value("holds", np.bool_(False), False)
    check_value("happened", 0, False)
    assert capsys.readouterr().out.count("Correct!") == 2
    with pytest.raises(ExerciseWrong, match="got True"):
        check_value("holds", True, False)
    with pytest.raises(ExerciseWrong, match="expected True or False, got the text 'no'"):
        check_value("holds", "no", False)


def test_text_answers_ignore_case_and_spaces(capsys):
    check_value("source", "  launch savings ", "Launch savings")
    assert capsys.readouterr().out.startswith("Correct!")
    with pytest.raises(ExerciseWrong, match="got 'Italy'"):
        check_value("source", "Italy", "Launch savings")
    with pytest.raises(ExerciseWrong, match="expected a text"):
        check_value("source", 3, "Launch savings")


def test_tuples_name_the_wrong_item():
    check_value("range", (0.07, 0.08), (0.07, 0.08))
    with pytest.raises(ExerciseWrong, match="item 1: got 8; it is 100 times"):
        check_value("range", (0.07, 8), (0.07, 0.08))
    with pytest.raises(ExerciseWrong, match="expected 2 values"):
        check_value("range", 0.07, (0.07, 0.08))


# --- tables ---------------------------------------------------------------------------


@pytest.fixture
def money() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "surface": ["€1.2 billion", "$1.5 billion", "€350 million"],
            "value": [1.2e9, 1.5e9, 3.5e8],
            "unit": ["EUR", "USD", "EUR"],
        }
    )


def test_same_table_in_another_order_and_index_is_right(money, capsys):
    answer = money.iloc[[2, 0, 1]].set_index(pd.Index([10, 11, 12]))[["unit", "value", "surface"]]
    check_frame("money", answer, money)
    assert capsys.readouterr().out == (
        "Correct! money has the 3 expected rows and columns surface, value, unit.\n"
    )


def test_row_order_matters_when_asked(money):
    with pytest.raises(ExerciseWrong, match="row 0, column 'surface'"):
        check_frame("money", money.iloc[::-1], money, ignore_order=False)


def test_missing_extra_and_selected_columns(money, capsys):
    with pytest.raises(ExerciseWrong, match="column 'unit' is missing"):
        check_frame("money", money[["surface", "value"]], money, hint="three columns")
    wider = money.assign(kind="money")
    with pytest.raises(ExerciseWrong, match="column 'kind' is not asked for: drop it"):
        check_frame("money", wider, money)
    check_frame("money", wider, money, columns=["surface", "value"])
    assert "columns surface, value." in capsys.readouterr().out


def test_wrong_row_count(money):
    with pytest.raises(ExerciseWrong, match="it has 2 rows; the right table has 3. Hint: money"):
        check_frame("money", money.head(2), money, hint="money only")


def test_wrong_value_names_row_and_column(money):
    wrong = money.assign(value=[1.2e9, 1.5e9, 3.4e8])
    with pytest.raises(ExerciseWrong, match="column 'value' holds 340,000,000"):
        check_frame("money", wrong, money)


def test_numbers_stored_as_text_are_named(money):
    wrong = money.assign(value=money["value"].astype(str))
    with pytest.raises(ExerciseWrong, match="column 'value' should hold numbers"):
        check_frame("money", wrong, money)


def test_missing_values_match_missing_values(capsys):
    table = pd.DataFrame({"low": [0.07, np.nan], "date": ["2022-03", None]})
    check_frame("t", table.copy(), table)
    assert capsys.readouterr().out.startswith("Correct!")


def test_series_instead_of_table_explains_double_brackets(money):
    with pytest.raises(ExerciseWrong, match=r"got a Series with 3 values; select columns"):
        check_frame("money", money["value"], money)


def test_notebooks_show_the_message_without_a_stack():
    with pytest.raises(ExerciseWrong) as info:
        check_value("residual", 70e6, 60e6, hint="gap minus sources")
    assert info.value._render_traceback_() == [
        "ExerciseWrong: 'residual' is not right yet: got 70,000,000, which is too high. "
        "Hint: gap minus sources"
    ]
