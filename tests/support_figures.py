"""Helpers for the figure-model tests: seed texts and mentions as the pipeline makes them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import config
from analysis.corpus import iter_articles, load_manifest
from analysis.tidy import articles_table, mentions_table


def corpus_tables(seeds_dir: Path = config.SEEDS_DIR):
    """Return (texts, mentions, articles) for a corpus folder with its manifest."""
    manifest = load_manifest(Path(seeds_dir) / "manifest.csv")
    texts = {a.article_id: a.text for a in iter_articles(seeds_dir, manifest)}
    mentions = mentions_table(iter_articles(seeds_dir, manifest))
    articles = articles_table(iter_articles(seeds_dir, manifest), manifest, mentions=mentions)
    return texts, mentions, articles


def write_yaml(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def edit_file(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a text file, failing if `old` is absent."""
    text = path.read_bytes().decode("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_bytes(text.replace(old, new, count).encode("utf-8"))


def seed_annotation_rows(annotations: pd.DataFrame, **filters) -> pd.DataFrame:
    mask = pd.Series(True, index=annotations.index)
    for col, value in filters.items():
        mask &= annotations[col] == value
    return annotations[mask]
