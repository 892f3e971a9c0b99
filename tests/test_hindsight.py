"""Hindsight: classification rules, the join with outcomes, and the seeds' picture vs outcome."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from support_figures import corpus_tables, edit_file

from analysis import config
from analysis.errors import ModelError
from analysis.figures import figures_for_corpus
from analysis.hindsight import (
    HINDSIGHT_COLUMNS,
    base_rate,
    classify,
    hindsight_table,
    picture_vs_outcome,
)
from analysis.timeline import load_outcomes


@pytest.mark.parametrize(
    ("resolved", "materialised", "expected"),
    [
        ("yes", "yes", "materialised"),
        ("yes", "no", "not_materialised"),
        ("partly", "partly", "partly"),
        ("partly", "yes", "materialised"),
        ("yes", "unknown", "unknown"),
        ("no", "yes", "pending"),  # still open in the latest source
        ("unknown", "no", "unknown"),  # nothing settles it
    ],
)
def test_classify(resolved, materialised, expected):
    assert classify(resolved, materialised) == expected


def test_classify_rejects_unknown_values():
    with pytest.raises(ModelError, match="resolved value 'maybe'"):
        classify("maybe", "yes")
    with pytest.raises(ModelError, match="materialised value 'perhaps'"):
        classify("yes", "perhaps")


def _figures(rows):
    cols = [
        c
        for c in HINDSIGHT_COLUMNS
        if c
        not in (
            "topic",
            "outcome",
            "outcome_date",
            "resolved",
            "evidence",
            "classification",
            "source_url",
        )
    ]
    base = {c: "" for c in cols}
    return pd.DataFrame([{**base, "value_eur": float("nan"), **r} for r in rows], columns=cols)


OUTCOMES = pd.DataFrame(
    {
        "id": ["O1", "O2"],
        "topic": ["a", "b"],
        "claim_in_seed": ["", ""],
        "outcome": ["happened", "did not"],
        "outcome_date": ["2013", "2019"],
        "resolved": ["yes", "partly"],
        "source_url": ["https://x/1", "https://x/2"],
    }
)


@pytest.fixture
def small():
    return _figures(
        [
            {
                "annotation_id": "s1",
                "status": "secured",
                "value_eur": 30.0,
                "outcome_ref": "O1",
                "materialised": "yes",
            },
            {
                "annotation_id": "s2",
                "status": "secured",
                "value_eur": 90.0,
                "outcome_ref": "O2",
                "materialised": "partly",
            },
            {
                "annotation_id": "c1",
                "status": "conditional",
                "value_eur": 120.0,
                "outcome_ref": "O1",
                "materialised": "no",
            },
            {"annotation_id": "x", "status": "reported", "outcome_ref": "", "materialised": ""},
        ]
    )


def test_hindsight_table_joins_and_classifies(small):
    table = hindsight_table(small, OUTCOMES).set_index("annotation_id")
    assert list(table.index) == ["s1", "s2", "c1"]  # uncited figure left out
    assert table["classification"].tolist() == ["materialised", "partly", "not_materialised"]
    assert table["evidence"].tolist() == ["settled", "partial", "settled"]
    assert table.loc["s2", "source_url"] == "https://x/2"


def test_missing_outcome_names_figure_and_ref(small):
    bad = small.assign(outcome_ref=small["outcome_ref"].replace("O2", "O99"))
    with pytest.raises(ModelError, match="figure 's2' cites outcome 'O99'"):
        hindsight_table(bad, OUTCOMES)


def test_picture_vs_outcome_counts_and_amounts(small):
    table = picture_vs_outcome(hindsight_table(small, OUTCOMES)).set_index(
        ["status", "classification"]
    )
    assert len(table) == 2 * 5  # every class for every status, zeros included
    assert table.loc[("secured", "materialised"), "n"] == 1
    assert table.loc[("secured", "partly"), "amount_eur"] == 90.0
    assert table.loc[("conditional", "not_materialised"), "amount_eur"] == 120.0
    assert table.loc[("conditional", "materialised"), "n"] == 0


def test_base_rate_hand_worked(small):
    # materialised 1, partly 0.5, not 0 -> 1.5 / 3
    assert base_rate(hindsight_table(small, OUTCOMES)) == pytest.approx(0.5)
    with pytest.raises(ModelError, match="no settled claim"):
        base_rate(pd.DataFrame({"classification": ["pending", "unknown"]}))


# --- the seeds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    return corpus_tables()


def test_seed_sources_in_hindsight(seeds):
    table = hindsight_table(figures_for_corpus(*seeds), load_outcomes()).set_index("annotation_id")
    assert table.loc["exomars-source-launch-savings", "classification"] == "not_materialised"
    assert table.loc["exomars-source-launch-savings", "outcome_ref"] == "O20"
    assert table.loc["exomars-source-italy", "classification"] == "unknown"
    assert table.loc["exomars-source-spc", "classification"] == "partly"
    assert table.loc["rogozin-odds", "classification"] == "not_materialised"
    assert table.loc["apophis-flyby-2029", "classification"] == "pending"  # O44 resolved "no"
    assert table["source_url"].str.startswith("http").all()
    picture = picture_vs_outcome(table[table["quantity"] == "funding_source"]).set_index(
        ["status", "classification"]
    )
    # Of the €120M the article called secured, none is confirmed as materialised.
    assert picture.loc[("secured", "materialised"), "amount_eur"] == 0.0
    assert picture.loc[("secured", "partly"), "amount_eur"] == 90e6


def test_changed_annotation_changes_hindsight(tmp_path, seeds):
    annotations = tmp_path / "annotations.yaml"
    shutil.copy(config.ANNOTATIONS_PATH, annotations)
    edit_file(
        annotations,
        "  outcome_ref: O15\n  materialised: unknown\n",
        "  outcome_ref: O15\n  materialised: partly\n",
    )
    figures = figures_for_corpus(*seeds, annotations_path=annotations)
    table = hindsight_table(figures, load_outcomes()).set_index("annotation_id")
    assert table.loc["exomars-source-italy", "classification"] == "partly"
