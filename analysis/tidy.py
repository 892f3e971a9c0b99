"""Turn streamed articles into tidy tables and write them as deterministic CSV files.

Two tables: ``mentions`` (one row per figure, from :mod:`analysis.extract`) and
``articles`` (one row per article). Both are checked against
:mod:`analysis.schemas` before they are written. Files are written atomically
(a temporary file in the same folder, renamed on success), so an error never
leaves a partial file nor clobbers an earlier one, and the same tables always
give the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import TextIO

import pandas as pd

from analysis import schemas
from analysis.corpus import Article, ManifestLookup, iter_article_paths, iter_articles
from analysis.errors import ParameterError
from analysis.extract import MENTION_COLUMNS, iter_mentions

BATCH_ROWS = 20_000  # mentions held before a batch is checked and written
_FIELDS = attrgetter(*MENTION_COLUMNS)


def _dtypes(table_name: str) -> dict[str, str]:
    out = {}
    for name, column in schemas.TABLES[table_name].to_schema().columns.items():
        kind = str(column.dtype)
        if kind.startswith(("int", "float")):
            out[name] = kind
        elif kind.startswith("datetime64"):
            out[name] = "datetime64[s]"
        else:
            out[name] = "str"
    return out


# --- mentions -----------------------------------------------------------------------


def _article_rows(article: Article) -> list[tuple]:
    """Return the mention rows of one article, mention id first, sorted by position."""
    found = sorted(
        (
            _FIELDS(m)
            for m in iter_mentions(
                article.text, article_id=article.article_id, published=article.published_best
            )
        ),
        key=lambda row: (row[3], row[4], row[1]),  # start, end, kind
    )
    return [(f"{article.article_id}-m{i:03d}", *row) for i, row in enumerate(found)]


def _mentions_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=schemas.columns("mentions"))
    dtypes = _dtypes("mentions")
    for name, dtype in dtypes.items():
        if dtype == "str":
            frame[name] = frame[name].fillna("")
    return frame.astype(dtypes)


def mentions_table(articles: Iterable[Article]) -> pd.DataFrame:
    """Return every mention of the streamed `articles`, one row each, with a mention id.

    Columns are ``mention_id`` then MENTION_COLUMNS. The id is the article id,
    ``-m`` and the mention's 0-based rank in its article (``003_e7fef18789723566-m007``).
    Rows are sorted by article id, then position in the text.
    """
    rows = [row for article in articles for row in _article_rows(article)]
    frame = _mentions_frame(rows)
    return frame.sort_values(["article_id", "start"], kind="stable", ignore_index=True)


# --- articles -----------------------------------------------------------------------


def articles_table(
    articles: Iterable[Article],
    manifest: pd.DataFrame | str | Path | None = None,
    *,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per article: id, manifest metadata, size, sha256 and mention count.

    Parameters
    ----------
    articles : iterable of Article
        As streamed by :func:`analysis.corpus.iter_articles`.
    manifest : DataFrame, path or None
        Metadata source; None means the ``manifest.csv`` beside each article. An
        article without a manifest row gets empty metadata.
    mentions : DataFrame, optional
        The :func:`mentions_table` of the same articles, to count mentions from;
        when omitted they are counted by running the extractor again.

    Notes
    -----
    ``sha256`` and ``n_bytes`` are those of the file's bytes, which are exactly the
    UTF-8 encoding of the text (see :mod:`analysis.corpus`).
    """
    lookup = ManifestLookup(manifest)
    counts = None if mentions is None else mentions["article_id"].value_counts()
    dtypes = _dtypes("articles")
    empty = {name: pd.NaT if dtype.startswith("datetime") else "" for name, dtype in dtypes.items()}
    rows = []
    for article in articles:
        data = article.text.encode("utf-8")
        record = lookup.record(article.path) or {}
        if counts is None:
            n_mentions = sum(
                1
                for _ in iter_mentions(
                    article.text, article_id=article.article_id, published=article.published_best
                )
            )
        else:
            n_mentions = int(counts.get(article.article_id, 0))
        rows.append(
            {
                **empty,
                **record,
                "article_id": article.article_id,
                "file": article.path.name,
                "n_chars": len(article.text),
                "n_bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "n_mentions": n_mentions,
            }
        )
    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes).sort_values("article_id", kind="stable", ignore_index=True)


# --- writing ------------------------------------------------------------------------


@contextlib.contextmanager
def _atomic_text(path: Path) -> Iterator[TextIO]:
    """Yield a text handle on a temporary file beside `path`; rename it to `path` on success."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _check_output(path: Path, inputs: Iterable[Path] = ()) -> None:
    if path.is_dir():
        raise ParameterError("output", str(path), "a file path, not a folder")
    if not path.parent.is_dir():
        raise ParameterError(
            "output", str(path), f"a file in an existing folder ('{path.parent}' does not exist)"
        )
    target = path.resolve()
    if any(p.resolve() == target for p in inputs):
        raise ParameterError("output", str(path), "a file that is not one of the input articles")


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Write dates as ISO days (or full ISO timestamps when they carry a time)."""
    out = df
    for name in df.columns:
        col = df[name]
        if pd.api.types.is_datetime64_any_dtype(col):
            fmt = "%Y-%m-%d" if (col.dropna() == col.dropna().dt.normalize()).all() else None
            text = col.dt.strftime(fmt) if fmt else col.map(lambda t: t.isoformat())
            out = out.assign(**{name: text.fillna("")})
    return out


def _write_rows(handle: TextIO, df: pd.DataFrame, *, header: bool) -> None:
    # Floats are written by their shortest round-trip repr, so values survive a
    # read-back exactly and the bytes depend only on the values.
    _csv_ready(df).to_csv(handle, index=False, header=header, lineterminator="\n")


def write_csv_atomic(df: pd.DataFrame, path: str | Path) -> Path:
    """Write `df` as UTF-8 CSV (no index, ``\\n`` line ends) to `path` atomically; return it.

    Raises
    ------
    ParameterError
        If `path` is a folder or its folder does not exist.
    """
    path = Path(path)
    _check_output(path)
    with _atomic_text(path) as handle:
        _write_rows(handle, df, header=True)
    return path


def extract_to_csv(
    paths: str | Path | Iterable[str | Path],
    output: str | Path,
    manifest: pd.DataFrame | str | Path | None = None,
) -> int:
    """Extract the mentions of every article in `paths` into one CSV file; return their number.

    Articles are streamed and rows written in batches, so memory does not grow
    with the corpus. Rows come in the order of the articles (see
    :func:`analysis.corpus.iter_article_paths`), then by position.

    Parameters
    ----------
    paths : path or iterable of paths
        ``.txt`` article files or folders of them.
    output : path
        The CSV file; replaced only when every article has been read.
    manifest : DataFrame, path or None
        Publication dates, used for dates written without a year; None means the
        ``manifest.csv`` beside the articles, if present (else dates stay yearless).

    Raises
    ------
    ArticleError, ManifestError, ParameterError, SchemaError
        Before anything is written to `output`.
    """
    output = Path(output)
    article_paths = list(iter_article_paths(paths))  # a missing path fails before any work
    _check_output(output, article_paths)
    total = 0
    with _atomic_text(output) as handle:
        _write_rows(handle, _mentions_frame([]), header=True)
        batch: list[tuple] = []
        for article in iter_articles(article_paths, manifest):
            batch += _article_rows(article)
            if len(batch) >= BATCH_ROWS:
                total += _write_batch(handle, batch)
                batch = []
        total += _write_batch(handle, batch)
    return total


def _write_batch(handle: TextIO, rows: list[tuple]) -> int:
    if rows:
        frame = schemas.validate(_mentions_frame(rows), "mentions")
        _write_rows(handle, frame, header=False)
    return len(rows)
