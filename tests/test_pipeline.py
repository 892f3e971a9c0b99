"""Tests for analysis.pipeline: build_all writes checked, deterministic tables."""

from __future__ import annotations

import os

import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series

from analysis import config, pipeline, schemas
from analysis.errors import ArticleError, ManifestWarning, SchemaError
from analysis.pipeline import build_all
from analysis.schemas import read_table
from analysis.tables_io import RECORD_NAME


def test_build_all_writes_valid_tables(seed_copy, tmp_path):
    out = tmp_path / "processed"
    written = build_all(seeds_dir=seed_copy, out_dir=out)
    assert written == [*(out / f"{name}.csv" for name, _ in pipeline.STEPS), out / RECORD_NAME]
    assert written[:2] == [out / "mentions.csv", out / "articles.csv"]
    articles = read_table(out / "articles.csv", "articles")
    mentions = read_table(out / "mentions.csv", "mentions")
    stems = sorted(p.stem for p in config.SEEDS_DIR.glob("*.txt"))
    assert articles["article_id"].tolist() == stems
    assert articles["n_mentions"].sum() == len(mentions)
    counts = mentions["article_id"].value_counts().reindex(stems, fill_value=0)
    assert articles["n_mentions"].tolist() == counts.tolist()


def test_rebuild_is_byte_identical_and_independent_of_location(seed_copy, tmp_path):
    first = build_all(seeds_dir=config.SEEDS_DIR, out_dir=tmp_path / "one")
    before = [p.read_bytes() for p in first]
    again = build_all(seeds_dir=config.SEEDS_DIR, out_dir=tmp_path / "one")
    elsewhere = build_all(seeds_dir=seed_copy, out_dir=tmp_path / "two")
    assert [p.read_bytes() for p in again] == before
    assert [p.read_bytes() for p in elsewhere] == before


def test_changed_article_changes_its_hash(seed_copy, tmp_path):
    build_all(seeds_dir=seed_copy, out_dir=tmp_path / "out")
    old = read_table(tmp_path / "out" / "articles.csv", "articles").set_index("article_id")
    path = seed_copy / "004_faaaa2ee92681040.txt"
    path.write_bytes(path.read_bytes() + b"It will cost \xe2\x82\xac5 million.\n")
    build_all(seeds_dir=seed_copy, out_dir=tmp_path / "out")
    new = read_table(tmp_path / "out" / "articles.csv", "articles").set_index("article_id")
    changed = (old["sha256"] != new["sha256"]).loc[lambda s: s].index.tolist()
    assert changed == ["004_faaaa2ee92681040"]
    assert new.loc[changed[0], "n_mentions"] == old.loc[changed[0], "n_mentions"] + 1
    assert (
        new.loc[changed[0], "n_bytes"] == old.loc[changed[0], "n_bytes"] + 27
    )  # 13 + 3 (€) + 10 + 1


def _existing(out):
    out.mkdir()
    for name in ("mentions.csv", "articles.csv"):
        (out / name).write_bytes(b"old " + name.encode() + b"\n")


def _untouched(out):
    return sorted(os.listdir(out)) == ["articles.csv", "mentions.csv"] and all(
        (out / n).read_bytes() == b"old " + n.encode() + b"\n" for n in os.listdir(out)
    )


def test_articles_and_manifest_rows_that_do_not_match_are_warned_not_fatal(seed_copy, tmp_path):
    manifest = (seed_copy / "manifest.csv").read_text(encoding="utf-8")
    lines = manifest.splitlines(keepends=True)

    # an article dropped into the folder with no manifest row: kept, date unknown
    (seed_copy / "manifest.csv").write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.warns(ManifestWarning, match=r"not in .*publication date unknown.*004_faaaa"):
        build_all(seeds_dir=seed_copy, out_dir=tmp_path / "a")
    articles = pd.read_csv(tmp_path / "a" / "articles.csv", keep_default_na=False)
    row = articles.set_index("article_id").loc["004_faaaa2ee92681040"]
    assert row["published_best"] == "" and row["n_mentions"] > 0
    assert len(articles) == 5

    # a manifest row whose file is gone: left out
    (seed_copy / "004_faaaa2ee92681040.txt").unlink()
    (seed_copy / "manifest.csv").write_text(manifest, encoding="utf-8")
    with pytest.warns(
        ManifestWarning, match="with no file, left out: \\['004_faaaa2ee92681040'\\]"
    ):
        build_all(seeds_dir=seed_copy, out_dir=tmp_path / "b")
    assert len(pd.read_csv(tmp_path / "b" / "articles.csv")) == 4

    # no manifest at all: every article kept, dates unknown
    (seed_copy / "manifest.csv").unlink()
    with pytest.warns(ManifestWarning, match="no manifest"):
        build_all(seeds_dir=seed_copy, out_dir=tmp_path / "c")
    dates = pd.read_csv(tmp_path / "c" / "articles.csv", keep_default_na=False)["published_best"]
    assert list(dates) == [""] * 4


def test_missing_corpus_folder_is_an_article_error(tmp_path):
    with pytest.raises(ArticleError, match="no such file or directory"):
        build_all(seeds_dir=tmp_path / "nothing", out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_table_breaking_its_schema_writes_nothing(seed_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _existing(out)

    def bad_articles(corpus, tables):
        frame = pipeline._articles(corpus, tables)
        frame.loc[0, "sha256"] = "not a hash"
        return frame

    monkeypatch.setattr(
        pipeline, "STEPS", [("mentions", pipeline._mentions), ("articles", bad_articles)]
    )
    with pytest.raises(SchemaError, match="table 'articles'.*sha256"):
        build_all(seeds_dir=seed_copy, out_dir=out)
    assert _untouched(out)


class _Totals(pa.DataFrameModel):
    kind: Series[str]
    n: Series[int] = pa.Field(ge=0)

    class Config:
        strict = True
        ordered = True


def test_a_new_step_adds_a_table(seed_copy, tmp_path, monkeypatch):
    def totals(corpus, tables):
        counts = tables["mentions"]["kind"].value_counts().sort_index()
        return pd.DataFrame({"kind": counts.index.astype("str"), "n": counts.to_numpy()})

    monkeypatch.setitem(schemas.TABLES, "totals", _Totals)
    monkeypatch.setattr(pipeline, "STEPS", [*pipeline.STEPS, ("totals", totals)])
    written = build_all(seeds_dir=seed_copy, out_dir=tmp_path / "out")
    assert [p.name for p in written][:2] == ["mentions.csv", "articles.csv"]
    assert [p.name for p in written][-2:] == ["totals.csv", RECORD_NAME]
    mentions = read_table(tmp_path / "out" / "mentions.csv", "mentions")
    got = read_table(tmp_path / "out" / "totals.csv", "totals").set_index("kind")["n"]
    assert got.to_dict() == mentions["kind"].value_counts().to_dict()
