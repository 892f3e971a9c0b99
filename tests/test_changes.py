"""What changed between two runs' tidy data, on hand-made tables and on a real corpus copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis.changes import (
    CHANGE_COLUMNS,
    compare_runs,
    compare_tables,
    read_tidy,
    summarise_changes,
    write_changes,
)
from analysis.pipeline import build_all

FIXTURES = Path(__file__).parent / "fixtures"


def _articles(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article_id", "headline", "sha256", "n_mentions"])


def _mentions(*rows) -> pd.DataFrame:
    columns = ["mention_id", "article_id", "kind", "surface", "start", "value", "unit", "date"]
    return pd.DataFrame(rows, columns=columns)


def _expected(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS).astype("str")


def test_hand_made_tables_give_every_kind_of_change():
    old = {
        "articles": _articles(("a", "A", "h1", "2"), ("b", "B", "h2", "1")),
        "mentions": _mentions(
            ("a-m000", "a", "money", "€1.2 million", "10", "1200000.0", "EUR", ""),
            ("a-m001", "a", "date", "June", "40", "", "date", "2022-06"),
            ("b-m000", "b", "percent", "7 percent", "5", "0.07", "percent", ""),
        ),
    }
    new = {
        "articles": _articles(("a", "A", "h1", "3"), ("c", "C", "h3", "0")),
        "mentions": _mentions(
            ("a-m000", "a", "money", "$5", "2", "5.0", "USD", ""),  # new, shifts the ranks
            ("a-m001", "a", "money", "€1.2 billion", "10", "1200000000.0", "EUR", ""),
            ("a-m002", "a", "date", "June", "40", "", "date", "2022-06"),  # same, new rank
        ),
    }
    changes = compare_tables(old, new)
    expected = _expected(
        ("new article", "articles", "c", "c", "C", "", "", ""),
        ("removed article", "articles", "b", "b", "B", "", "", ""),
        (
            "changed figure",
            "mentions",
            "a",
            "a-m001",
            "€1.2 billion",
            "surface",
            "€1.2 million",
            "€1.2 billion",
        ),  # noqa: E501
        (
            "changed figure",
            "mentions",
            "a",
            "a-m001",
            "€1.2 billion",
            "value",
            "1200000.0",
            "1200000000.0",
        ),  # noqa: E501
        ("new figure", "mentions", "a", "a-m000", "$5", "", "", "5.0 USD"),
        ("removed figure", "mentions", "b", "b-m000", "7 percent", "", "0.07 percent", ""),
    )
    pdt.assert_frame_equal(changes, expected)
    # n_mentions follows from the figures and is not reported; a changed article would be
    assert summarise_changes(changes) == {
        "changed figure": 1,
        "new article": 1,
        "new figure": 1,
        "removed article": 1,
        "removed figure": 1,
    }


def test_other_tables_are_keyed_by_their_id_column_and_dates_described_by_date():
    old = {"figures": pd.DataFrame({"annotation_id": ["x", "y"], "value": ["1", "2"]})}
    new = {"figures": pd.DataFrame({"annotation_id": ["y", "z"], "value": ["3", "4"]})}
    changes = compare_tables(old, new)
    assert changes[["change", "key", "field", "old", "new"]].values.tolist() == [
        ["changed annotated figure", "y", "value", "2", "3"],
        ["new annotated figure", "z", "", "", ""],
        ["removed annotated figure", "x", "", "", ""],
    ]
    dates = compare_tables(
        {"mentions": _mentions()},
        {"mentions": _mentions(("a-m000", "a", "date", "June", "4", "", "date", "2022-06"))},
    )
    assert dates["new"].tolist() == ["2022-06"]


def test_identical_tables_and_tables_missing_on_one_side_give_no_change():
    tables = {"articles": _articles(("a", "A", "h", "1"))}
    assert compare_tables(tables, tables).empty
    assert list(compare_tables(tables, tables).columns) == CHANGE_COLUMNS
    assert compare_tables({}, tables).empty  # a table new in this run is not compared


def test_first_run_has_nothing_to_compare_with(tmp_path):
    assert compare_runs(None, tmp_path) is None
    assert compare_runs(tmp_path / "missing", tmp_path) is None
    assert compare_runs(tmp_path, tmp_path) is None  # a folder without tables
    path = write_changes(None, tmp_path / "changes.csv")
    assert path.read_text(encoding="utf-8") == ",".join(CHANGE_COLUMNS) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "report_corpus", target)
    return target


def test_a_new_article_in_a_corpus_copy_is_listed_with_its_figures(corpus, tmp_path):
    build_all(seeds_dir=corpus, out_dir=tmp_path / "before")
    new = FIXTURES / "report_new_article"
    shutil.copy(new / "003_new_mission.txt", corpus)
    with (corpus / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write((new / "manifest_row.csv").read_text(encoding="utf-8"))
    build_all(seeds_dir=corpus, out_dir=tmp_path / "after")

    changes = compare_runs(tmp_path / "before", tmp_path / "after")

    articles = changes[changes["table"] == "articles"]
    assert articles[["change", "key", "label"]].values.tolist() == [
        ["new article", "003_new_mission", "New mission approved"]
    ]
    figures = changes[changes["table"] == "mentions"]
    assert figures[["change", "label", "new"]].values.tolist() == [
        ["new figure", "€450 million", "450000000.0 EUR"]
    ]
    assert set(changes["article_id"]) == {"003_new_mission"}  # nothing else changed
    written = write_changes(changes, tmp_path / "changes.csv")
    back = pd.read_csv(written, dtype=str, keep_default_na=False)
    pdt.assert_frame_equal(back, changes.reset_index(drop=True))
    assert set(read_tidy(tmp_path / "after")) >= {"articles", "mentions"}
