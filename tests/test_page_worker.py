"""Report pages written in a worker process: same pages, errors, fall-back, no orphan."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from analysis.page_worker import PageExportError, PageWorker
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
def test_a_failed_export_names_the_error_of_the_worker(tmp_path):
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not a notebook", encoding="utf-8")
    try:
        notebook_html(broken)
    except Exception as err:  # what the runner's own process raises
        expected = type(err).__name__
    with PageWorker() as pages:
        future = pages.submit(broken, tmp_path / "broken.html", "B")
        with pytest.raises(PageExportError) as info:
            pages.page_seconds(future, broken, tmp_path / "broken.html", "B")
    assert info.value.kind == expected
    assert not (tmp_path / "broken.html").exists()


@pytest.mark.slow
def test_a_dead_worker_leaves_the_pages_to_the_runner(tmp_path):
    notebook = _notebook(tmp_path / "a.ipynb")
    with PageWorker() as pages:
        pages._process.kill()
        pages._process.wait()
        for name in ("a", "b"):
            future = pages.submit(notebook, tmp_path / f"{name}.html", "A")
            assert pages.page_seconds(future, notebook, tmp_path / f"{name}.html", "A") > 0
            page = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
            assert page == notebook_html(notebook, title="A")


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
        "from analysis.page_worker import PageExportError, PageWorker\n"
        "with PageWorker() as pages:\n"
        "    print(pages._process.pid, flush=True)\n"
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


@pytest.mark.slow
def test_an_error_in_the_block_stops_the_worker_at_once():
    started = time.monotonic()
    with pytest.raises(KeyError), PageWorker() as pages:
        process = pages._process
        raise KeyError("the run stopped")
    assert process.returncode is not None
    assert time.monotonic() - started < 1.0  # not after its warm-up (over a second)
