"""Build the tidy tables of ``data/processed/`` from the corpus, in a short list of steps.

Each step is a function ``(corpus, tables) -> DataFrame`` that may use the tables
built before it; :data:`STEPS` runs them in order and names the table each one
makes. Every table is checked against its schema (:mod:`analysis.schemas`)
before any file is written, then written atomically as ``<name>.csv``; an
unchanged corpus gives byte-identical files.

To add a table: write its step function, register its schema in
``analysis.schemas.TABLES``, and append ``("name", step)`` to STEPS.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config, schemas
from analysis.corpus import (
    DATE_COLUMNS,
    MANIFEST_COLUMNS,
    MANIFEST_NAME,
    TEXT_COLUMNS,
    iter_article_paths,
    iter_articles,
    load_manifest,
)
from analysis.errors import ManifestWarning
from analysis.figures import build_events_table, figures_for_corpus
from analysis.tables_io import build_inputs, write_record
from analysis.tidy import articles_table, mentions_table, write_csv_atomic


@dataclass(frozen=True)
class Corpus:
    """The inputs every step may read: the corpus folder and its checked manifest."""

    seeds_dir: Path
    manifest: pd.DataFrame

    def articles(self):
        """Stream the corpus's articles afresh (see :func:`analysis.corpus.iter_articles`)."""
        return iter_articles(self.seeds_dir, self.manifest)


def _mentions(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return mentions_table(corpus.articles())


def _articles(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return articles_table(corpus.articles(), corpus.manifest, mentions=tables["mentions"])


def _figures(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return figures_for_corpus(corpus.articles(), tables["mentions"], tables["articles"])


def _events(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return build_events_table(tables["figures"])


Step = Callable[[Corpus, dict[str, pd.DataFrame]], pd.DataFrame]
STEPS: list[tuple[str, Step]] = [
    ("mentions", _mentions),
    ("articles", _articles),
    ("figures", _figures),
    ("events", _events),
]


def load_corpus(seeds_dir: str | Path) -> Corpus:
    """Return the corpus in `seeds_dir`, its manifest completed for articles it does not list.

    An article dropped into the folder needs no other step: with no manifest row
    (or no manifest at all) it gets a row with an unknown publication date, and a
    warning says so. A manifest row whose file is gone is left out, with a warning.

    Raises
    ------
    ManifestError
        If ``manifest.csv`` exists but is malformed.
    ArticleError
        If the folder is missing or has no ``.txt`` article.
    """
    seeds_dir = Path(seeds_dir)
    paths = {p.stem: p for p in iter_article_paths(seeds_dir)}
    path = seeds_dir / MANIFEST_NAME
    if path.exists():
        manifest = load_manifest(path)
    else:
        warnings.warn(f"no manifest '{path}': publication dates unknown", ManifestWarning, 2)
        manifest = pd.DataFrame(columns=MANIFEST_COLUMNS)
    listed = set(manifest["article_id"])
    gone = sorted(listed - set(paths))
    if gone:
        warnings.warn(
            f"'{path}' lists article(s) with no file, left out: {gone}", ManifestWarning, 2
        )
        manifest = manifest[~manifest["article_id"].isin(gone)]
    new = sorted(set(paths) - listed)
    if new and len(manifest):
        warnings.warn(
            f"article(s) not in '{path}', publication date unknown: {new}", ManifestWarning, 2
        )
    if new:
        rows = pd.DataFrame(
            {"article_id": new, "file": [paths[a].name for a in new]}, columns=MANIFEST_COLUMNS
        ).fillna({c: "" for c in TEXT_COLUMNS})
        rows = rows.astype({c: manifest[c].dtype for c in DATE_COLUMNS if c in manifest})
        manifest = pd.concat([manifest, rows], ignore_index=True) if len(manifest) else rows
    order = manifest["article_id"].map(sorted(paths).index)
    manifest = manifest.assign(_order=order).sort_values("_order").drop(columns="_order")
    return Corpus(seeds_dir, manifest.reset_index(drop=True))


def build_all(
    seeds_dir: str | Path = config.SEEDS_DIR, out_dir: str | Path = config.PROCESSED_DIR
) -> list[Path]:
    """Build every tidy table from the corpus in `seeds_dir` into `out_dir`; return the files.

    Nothing is written unless every table passes its schema; ``validated.json``
    then records each file's sha256 and dtypes, and the inputs of the build, taken
    before it reads anything (see :mod:`analysis.tables_io`).
    """
    inputs = build_inputs(seeds_dir)
    corpus = load_corpus(seeds_dir)
    tables: dict[str, pd.DataFrame] = {}
    for name, step in STEPS:
        tables[name] = schemas.validate(step(corpus, tables), name)
    schemas.check_references(tables)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [
        write_csv_atomic(table, out_dir / f"{name}.csv")
        for name in tables
        for table in [tables[name]]
    ]
    record = write_record(out_dir, {name: schemas.dtypes(name) for name in tables}, inputs)
    return [*written, record]
