"""Run the extractor compiled to C by mypyc, but only while that build matches its source.

The modules named in COMPILED_MODULES are plain, type-checked Python. At install,
setup.py compiles them with mypyc into C extensions beside their source, and records
the SHA-256 of each source in ``compiled_sources.json``. The extensions run the same
code faster (README, "Performance"). Importing :mod:`analysis` calls :func:`choose`,
which keeps the extensions only when every one of them is there and was built from
the source as it is now. Otherwise (no C compiler at install, a source edited since,
or ``ANALYSIS_PURE_PYTHON=1``) all of these modules load from their Python source,
so a stale build never runs and the results are always those of the source.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

# The extraction modules that setup.py compiles (the Makefile lists their files too).
COMPILED_MODULES = (
    "lexicon",
    "numbers",
    "dates",
    "context",
    "sentences",
    "amounts",
    "table_cells",
    "extract",
)
PACKAGE_DIR = Path(__file__).resolve().parent
MANIFEST_NAME = "compiled_sources.json"
PURE_PYTHON_ENV = "ANALYSIS_PURE_PYTHON"  # set to 1 to run the Python source

MODE = "python"  # "compiled" or "python": what this process runs (set by choose())
REASON = "not chosen yet"  # why it runs the Python source, or ""


def source_hashes(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """SHA-256 of each compiled module's Python source, by module name."""
    return {
        name: hashlib.sha256((package_dir / f"{name}.py").read_bytes()).hexdigest()
        for name in COMPILED_MODULES
    }


def compiled_state(
    package_dir: Path = PACKAGE_DIR, environ: Mapping[str, str] = os.environ
) -> tuple[str, str]:
    """("compiled", "") when the compiled build can run, else ("python", the reason)."""
    if environ.get(PURE_PYTHON_ENV) == "1":
        return "python", f"{PURE_PYTHON_ENV}=1"
    missing = [
        name
        for name in COMPILED_MODULES
        if not all(_has_extension(package_dir, part) for part in (name, f"{name}__mypyc"))
    ]
    if len(missing) == len(COMPILED_MODULES):
        return "python", "no compiled build (no C compiler at install, or not installed)"
    if missing:
        return "python", f"compiled build incomplete: {', '.join(missing)} missing"
    try:
        recorded = json.loads((package_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "python", f"{MANIFEST_NAME} missing: the last build did not compile every module"
    changed = [name for name, h in source_hashes(package_dir).items() if recorded.get(name) != h]
    if changed:
        return "python", f"source changed since compiled: {', '.join(changed)} (run `make setup`)"
    return "compiled", ""


def _has_extension(package_dir: Path, stem: str) -> bool:
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return any((package_dir / f"{stem}{suffix}").exists() for suffix in suffixes)


class _SourceFinder:
    """Import finder that loads the compiled modules from their Python source."""

    def find_spec(self, fullname: str, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package == __package__ and name in COMPILED_MODULES:
            return importlib.util.spec_from_file_location(fullname, PACKAGE_DIR / f"{name}.py")
        return None


def choose() -> str:
    """Decide, once per process and before any compiled module loads, which build runs."""
    global MODE, REASON
    MODE, REASON = compiled_state()
    if MODE == "python" and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder())
    return MODE
