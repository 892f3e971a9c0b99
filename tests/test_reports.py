"""Building and publishing the reports: HTML safety, parameters, runs, failures, kills, locks.

Tests marked slow start Jupyter kernels on the tiny notebooks of
``tests/fixtures/notebooks`` and the two-article corpus ``tests/fixtures/report_corpus``.
"""

from __future__ import annotations

import ast
import hashlib
import html
import importlib.metadata
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from analysis import cli, publish
from analysis.errors import ConfigError, RunLockedError
from analysis.report_html import (
    clean_output_html,
    notebook_html,
    remote_references,
    render_index,
)
from analysis.reports import run_reports

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = [
    "\"; open('PWNED', 'w').close() #",
    "'''\nimport os\nos.system('touch PWNED')\n'''",
    '{__import__("os").system("touch PWNED")}',
    'a\\"b\\\\ end\\',
    "line\r\nbreak\x00nul\u2028sep é €",
    '"""',
]


@pytest.fixture
def project(tmp_path: Path) -> dict:
    """Copies of the fixture notebooks (with a params folder) and corpus, and an output folder."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(FIXTURES / "notebooks", notebooks)
    (notebooks / "params").mkdir()
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "report_corpus", corpus)
    return {
        "seeds_dir": corpus,
        "output_dir": tmp_path / "reports",
        "notebooks_dir": notebooks,
        "params_dir": notebooks / "params",
    }


def _set(project: dict, notebook: str, name: str, values: dict) -> None:
    folder = project["params_dir"] / notebook
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(json.dumps(values), encoding="utf-8")  # JSON is YAML


def _run(project: dict, notebooks: list[str], **kwargs) -> int:
    return run_reports(notebooks=notebooks, **project, **kwargs)


# --- HTML safety, no kernel ---------------------------------------------------------


def test_clean_output_html_escapes_scripts_and_drops_what_loads_or_runs():
    dirty = (
        "<p>ok <b>bold</b></p><script>alert(1)</script>"
        '<img src="https://evil.example/x.png" onerror="alert(2)">'
        '<img src="data:image/png;base64,AAAA" alt="chart">'
        '<a href="javascript:alert(3)">j</a> <a href="https://esa.int">esa</a>'
        '<style>@import url("https://evil.example/x.css");</style>'
        '<table border="1" class="dataframe"><tr style="color:red"><td onclick="x()">1</td></tr>'
        '</table><iframe src="https://evil.example"></iframe>'
    )
    clean = clean_output_html(dirty)
    assert "<script" not in clean and "&lt;script&gt;alert(1)&lt;/script&gt;" in clean
    assert "<p>ok <b>bold</b></p>" in clean
    assert '<img><img src="data:image/png;base64,AAAA" alt="chart">' in clean
    assert "evil.example/x.png" not in clean and "onerror" not in clean
    assert "javascript:" not in clean and '<a href="https://esa.int">esa</a>' in clean
    assert "@import" not in clean and "<style" not in clean
    assert '<table border="1" class="dataframe"><tbody><tr><td>1</td></tr></tbody></table>' in clean
    assert "<iframe" not in clean and '&lt;iframe src="https://evil.example"&gt;' in clean
    assert remote_references(clean) == []


def test_remote_references_finds_what_a_browser_would_fetch():
    page = (
        '<script src="https://cdn.example/require.js"></script>'
        '<link rel="stylesheet" href="//fonts.example/css">'
        "<style>body { background: url('http://x.example/a.png') }</style>"
        '<script type="module">import mermaid from "https://cdn.example/m.mjs";</script>'
        "<!-- see https://github.com/x --> /* https://meyerweb.com */"
        '<a href="https://esa.int">a link is not fetched</a><img src="data:image/png;base64,A">'
    )
    found = remote_references(page)
    assert len(found) == 4
    assert all("example" in f for f in found)


def _notebook_with_outputs() -> nbformat.NotebookNode:
    """An executed-looking notebook whose outputs carry article markup (built by hand)."""
    book = nbformat.v4.new_notebook()
    text = "Probe <script>alert(1)</script> costs <b>$350 million</b>"
    code = nbformat.v4.new_code_cell("SECRET_CODE = show(article)", execution_count=1)
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=text + "\n"),
        nbformat.v4.new_output("display_data", data={"text/markdown": f"**{text}**"}),
        nbformat.v4.new_output("display_data", data={"text/html": text}),
        nbformat.v4.new_output(
            "execute_result",
            data={"text/html": pd.DataFrame({"sentence": [text]}).to_html()},
            execution_count=1,
        ),
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert(5)"}),
        nbformat.v4.new_output(
            "error", ename="ValueError", evalue=text, traceback=[f"ValueError: {text}"]
        ),
    ]
    book.cells = [nbformat.v4.new_markdown_cell("# Title $x^2$\n\nNarrative."), code]
    return book


def test_a_report_page_is_self_contained_without_code_and_with_article_html_escaped():
    page = notebook_html(_notebook_with_outputs(), title="Report <script>alert(1)</script>")
    assert remote_references(page) == []
    assert re.search(r"<script[^>]*\bsrc=", page) is None
    assert "<script>alert(1)" not in page and "alert(5)" not in page
    assert "SECRET_CODE" not in page  # code cells are left out
    assert "<title>Report &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    assert "<h1" in page and "Narrative." in page


def test_the_index_escapes_names_parameters_and_changes():
    changes = pd.DataFrame(
        [["new article", "articles", "x", "x", "<script>alert(1)</script>", "", "", ""]],
        columns=["change", "table", "article_id", "key", "label", "field", "old", "new"],
    )
    reports = [
        {
            "notebook": "n<b>",
            "param_set": "s",
            "parameters": {"text": HOSTILE[0] + "<script>alert(1)</script>"},
            "html": "n<b>--s.html",
            "status": "failed",
            "seconds": 1.25,
        }
    ]
    page = render_index(
        run_id="r", reports=reports, changes=changes, previous_run="p<", exit_status=1
    )
    assert "<script>alert(1)" not in page and "<b>" not in page
    assert '<a href="n%3Cb%3E--s.html">n&lt;b&gt; [s]</a>' in page
    assert html.escape(repr(reports[0]["parameters"]["text"])) in page
    assert "1 new article since the published run <code>p&lt;</code>" in page
    assert page.index("What changed") < page.index("Reports</h2>")
    first = render_index(run_id="r", reports=[], changes=None, previous_run=None, exit_status=0)
    assert "nothing to compare with" in first


# --- parameters reach the notebook as literals, no kernel ---------------------------


def _injected_values(values: dict) -> dict:
    book = load_notebook_node(str(FIXTURES / "notebooks" / "echo_params.ipynb"))
    book = parameterize_notebook(book, values)
    cell = next(c for c in book.cells if "injected-parameters" in c.metadata.get("tags", []))
    tree = ast.parse(cell.source)
    assert all(isinstance(node, ast.Assign) for node in tree.body)  # nothing but assignments
    return {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_string_is_injected_as_a_literal_of_itself(text):
    assert _injected_values({"text": text}) == {"text": text}


def test_hostile_strings_are_injected_as_literals():
    for text in HOSTILE:
        assert _injected_values({"text": text, "other": [text, {"k": text}]}) == {
            "text": text,
            "other": [text, {"k": text}],
        }


# --- configuration errors stop the run before anything runs, no kernel --------------

BAD_CONFIG = [
    ("unknown notebook", {"notebooks": ["nope"]}, "notebook = 'nope'"),
    ("unknown parameter", {"set": {"p_sucess": 0.5}}, "parameter name = 'p_sucess'"),
    ("wrong type", {"set": {"draws": "10"}}, "parameter 'draws' = '10'; expected int"),
    ("probability", {"set": {"p_success": 1.01}}, "parameter 'p_success' = 1.01; expected a prob"),
    ("currency", {"set": {"currency": "XYZ"}}, "parameter 'currency' = 'XYZ'; expected an ISO"),
    ("corpus missing", {"seeds": "missing"}, "corpus folder = "),
    ("corpus is a file", {"seeds": "corpus/001_space_budget.txt"}, "corpus folder = "),
    ("output unwritable", {"output": "corpus/manifest.csv/reports"}, "output folder = "),
    ("jobs", {"jobs": 0}, "number of jobs = 0"),
    ("keep", {"keep": 0}, "runs to keep = 0"),
]


@pytest.mark.parametrize(("case", "change", "message"), BAD_CONFIG, ids=[c[0] for c in BAD_CONFIG])
def test_bad_configuration_stops_before_any_notebook_runs(project, case, change, message):
    tmp = project["seeds_dir"].parent
    if "set" in change:
        _set(project, "ok", "bad", change["set"])
    if "seeds" in change:
        project["seeds_dir"] = tmp / change["seeds"]
    if "output" in change:
        project["output_dir"] = tmp / change["output"]
    kwargs = {k: change[k] for k in ("jobs", "keep") if k in change}
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        _run(project, change.get("notebooks", ["ok"]), **kwargs)
    assert caught.value.exit_status == 2
    assert not (tmp / "reports" / "runs").exists()  # no run was started


def test_the_cli_turns_bad_configuration_into_exit_status_2(tmp_path, capsys):
    status = cli.main(["report", "--seeds", str(tmp_path / "none"), "--output", str(tmp_path)])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("error: bad configuration") and err.count("\n") == 1


def test_a_second_run_on_a_locked_output_exits_2_with_a_clear_message(project, tmp_path):
    output = project["output_dir"]
    output.mkdir()
    code = "import sys, time, filelock\nlock = filelock.FileLock(sys.argv[1]); lock.acquire()\n"
    code += "open(sys.argv[2], 'w').close()\ntime.sleep(60)\n"
    ready = tmp_path / "ready"
    holder = subprocess.Popen([sys.executable, "-c", code, str(output / ".lock"), str(ready)])
    try:
        _wait_for(lambda: ready.exists(), holder)
        with pytest.raises(RunLockedError, match="another report run") as caught:
            _run(project, ["ok"], lock_timeout=0.5)
        assert caught.value.exit_status == 2
        assert not (output / "runs").exists()
    finally:
        holder.kill()
        holder.wait()


# --- real runs (kernels) --------------------------------------------------------------


def _html_pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


def _stdout_of(executed: Path) -> str:
    book = nbformat.read(executed, as_version=4)
    return "".join(
        o.get("text", "") for c in book.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )


@pytest.mark.slow
def test_a_successful_run_publishes_safe_self_contained_reports(project, tmp_path):
    _set(project, "ok", "usd", {"currency": "USD", "p_success": 0.75, "label": "<i>x</i>"})
    _set(project, "echo_params", "hostile", {"text": HOSTILE[0], "texts": HOSTILE[1:]})

    status = _run(project, ["ok", "echo_params", "article_html"], jobs=2)

    assert status == 0
    output = project["output_dir"]
    run = publish.published_run(output)
    assert run is not None and publish.run_status(run) == publish.COMPLETE
    assert os.readlink(output / "latest") == f"runs/{run.name}"

    # each report: an HTML page without code, self-contained, no raw article markup
    slugs = ["ok--usd", "echo_params--hostile", "article_html--default"]
    assert [p.stem for p in _html_pages(run)] == sorted([*slugs, "index"])
    for page in _html_pages(run):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, page.name
        assert "onerror=alert" not in text and 'href="javascript:' not in text, page.name
        assert remote_references(text) == [], page.name
    article_page = (run / "article_html--default.html").read_text(encoding="utf-8")
    assert "Probe &lt;script&gt;alert(1)&lt;/script&gt; costs" in article_page
    assert "$350 million" in article_page

    # parameters: the exact strings reached the kernel, and nothing ran
    printed = _stdout_of(run / "notebooks" / "echo_params--hostile.ipynb")
    assert printed == "".join(repr(text) + "\n" for text in HOSTILE)
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists()
    ok_out = _stdout_of(run / "notebooks" / "ok--usd.ipynb")
    assert "articles: 2; label: <i>x</i>; p_success: 0.75; USD; draws: 10" in ok_out
    assert f"kernel python: {sys.executable}" in ok_out  # the project's environment

    # index, changes, manifest
    index = (run / "index.html").read_text(encoding="utf-8")
    assert "nothing to compare with" in index
    for slug in slugs:
        assert f'href="{slug}.html"' in index
    assert "<code>currency</code> = <code>&#x27;USD&#x27;</code>" in index
    assert (run / "changes.csv").read_text(encoding="utf-8").startswith("change,table,")
    assert len(pd.read_csv(run / "changes.csv")) == 0
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run_id"] == run.name and manifest["exit_status"] == 0
    article = project["seeds_dir"] / "002_script_in_text.txt"
    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    assert manifest["inputs"]["articles"]["002_script_in_text.txt"] == digest
    assert set(manifest["inputs"]["params"]) == {"ok/usd.yaml", "echo_params/hostile.yaml"}
    assert manifest["packages"]["pandas"] == importlib.metadata.version("pandas")
    assert len(manifest["packages"]) == 9 and all(manifest["packages"].values())
    reports = {r["html"]: r for r in manifest["reports"]}
    assert reports["ok--usd.html"]["parameters"] == {
        "currency": "USD",
        "p_success": 0.75,
        "label": "<i>x</i>",
    }
    assert reports["ok--usd.html"]["injected"] == {"data_dir": str(run / "data")}
    assert all(r["status"] == "ok" and r["seconds"] > 0 for r in manifest["reports"])
    data = pd.read_csv(run / "data" / "articles.csv")  # the run keeps its tidy data
    assert sorted(data["article_id"]) == ["001_space_budget", "002_script_in_text"]


def _data_hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.csv")}


def _add_new_article(corpus: Path) -> None:
    new = FIXTURES / "report_new_article"
    shutil.copy(new / "003_new_mission.txt", corpus)
    with (corpus / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write((new / "manifest_row.csv").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_runs_over_time_changes_failures_waiting_and_keep(project, tmp_path, caplog):
    output = project["output_dir"]
    assert _run(project, ["ok"]) == 0
    first = publish.published_run(output)

    # a new article, while another run holds the lock for a moment: this one waits
    _add_new_article(project["seeds_dir"])
    output.mkdir(exist_ok=True)
    code = "import sys, time, filelock\nlock = filelock.FileLock(sys.argv[1]); lock.acquire()\n"
    code += "open(sys.argv[2], 'w').close()\ntime.sleep(1.5)\n"
    ready = tmp_path / "ready"
    holder = subprocess.Popen([sys.executable, "-c", code, str(output / ".lock"), str(ready)])
    _wait_for(lambda: ready.exists(), holder)
    started = time.monotonic()
    assert _run(project, ["ok"], lock_timeout=60) == 0
    assert holder.wait() == 0
    assert time.monotonic() - started >= 1.0  # it waited for the other run
    second = publish.published_run(output)
    assert second != first
    changes = pd.read_csv(second / "changes.csv", dtype=str, keep_default_na=False)
    assert changes[["change", "key"]].values.tolist() == [
        ["new article", "003_new_mission"],
        ["new figure", "003_new_mission-m000"],
    ]
    index = (second / "index.html").read_text(encoding="utf-8")
    assert "1 new article, 1 new figure since the published run" in index
    assert "New mission approved" in index
    assert "articles: 3" in _stdout_of(second / "notebooks" / "ok--default.ipynb")
    for run in (first, second):  # a first run and a changed corpus: the tables are built
        assert json.loads((run / "manifest.json").read_text("utf-8"))["data_source"] == "built"

    # a failing notebook: exit 1, named in the log, kept, nothing published
    caplog.clear()
    assert _run(project, ["ok", "fails"]) == 1
    third = publish.list_runs(output)[-1]
    assert publish.published_run(output) == second
    assert publish.run_status(third) == publish.FAILED
    kept = third / "notebooks" / "fails--default.ipynb"
    assert "deliberate failure (base)" in json.dumps(nbformat.read(kept, as_version=4))
    failures = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(
        "notebook 'fails' with parameters 'default' failed: ValueError: deliberate failure" in m
        and "notebooks/fails--default.ipynb" in m
        for m in failures
    )
    manifest = json.loads((third / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["exit_status"] == 1 and manifest["published"] is False
    # the same inputs as the published run: its checked tables are copied, not rebuilt
    assert manifest["data_source"] == str(second / "data")
    for table in (second / "data").iterdir():
        assert (third / "data" / table.name).read_bytes() == table.read_bytes()
    assert manifest["inputs"]["data"] == _data_hashes(second / "data")
    assert [r["status"] for r in manifest["reports"]] == ["ok", "failed"]
    assert "some reports failed" in (third / "index.html").read_text(encoding="utf-8")

    # --keep: the oldest go first; the published run stays even when older than the rest
    assert _run(project, ["ok"], keep=2) == 0
    fourth = publish.published_run(output)
    assert publish.list_runs(output) == [third, fourth]
    assert _run(project, ["fails"], keep=1) == 1
    fifth = publish.list_runs(output)[-1]
    assert publish.list_runs(output) == [fourth, fifth]
    assert publish.published_run(output) == fourth


def _wait_for(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, "the process ended early"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _start_run_process(project: dict, notebooks: list[str]) -> subprocess.Popen:
    arguments = {k: str(v) for k, v in project.items()} | {"notebooks": notebooks}
    code = "import json, sys\nfrom analysis.reports import run_reports\n"
    code += "sys.exit(run_reports(**json.loads(sys.argv[1])))\n"
    return subprocess.Popen(
        [sys.executable, "-c", code, json.dumps(arguments)], stderr=subprocess.DEVNULL
    )


def _kill(process: subprocess.Popen) -> None:
    # The run only, as the OOM killer would; its kernel (in a session of its own) sees
    # its parent gone and exits by itself (ipykernel's parent poller).
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.slow
def test_a_run_killed_at_any_moment_leaves_the_published_run_and_the_next_one_succeeds(
    project, tmp_path
):
    output = project["output_dir"]
    assert _run(project, ["ok"]) == 0
    published = publish.published_run(output)
    page = (output / "latest" / "ok--default.html").read_bytes()
    marker = tmp_path / "sleeping"  # the sleeps notebook creates it when its sleep starts
    _set(project, "sleeps", "long", {"seconds": 60.0, "marker": str(marker)})

    moments = {"run folder made": lambda runs: bool(runs), "sleeping": lambda runs: marker.exists()}
    for moment, reached in moments.items():
        before = set(publish.list_runs(output))
        process = _start_run_process(project, ["sleeps"])

        def new_runs(before=before):
            return [r for r in publish.list_runs(output) if r not in before]

        _wait_for(lambda reached=reached, new_runs=new_runs: reached(new_runs()), process)
        if moment == "sleeping":  # a concurrent run cannot get in meanwhile
            with pytest.raises(RunLockedError):
                _run(project, ["ok"], lock_timeout=0.2)
        _kill(process)
        assert publish.published_run(output) == published, moment
        assert (output / "latest" / "ok--default.html").read_bytes() == page, moment
        assert [publish.run_status(r) for r in new_runs()] == [None], moment
        stale = new_runs()[0]

        assert _run(project, ["ok"]) == 0, moment  # no manual clean-up
        assert not stale.exists(), moment
        published = publish.published_run(output)
        page = (output / "latest" / "ok--default.html").read_bytes()


@pytest.mark.slow
def test_a_timed_out_notebook_is_kept_with_what_it_printed(project):
    # The executed notebook is written once, when execution ends: also after a timeout.
    _set(project, "sleeps", "long", {"seconds": 60.0})
    started = time.monotonic()
    assert _run(project, ["ok", "sleeps"], cell_timeout=3) == 1
    assert time.monotonic() - started < 45
    run = publish.list_runs(project["output_dir"])[-1]
    assert publish.run_status(run) == publish.FAILED
    kept = run / "notebooks" / "sleeps--long.ipynb"
    assert _stdout_of(kept) == "going to sleep\n"
    assert nbformat.read(kept, as_version=4).metadata["papermill"]["end_time"]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    status = {r["notebook"]: (r["status"], r["error"]) for r in manifest["reports"]}
    assert status["ok"] == ("ok", "")
    assert status["sleeps"][0] == "failed" and "Timeout" in status["sleeps"][1]
    assert (run / "sleeps--long.html").is_file()
