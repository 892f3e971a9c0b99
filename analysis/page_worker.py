"""Write report pages in a separate process, while the runner executes the next notebook.

Exporting an executed notebook to HTML (:func:`analysis.report_html.export_html`)
is pure Python work in the runner's process: a quarter of a second per report,
and the first page also pays for importing nbconvert and compiling its
templates. Threads do not help (the GIL); a second process does. One worker,
started when the runner starts (``spawn``: a fresh interpreter, no inherited
kernel sockets or locks), warms up while the first notebook runs, then writes
each page while the next notebook runs.

If the worker cannot start or dies, pages are written in the runner's process
instead, so a run never fails for want of the worker.
"""

from __future__ import annotations

# isort: off
from analysis import lean_imports  # noqa: F401 - before papermill and nbformat
# isort: on

import concurrent.futures
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from analysis.report_html import export_html, warm_up

log = logging.getLogger(__name__)


def _exit_with_parent(parent: int) -> None:
    """In the worker: end the process as soon as the runner that started it is gone.

    A runner killed outright (SIGKILL, the OOM killer) cannot stop its worker,
    and the worker's task queue never reports the loss: watch the parent instead.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def write_page(notebook: str | Path, page: str | Path, title: str) -> float:
    """Export `notebook` to `page` (see :func:`export_html`); return the seconds it took."""
    clock = time.monotonic()
    export_html(notebook, page, title=title)
    return time.monotonic() - clock


class PageWorker:
    """A context manager: ``submit`` pages, then ``page_seconds`` waits for each one.

    Used as ``with PageWorker() as pages: ...``; leaving the block waits for the
    pages still being written.
    """

    def __init__(self) -> None:
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None

    def __enter__(self) -> PageWorker:
        try:
            context = multiprocessing.get_context("spawn")
            self._pool = concurrent.futures.ProcessPoolExecutor(
                1, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
            )
            self._pool.submit(warm_up)
        except (OSError, RuntimeError) as err:  # no processes here: write pages in-process
            log.warning("pages are written in the runner's process: %s", err)
            self._pool = None
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=exc[0] is not None)

    def submit(self, notebook: Path, page: Path, title: str) -> concurrent.futures.Future:
        """Start writing `page` from `notebook`; the future's result is the seconds it took."""
        if self._pool is not None:
            try:
                return self._pool.submit(write_page, notebook, page, title)
            except (BrokenProcessPool, RuntimeError) as err:
                log.warning("the page worker stopped (%s); writing pages in-process", err)
                self._pool = None
        done: concurrent.futures.Future = concurrent.futures.Future()
        try:
            done.set_result(write_page(notebook, page, title))
        except Exception as err:  # nbconvert errors have no common base class
            done.set_exception(err)
        return done

    @staticmethod
    def page_seconds(future: concurrent.futures.Future, notebook: Path, page: Path, title: str):
        """Wait for `future`; a worker that died has the page written here instead.

        Returns the seconds the page took; raises what the export raised.
        """
        try:
            return future.result()
        except BrokenProcessPool:
            return write_page(notebook, page, title)
