"""Read the corpus: article files, their paths, and the manifest of their metadata.

An article is a UTF-8 ``.txt`` file identified by its file stem. Its text is the
file decoded as strict UTF-8 and nothing else: no newline translation and no
BOM stripping, so every offset the extractor reports indexes the same string as
``Path(file).read_text(encoding="utf-8", newline="")`` and the text encodes back
to exactly the file's bytes (its sha256 is the file's sha256). A leading BOM
therefore stays in the text as U+FEFF at offset 0.

The manifest (``seeds/manifest.csv``) holds one row per article with its outlet,
headline, url and publication date. Dates known only as a range keep their
earliest, latest and best-estimate day as three typed columns;
:func:`manifest_from_reference` builds the manifest from the cited reference
table ``data/reference/seed_metadata.csv``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.errors import ArticleError, EmptyArticleWarning, ManifestError

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = [
    "article_id",
    "file",
    "outlet",
    "headline",
    "url",
    "published_earliest",
    "published_latest",
    "published_best",
    "date_precision",
    "date_evidence",
    "published_as_given",
]
DATE_COLUMNS = ["published_earliest", "published_latest", "published_best"]
TEXT_COLUMNS = [c for c in MANIFEST_COLUMNS if c not in DATE_COLUMNS]
DATE_PRECISIONS = ("day", "month", "year", "range", "")
_REQUIRED = ("article_id", "published_best")
_DATE_DTYPE = "datetime64[s]"


class Article(NamedTuple):
    """One article as streamed by :func:`iter_articles`."""

    article_id: str
    path: Path
    text: str
    published_best: dt.date | None


# --- articles -----------------------------------------------------------------------


def read_article(path: str | Path) -> str:
    """Return the text of one article file, decoded as strict UTF-8.

    Raises
    ------
    ArticleError
        If the file is missing or unreadable, contains a NUL byte (binary, or
        UTF-16/32 text), or is not valid UTF-8; the message names the file and
        the byte offset of the first bad byte.

    Warns
    -----
    EmptyArticleWarning
        If the file is empty or blank: it is a valid article with no figures.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise ArticleError(path, "no such file or directory") from err
    except IsADirectoryError as err:
        raise ArticleError(path, "is a directory, not a .txt file") from err
    except OSError as err:
        raise ArticleError(path, err.strerror or str(err)) from err
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(
            path,
            f"binary content: NUL byte at byte offset {nul} "
            "(a binary file or UTF-16/32 text); articles must be UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex().upper()
        raise ArticleError(
            path,
            f"not valid UTF-8: byte 0x{bad} at byte offset {err.start} ({err.reason}); "
            "re-save the file as UTF-8",
        ) from err
    if not text.strip():
        what = "empty" if not text else "blank (whitespace only)"
        warnings.warn(
            f"article '{path}' is {what}: it has no figures", EmptyArticleWarning, stacklevel=2
        )
    return text


def iter_article_paths(paths: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """Yield the article files named by `paths`: files, or folders of ``.txt`` files.

    Paths come in the order given; the ``.txt`` files of a folder (not its
    subfolders, nor hidden files) come sorted by article id (file stem).

    Raises
    ------
    ArticleError
        For a missing path, a file that is not ``.txt``, a folder with no
        ``.txt`` file, or two files with the same article id.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    given = [p if isinstance(p, Path) else Path(p) for p in paths]
    folders = []
    for path in given:  # check every argument before yielding anything
        try:
            folders.append(stat.S_ISDIR(path.stat().st_mode))
        except OSError as err:
            raise ArticleError(path, "no such file or directory") from err
        if not folders[-1] and path.suffix != ".txt":
            raise ArticleError(path, "not a .txt file; articles are UTF-8 .txt files")
    # Ids are unique within a folder; across arguments, remember the ids seen (as text).
    seen: dict[str, str] | None = {} if len(given) > 1 else None
    for path, is_folder in zip(given, folders, strict=True):
        names = _article_names(path) if is_folder else [path.name]
        for name in names:
            article = path / name if is_folder else path
            if seen is not None:
                if article.stem in seen:
                    raise ArticleError(
                        article,
                        f"article id '{article.stem}' is already used by '{seen[article.stem]}'",
                    )
                seen[article.stem] = str(article)
            yield article


def _article_names(folder: Path) -> list[str]:
    """Return the names of the visible ``.txt`` files in `folder`, sorted by stem."""
    with os.scandir(folder) as entries:
        names = [
            e.name
            for e in entries
            if e.name.endswith(".txt") and not e.name.startswith(".") and e.is_file()
        ]
    if not names:
        raise ArticleError(folder, "folder contains no .txt article files")
    return sorted(names, key=lambda n: n[:-4])  # by stem; names differ, so stems do


def iter_articles(
    paths: str | Path | Iterable[str | Path],
    manifest: pd.DataFrame | str | Path | None = None,
) -> Iterator[Article]:
    """Stream the articles named by `paths`, one at a time, with their publication date.

    Parameters
    ----------
    paths : path or iterable of paths
        ``.txt`` files or folders of them (see :func:`iter_article_paths`).
    manifest : DataFrame, path or None
        Where publication dates come from: a frame from :func:`load_manifest`, a
        manifest file, or None for the ``manifest.csv`` beside each article when
        there is one. An article with no manifest row has ``published_best`` None.
    """
    lookup = ManifestLookup(manifest)
    for path in iter_article_paths(paths):
        yield Article(path.stem, path, read_article(path), lookup.published(path))


class ManifestLookup:
    """Find the manifest row of an article file.

    Given a manifest (frame or file), every article is looked up in it; given
    None, in the ``manifest.csv`` beside the article, if any (each folder's
    manifest is read once).
    """

    def __init__(self, manifest: pd.DataFrame | str | Path | None = None):
        if manifest is not None and not isinstance(manifest, pd.DataFrame):
            manifest = load_manifest(manifest)
        self._fixed = None if manifest is None else _by_id(manifest)
        self._beside: dict[Path, dict[str, dict]] = {}

    def record(self, path: Path) -> dict | None:
        """Return the manifest row of the article at `path` as a dict, or None."""
        if self._fixed is not None:
            return self._fixed.get(path.stem)
        folder = path.parent
        if folder not in self._beside:
            candidate = folder / MANIFEST_NAME
            self._beside[folder] = _by_id(load_manifest(candidate)) if candidate.is_file() else {}
        return self._beside[folder].get(path.stem)

    def published(self, path: Path) -> dt.date | None:
        """Return the best-estimate publication day of the article at `path`, or None."""
        record = self.record(path)
        if record is None or pd.isna(record["published_best"]):
            return None
        return record["published_best"].date()


def _by_id(manifest: pd.DataFrame) -> dict[str, dict]:
    return {rec["article_id"]: rec for rec in manifest.to_dict("records")}


# --- manifest -----------------------------------------------------------------------


def load_manifest(path: str | Path) -> pd.DataFrame:
    """Read and check a manifest CSV; return it with typed date columns.

    Only ``article_id`` and ``published_best`` are required; the other columns of
    MANIFEST_COLUMNS are filled with empty values when absent. Dates are ISO days
    (``YYYY-MM-DD``) or empty (unknown), typed ``datetime64[s]``.

    Raises
    ------
    ManifestError
        Naming the file and field: a missing file or column, an empty or
        duplicated article id, a malformed date, a precision outside
        DATE_PRECISIONS, or dates out of order (earliest <= best <= latest).
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as err:
        raise ManifestError(path, "(file)", "no such file") from err
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise ManifestError(path, "(file)", f"not a readable UTF-8 CSV file: {err}") from err
    for name in _REQUIRED:
        if name not in raw.columns:
            raise ManifestError(path, name, f"column missing; found {list(raw.columns)}")
    frame = raw.reindex(columns=MANIFEST_COLUMNS, fill_value="")
    _check_ids(frame, path)
    for name in DATE_COLUMNS:
        frame[name] = _parse_iso_days(frame, name, path)
    _check_dates(frame, path)
    bad = ~frame["date_precision"].isin(DATE_PRECISIONS)
    if bad.any():
        row = bad.to_numpy().argmax()
        raise ManifestError(
            path,
            "date_precision",
            f"{_where(frame, row)}: {frame['date_precision'].iloc[row]!r} is not one of "
            f"{[p for p in DATE_PRECISIONS if p]} (or empty)",
        )
    return frame


def _where(frame: pd.DataFrame, row: int) -> str:
    return f"row {row + 2} (article '{frame['article_id'].iloc[row]}')"  # +2: header, 1-based


def _check_ids(frame: pd.DataFrame, path: Path) -> None:
    ids = frame["article_id"]
    if (ids.str.strip() == "").any():
        row = (ids.str.strip() == "").to_numpy().argmax()
        raise ManifestError(path, "article_id", f"row {row + 2}: empty article id")
    dup = ids.duplicated()
    if dup.any():
        raise ManifestError(path, "article_id", f"duplicated article id '{ids[dup].iloc[0]}'")
    named = frame["file"] != ""
    mismatch = named & (frame["file"].map(lambda f: Path(f).stem) != ids)
    if mismatch.any():
        row = mismatch.to_numpy().argmax()
        raise ManifestError(
            path,
            "file",
            f"{_where(frame, row)}: file '{frame['file'].iloc[row]}' does not have the "
            "article id as its stem",
        )


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_iso_days(frame: pd.DataFrame, name: str, path: Path) -> pd.Series:
    values = frame[name].str.strip()
    days = []
    for row, value in enumerate(values):
        if value == "":
            days.append(None)
            continue
        try:
            if not _ISO_DAY.fullmatch(value):
                raise ValueError("not YYYY-MM-DD")
            days.append(dt.date.fromisoformat(value))
        except ValueError as err:
            raise ManifestError(
                path,
                name,
                f"{_where(frame, row)}: {value!r} is not an ISO date YYYY-MM-DD (or empty)",
            ) from err
    return pd.Series(pd.to_datetime(days), index=frame.index).astype(_DATE_DTYPE)


def _check_dates(frame: pd.DataFrame, path: Path) -> None:
    early, best, late = (
        frame[c] for c in ("published_earliest", "published_best", "published_latest")
    )
    for name, bad in [
        ("published_best", best < early),
        ("published_latest", late < best),
        ("published_latest", late < early),
    ]:
        if bad.any():
            row = bad.to_numpy().argmax()
            raise ManifestError(
                path,
                name,
                f"{_where(frame, row)}: dates out of order "
                f"(earliest {_day(early.iloc[row])}, best {_day(best.iloc[row])}, "
                f"latest {_day(late.iloc[row])}); "
                "expected earliest <= best <= latest",
            )


def _day(value) -> str:
    return "unknown" if pd.isna(value) else f"{value:%Y-%m-%d}"


# --- building the manifest from the reference table ---------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_ISO_PART = r"\d{4}-\d{2}(?:-\d{2})?|\d{4}"
_PUBLISHED = re.compile(
    rf"(?P<first>{_ISO_PART})(?:\s*/\s*(?P<second>{_ISO_PART}))?\s*(?:\((?P<note>[^)]*)\))?"
)
_NOTE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NOTE_WORDS = re.compile(
    r"\b(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})\b"
)


def parse_published(value: str) -> tuple[dt.date, dt.date, dt.date]:
    """Return (earliest, latest, best) days of a reference ``published`` value.

    The value is an ISO day, month or year, or a range ``start/end`` of those,
    optionally followed by a parenthesised note naming a more likely day. The
    best estimate is the first day the note names ("c. 2011-12-21"; "20-21 Nov
    2012" gives 2012-11-20); without a note it is the midpoint of the range,
    rounded down to a whole day (so a two-day range gives its first day).

    >>> parse_published("2012-11-19/2012-11-23 (most likely 20-21 Nov 2012)")[2]
    datetime.date(2012, 11, 20)

    Raises
    ------
    ValueError
        If the value is malformed, the range runs backwards, or the note's day
        falls outside the range.
    """
    match = _PUBLISHED.fullmatch(value.strip())
    if match is None:
        raise ValueError(
            f"{value!r} is not an ISO date or range 'start/end' with an optional (note)"
        )
    earliest = _bound(match["first"], last=False)
    latest = _bound(match["second"] or match["first"], last=True)
    if latest < earliest:
        raise ValueError(f"{value!r}: the range ends before it starts")
    note = match["note"]
    if note:
        best = _day_in_note(note)
        if best is None:
            raise ValueError(f"{value!r}: the note names no day (expected e.g. 2011-12-21)")
        if not earliest <= best <= latest:
            raise ValueError(f"{value!r}: the note's day {best} is outside the range")
    else:
        best = earliest + (latest - earliest) // 2
    return earliest, latest, best


def _bound(part: str, *, last: bool) -> dt.date:
    pieces = [int(p) for p in part.split("-")]
    year, month, day = (pieces + [None, None])[:3]
    if month is None:
        return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
    if day is None:
        if not last:
            return dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(year, month, day)


def _day_in_note(note: str) -> dt.date | None:
    iso = _NOTE_ISO.search(note)
    words = _NOTE_WORDS.search(note)
    if iso and (not words or iso.start() < words.start()):
        return dt.date(*(int(g) for g in iso.groups()))
    if words and words[2].lower() in _MONTHS:
        return dt.date(int(words[3]), _MONTHS[words[2].lower()], int(words[1]))
    return None


def manifest_from_reference(path: str | Path) -> pd.DataFrame:
    """Build the corpus manifest from the reference table ``seed_metadata.csv``.

    Each ``published`` value is split by :func:`parse_published` into typed
    earliest, latest and best days; the value itself is kept verbatim in
    ``published_as_given``. The article id is the file stem.

    Raises
    ------
    ManifestError
        Naming the reference file and the field that is missing or malformed.
    """
    path = Path(path)
    try:
        ref = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as err:
        raise ManifestError(path, "(file)", "no such file") from err
    needed = ["file", "outlet", "headline", "url", "published", "date_precision", "date_evidence"]
    for name in needed:
        if name not in ref.columns:
            raise ManifestError(path, name, f"column missing; found {list(ref.columns)}")
    rows = []
    for i, rec in enumerate(ref.to_dict("records")):
        try:
            earliest, latest, best = parse_published(rec["published"])
        except ValueError as err:
            raise ManifestError(path, "published", f"row {i + 2}: {err}") from err
        rows.append(
            {
                "article_id": Path(rec["file"]).stem,
                "file": rec["file"],
                "outlet": rec["outlet"],
                "headline": rec["headline"],
                "url": rec["url"],
                "published_earliest": earliest,
                "published_latest": latest,
                "published_best": best,
                "date_precision": rec["date_precision"],
                "date_evidence": rec["date_evidence"],
                "published_as_given": rec["published"],
            }
        )
    frame = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    for name in DATE_COLUMNS:
        frame[name] = pd.to_datetime(frame[name]).astype(_DATE_DTYPE)
    for name in TEXT_COLUMNS:
        frame[name] = frame[name].astype("str")
    return frame.sort_values("article_id", kind="stable").reset_index(drop=True)


def write_manifest(reference: str | Path, output: str | Path) -> Path:
    """Write the manifest built from `reference` to `output` (atomically); return `output`."""
    from analysis.tidy import write_csv_atomic  # tidy imports this module

    return write_csv_atomic(manifest_from_reference(reference), output)


if __name__ == "__main__":  # regenerate seeds/manifest.csv from the reference table
    from analysis import config

    written = write_manifest(config.REFERENCE_DIR / "seed_metadata.csv", config.MANIFEST_PATH)
    print(f"wrote {written}")
