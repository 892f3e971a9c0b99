"""Typed reading of the tidy CSV tables, and the record of which files were validated.

Kept free of pandera so that notebooks can read a table that `build` has already
validated without importing and running the schemas again: `build` writes
``validated.json`` beside the tables with each file's sha256 and column dtypes,
and a file whose bytes still match is read with those dtypes directly. Any other
file goes through the full schema check (:func:`analysis.schemas.read_table`).

The record also names what the build read (:func:`build_inputs`: the sha256 of
every corpus file, of the annotations, of the reference data and of the
package's modules the build runs, and the versions of Python and of the libraries that shape
the tables). The report runner copies a folder of tables instead of building
them again only when that record equals the inputs of now and every table's
bytes still match their recorded sha256 (:func:`copy_current_tables`).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import io
import json
import platform
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis import config

RECORD_NAME = "validated.json"
INPUTS_KEY = "_inputs"  # the record's entry for what the build read (no table has this name)
BUILD_PACKAGES = ("pandas", "numpy", "pandera", "pyyaml", "babel", "currencyconverter")
_PACKAGE_DIR = Path(__file__).resolve().parent


class ColumnConversionError(ValueError):
    """A value of a column that does not convert to the column's declared dtype."""

    def __init__(self, column: str, reason: str):
        self.column = column
        self.reason = reason
        super().__init__(f"column '{column}': {reason}")


def convert_columns(raw: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """Give the text columns of `raw` (read with ``dtype=str``) their declared dtypes.

    Empty cells become NaN in number columns and NaT in date columns. Raises
    ColumnConversionError naming the column when a value does not convert.
    """
    frame = raw.copy()
    for name, kind in dtypes.items():
        if name not in raw.columns:
            continue  # the schema check reports missing columns
        text = raw[name]
        try:
            if kind.startswith("datetime64"):
                frame[name] = pd.to_datetime(text.mask(text == ""), format="%Y-%m-%d")
            elif kind.startswith(("float", "int")):
                frame[name] = pd.to_numeric(text.mask(text == "")).astype(kind)
        except (ValueError, TypeError) as err:
            raise ColumnConversionError(name, str(err)) from err
    return frame


def build_inputs(seeds_dir: str | Path) -> dict:
    """What a build of the corpus in `seeds_dir` reads, and what shapes its tables.

    Returns ``{"files": {name: sha256}, "versions": {name: version}}``. Files are
    named relative to their folder (``seeds/manifest.csv``, ``reference/events.yaml``,
    ``analysis/extract.py``, ``annotations.yaml``), so the same corpus in another
    folder has the same inputs; a missing file has the digest "" (a missing
    folder has no files: the build reports it).
    """
    files = {}
    folders = {
        "seeds": sorted(p for p in Path(seeds_dir).glob("*") if p.is_file()),
        "reference": sorted(p for p in config.REFERENCE_DIR.rglob("*") if p.is_file()),
        "analysis": [_PACKAGE_DIR / f"{name}.py" for name in build_modules()],
    }
    roots = {"seeds": Path(seeds_dir), "reference": config.REFERENCE_DIR, "analysis": _PACKAGE_DIR}
    for prefix, paths in folders.items():
        for path in paths:
            files[f"{prefix}/{path.relative_to(roots[prefix]).as_posix()}"] = _sha256(path)
    files["annotations.yaml"] = _sha256(config.ANNOTATIONS_PATH)
    versions = {"python": platform.python_version()}
    for name in BUILD_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = ""
    return {"files": files, "versions": versions}


@functools.cache
def build_modules(start: str = "pipeline") -> tuple[str, ...]:
    """The package's modules a build runs: `start` and every module it imports, transitively.

    Read from the source (``import analysis.x``, ``from analysis import x``,
    ``from analysis.x import y``, at any depth in the file), so an edit to a
    module the build never imports (reports, plots...) does not count as a new
    input. Returns module names sorted, ``__init__`` included.
    """
    found, todo = {"__init__"}, [start]
    while todo:
        name = todo.pop()
        if name in found or not (_PACKAGE_DIR / f"{name}.py").is_file():
            continue
        found.add(name)
        tree = ast.parse((_PACKAGE_DIR / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                todo += [a.name.split(".")[1] for a in node.names if a.name.startswith("analysis.")]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module == "analysis":
                    todo += [a.name for a in node.names]  # names that are not modules are skipped
                elif node.module.startswith("analysis."):
                    todo.append(node.module.split(".")[1])
    return tuple(sorted(found))


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def write_record(
    folder: Path, table_dtypes: dict[str, dict[str, str]], inputs: dict | None = None
) -> Path:
    """Record the sha256 and dtypes of each validated ``<name>.csv`` in `folder`.

    `inputs` (from :func:`build_inputs`, taken before the build read anything)
    goes in the record too, under :data:`INPUTS_KEY`.
    """
    record = {
        name: {
            "sha256": hashlib.sha256((folder / f"{name}.csv").read_bytes()).hexdigest(),
            "dtypes": dtypes,
        }
        for name, dtypes in table_dtypes.items()
    }
    if inputs is not None:
        record[INPUTS_KEY] = inputs
    path = folder / RECORD_NAME
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def read_validated(folder: Path, name: str) -> pd.DataFrame | None:
    """Table `name` of `folder` typed from the record, or None if it is not recorded as is."""
    try:
        entry = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))[name]
        data = (folder / f"{name}.csv").read_bytes()
    except (OSError, ValueError, KeyError):
        return None
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        return None
    raw = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    if list(raw.columns) != list(entry["dtypes"]):
        return None
    return convert_columns(raw, entry["dtypes"])


def copy_current_tables(
    candidates: Iterable[str | Path], inputs: dict, out_dir: str | Path
) -> Path | None:
    """Copy the tables of the first candidate folder built from exactly `inputs` to `out_dir`.

    A candidate qualifies when its record's inputs equal `inputs` (see
    :func:`build_inputs`) and the bytes of every recorded table still have their
    recorded sha256; the bytes that were checked are the bytes written, then the
    record last. `out_dir` should be a new folder. Returns the folder copied, or
    None when no candidate qualifies (the caller then builds the tables).
    """
    for folder in candidates:
        folder = Path(folder)
        contents = _current_tables(folder, inputs)
        if contents is None:
            continue
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, data in contents.items():
            (out_dir / name).write_bytes(data)
        return folder
    return None


def _current_tables(folder: Path, inputs: dict) -> dict[str, bytes] | None:
    """File name -> bytes of `folder`'s tables and record (last), if built from `inputs`."""
    try:
        raw = (folder / RECORD_NAME).read_bytes()
        record = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get(INPUTS_KEY) != inputs:
        return None
    tables = {name: entry for name, entry in record.items() if name != INPUTS_KEY}
    if not tables:
        return None
    contents = {}
    for name, entry in tables.items():
        try:
            data = (folder / f"{name}.csv").read_bytes()
        except OSError:
            return None
        if not isinstance(entry, dict) or hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            return None
        contents[f"{name}.csv"] = data
    contents[RECORD_NAME] = raw
    return contents
