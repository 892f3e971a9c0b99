"""Tests for analysis.schemas: each declared check rejects what it should."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import schemas
from analysis.errors import ParameterError, SchemaError
from analysis.schemas import check_references, read_table, validate
from analysis.tidy import write_csv_atomic

SENTENCE = "It costs €1.2 billion, approved on Nov. 19."


def _mentions() -> pd.DataFrame:
    """Two hand-made mentions of SENTENCE, as the extractor would report them."""
    return pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "kind": ["money", "date"],
            "surface": ["€1.2 billion", "Nov. 19"],
            "start": [9, 35],
            "end": [21, 42],
            "value": [1.2e9, np.nan],
            "low": [1.2e9, np.nan],
            "high": [1.2e9, np.nan],
            "unit": ["EUR", "date"],
            "qualifier": ["", ""],
            "hedge": ["", ""],
            "sentence": [SENTENCE, SENTENCE],
            "date": ["", "2012-11-19"],
            "sentence_index": [0, 0],
            "sentence_start": [0, 0],
            "sentence_end": [43, 43],
            "mention_id": ["a-m000", "a-m001"],
        }
    ).astype({c: "str" for c in ["mention_id", "article_id", "kind", "surface", "unit"]})


def _articles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "file": ["a.txt", "b.txt"],
            "outlet": ["Example Daily", ""],
            "headline": ["ESA budget", ""],
            "url": ["https://example.org/a", ""],
            "published_earliest": pd.to_datetime(["2012-11-19", None]),
            "published_latest": pd.to_datetime(["2012-11-23", None]),
            "published_best": pd.to_datetime(["2012-11-20", None]),
            "date_precision": ["range", ""],
            "date_evidence": ["dateline", ""],
            "published_as_given": ["2012-11-19/2012-11-23", ""],
            "n_chars": [43, 0],
            "n_bytes": [45, 0],
            "sha256": [
                "0" * 64,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ],
            "n_mentions": [2, 0],
        }
    )


def test_hand_made_tables_pass():
    mentions, articles = _mentions(), _articles()
    assert SENTENCE[9:21] == "€1.2 billion" and SENTENCE[35:42] == "Nov. 19"
    pd.testing.assert_frame_equal(validate(mentions, "mentions"), mentions)
    pd.testing.assert_frame_equal(validate(articles, "articles"), articles)
    check_references({"mentions": mentions, "articles": articles})


def _broken(column, row, value):
    frame = _mentions()
    frame.loc[row, column] = value
    return frame


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (_broken("kind", 0, "speed"), "column 'kind' fails isin"),
        (_broken("value", 0, -5.0), "column 'value' fails greater_than_or_equal_to(0)"),
        (_broken("low", 0, 2e9), "ordered_finite_numbers"),
        (_broken("high", 0, np.inf), "ordered_finite_numbers"),
        (_broken("value", 1, 3.0), "dates_not_numeric"),
        (_broken("end", 0, 22), "span_matches_surface"),
        (_broken("sentence_end", 1, 40), "mention_inside_sentence"),
        (_broken("unit", 0, "euro"), "unit_fits_kind"),
        (_broken("unit", 1, "day"), "unit_fits_kind"),
        (_broken("date", 1, "Nov 19"), "date_fits_kind"),
        (_broken("date", 0, "2012"), "date_fits_kind"),
        (_broken("mention_id", 1, "a-m000"), "column 'mention_id' fails field_uniqueness"),
        (_broken("mention_id", 1, "a-7"), "column 'mention_id' fails str_matches"),
        (_broken("start", 1, 9), "rows 0, 1 repeat the same ['article_id', 'start']"),
        (_mentions().drop(columns="hedge"), "missing column(s) ['hedge']"),
        (_mentions().assign(extra=1), "unexpected column(s) ['extra']"),
        (_mentions().astype({"start": "float64"}), "column 'start' has dtype float64"),
    ],
)
def test_broken_mentions_name_table_and_check(frame, expected):
    with pytest.raises(SchemaError) as info:
        validate(frame, "mentions")
    assert info.value.table == "mentions"
    assert str(info.value).startswith("table 'mentions' breaks its schema")
    assert expected in str(info.value)


@pytest.mark.parametrize(
    ("column", "row", "value", "expected"),
    [
        ("sha256", 0, "abc", "column 'sha256' fails str_matches"),
        ("published_best", 0, pd.Timestamp("2012-12-01"), "dates_in_order"),
        ("n_bytes", 0, 40, "bytes_at_least_chars"),
        ("date_precision", 1, "week", "column 'date_precision' fails isin"),
        ("file", 0, "a.md", "column 'file' fails str_endswith"),
        ("article_id", 1, "a", "column 'article_id' fails field_uniqueness"),
    ],
)
def test_broken_articles_name_table_and_check(column, row, value, expected):
    frame = _articles()
    frame.loc[row, column] = value
    with pytest.raises(SchemaError, match="table 'articles'") as info:
        validate(frame, "articles")
    assert expected in str(info.value)


def test_unknown_table_is_a_parameter_error():
    with pytest.raises(ParameterError, match=r"'figure'.*one of \[.*'articles'.*'mentions'"):
        validate(_mentions(), "figure")


def test_check_references_finds_mentions_of_unknown_articles():
    mentions = _mentions()
    mentions.loc[1, "article_id"] = "zzz"
    with pytest.raises(
        SchemaError, match="'article_id' has values not in articles.article_id: zzz"
    ):
        check_references({"mentions": mentions, "articles": _articles()})


def test_columns_follow_the_model_order():
    assert schemas.columns("mentions")[:12] == [
        "article_id",
        "kind",
        "surface",
        "start",
        "end",
        "value",
        "low",
        "high",
        "unit",
        "qualifier",
        "hedge",
        "sentence",
    ]  # issue 2's order, then the rest
    assert schemas.columns("mentions")[-1] == "mention_id"
    assert schemas.columns("articles")[-1] == "n_mentions"


def test_read_table_restores_dtypes_and_exact_floats(tmp_path):
    mentions = _mentions()
    mentions.loc[0, ["value", "low", "high"]] = 0.1 + 0.2  # not a short decimal
    path = write_csv_atomic(mentions, tmp_path / "mentions.csv")
    back = read_table(path, "mentions")
    pd.testing.assert_frame_equal(back, mentions, check_dtype=False)
    assert back["value"].iloc[0] == 0.1 + 0.2
    assert back["start"].dtype == "int64" and back["date"].iloc[0] == ""

    articles = _articles()
    back = read_table(write_csv_atomic(articles, tmp_path / "articles.csv"), "articles")
    assert back["published_best"].iloc[0] == pd.Timestamp("2012-11-20")
    assert pd.isna(back["published_best"].iloc[1])
    assert back["outlet"].iloc[1] == ""


def test_read_table_reports_unconvertible_columns(tmp_path):
    path = tmp_path / "mentions.csv"
    frame = _mentions().astype({"start": "str"})
    frame.loc[0, "start"] = "nine"
    frame.to_csv(path, index=False)
    with pytest.raises(SchemaError, match="column 'start' in '.*mentions.csv'"):
        read_table(path, "mentions")
