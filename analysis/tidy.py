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
import csv
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import TextIO

import pandas as pd

from analysis import schemas
from analysis.corpus import Article, ManifestLookup, iter_articles
from analysis.errors import ParameterError
from analysis.extract import MENTION_COLUMNS, iter_mentions

# Mentions held before a batch is checked and written (about 20 MB): the schema check
# costs about 20 ms a batch plus 2 µs a row, so larger batches check faster.
BATCH_ROWS = 20_000
_ORDER = itemgetter(*(MENTION_COLUMNS.index(c) for c in ("start", "end", "kind")))


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
    """Return the mention rows of one article, sorted by position, mention id last."""
    found = sorted(  # a Mention is a tuple of MENTION_COLUMNS, in that order
        iter_mentions(
            article.text, article_id=article.article_id, published=article.published_best
        ),
        key=_ORDER,
    )
    return [(*row, f"{article.article_id}-m{i:03d}") for i, row in enumerate(found)]


def _mentions_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=schemas.columns("mentions"))
    dtypes = _dtypes("mentions")
    for name, dtype in dtypes.items():
        if dtype == "str":
            frame[name] = frame[name].fillna("")
    return frame.astype(dtypes)


def mentions_table(articles: Iterable[Article]) -> pd.DataFrame:
    """Return every mention of the streamed `articles`, one row each, with a mention id.

    Columns are MENTION_COLUMNS (the issue's order: ``article_id, kind, surface,
    start, end, value, low, high, unit, qualifier, hedge, sentence`` first), then
    ``mention_id``. The id is the article id,
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


def _check_output(path: Path) -> None:
    if path.is_dir():
        raise ParameterError("output", str(path), "a file path, not a folder")
    if not path.parent.is_dir():
        raise ParameterError(
            "output", str(path), f"a file in an existing folder ('{path.parent}' does not exist)"
        )


# CSV cells. Floats are written by their shortest round-trip repr (1200000000.0,
# 0.07500000000000001), so a read-back gives the exact value and the bytes depend
# only on the values; NaN and None are empty. Fields are quoted only when needed,
# except that a row with a carriage return in a text field is quoted whole:
# Python's csv module leaves a lone "\r" unquoted with "\n" line ends, and readers
# would take it for a line end (CRLF articles give sentences ending in "\r").


def _cell(value):
    if isinstance(value, float):
        return "" if value != value else float(value)
    return "" if value is None else value


def _writers(handle: TextIO):
    return (
        csv.writer(handle, lineterminator="\n"),
        csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL),
    )


def _iso_dates(df: pd.DataFrame) -> pd.DataFrame:
    """Return `df` with date columns as ISO text: days, or full timestamps when timed."""
    out = df
    for name in df.columns:
        col = df[name]
        if pd.api.types.is_datetime64_any_dtype(col):
            days = col.dropna()
            if (days == days.dt.normalize()).all():
                text = col.dt.strftime("%Y-%m-%d")
            else:
                text = col.map(lambda t: "" if pd.isna(t) else t.isoformat())
            out = out.assign(**{name: text.fillna("")})
    return out


def _write_frame(handle: TextIO, df: pd.DataFrame) -> None:
    minimal, quote_all = _writers(handle)
    minimal.writerow([str(c) for c in df.columns])
    for row in _iso_dates(df).itertuples(index=False, name=None):
        cells = [_cell(v) for v in row]
        has_cr = any(isinstance(v, str) and "\r" in v for v in cells)
        (quote_all if has_cr else minimal).writerow(cells)


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
        _write_frame(handle, df)
    return path


def extract_to_csv(
    paths: str | Path | Iterable[str | Path],
    output: str | Path,
    manifest: pd.DataFrame | str | Path | None = None,
    *,
    check: bool = True,
) -> int:
    """Extract the mentions of every article in `paths` into one CSV file; return their number.

    Articles are streamed and rows written in batches of BATCH_ROWS, so memory
    does not grow with the corpus. Rows come in the order of the articles (see
    :func:`analysis.corpus.iter_article_paths`), then by position; the bytes are
    those :func:`write_csv_atomic` writes for the :func:`mentions_table` of the
    same articles.

    Parameters
    ----------
    paths : path or iterable of paths
        ``.txt`` article files or folders of them.
    output : path
        The CSV file; replaced only when every article has been read.
    manifest : DataFrame, path or None
        Publication dates, used for dates written without a year; None means the
        ``manifest.csv`` beside the articles, if present (else dates stay yearless).
    check : bool
        Check each batch against the ``mentions`` schema (about a third of the
        time of a run besides the extraction itself).

    Raises
    ------
    ArticleError, ManifestError, ParameterError, SchemaError
        Leaving `output` as it was.
    """
    output = Path(output)
    _check_output(output)
    target = output.resolve() if output.suffix == ".txt" else None
    total = 0
    with _atomic_text(output) as handle:
        writers = _writers(handle)
        writers[0].writerow(schemas.columns("mentions"))
        batch: list[tuple] = []
        has_cr = False  # a carriage return in the batch's text (see _write_batch)
        for article in iter_articles(paths, manifest):
            if target is not None and article.path.resolve() == target:
                raise ParameterError(
                    "output", str(output), "a file that is not one of the input articles"
                )
            batch += _article_rows(article)
            has_cr = has_cr or "\r" in article.text or "\r" in article.article_id
            if len(batch) >= BATCH_ROWS:
                total += _write_batch(writers, batch, check, has_cr)
                batch, has_cr = [], False
        total += _write_batch(writers, batch, check, has_cr)
    return total


_COLUMNS = schemas.columns("mentions")
_FLOATS = [_COLUMNS.index(c) for c in ("value", "low", "high")]
_FREE_TEXT = [_COLUMNS.index(c) for c in ("mention_id", "article_id", "surface", "sentence")]


def _write_batch(writers, rows: list[tuple], check: bool, has_cr: bool = True) -> int:
    """Check and write `rows`; `has_cr` False promises no text field holds a "\\r"."""
    if rows and check:
        schemas.validate(_mentions_frame(rows), "mentions")
    minimal, quote_all = writers
    if not has_cr:  # the common case: one C-level call
        minimal.writerows(map(_csv_cells, rows))
        return len(rows)
    for row in rows:
        cells = _csv_cells(row)
        (quote_all if any("\r" in cells[i] for i in _FREE_TEXT) else minimal).writerow(cells)
    return len(rows)


def _csv_cells(row: tuple) -> tuple:
    """`row` with its NaN numbers (a date's value, low and high) as empty cells."""
    value, low, high = _FLOATS
    if row[value] == row[value] and row[low] == row[low] and row[high] == row[high]:
        return row
    return tuple("" if i in _FLOATS and v != v else v for i, v in enumerate(row))
