"""Recall and precision of the extractor on the hand-labelled fixture corpus.

tests/fixtures/articles/ holds invented articles in many outlets' styles and
tests/fixtures/expected_figures.csv every money and percent figure in them, read by
hand. The scoring functions live in bench/evaluate_extraction.py (which prints the
same numbers in detail); the first tests check the labels themselves, independently
of the extractor.
"""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from analysis import config

_SPEC = importlib.util.spec_from_file_location(
    "evaluate_extraction", config.ROOT / "bench" / "evaluate_extraction.py"
)
evaluation = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(evaluation)

RECALL_MIN = 0.95
PRECISION_MIN = 0.95
VALUE_ACCURACY_MIN = 0.95
ISO_UNITS = {"EUR", "USD", "GBP", "JPY", "RUB", "CHF", "CNY", "INR"}


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return evaluation.load_expected()


@pytest.fixture(scope="module")
def matched(expected):
    return evaluation.match_figures(expected, evaluation.extract_corpus())


# --- the labels themselves ----------------------------------------------------------------


def test_corpus_has_12_to_15_articles_all_labelled(expected):
    files = sorted(p.name for p in evaluation.ARTICLES_DIR.glob("*.txt"))
    assert 12 <= len(files) <= 15
    assert sorted(expected["file"].unique()) == files


def test_labels_are_sound(expected):
    assert evaluation.label_problems(expected, evaluation.ARTICLES_DIR, ISO_UNITS) == []


# --- the extractor on the corpus ----------------------------------------------------------


def test_corpus_recall(matched):
    expected, _ = matched
    recall = (expected["found_row"] >= 0).mean()
    misses = evaluation.describe_misses(expected)
    assert recall >= RECALL_MIN, (
        f"recall {recall:.3f} < {RECALL_MIN} on money+percent figures; missed per file:\n"
        + evaluation.format_listing(misses)
    )


def test_corpus_precision(matched):
    _, found = matched
    precision = found["matched"].mean()
    false = evaluation.describe_false_positives(found)
    assert precision >= PRECISION_MIN, (
        f"precision {precision:.3f} < {PRECISION_MIN}; rows matching no labelled figure:\n"
        + evaluation.format_listing(false)
    )


def test_corpus_values_of_found_figures(matched):
    expected, found = matched
    hits = expected[expected["found_row"] >= 0]
    accuracy = hits["value_ok"].mean()
    wrong = evaluation.describe_wrong_values(expected, found)
    assert accuracy >= VALUE_ACCURACY_MIN, (
        f"only {accuracy:.3f} of found figures have the right unit, value, low and high:\n"
        + evaluation.format_listing(wrong)
    )


@pytest.mark.parametrize("kind", ["money", "percent"])
def test_corpus_recall_per_kind(matched, kind):
    expected, _ = matched
    rows = expected[expected["kind"] == kind]
    recall = (rows["found_row"] >= 0).mean()
    misses = evaluation.describe_misses(rows)
    assert recall >= RECALL_MIN - 0.05, (
        f"{kind} recall {recall:.3f}; missed:\n" + evaluation.format_listing(misses)
    )


def test_no_extracted_figure_is_negative(matched):
    _, found = matched
    values = found[["value", "low", "high"]]
    assert (values >= 0).all().all(), found[(values < 0).any(axis=1)].to_string()


def test_label_checks_catch_a_wrong_span_and_a_wrong_midpoint(expected):
    broken = expected.copy()
    broken.loc[broken.index[0], "start"] += 1
    broken.loc[broken.index[1], "value"] = broken.loc[broken.index[1], "high"] * 2
    problems = evaluation.label_problems(broken, evaluation.ARTICLES_DIR, ISO_UNITS)
    assert any("is not" in p for p in problems)
    assert any("low <= value <= high" in p for p in problems)
