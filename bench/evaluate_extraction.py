"""Recall and precision of the figure extractor on the hand-labelled fixture corpus.

The corpus is tests/fixtures/articles/*.txt: invented news-style articles in the
styles of many outlets (wire, Indian, Japanese, Chinese, Russian, UK, Swiss, press
release, blog, scraped HTML). tests/fixtures/expected_figures.csv lists, by hand,
every money and percent figure in them; a figure is located by its surface and the
0-based index of that surface among all its occurrences in the text (plain
substring occurrences, so "$11 billion" inside "$8 billion to $11 billion" counts).

Labelling rules: the surface is the amount without its qualifier ("nearly") or
brackets; a range is one figure with low/high ("$8 billion to $11 billion", "€4
billion and €6 billion" after "between"); a bracketed conversion is two figures; unit
prices ("$100/kg", "44.60 euros" a share) are figures; vague amounts with no number
("hundreds of millions of dollars", "tens of billions of yen") are not; percentages
are fractions and never negative ("down nearly 15%" is 0.15).

A figure counts as found when an extracted row of the same kind has the same span,
or an overlapping span with the same unit and a value within 0.5%. Each row can
find at most one figure; rows that find none are false positives.

Run: ``.venv/bin/python bench/evaluate_extraction.py`` (prints per-kind and per-file
scores, then every miss, false positive and wrong value). tests/test_extract_corpus.py
imports the functions below.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.extract import extract_mentions

FIXTURES_DIR = config.ROOT / "tests" / "fixtures"
ARTICLES_DIR = FIXTURES_DIR / "articles"
EXPECTED_PATH = FIXTURES_DIR / "expected_figures.csv"
SCORED_KINDS = ("money", "percent")
VALUE_TOLERANCE = 0.005  # relative: 0.5%
EXPECTED_COLUMNS = [
    "file",
    "kind",
    "surface",
    "occurrence",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "note",
]


def read_article(path: Path) -> str:
    """The article text exactly as stored (no newline translation), for stable offsets."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _nth(text: str, surface: str, occurrence: int) -> int:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            return -1
    return pos


def load_expected(
    expected_path: Path = EXPECTED_PATH, articles_dir: Path = ARTICLES_DIR
) -> pd.DataFrame:
    """The hand-labelled figures with their `start`/`end` offsets in the article text.

    Raises
    ------
    ValueError
        If a column is missing or a surface does not occur as often as its row says.
    """
    table = pd.read_csv(
        expected_path,
        dtype={"file": str, "kind": str, "surface": str, "unit": str},
        keep_default_na=False,
        na_values={"value": [""], "low": [""], "high": [""]},
        encoding="utf-8",
    )
    missing = [c for c in EXPECTED_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"'{expected_path}' lacks columns {missing}; expected {EXPECTED_COLUMNS}")
    texts = {name: read_article(articles_dir / name) for name in table["file"].unique()}
    starts = []
    for row in table.itertuples(index=False):
        start = _nth(texts[row.file], row.surface, int(row.occurrence))
        if start < 0:
            raise ValueError(
                f"'{expected_path}': surface {row.surface!r} occurrence {row.occurrence}"
                f" not found in '{row.file}'"
            )
        starts.append(start)
    return table.assign(
        start=starts,
        end=[s + len(surface) for s, surface in zip(starts, table["surface"], strict=True)],
        occurrence=table["occurrence"].astype(int),
        value=table["value"].astype(float),
        low=table["low"].astype(float),
        high=table["high"].astype(float),
    )


def label_problems(expected: pd.DataFrame, articles_dir: Path, units: set[str]) -> list[str]:
    """Problems with a set of labels (empty when sound), checked without the extractor.

    Kinds are money and percent; money units are among `units` and percentages are
    fractions of one; low <= value <= high with value the midpoint; no label is
    repeated; each labelled span holds its surface in the article; spans do not overlap.
    """
    problems = []
    if set(expected["kind"]) != {"money", "percent"}:
        problems.append(f"kinds {sorted(set(expected['kind']))}, expected money and percent")
    money = expected[expected["kind"] == "money"]
    percent = expected[expected["kind"] == "percent"]
    if not set(money["unit"]) <= units:
        problems.append(f"unknown money units {sorted(set(money['unit']) - units)}")
    if set(percent["unit"]) != {"percent"} or (percent["high"] > 2).any():
        problems.append("percent labels must have unit 'percent' and be fractions of one")
    if (expected["low"] < 0).any():
        problems.append("figures are never negative")
    if not ((expected["low"] <= expected["value"]) & (expected["value"] <= expected["high"])).all():
        problems.append("some labels break low <= value <= high")
    midpoints = (expected["low"] + expected["high"]) / 2
    if not all(math.isclose(v, m) for v, m in zip(expected["value"], midpoints, strict=True)):
        problems.append("some values are not the midpoint of their range")
    if expected.duplicated(["file", "surface", "occurrence"]).any():
        problems.append("repeated labels")
    for file, rows in expected.groupby("file"):
        text = read_article(articles_dir / file)
        rows = rows.sort_values("start")
        problems += [
            f"{file}: [{r.start}:{r.end}] is not {r.surface!r}"
            for r in rows.itertuples(index=False)
            if text[r.start : r.end] != r.surface
        ]
        if (rows["start"].to_numpy()[1:] < rows["end"].to_numpy()[:-1]).any():
            problems.append(f"{file}: overlapping labels")
    return problems


def extract_corpus(articles_dir: Path = ARTICLES_DIR) -> pd.DataFrame:
    """Money and percent rows the extractor finds in every article, `file` = file name."""
    frames = []
    for path in sorted(articles_dir.glob("*.txt")):
        df = extract_mentions(read_article(path), article_id=path.name)
        frames.append(df[df["kind"].isin(SCORED_KINDS)].assign(file=path.name))
    return pd.concat(frames, ignore_index=True)


def _close(got: float, want: float) -> bool:
    if want == 0:
        return abs(got) <= 1e-12
    return abs(got - want) <= VALUE_TOLERANCE * abs(want)


def match_figures(expected: pd.DataFrame, found: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pair expected figures with extracted rows.

    Returns
    -------
    (expected, found)
        `expected` gains `found_row` (index into `found`, -1 if missed), `exact_span`
        and `value_ok` (unit, value, low and high all agree); `found` gains `matched`.
    """
    found = found.reset_index(drop=True)
    used: set[int] = set()
    found_row, exact_span, value_ok = [], [], []
    for fig in expected.itertuples(index=False):
        pool = found[(found["file"] == fig.file) & (found["kind"] == fig.kind)]
        pool = pool[(pool["start"] < fig.end) & (pool["end"] > fig.start)]
        pool = pool[~pool.index.isin(used)]
        exact = pool[(pool["start"] == fig.start) & (pool["end"] == fig.end)]
        near = pool[
            [
                unit == fig.unit and _close(value, fig.value)
                for unit, value in zip(pool["unit"], pool["value"], strict=True)
            ]
        ]
        chosen = exact if len(exact) else near
        if chosen.empty:
            found_row.append(-1)
            exact_span.append(False)
            value_ok.append(False)
            continue
        idx = int(chosen.index[0])
        row = found.loc[idx]
        used.add(idx)
        found_row.append(idx)
        exact_span.append(bool(len(exact)))
        value_ok.append(
            row["unit"] == fig.unit
            and all(_close(float(row[c]), float(getattr(fig, c))) for c in ("value", "low", "high"))
        )
    expected = expected.assign(found_row=found_row, exact_span=exact_span, value_ok=value_ok)
    found = found.assign(matched=found.index.isin(used))
    return expected, found


def score_table(expected: pd.DataFrame, found: pd.DataFrame, by: str) -> pd.DataFrame:
    """Recall, precision and value accuracy grouped by `by` ("kind" or "file")."""
    hit = expected.assign(hit=expected["found_row"] >= 0)
    rec = hit.groupby(by).agg(
        figures=("hit", "size"), found=("hit", "sum"), values_ok=("value_ok", "sum")
    )
    prec = found.groupby(by).agg(rows=("matched", "size"), true_rows=("matched", "sum"))
    table = rec.join(prec, how="outer").fillna(0).astype(int)
    table.loc["ALL"] = table.sum()
    return table.assign(
        recall=table["found"] / table["figures"].where(table["figures"] > 0),
        precision=table["true_rows"] / table["rows"].where(table["rows"] > 0),
        value_accuracy=table["values_ok"] / table["found"].where(table["found"] > 0),
    )


def describe_misses(expected: pd.DataFrame) -> dict[str, list[str]]:
    """Per file, one line for each figure the extractor missed."""
    out: dict[str, list[str]] = {}
    for fig in expected[expected["found_row"] < 0].itertuples(index=False):
        out.setdefault(fig.file, []).append(
            f"missed {fig.kind} {fig.surface!r} [{fig.start}:{fig.end}]"
            f" = {fig.value:g} {fig.unit} (low {fig.low:g}, high {fig.high:g})"
        )
    return out


def describe_false_positives(found: pd.DataFrame) -> dict[str, list[str]]:
    """Per file, one line for each extracted row that matches no labelled figure."""
    out: dict[str, list[str]] = {}
    for row in found[~found["matched"]].itertuples(index=False):
        out.setdefault(row.file, []).append(
            f"false {row.kind} {row.surface!r} [{row.start}:{row.end}] = {row.value:g} {row.unit}"
        )
    return out


def describe_wrong_values(expected: pd.DataFrame, found: pd.DataFrame) -> dict[str, list[str]]:
    """Per file, one line for each found figure whose unit, value, low or high is off."""
    out: dict[str, list[str]] = {}
    bad = expected[(expected["found_row"] >= 0) & ~expected["value_ok"]]
    for fig in bad.itertuples(index=False):
        row = found.loc[fig.found_row]
        out.setdefault(fig.file, []).append(
            f"wrong {fig.surface!r}: expected {fig.value:g} [{fig.low:g}, {fig.high:g}] {fig.unit},"
            f" got {row['surface']!r} {row['value']:g} [{row['low']:g}, {row['high']:g}]"
            f" {row['unit']}"
        )
    return out


def describe_qualifier_differences(
    expected: pd.DataFrame, found: pd.DataFrame
) -> dict[str, list[str]]:
    """Per file, found figures whose qualifier differs from the labelled one."""
    out: dict[str, list[str]] = {}
    for fig in expected[expected["found_row"] >= 0].itertuples(index=False):
        got = found.loc[fig.found_row, "qualifier"]
        if got != fig.qualifier:
            out.setdefault(fig.file, []).append(
                f"{fig.surface!r}: labelled {fig.qualifier!r}, got {got!r}"
            )
    return out


def format_listing(by_file: dict[str, list[str]]) -> str:
    """Lines grouped under their file name, indented, files in name order."""
    return "\n".join(
        f"  {file}:\n" + "\n".join(f"    {line}" for line in lines)
        for file, lines in sorted(by_file.items())
    )


def _print_listing(title: str, listing: dict[str, list[str]]) -> None:
    print(f"\n{title}: {sum(len(v) for v in listing.values())}")
    if listing:
        print(format_listing(listing))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES_DIR, help="folder of .txt")
    parser.add_argument("--expected", type=Path, default=EXPECTED_PATH, help="labelled CSV")
    args = parser.parse_args(argv)

    expected, found = match_figures(
        load_expected(args.expected, args.articles), extract_corpus(args.articles)
    )
    fmt = {"recall": "{:.3f}".format, "precision": "{:.3f}".format}
    fmt["value_accuracy"] = "{:.3f}".format
    with pd.option_context("display.width", 120, "display.max_columns", 20):
        print("By kind\n" + score_table(expected, found, "kind").to_string(formatters=fmt))
        print("\nBy file\n" + score_table(expected, found, "file").to_string(formatters=fmt))
    _print_listing("Misses", describe_misses(expected))
    _print_listing("False positives", describe_false_positives(found))
    _print_listing("Wrong values", describe_wrong_values(expected, found))
    disagree = describe_qualifier_differences(expected, found)
    n_found = int((expected["found_row"] >= 0).sum())
    n_diff = sum(len(v) for v in disagree.values())
    print(f"\nQualifier agreement on found figures: {n_found - n_diff}/{n_found}")
    _print_listing("Qualifier differences (informative, not scored)", disagree)
    return 0


if __name__ == "__main__":
    sys.exit(main())
