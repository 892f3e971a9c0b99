"""nbval catches a real regression: a changed input figure changes the stored outputs.

A copy of notebook 03 reads a copy of the tidy data in which Rogozin's stated
odds are perturbed; nbval, comparing against the committed outputs, must fail on
it, while the same copy reading unperturbed data must pass.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis import config

NOTEBOOK = config.NOTEBOOKS_DIR / "03-rogozin-odds.ipynb"

pytestmark = pytest.mark.slow


def _notebook_reading(data_dir, folder):
    """A copy of notebook 03 whose `data_dir` default points at `data_dir`."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    source = "".join(cell["source"])
    assert 'data_dir: str = ""' in source
    cell["source"] = source.replace('data_dir: str = ""', f"data_dir: str = {str(data_dir)!r}")
    path = folder / NOTEBOOK.name
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _nbval(path):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--nbval",
            "--nbval-current-env",
            "-o",
            "addopts=",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=600,
    )


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(config.PROCESSED_DIR, folder)
    return folder


def test_nbval_passes_on_unchanged_data(data_copy, tmp_path):
    result = _nbval(_notebook_reading(data_copy, tmp_path))
    assert result.returncode == 0, result.stdout[-3000:]


def test_nbval_fails_when_an_input_figure_changes(data_copy, tmp_path):
    figures = pd.read_csv(data_copy / "figures.csv", dtype=str, keep_default_na=False)
    row = figures["annotation_id"] == "rogozin-odds"
    assert row.sum() == 1
    figures.loc[row, ["low", "value", "high"]] = ["0.17", "0.175", "0.18"]  # "17-18 percent"
    figures.to_csv(data_copy / "figures.csv", index=False, lineterminator="\n")

    result = _nbval(_notebook_reading(data_copy, tmp_path))

    assert result.returncode == 1, result.stdout[-3000:]
    assert "mismatch" in result.stdout.lower() or "failed" in result.stdout.lower()
    assert "0.17" in result.stdout  # the report shows the perturbed figure
