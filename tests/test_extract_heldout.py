"""Recall and precision of the extractor on the held-out corpus.

tests/fixtures/heldout/ holds invented articles written after the extractor scored
100% on tests/fixtures/articles/, in outlets' styles and formats that corpus lacks;
tests/fixtures/heldout_expected.csv lists every money and percent figure in them,
labelled from the text alone. The scorer is bench/evaluate_extraction.py, reached
through bench/evaluate_heldout.py. The first tests check the labels themselves,
independently of the extractor (spans, consistency, and the arithmetic of the scale
words recomputed from the surface).
"""

from __future__ import annotations

import importlib.util
import math
import re

import pandas as pd
import pytest

from analysis import config

_SPEC = importlib.util.spec_from_file_location(
    "evaluate_heldout", config.ROOT / "bench" / "evaluate_heldout.py"
)
heldout = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(heldout)
scorer = heldout.load_scorer()

RECALL_MIN = 0.9
PRECISION_MIN = 0.9
VALUE_ACCURACY_MIN = 0.9
ISO_UNITS = {
    "USD", "EUR", "GBP", "JPY", "CNY", "HKD", "INR", "RUB", "CHF", "KRW", "CAD", "AUD",
    "NZD", "BRL", "AED", "SAR", "TRY", "PLN", "SEK", "NOK", "SGD", "MXN",
}  # fmt: skip
# Scale words as they appear in the labelled surfaces, and their multipliers.
SCALES = {
    "lakh crore": 1e12, "crore": 1e7, "cr": 1e7, "lakh": 1e5, "trillion": 1e12,
    "trln": 1e12, "tn": 1e12, "billion": 1e9, "bln": 1e9, "bn": 1e9, "B": 1e9,
    "million": 1e6, "mln": 1e6, "M": 1e6, "m": 1e6, "k": 1e3,
}  # fmt: skip
_ONE_AMOUNT = re.compile(
    r"^\D*?(\d[\d,]*(?:\.\d+)?)[\s-]*(lakh crore|crore|cr|lakh|trillion|trln|tn|billion|bln|bn"
    r"|B|million|mln|M|m|k)\b"
)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return scorer.load_expected(heldout.HELDOUT_EXPECTED_PATH, heldout.HELDOUT_DIR)


@pytest.fixture(scope="module")
def matched(expected):
    return scorer.match_figures(expected, scorer.extract_corpus(heldout.HELDOUT_DIR))


# --- the labels themselves ----------------------------------------------------------------


def test_heldout_has_15_to_20_articles_all_labelled(expected):
    files = sorted(p.name for p in heldout.HELDOUT_DIR.glob("*.txt"))
    assert 15 <= len(files) <= 20
    assert sorted(expected["file"].unique()) == files


def test_heldout_labels_are_sound(expected):
    assert scorer.label_problems(expected, heldout.HELDOUT_DIR, ISO_UNITS) == []


def test_heldout_single_amounts_match_their_scale_words(expected):
    """Recompute number x scale word (crore 1e7, lakh 1e5, bn 1e9, ...) from each surface."""
    checked, wrong = 0, []
    for row in expected[
        (expected["kind"] == "money") & (expected["low"] == expected["high"])
    ].itertuples():
        match = _ONE_AMOUNT.match(row.surface.replace("&nbsp;", " "))
        if match is None:
            continue
        want = float(match.group(1).replace(",", "")) * SCALES[match.group(2)]
        checked += 1
        if not math.isclose(row.value, want, rel_tol=1e-9):
            wrong.append(f"{row.file}: {row.surface!r} labelled {row.value:g}, expected {want:g}")
    assert checked >= 200, f"only {checked} surfaces parsed; the pattern no longer fits the labels"
    assert not wrong, "\n".join(wrong)


def test_heldout_single_percentages_are_fractions_of_their_number(expected):
    checked, wrong = 0, []
    for row in expected[
        (expected["kind"] == "percent") & (expected["low"] == expected["high"])
    ].itertuples():
        number = re.match(r"\d+(?:\.\d+)?", row.surface)
        if number is None:
            continue
        want = float(number.group()) / 100
        checked += 1
        if not math.isclose(row.value, want, rel_tol=1e-9, abs_tol=1e-12):
            wrong.append(f"{row.file}: {row.surface!r} labelled {row.value:g}, expected {want:g}")
    assert checked >= 80
    assert not wrong, "\n".join(wrong)


# --- the extractor on the held-out corpus -------------------------------------------------


def test_heldout_recall(matched):
    expected, _ = matched
    recall = (expected["found_row"] >= 0).mean()
    misses = scorer.describe_misses(expected)
    assert recall >= RECALL_MIN, (
        f"held-out recall {recall:.3f} < {RECALL_MIN} on money+percent figures"
        f" ({len(expected)} labelled); missed per file:\n" + scorer.format_listing(misses)
    )


def test_heldout_precision(matched):
    _, found = matched
    precision = found["matched"].mean()
    false = scorer.describe_false_positives(found)
    assert precision >= PRECISION_MIN, (
        f"held-out precision {precision:.3f} < {PRECISION_MIN}; rows matching no labelled"
        " figure:\n" + scorer.format_listing(false)
    )


def test_heldout_values_of_found_figures(matched):
    expected, found = matched
    hits = expected[expected["found_row"] >= 0]
    accuracy = hits["value_ok"].mean()
    wrong = scorer.describe_wrong_values(expected, found)
    assert accuracy >= VALUE_ACCURACY_MIN, (
        f"only {accuracy:.3f} of found held-out figures have the right unit, value, low and"
        " high:\n" + scorer.format_listing(wrong)
    )
