"""Write report pages in a separate process, while the runner executes the next notebook.

Exporting an executed notebook to HTML (:func:`analysis.report_html.export_html`)
is pure Python work in the runner's process: a quarter of a second per report,
and the first page also pays for importing nbconvert and compiling its
templates. Threads do not help (the GIL); a second process does. One worker,
``python -m analysis.page_worker``, started when the runner starts, warms up
while the first notebook runs, then writes each page while the next notebook
runs.

The worker reads one job per line on its standard input (JSON: notebook, page,
title) and answers each, in order, with one line on its standard output (the
seconds it took, or the error). It ends when its input closes, which is also
what happens when the runner dies, however it dies. It is a plain subprocess,
not multiprocessing, so it never re-runs the script that started the runner.

If the worker cannot start or dies, pages are written in the runner's process
instead, so a run never fails for want of the worker.
"""

from __future__ import annotations

# isort: off
from analysis import lean_imports  # noqa: F401 - before nbformat
# isort: on

import collections
import concurrent.futures
import contextlib
import json
import logging
import subprocess
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)


class PageExportError(Exception):
    """A page export that failed in the worker: `kind` is the original exception's type name."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)


class WorkerGone(Exception):
    """The worker ended before answering a job."""


def write_page(notebook: str | Path, page: str | Path, title: str) -> float:
    """Export `notebook` to `page` (see :func:`export_html`); return the seconds it took."""
    from analysis.report_html import export_html

    clock = time.monotonic()
    export_html(notebook, page, title=title)
    return time.monotonic() - clock


class PageWorker:
    """A context manager: ``submit`` pages, then ``page_seconds`` waits for each one.

    Used as ``with PageWorker() as pages: ...``; leaving the block closes the
    worker's input and waits for the pages still being written (or, when the
    block raised, stops the worker at once).
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._pending: collections.deque[concurrent.futures.Future] = collections.deque()
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None
        self._ended = False  # the worker's answers have ended: no more jobs for it

    def __enter__(self) -> PageWorker:
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "analysis.page_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as err:  # no processes here: write pages in-process
            log.warning("pages are written in the runner's process: %s", err)
            return self
        self._reader = threading.Thread(target=self._read_answers, name="page-answers")
        self._reader.daemon = True
        self._reader.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._process is None:
            return
        if exc[0] is not None:  # the run stops: its pages are not needed
            self._process.kill()
        with contextlib.suppress(OSError):
            self._process.stdin.close()
        self._process.wait()
        self._reader.join()

    def submit(self, notebook: Path, page: Path, title: str) -> concurrent.futures.Future:
        """Start writing `page` from `notebook`; the future's result is the seconds it took."""
        future: concurrent.futures.Future = concurrent.futures.Future()
        job = json.dumps({"notebook": str(notebook), "page": str(page), "title": title})
        with self._lock:
            if self._process is not None and not self._ended:
                try:
                    self._pending.append(future)
                    self._process.stdin.write(job + "\n")
                    self._process.stdin.flush()
                    return future
                except OSError:
                    self._pending.remove(future)
        try:  # no worker: write the page here
            future.set_result(write_page(notebook, page, title))
        except Exception as err:  # nbconvert errors have no common base class
            future.set_exception(err)
        return future

    @staticmethod
    def page_seconds(future: concurrent.futures.Future, notebook: Path, page: Path, title: str):
        """Wait for `future`; if the worker ended first, the page is written here instead.

        Returns the seconds the page took; raises what the export raised.
        """
        try:
            return future.result()
        except WorkerGone:
            return write_page(notebook, page, title)

    def _read_answers(self) -> None:
        for line in self._process.stdout:
            try:
                answer = json.loads(line)
            except ValueError:
                log.warning("the page worker said %r; writing pages in-process", line[:200])
                break
            with self._lock:
                future = self._pending.popleft()
            if "seconds" in answer:
                future.set_result(answer["seconds"])
            else:
                future.set_exception(PageExportError(answer["kind"], answer["error"]))
        with self._lock:  # the worker ended: the jobs it did not answer fall back
            self._ended = True
            gone, self._pending = list(self._pending), collections.deque()
        for future in gone:
            future.set_exception(WorkerGone("the page worker ended"))


def _serve() -> None:
    """The worker: warm up, then answer one job per input line until the input closes."""
    from analysis.report_html import warm_up

    answers, sys.stdout = sys.stdout, sys.stderr  # whatever else is printed stays out of answers
    try:
        warm_up()
    except Exception as err:  # the first page will say what is wrong
        print(f"page worker: warm-up failed: {err}", file=sys.stderr)
    for line in sys.stdin:
        job = json.loads(line)
        try:
            answer = {"seconds": write_page(job["notebook"], job["page"], job["title"])}
        except Exception as err:  # nbconvert errors have no common base class
            answer = {"kind": type(err).__name__, "error": str(err)}
        print(json.dumps(answer), file=answers, flush=True)


if __name__ == "__main__":
    _serve()
