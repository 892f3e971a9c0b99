"""What changed between two runs' tidy data: articles and figures, old and new values.

Each report run keeps the tidy tables it used in ``<run>/data/``; this module
compares them with the previously published run's copy. Tables are read as
text, exactly as written (the pipeline writes deterministic CSV), so a value
changes only when its written form changes.

Rows are matched by key:

- ``articles``: ``article_id``;
- ``mentions`` (the extracted figures): ``article_id, kind, start``, the figure's
  place in its article, which stays put when the extractor changes the value it
  reads there, while the ``-mNNN`` rank would shift for every later figure;
- any other table (``figures``, ``events``): its first column, when that is a unique
  ``*_id`` column; other tables are not compared.

A changed row gives one line per changed column (``field`` with ``old`` and ``new``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

TABLES = ("articles", "mentions", "figures", "events")
KEYS = {"articles": ["article_id"], "mentions": ["article_id", "kind", "start"]}
IGNORED = {"articles": {"n_mentions"}, "mentions": {"mention_id"}}  # follow from other rows
LABELS = {"articles": "headline", "mentions": "surface"}  # what a reader recognises a row by
ITEMS = {
    "articles": "article",
    "mentions": "figure",
    "figures": "annotated figure",
    "events": "event",
}
CHANGE_COLUMNS = ["change", "table", "article_id", "key", "label", "field", "old", "new"]


def read_tidy(data_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read the tidy tables of a run's data folder as text (missing tables are left out)."""
    data_dir = Path(data_dir)
    tables = {}
    for name in TABLES:
        path = data_dir / f"{name}.csv"
        if path.is_file():
            tables[name] = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return tables


def compare_tables(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the differences from `old` to `new` tables, one row per change.

    Columns are CHANGE_COLUMNS: ``change`` ("new article", "removed figure",
    "changed figure", ...), the ``table``, the row's ``article_id``, its ``key``
    (article id, mention id or figure id), a ``label`` a reader recognises
    (headline, the figure as written), and for changed rows the ``field`` with
    its ``old`` and ``new`` values; new and removed figures carry their value
    and unit in ``new`` or ``old``. Only tables present in both are compared.
    """
    parts = [
        _compare_table(name, old[name], new[name]) for name in TABLES if name in old and name in new
    ]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in CHANGE_COLUMNS})
    return pd.concat(parts, ignore_index=True)[CHANGE_COLUMNS]


def compare_runs(previous_data: str | Path | None, current_data: str | Path) -> pd.DataFrame | None:
    """Compare two runs' data folders; None when there is no previous data to compare with."""
    if previous_data is None or not Path(previous_data).is_dir():
        return None
    old = read_tidy(previous_data)
    if not old:
        return None
    return compare_tables(old, read_tidy(current_data))


def write_changes(changes: pd.DataFrame | None, path: str | Path) -> Path:
    """Write the changes as CSV (header only when there is nothing to compare with)."""
    frame = changes if changes is not None else pd.DataFrame(columns=CHANGE_COLUMNS)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return Path(path)


def summarise_changes(changes: pd.DataFrame) -> dict[str, int]:
    """Count the changed items by kind of change (a changed figure counts once)."""
    items = changes.drop_duplicates(["change", "table", "key"])
    return items["change"].value_counts().sort_index().to_dict()


def _key_columns(name: str, old: pd.DataFrame, new: pd.DataFrame) -> list[str] | None:
    if name in KEYS:
        return KEYS[name]
    first = new.columns[0] if len(new.columns) else ""
    ok = (
        first.endswith("_id")
        and first in old.columns
        and old[first].is_unique
        and new[first].is_unique
    )
    return [first] if ok else None


def _compare_table(name: str, old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    keys = _key_columns(name, old, new)
    if keys is None:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    shared = [c for c in new.columns if c in old.columns and c not in keys]
    merged = old.merge(new, on=keys, how="outer", suffixes=("_old", "_new"), indicator=True)
    item = ITEMS.get(name, "row")
    rows = []
    for row in merged.to_dict("records"):
        side = {"left_only": "_old", "right_only": "_new", "both": "_new"}[row["_merge"]]
        record = {
            "table": name,
            "article_id": _text(row, "article_id", side, keys),
            "key": _row_key(name, row, side, keys),
            "label": _text(row, LABELS.get(name, ""), side, keys),
        }
        if row["_merge"] == "both":
            for column in shared:
                if column in IGNORED.get(name, ()):
                    continue
                before, after = _text(row, column, "_old", keys), _text(row, column, "_new", keys)
                if before != after:
                    rows.append(
                        record
                        | {"change": f"changed {item}", "field": column}
                        | {"old": before, "new": after}
                    )
        else:
            gone = row["_merge"] == "left_only"
            value = _describe(name, row, side, keys)
            rows.append(
                record
                | {"change": f"{'removed' if gone else 'new'} {item}", "field": ""}
                | {"old": value if gone else "", "new": "" if gone else value}
            )
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS).astype("str")
    return frame.sort_values(["change", "article_id", "key"], kind="stable")


def _text(row: dict, column: str, side: str, keys: list[str]) -> str:
    if not column:
        return ""
    value = row.get(column if column in keys else column + side, row.get(column, ""))
    return "" if pd.isna(value) else str(value)


def _row_key(name: str, row: dict, side: str, keys: list[str]) -> str:
    if name == "mentions":
        return _text(row, "mention_id", side, keys)
    return "/".join(_text(row, k, side, keys) for k in keys)


def _describe(name: str, row: dict, side: str, keys: list[str]) -> str:
    if name != "mentions":
        return ""
    if _text(row, "kind", side, keys) == "date":
        return _text(row, "date", side, keys)
    return f"{_text(row, 'value', side, keys)} {_text(row, 'unit', side, keys)}".strip()
