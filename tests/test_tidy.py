"""Tests for analysis.tidy: the mentions and articles tables and atomic CSV writing."""

from __future__ import annotations

import hashlib
import os
import shutil

import numpy as np
import pandas as pd
import pytest

from analysis import config, tidy
from analysis.corpus import iter_articles, load_manifest
from analysis.errors import ArticleError, ParameterError
from analysis.extract import MENTION_COLUMNS, extract_mentions
from analysis.schemas import read_table, validate
from analysis.tidy import articles_table, extract_to_csv, mentions_table, write_csv_atomic

SEED_003 = "003_e7fef18789723566"


def _extracted_independently(folder, published: dict) -> pd.DataFrame:
    """Concatenate extract_mentions over the files of `folder`, sorted by name."""
    frames = [
        extract_mentions(
            path.read_text(encoding="utf-8"),
            article_id=path.stem,
            published=published.get(path.stem),
        )
        for path in sorted(folder.glob("*.txt"))
    ]
    return pd.concat(frames, ignore_index=True)


def _seed_dates() -> dict:
    manifest = load_manifest(config.MANIFEST_PATH)
    days = manifest.set_index("article_id")["published_best"]
    return {article_id: day.date() for article_id, day in days.items()}


# --- mentions_table -----------------------------------------------------------------


def test_mentions_table_is_extract_mentions_plus_ids():
    table = mentions_table(iter_articles(config.SEEDS_DIR))
    assert list(table.columns) == [*MENTION_COLUMNS, "mention_id"]
    expected = _extracted_independently(config.SEEDS_DIR, _seed_dates())
    pd.testing.assert_frame_equal(table.drop(columns="mention_id"), expected, check_dtype=False)
    validate(table, "mentions")


def test_mention_ids_count_from_zero_within_each_article():
    table = mentions_table(iter_articles(config.SEEDS_DIR))
    for article_id, group in table.groupby("article_id"):
        assert group["mention_id"].tolist() == [f"{article_id}-m{i:03d}" for i in range(len(group))]
        assert group["start"].is_monotonic_increasing


def test_the_manifest_date_gives_yearless_dates_their_year(seed_copy):
    with_manifest = mentions_table(iter_articles(seed_copy / f"{SEED_003}.txt"))
    (seed_copy / "manifest.csv").unlink()
    without = mentions_table(iter_articles(seed_copy / f"{SEED_003}.txt"))
    # "approved a draft agreement on Nov. 19"; the manifest's best day is 2012-11-20
    assert with_manifest.loc[with_manifest["surface"] == "Nov. 19", "date"].tolist() == [
        "2012-11-19"
    ]
    assert without.loc[without["surface"] == "Nov. 19", "date"].tolist() == ["--11-19"]


def test_empty_corpus_article_gives_typed_empty_table(fixtures_dir):
    with pytest.warns(UserWarning):
        table = mentions_table(iter_articles(fixtures_dir / "empty_article.txt"))
    assert table.empty and list(table.columns) == [*MENTION_COLUMNS, "mention_id"]
    assert table["start"].dtype == "int64" and table["value"].dtype == "float64"
    validate(table, "mentions")


# --- articles_table -----------------------------------------------------------------


def test_articles_table_sizes_and_hashes_are_those_of_the_files():
    table = articles_table(iter_articles(config.SEEDS_DIR)).set_index("article_id")
    for path in sorted(config.SEEDS_DIR.glob("*.txt")):
        row = table.loc[path.stem]
        data = path.read_bytes()
        assert row["file"] == path.name
        assert row["n_bytes"] == os.path.getsize(path)
        assert row["n_chars"] == len(data.decode("utf-8"))
        assert row["sha256"] == hashlib.sha256(data).hexdigest()


def test_articles_table_carries_the_manifest_metadata():
    table = articles_table(iter_articles(config.SEEDS_DIR)).set_index("article_id")
    assert table.loc["002_ca68f9291fa4b14b", "outlet"] == "The Register (theregister.co.uk)"
    assert table.loc[SEED_003, "published_best"] == pd.Timestamp("2012-11-20")
    assert table.loc[SEED_003, "published_latest"] == pd.Timestamp("2012-11-23")
    assert table.loc[SEED_003, "date_precision"] == "range"


def test_mention_counts_agree_with_and_without_the_mentions_table():
    mentions = mentions_table(iter_articles(config.SEEDS_DIR))
    given = articles_table(iter_articles(config.SEEDS_DIR), mentions=mentions)
    recounted = articles_table(iter_articles(config.SEEDS_DIR))
    expected = mentions["article_id"].value_counts().sort_index()
    assert given["n_mentions"].tolist() == expected.tolist()
    assert recounted["n_mentions"].tolist() == expected.tolist()
    validate(given, "articles")


def test_article_without_manifest_row_has_empty_metadata(fixtures_dir):
    table = articles_table(iter_articles(fixtures_dir / "bom_article.txt"))
    row = table.iloc[0]
    assert row["outlet"] == "" and pd.isna(row["published_best"])
    # the BOM (3 bytes, 1 character) and "€" (3 bytes, 1 character) add 4 bytes
    assert row["n_bytes"] == row["n_chars"] + 4
    data = (fixtures_dir / "bom_article.txt").read_bytes()
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    validate(table, "articles")


# --- write_csv_atomic ---------------------------------------------------------------


def test_write_csv_formats_deterministically(tmp_path):
    frame = pd.DataFrame(
        {
            "name": ["a, b", "c"],
            "x": [0.1 + 0.2, 1.2e9],
            "n": [1, 2],
            "day": pd.to_datetime(["2012-11-20", None]),
            "gap": [np.nan, 0.075],
        }
    )
    path = write_csv_atomic(frame, tmp_path / "t.csv")
    assert path.read_bytes() == (
        b'name,x,n,day,gap\n"a, b",0.30000000000000004,1,2012-11-20,\nc,1200000000.0,2,,0.075\n'
    )


def test_written_file_mode_follows_the_umask(tmp_path):
    umask = os.umask(0o022)
    try:
        path = write_csv_atomic(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_bytes(b"old content\n")

    def fail_midway(handle, df):
        handle.write("half a row")
        raise RuntimeError("disk full")

    monkeypatch.setattr(tidy, "_write_frame", fail_midway)
    with pytest.raises(RuntimeError, match="disk full"):
        write_csv_atomic(pd.DataFrame({"a": [1]}), path)
    assert path.read_bytes() == b"old content\n"
    assert os.listdir(tmp_path) == ["t.csv"]


def test_write_csv_rejects_missing_folder_and_folder_path(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        write_csv_atomic(pd.DataFrame({"a": [1]}), tmp_path / "no" / "t.csv")
    with pytest.raises(ParameterError, match="not a folder"):
        write_csv_atomic(pd.DataFrame({"a": [1]}), tmp_path)


# --- extract_to_csv -----------------------------------------------------------------


def test_extract_to_csv_writes_every_mention(tmp_path):
    out = tmp_path / "mentions.csv"
    n = extract_to_csv([config.SEEDS_DIR], out)
    back = read_table(out, "mentions")
    expected = _extracted_independently(config.SEEDS_DIR, _seed_dates())
    assert n == len(expected) == len(back)
    pd.testing.assert_frame_equal(back.drop(columns="mention_id"), expected, check_dtype=False)


def test_extract_to_csv_streams_in_batches_with_the_same_bytes(tmp_path, monkeypatch):
    whole = tmp_path / "whole.csv"
    extract_to_csv(config.SEEDS_DIR, whole)
    sizes = []
    original = tidy._write_batch

    def spy(writers, rows, check, has_cr):
        sizes.append(len(rows))
        return original(writers, rows, check, has_cr)

    monkeypatch.setattr(tidy, "BATCH_ROWS", 5)
    monkeypatch.setattr(tidy, "_write_batch", spy)
    batched = tmp_path / "batched.csv"
    extract_to_csv(config.SEEDS_DIR, batched)
    assert batched.read_bytes() == whole.read_bytes()
    per_article = mentions_table(iter_articles(config.SEEDS_DIR))["article_id"].value_counts()
    assert len(sizes) >= 3  # written as the articles stream, not once at the end
    assert max(sizes) <= 5 - 1 + per_article.max()  # a batch ends with the article that fills it


@pytest.mark.parametrize("with_cr", [True, False], ids=["carriage returns", "plain"])
def test_extract_to_csv_writes_what_write_csv_atomic_writes(tmp_path, fixtures_dir, with_cr):
    corpus = tmp_path / "corpus"
    shutil.copytree(config.SEEDS_DIR, corpus)
    for article in sorted((config.ROOT / "tests" / "fixtures" / "articles").glob("*.txt")):
        if with_cr or b"\r" not in article.read_bytes():
            shutil.copy(article, corpus)
    if with_cr:
        shutil.copy(fixtures_dir / "crlf_article.txt", corpus)
        (corpus / "heading_crlf.txt").write_bytes(
            b'Budget 2024\r\nESA paid \xe2\x82\xac5m in 2023\r\nand "more", later.\r\n'
        )
    table = mentions_table(iter_articles(corpus))
    expected = write_csv_atomic(table, tmp_path / "expected.csv").read_bytes()
    extract_to_csv([corpus], tmp_path / "checked.csv")
    extract_to_csv([corpus], tmp_path / "unchecked.csv", check=False)
    assert (tmp_path / "checked.csv").read_bytes() == expected
    assert (tmp_path / "unchecked.csv").read_bytes() == expected


def test_carriage_returns_survive_a_read_back(tmp_path):
    text = "Budget 2024\r\nESA paid €5m in 2023\rand more, later.\r\n"
    path = tmp_path / "cr.txt"
    path.write_bytes(text.encode("utf-8"))
    out = tmp_path / "cr.csv"
    n = extract_to_csv([path], out)
    back = read_table(out, "mentions")
    assert n == len(back) >= 3
    for row in back.itertuples():
        assert text[row.start : row.end] == row.surface
        assert text[row.sentence_start : row.sentence_end] == row.sentence
    frame = pd.DataFrame({"a": ["x\r", "y\r\nz", "plain"], "b": [1.5, np.nan, 2.0]})
    back = pd.read_csv(write_csv_atomic(frame, tmp_path / "t.csv"), keep_default_na=False)
    assert back["a"].tolist() == ["x\r", "y\r\nz", "plain"]


def test_extract_to_csv_uses_an_explicit_manifest(tmp_path):
    shutil.copy(config.SEEDS_DIR / f"{SEED_003}.txt", tmp_path)
    out = tmp_path / "m.csv"
    extract_to_csv([tmp_path / f"{SEED_003}.txt"], out)  # no manifest beside it
    assert "--11-19" in read_table(out, "mentions")["date"].tolist()
    extract_to_csv([tmp_path / f"{SEED_003}.txt"], out, manifest=config.MANIFEST_PATH)
    assert "2012-11-19" in read_table(out, "mentions")["date"].tolist()


@pytest.mark.parametrize("bad", ["missing.txt", "latin1_article.txt", "binary_article.txt"])
def test_bad_input_leaves_earlier_output_untouched(tmp_path, fixtures_dir, bad):
    corpus = tmp_path / "corpus"
    shutil.copytree(config.SEEDS_DIR, corpus)
    if bad != "missing.txt":
        shutil.copy(fixtures_dir / bad, corpus / f"zzz_{bad}")  # read last, after the seeds
    given = [corpus] if bad != "missing.txt" else [corpus, tmp_path / bad]
    out = tmp_path / "out.csv"
    out.write_bytes(b"earlier output\n")
    with pytest.raises(ArticleError, match=bad):
        extract_to_csv(given, out)
    assert out.read_bytes() == b"earlier output\n"
    assert sorted(os.listdir(tmp_path)) == ["corpus", "out.csv"]


def test_extract_to_csv_refuses_to_overwrite_an_input(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("It cost €5m.", encoding="utf-8")
    with pytest.raises(ParameterError, match="not one of the input articles"):
        extract_to_csv([tmp_path], article)
    assert article.read_text(encoding="utf-8") == "It cost €5m."
