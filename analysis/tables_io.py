"""Typed reading of the tidy CSV tables, and the record of which files were validated.

Kept free of pandera so that notebooks can read a table that `build` has already
validated without importing and running the schemas again: `build` writes
``validated.json`` beside the tables with each file's sha256 and column dtypes,
and a file whose bytes still match is read with those dtypes directly. Any other
file goes through the full schema check (:func:`analysis.schemas.read_table`).
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd

RECORD_NAME = "validated.json"


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


def write_record(folder: Path, table_dtypes: dict[str, dict[str, str]]) -> Path:
    """Record the sha256 and dtypes of each validated ``<name>.csv`` in `folder`."""
    record = {
        name: {
            "sha256": hashlib.sha256((folder / f"{name}.csv").read_bytes()).hexdigest(),
            "dtypes": dtypes,
        }
        for name, dtypes in table_dtypes.items()
    }
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
