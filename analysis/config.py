"""Every path the project uses, built from the project root in one place.

Modules and notebooks import these names instead of writing paths themselves,
so the tree can move (or be pointed elsewhere in tests) without edits.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEEDS_DIR = ROOT / "seeds"  # raw articles, never edited by code
MANIFEST_PATH = SEEDS_DIR / "manifest.csv"  # publication metadata of the seeds

DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"  # copies of cited public reference tables
OUTCOMES_PATH = REFERENCE_DIR / "outcomes.csv"
ANNOTATIONS_PATH = DATA_DIR / "annotations.yaml"  # curated meaning of figures
PROCESSED_DIR = DATA_DIR / "processed"  # tidy tables written by `build`

NOTEBOOKS_DIR = ROOT / "notebooks"
PARAMS_DIR = NOTEBOOKS_DIR / "params"
TEACHING_DIR = NOTEBOOKS_DIR / "teaching"

REPORTS_DIR = ROOT / "reports"  # generated, not committed
BUILD_DIR = ROOT / "build"  # generated teaching editions, not committed
