"""Re-execute the committed notebooks in place, so their stored outputs match the code.

Run by ``make notebooks-update`` after an intended change; the diff of the
notebooks then shows a reviewer exactly which outputs moved. nbval (``make
test``) compares fresh runs against these stored outputs.

Notebooks run with their default parameters, from their own folder, with no
timing metadata, so that an unchanged notebook is rewritten byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis import config


def stored_notebooks(folder: Path = config.NOTEBOOKS_DIR) -> list[Path]:
    """Report notebooks and teaching notebooks (sources with solutions), in name order."""
    return sorted(folder.glob("[0-9]*.ipynb")) + sorted((folder / "teaching").glob("[0-9]*.ipynb"))


def execute(notebook: nbformat.NotebookNode, folder: Path, *, timeout: int = 600) -> None:
    """Run `notebook` in place with the project's kernel, from `folder`, recording no timings.

    Raises nbclient's CellExecutionError on the first failing cell.
    """
    NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(folder)}},
    ).execute()


def refresh(path: Path, *, timeout: int = 600) -> Path:
    """Execute the notebook at `path` top to bottom and write it back with its outputs."""
    notebook = nbformat.read(path, as_version=4)
    execute(notebook, path.parent, timeout=timeout)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Refresh the notebooks named in `argv` (paths), or all stored notebooks."""
    paths = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or stored_notebooks()
    for path in paths:
        print(f"executing {path}", file=sys.stderr)
        refresh(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
