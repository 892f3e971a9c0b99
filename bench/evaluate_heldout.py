"""Recall and precision of the figure extractor on the held-out corpus.

The held-out corpus is tests/fixtures/heldout/*.txt: invented articles written after
the extractor reached 100% on tests/fixtures/articles/, labelled from the text alone
(tests/fixtures/heldout_expected.csv) without reading the extractor. It imitates
outlets and formats the first corpus lacks: US budget tables with the unit in the
header, Indian crore/lakh/cr and Indian digit grouping, Korean won next to the verb
"won", Canadian "C$1.2-billion", Australian "$US", pence, "pc"/"pct", "bln"/"mln"/
"trln", "M€"/"k€"/"MEUR", HTML entities and CRLF, exchange-rate footers, a factbox of
less common currencies, forum posts. The labelling rules are those of
bench/evaluate_extraction.py, whose scorer this script runs unchanged.

Run: ``.venv/bin/python bench/evaluate_heldout.py`` (extra arguments are passed on,
so ``--articles``/``--expected`` can still point elsewhere).
tests/test_extract_heldout.py imports `load_scorer` and the two paths below.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from analysis import config

HELDOUT_DIR = config.ROOT / "tests" / "fixtures" / "heldout"
HELDOUT_EXPECTED_PATH = config.ROOT / "tests" / "fixtures" / "heldout_expected.csv"
_SCORER_PATH = Path(__file__).resolve().with_name("evaluate_extraction.py")


def load_scorer() -> ModuleType:
    """The module bench/evaluate_extraction.py (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("evaluate_extraction", _SCORER_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    """Print the scores, misses, false positives and wrong values on the held-out corpus."""
    args = sys.argv[1:] if argv is None else argv
    defaults = ["--articles", str(HELDOUT_DIR), "--expected", str(HELDOUT_EXPECTED_PATH)]
    return load_scorer().main([*defaults, *args])  # later arguments override the defaults


if __name__ == "__main__":
    sys.exit(main())
