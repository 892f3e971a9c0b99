"""The compiled extractor runs only when built from the current source, and agrees with it."""

from __future__ import annotations

import importlib.machinery
import json
import os
import pickle
import re
import shutil
import subprocess
import sys

import pytest

from analysis import compiled_core, config

_SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _package(tmp_path, *, built=compiled_core.COMPILED_MODULES, manifest=True):
    """A package folder with the modules' sources, fake extensions for `built`, a record."""
    for name in compiled_core.COMPILED_MODULES:
        shutil.copy(compiled_core.PACKAGE_DIR / f"{name}.py", tmp_path / f"{name}.py")
    for name in built:
        (tmp_path / f"{name}{_SUFFIX}").write_bytes(b"")
        (tmp_path / f"{name}__mypyc{_SUFFIX}").write_bytes(b"")
    if manifest:
        hashes = compiled_core.source_hashes(tmp_path)
        (tmp_path / compiled_core.MANIFEST_NAME).write_text(json.dumps(hashes), encoding="utf-8")
    return tmp_path


def test_a_complete_build_of_the_current_source_runs_compiled(tmp_path):
    assert compiled_core.compiled_state(_package(tmp_path), environ={}) == ("compiled", "")


def test_an_edited_source_runs_from_python_and_names_the_module(tmp_path):
    package = _package(tmp_path)
    with open(package / "amounts.py", "a", encoding="utf-8") as source:
        source.write("# an edit after the build\n")
    mode, reason = compiled_core.compiled_state(package, environ={})
    assert mode == "python"
    assert "amounts" in reason and "make setup" in reason


@pytest.mark.parametrize(
    ("built", "manifest", "reason"),
    [
        ((), False, "no compiled build"),
        (("lexicon", "numbers"), True, "incomplete"),
        (compiled_core.COMPILED_MODULES, False, "missing"),
    ],
)
def test_an_absent_incomplete_or_unrecorded_build_runs_from_python(
    tmp_path, built, manifest, reason
):
    package = _package(tmp_path, built=built, manifest=manifest)
    mode, why = compiled_core.compiled_state(package, environ={})
    assert mode == "python" and reason in why


def test_the_environment_variable_forces_the_python_source(tmp_path):
    package = _package(tmp_path)
    mode, reason = compiled_core.compiled_state(package, environ={"ANALYSIS_PURE_PYTHON": "1"})
    assert (mode, reason) == ("python", "ANALYSIS_PURE_PYTHON=1")


def test_the_makefile_recompiles_when_any_compiled_module_changes():
    makefile = (config.ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"COMPILED_SOURCES := .*addsuffix \.py,([^)]*)\)", makefile)
    assert listed is not None, "Makefile lacks COMPILED_SOURCES"
    assert tuple(listed.group(1).split()) == compiled_core.COMPILED_MODULES


def _run(code: str, *args: str, pure: bool) -> bytes:
    """Standard output of `code` run in a fresh interpreter, on the Python source if `pure`."""
    env = dict(os.environ, ANALYSIS_PURE_PYTHON="1" if pure else "0")
    command = [sys.executable, "-c", code, *args]
    return subprocess.run(command, env=env, cwd=config.ROOT, capture_output=True, check=True).stdout


_MODE = "import analysis.extract as e, analysis.compiled_core as c; print(c.MODE, e.__file__)"


def test_the_python_source_is_what_runs_when_forced():
    mode, path = _run(_MODE, pure=True).decode().split()
    assert mode == "python" and path.endswith("extract.py")


def test_a_machine_with_a_c_compiler_runs_the_compiled_build():
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler here: the package runs its Python source")
    if "source changed" in compiled_core.compiled_state(environ={})[1]:
        pytest.skip("a compiled module was edited since the build: `make setup` compiles it")
    mode, path = _run(_MODE, pure=False).decode().split()
    assert mode == "compiled", compiled_core.compiled_state(environ={})[1]
    assert not path.endswith(".py")


_EXTRACT_ALL = """
import datetime as dt, pickle, sys
from pathlib import Path
from analysis.extract import iter_mentions
out = {}
for folder in sys.argv[1:]:
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[str(path)] = [tuple(m) for m in iter_mentions(text, published=dt.date(2016, 3, 1))]
sys.stdout.buffer.write(pickle.dumps(out))
"""


@pytest.mark.slow
def test_the_compiled_and_python_builds_find_the_same_mentions_in_every_corpus():
    if compiled_core.compiled_state(environ={})[0] != "compiled":
        pytest.skip("no current compiled build to compare")
    fixtures = config.ROOT / "tests" / "fixtures"
    folders = [str(config.SEEDS_DIR), *sorted(str(p) for p in fixtures.iterdir() if p.is_dir())]
    compiled = pickle.loads(_run(_EXTRACT_ALL, *folders, pure=False))
    python = pickle.loads(_run(_EXTRACT_ALL, *folders, pure=True))
    assert sum(map(len, python.values())) > 1000
    differing = [name for name in python if repr(python[name]) != repr(compiled[name])]
    assert not differing, differing[:5]
