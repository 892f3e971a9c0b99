"""Benchmark the report build against a floor measured in the same run (issue 4).

- *reports*: ``python -m analysis report`` in a fresh process, building every
  report of ``notebooks/`` (each notebook with each parameter set) into a
  temporary output folder: configuration checks, tidy data, papermill
  execution, HTML export, index and publication.
- *floor*: a fresh process in which papermill executes the same number of
  trivial notebooks, one after the other, each only importing pandas,
  matplotlib, seaborn and analysis: the cost of the kernels alone.

Both are wall-clock times of the whole process, after one warm-up notebook, with
``--jobs 1``. The goal is reports <= 1.5 x floor. Writes bench/out/report_bench.json.

Usage: ``python bench/report_bench.py``; from bench/run.py::

    from report_bench import bench_reports, print_report_bench
    print_report_bench(bench_reports())
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from analysis import config

GOAL_RATIO = 1.5
OUT_DIR = Path(__file__).resolve().parent / "out"
IMPORTS = "import pandas\nimport matplotlib.pyplot\nimport seaborn\nimport analysis"
_FLOOR = """
import sys, papermill
for path in sys.argv[2:]:
    papermill.execute_notebook(path, path, kernel_name="python3", progress_bar=False,
                               resources={"metadata": {"path": sys.argv[1]}})
"""


def _trivial_notebook(path: Path) -> Path:
    book = nbformat.v4.new_notebook()
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    book.metadata["kernelspec"] = kernel
    book.cells = [nbformat.v4.new_code_cell(IMPORTS)]
    nbformat.write(book, path)
    return path


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=config.ROOT, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_reports(notebooks_dir: Path = config.NOTEBOOKS_DIR) -> dict:
    """Time the report build and its floor; return the numbers (also written as JSON)."""
    from analysis.params import load_param_sets

    n_reports = len(load_param_sets(notebooks_dir, Path(notebooks_dir) / "params"))
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        tmp = Path(tmp)
        trivial = [str(_trivial_notebook(tmp / f"floor{i}.ipynb")) for i in range(n_reports)]
        warm = str(_trivial_notebook(tmp / "warm.ipynb"))
        _timed([sys.executable, "-c", _FLOOR, str(notebooks_dir), warm])
        floor = _timed([sys.executable, "-c", _FLOOR, str(notebooks_dir), *trivial])
        output = tmp / "reports"
        command = [sys.executable, "-m", "analysis", "report", "--output", str(output)]
        reports = _timed([*command, "--jobs", "1"])
        manifest = json.loads((output / "latest" / "manifest.json").read_text(encoding="utf-8"))
    result = {
        "reports": n_reports,
        "report_seconds": round(reports, 2),
        "floor_seconds": round(floor, 2),
        "ratio": round(reports / floor, 2),
        "goal_ratio": GOAL_RATIO,
        "per_report_seconds": {
            f"{r['notebook']} [{r['param_set']}]": r["seconds"] for r in manifest["reports"]
        },
    }
    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / "report_bench.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


def print_report_bench(result: dict) -> None:
    """Print the report benchmark as a few aligned lines."""
    verdict = "meets" if result["ratio"] <= result["goal_ratio"] else "MISSES"
    print(f"report build: {result['reports']} reports")
    print(f"  reports  {result['report_seconds']:8.2f} s  (python -m analysis report --jobs 1)")
    print(f"  floor    {result['floor_seconds']:8.2f} s  (papermill, notebooks that only import)")
    print(f"  ratio    {result['ratio']:8.2f} x  {verdict} the goal of <= {result['goal_ratio']} x")
    for name, seconds in result["per_report_seconds"].items():
        print(f"    {seconds:7.2f} s  {name}")


if __name__ == "__main__":
    print_report_bench(bench_reports())
