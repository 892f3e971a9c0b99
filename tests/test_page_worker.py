"""Report pages written in a worker process: same pages, fall-back, no orphan worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from analysis.page_worker import PageWorker
from analysis.report_html import notebook_html


def _notebook(path: Path) -> Path:
    v4 = nbformat.v4
    book = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("# A report\n\nWith *prose*."),
            v4.new_code_cell(
                "print('hi')",
                outputs=[
                    v4.new_output("stream", name="stdout", text="hi\n"),
                    v4.new_output("display_data", {"text/html": "<b>bold</b><script>x</script>"}),
                ],
            ),
        ]
    )
    nbformat.write(book, path)
    return path


@pytest.mark.slow
def test_pages_from_the_worker_equal_pages_made_in_process(tmp_path):
    notebook = _notebook(tmp_path / "a.ipynb")
    with PageWorker() as pages:
        future = pages.submit(notebook, tmp_path / "a.html", "A (base)")
        seconds = pages.page_seconds(future, notebook, tmp_path / "a.html", "A (base)")
    assert seconds > 0
    made_here = notebook_html(notebook, title="A (base)")
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == made_here
    assert "&lt;script&gt;x&lt;/script&gt;" in made_here and "print('hi')" not in made_here


@pytest.mark.slow
def test_a_dead_worker_leaves_the_page_to_the_runner(tmp_path):
    notebook = _notebook(tmp_path / "a.ipynb")
    with PageWorker() as pages:
        pages._pool.submit(os._exit, 1).exception()  # the worker dies
        future = pages.submit(notebook, tmp_path / "a.html", "A")
        assert pages.page_seconds(future, notebook, tmp_path / "a.html", "A") > 0
        page = (tmp_path / "a.html").read_text(encoding="utf-8")
        assert page == notebook_html(notebook, title="A")
        again = pages.submit(notebook, tmp_path / "b.html", "A")  # from now on in-process
        assert pages.page_seconds(again, notebook, tmp_path / "b.html", "A") > 0
    assert (tmp_path / "b.html").is_file()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:  # a zombie is not alive
        return stat.read().split(") ", 1)[1][0] != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_worker_ends_when_the_runner_is_killed(tmp_path):
    code = (
        "import sys, time\n"
        "from analysis.page_worker import PageWorker\n"
        "with PageWorker() as pages:\n"
        "    pages._pool.submit(time.sleep, 0).result()\n"
        "    print(*pages._pool._processes, flush=True)\n"
        "    time.sleep(60)\n"
    )
    runner = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    worker = int(runner.stdout.readline())
    assert _alive(worker)
    runner.send_signal(signal.SIGKILL)
    runner.wait()
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)
