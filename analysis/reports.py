"""Build the HTML reports: every notebook with every parameter set, published atomically.

``python -m analysis report`` calls :func:`run_reports`, which

1. checks the whole configuration (notebooks, parameter sets, folders: see
   :mod:`analysis.params`) before anything runs;
2. takes the output folder's lock and starts a run folder (:mod:`analysis.publish`);
3. builds the tidy tables of the chosen corpus into ``<run>/data/``, or copies
   them when the published run or data/processed was built from exactly the
   same inputs and its files are intact (:func:`analysis.tables_io.copy_current_tables`),
   and compares them with the published run's copy (:mod:`analysis.changes`);
4. executes each notebook with each parameter set through papermill, with the
   ``python3`` kernel (the project's environment), in the notebooks folder; a
   notebook that declares ``data_dir`` receives the run's data folder there;
5. exports each executed notebook to self-contained HTML without code
   (:mod:`analysis.report_html`), in a worker process while the next notebook
   runs (:mod:`analysis.page_worker`), and writes ``index.html``, ``changes.csv``
   and ``manifest.json`` (a report's ``seconds`` there: its execution's plus
   its page's; ``data_source``: "built" or the folder the tidy data was copied from);
6. publishes the run as ``latest`` only if every report succeeded, then removes
   the oldest runs beyond ``keep``.

A run folder::

    runs/<run-id>/
      index.html  changes.csv  manifest.json  <notebook>--<set>.html ...
      notebooks/<notebook>--<set>.ipynb       executed notebooks (also the failed ones)
      data/articles.csv mentions.csv ...      the tidy data the notebooks read
      COMPLETE | FAILED                       written last

Exit statuses: 0 every report built and published; 1 a notebook failed (named in
the log, its executed notebook kept, nothing published); 2 bad configuration or
input (raised as :class:`analysis.errors.AnalysisError` before any notebook runs).
"""

from __future__ import annotations

# isort: off
from analysis import lean_imports  # noqa: F401 - before papermill and nbformat
# isort: on

import concurrent.futures
import datetime as dt
import hashlib
import importlib.metadata
import json
import logging
import platform
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from pathlib import Path

import papermill

from analysis import config, publish
from analysis.changes import compare_runs, summarise_changes, write_changes
from analysis.errors import ConfigError, NoDataError, ReportError
from analysis.notebook_engine import ENGINE_NAME
from analysis.page_worker import PageExportError, PageWorker, write_page
from analysis.params import (
    DATA_DIR_PARAMETER,
    ParamSet,
    check_corpus_dir,
    check_output_dir,
    load_param_sets,
)
from analysis.report_html import render_index
from analysis.tables_io import build_inputs, copy_current_tables

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
PACKAGES = (
    "pandas numpy matplotlib seaborn papermill nbconvert pandera currencyconverter babel".split()
)


@dataclass
class ReportResult:
    """The outcome of one notebook with one parameter set."""

    notebook: str
    param_set: str
    parameters: dict
    source: str  # the parameter-set file, "" for the notebook's defaults
    executed: str  # executed notebook, relative to the run folder
    html: str = ""  # report page, relative to the run folder ("" if none was made)
    status: str = "ok"  # "ok", "skipped" (no data for it in this corpus) or "failed"
    seconds: float = 0.0
    error: str = ""
    injected: dict = field(default_factory=dict)  # parameters set by the runner (data_dir)


def run_reports(
    seeds_dir: str | Path = config.SEEDS_DIR,
    output_dir: str | Path = config.REPORTS_DIR,
    jobs: int = 1,
    keep: int = 5,
    notebooks: Iterable[str] | None = None,
    *,
    notebooks_dir: str | Path = config.NOTEBOOKS_DIR,
    params_dir: str | Path = config.PARAMS_DIR,
    annotations_path: str | Path = config.ANNOTATIONS_PATH,
    lock_timeout: float = 60.0,
    cell_timeout: float | None = 1800.0,
    kernel_name: str = KERNEL_NAME,
) -> int:
    """Build every report of the corpus in `seeds_dir` into a new run of `output_dir`.

    Parameters
    ----------
    seeds_dir, output_dir
        The corpus folder and the reports folder (``runs/`` and ``latest`` go there).
    jobs
        How many notebooks run at once (each in its own kernel).
    keep
        How many finished runs to keep (at least 1); the published one always stays.
    notebooks
        Names (stems or file names) of the notebooks to run; all by default.
    notebooks_dir, params_dir
        Where the notebooks and their parameter sets are.
    annotations_path
        The curated annotations, hashed into the manifest.
    lock_timeout
        Seconds to wait for another run on the same output folder to finish.
    cell_timeout
        Seconds one notebook cell may run before it counts as failed (None: no limit).
    kernel_name
        The Jupyter kernel that runs the notebooks.

    Returns
    -------
    int
        0 when every report was built and the run published, 1 when a notebook failed.

    Raises
    ------
    AnalysisError
        Bad configuration or input (exit status 2), before any notebook runs.
    """
    _ensure_logging()
    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()
    if not isinstance(jobs, int) or jobs < 1:
        raise ConfigError("number of jobs", jobs, "an integer of 1 or more", "--jobs")
    if not isinstance(keep, int) or keep < 1:
        raise ConfigError("runs to keep", keep, "an integer of 1 or more", "--keep")
    notebooks_dir, params_dir = Path(notebooks_dir).resolve(), Path(params_dir).resolve()
    sets = load_param_sets(notebooks_dir, params_dir, notebooks)
    seeds_dir = check_corpus_dir(seeds_dir).resolve()
    output_dir = check_output_dir(output_dir).resolve()
    log.info("configuration checked: %d report(s) from %d notebook(s)", len(sets), _count(sets))

    with publish.run_lock(output_dir, lock_timeout):
        for path in publish.clean_stale(output_dir):
            log.info("removed the leftovers of an interrupted run: %s", path.name)
        previous = publish.published_run(output_dir)
        run = _Run(
            folder=publish.start_run(output_dir),
            sets=sets,
            seeds_dir=seeds_dir,
            notebooks_dir=notebooks_dir,
            params_dir=params_dir,
            annotations_path=Path(annotations_path),
            previous=previous,
            jobs=jobs,
            kernel_name=kernel_name,
            cell_timeout=cell_timeout,
            started=started,
            clock=clock,
        )
        log.info("run %s: building in %s", run.folder.name, run.folder)
        try:
            status = _build_run(run)
        except BaseException:
            if publish.run_status(run.folder) is None:
                publish.mark_run(run.folder, publish.FAILED)
            raise
        for path in publish.prune_runs(output_dir, keep, current=run.folder):
            log.info("removed old run %s (keeping %d)", path.name, keep)
    return status


@dataclass
class _Run:
    """Everything one run needs, passed between its steps."""

    folder: Path
    sets: list[ParamSet]
    seeds_dir: Path
    notebooks_dir: Path
    params_dir: Path
    annotations_path: Path
    previous: Path | None
    jobs: int
    kernel_name: str
    cell_timeout: float | None
    started: dt.datetime
    clock: float
    data_source: str = ""  # "built", or the folder the tidy data was copied from


def _build_run(run: _Run) -> int:
    data_dir = run.folder / "data"
    with PageWorker() as pages:  # started first: it warms up while the tidy data is made
        run.data_source = _make_tidy_data(run, data_dir)
        previous_name = run.previous.name if run.previous else None
        changes = compare_runs(run.previous / "data" if run.previous else None, data_dir)
        write_changes(changes, run.folder / "changes.csv")
        if changes is None:
            log.info("no published run to compare with")
        else:
            summary = summarise_changes(changes) or "none"
            log.info("changes since run %s: %s", previous_name, summary)
        results = _execute_all(run, data_dir, pages)
    failed = [r for r in results if r.status == "failed"]
    status = 1 if failed else 0
    index = render_index(
        run_id=run.folder.name,
        reports=[asdict(r) for r in results],
        changes=changes,
        previous_run=previous_name,
        exit_status=status,
    )
    (run.folder / "index.html").write_text(index, encoding="utf-8")
    _write_json(_manifest(run, results, changes, status), run.folder / "manifest.json")
    if failed:
        publish.mark_run(run.folder, publish.FAILED)
        for result in failed:
            kept = run.folder / result.executed
            error = ReportError(result.notebook, result.param_set, result.error, kept)
            log.error("%s", error)
        log.error(
            "%d of %d report(s) failed; run %s kept for debugging; still published: %s",
            len(failed), len(results), run.folder.name, previous_name or "nothing",
        )  # fmt: skip
        return 1
    publish.mark_run(run.folder, publish.COMPLETE)
    publish.publish(run.folder)
    log.info("published run %s as latest (%.1f s)", run.folder.name, time.monotonic() - run.clock)
    return 0


def _make_tidy_data(run: _Run, data_dir: Path) -> str:
    """Fill `data_dir` with the tidy tables of the run's corpus; return where they came from.

    Tables already built from exactly the same inputs (the corpus, annotations,
    reference data, the package's code and library versions), by the published
    run or by ``python -m analysis build`` into data/processed, are copied after
    their bytes are checked against their recorded sha256; otherwise they are
    built (:func:`analysis.pipeline.build_all`).
    """
    inputs = build_inputs(run.seeds_dir)
    candidates = [run.previous / "data"] if run.previous else []
    candidates.append(config.PROCESSED_DIR)
    source = copy_current_tables(candidates, inputs, data_dir)
    if source is not None:
        log.info("tidy data of %s: copied from %s (same inputs, checked)", run.seeds_dir, source)
        return str(source)
    from analysis.pipeline import build_all  # the extractor and pandera: only when needed

    log.info("building the tidy data of %s", run.seeds_dir)
    build_all(seeds_dir=run.seeds_dir, out_dir=data_dir)
    return "built"


def _execute_all(run: _Run, data_dir: Path, pages: PageWorker) -> list[ReportResult]:
    """Execute every report; `pages` writes each one's page while the next one runs."""
    (run.folder / "notebooks").mkdir()
    total = len(run.sets)

    def one(numbered: tuple[int, ParamSet]) -> tuple[ReportResult, Future | None]:
        number, param_set = numbered
        result = _execute_notebook(
            param_set, run.folder, data_dir=data_dir, kernel_name=run.kernel_name,
            cell_timeout=run.cell_timeout, cwd=run.notebooks_dir,
            label=f"[{number}/{total}] {param_set.stem} [{param_set.name}]",
        )  # fmt: skip
        if not (run.folder / result.executed).is_file():
            return result, None
        return result, pages.submit(*_page_job(result, run.folder))

    numbered = list(enumerate(run.sets, start=1))
    if run.jobs == 1:
        executed = [one(item) for item in numbered]
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=run.jobs) as pool:
            executed = list(pool.map(one, numbered))  # in the order of the sets
    for result, future in executed:
        if future is not None:
            job = _page_job(result, run.folder)
            _record_page(result, lambda f=future, j=job: pages.page_seconds(f, *j))
    return [result for result, _ in executed]


def execute_report(
    param_set: ParamSet,
    run_dir: str | Path,
    *,
    data_dir: str | Path | None = None,
    kernel_name: str = KERNEL_NAME,
    cell_timeout: float | None = None,
    cwd: str | Path | None = None,
    progress: str = "",
) -> ReportResult:
    """Execute one notebook with one parameter set into `run_dir` and export its HTML page.

    The executed notebook goes to ``<run_dir>/notebooks/<notebook>--<set>.ipynb``
    and the page to ``<run_dir>/<notebook>--<set>.html``, also when the notebook
    fails (the page then shows the error). If the notebook declares ``data_dir``
    it receives `data_dir`. Parameter values reach the notebook as Python
    literals written by papermill, never as code.

    Returns
    -------
    ReportResult
        With ``status`` "failed" and the ``error`` when a cell raised or the kernel died.
    """
    run_dir = Path(run_dir)
    label = f"{progress} {param_set.stem} [{param_set.name}]".strip()
    result = _execute_notebook(
        param_set, run_dir, data_dir=data_dir, kernel_name=kernel_name,
        cell_timeout=cell_timeout, cwd=cwd, label=label,
    )  # fmt: skip
    if (run_dir / result.executed).is_file():
        _record_page(result, lambda: write_page(*_page_job(result, run_dir)))
    return result


def _execute_notebook(
    param_set: ParamSet,
    run_dir: Path,
    *,
    data_dir: str | Path | None,
    kernel_name: str,
    cell_timeout: float | None,
    cwd: str | Path | None,
    label: str,
) -> ReportResult:
    """Execute the notebook into ``<run_dir>/notebooks/``; log and return the outcome."""
    executed = Path("notebooks") / f"{param_set.slug}.ipynb"
    injected = {}
    if data_dir is not None and DATA_DIR_PARAMETER in param_set.declared:
        injected[DATA_DIR_PARAMETER] = str(data_dir)
    result = ReportResult(
        notebook=param_set.stem,
        param_set=param_set.name,
        parameters=dict(param_set.values),
        source=str(param_set.source or ""),
        executed=str(executed),
        injected=injected,
    )
    log.info("%s: running", label)
    clock = time.monotonic()
    try:
        papermill.execute_notebook(
            str(param_set.notebook),
            str(run_dir / executed),
            parameters={**param_set.values, **injected},
            kernel_name=kernel_name,
            engine_name=ENGINE_NAME,
            # The kernel's working folder. Not papermill's `cwd`: that changes the
            # folder of the whole process, which threads running at once would share.
            resources={"metadata": {"path": str(cwd or param_set.notebook.parent)}},
            progress_bar=False,
            log_output=False,
            execution_timeout=cell_timeout,
        )
    except papermill.PapermillExecutionError as err:
        result.status = "skipped" if err.ename == NoDataError.__name__ else "failed"
        result.error = f"{err.ename}: {err.evalue} (cell {err.exec_count})"
    except Exception as err:  # a dead kernel, a cell timeout, an unwritable notebook...
        result.status = "failed"
        result.error = f"{type(err).__name__}: {err}"
    result.seconds = round(time.monotonic() - clock, 3)
    if result.status == "ok":
        log.info("%s: ok in %.1f s", label, result.seconds)
    elif result.status == "skipped":
        log.warning("%s: skipped, no data for it in this corpus: %s", label, result.error)
    else:
        log.error("%s: FAILED after %.1f s: %s", label, result.seconds, result.error)
    return result


def _page_job(result: ReportResult, run_dir: Path) -> tuple[Path, Path, str]:
    """The executed notebook, the page to write and its title."""
    page = run_dir / f"{Path(result.executed).stem}.html"
    return run_dir / result.executed, page, f"{result.notebook} ({result.param_set})"


def _record_page(result: ReportResult, write: Callable[[], float]) -> None:
    """Run `write` (the page's export, returning its seconds) and record it in `result`.

    The report's ``seconds`` are then its execution's plus its page's.
    """
    try:
        seconds = write()
    except Exception as err:  # nbconvert errors have no common base class
        kind = err.kind if isinstance(err, PageExportError) else type(err).__name__
        result.status = "failed"
        result.error = result.error or f"HTML export failed: {kind}: {err}"
        log.error("%s [%s]: %s", result.notebook, result.param_set, result.error)
        return
    result.html = f"{Path(result.executed).stem}.html"
    result.seconds = round(result.seconds + seconds, 3)


# --- manifest -----------------------------------------------------------------------


def _manifest(run: _Run, results: list[ReportResult], changes, status: int) -> dict:
    seeds = sorted(p for p in run.seeds_dir.iterdir() if p.is_file())
    data = run.folder / "data"
    return {
        "run_id": run.folder.name,
        "started": run.started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - run.clock, 3),
        "exit_status": status,
        "published": status == 0,
        "previous_run": run.previous.name if run.previous else None,
        "changes": None if changes is None else summarise_changes(changes),
        "seeds_dir": str(run.seeds_dir),
        "data_source": run.data_source,
        "notebooks_dir": str(run.notebooks_dir),
        "inputs": {
            "articles": _hashes(seeds, run.seeds_dir),
            "annotations": _hashes([run.annotations_path], run.annotations_path.parent),
            "notebooks": _hashes(sorted({s.notebook for s in run.sets}), run.notebooks_dir),
            "params": _hashes(sorted({s.source for s in run.sets if s.source}), run.params_dir),
            "data": _hashes(sorted(data.glob("*.csv")), data),
        },
        "kernel": run.kernel_name,
        "python": platform.python_version(),
        "packages": _versions(PACKAGES),
        "reports": [asdict(r) for r in results],
    }


def _hashes(paths: Iterable[Path], root: Path) -> dict[str, str]:
    out = {}
    for path in paths:
        if path.is_file():
            name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _versions(names: Iterable[str]) -> dict[str, str | None]:
    out = {}
    for name in names:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def _write_json(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _count(sets: list[ParamSet]) -> int:
    return len({s.notebook for s in sets})


def _ensure_logging() -> None:
    """Log this package's INFO lines to stderr with UTC timestamps, unless logging is set up."""
    package = logging.getLogger("analysis")
    if package.level == logging.NOTSET:
        package.setLevel(logging.INFO)
    if logging.getLogger().handlers or package.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%SZ")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    package.addHandler(handler)
