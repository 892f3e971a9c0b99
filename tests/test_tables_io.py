"""The build's record of its inputs, and copying tables only when they are current."""

from __future__ import annotations

import hashlib
import json
import platform
import shutil

import pytest

from analysis import config, tables_io
from analysis.pipeline import build_all
from analysis.tables_io import INPUTS_KEY, RECORD_NAME, build_inputs, copy_current_tables


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed corpus (a private copy) and its tables, built once for this module."""
    root = tmp_path_factory.mktemp("built")
    seeds = root / "seeds"
    shutil.copytree(config.SEEDS_DIR, seeds)
    build_all(seeds_dir=seeds, out_dir=root / "tables")
    return seeds, root / "tables"


def test_the_record_names_every_input_by_its_sha256(built):
    seeds, tables = built
    inputs = json.loads((tables / RECORD_NAME).read_text(encoding="utf-8"))[INPUTS_KEY]
    files = inputs["files"]
    article = sorted(seeds.glob("*.txt"))[0]
    assert files[f"seeds/{article.name}"] == _sha(article)
    assert files["seeds/manifest.csv"] == _sha(seeds / "manifest.csv")
    assert files["annotations.yaml"] == _sha(config.ANNOTATIONS_PATH)
    assert files["reference/outcomes.csv"] == _sha(config.OUTCOMES_PATH)
    assert files["analysis/extract.py"] == _sha(config.ROOT / "analysis" / "extract.py")
    assert "analysis/reports.py" not in files and "analysis/plots.py" not in files
    assert len([n for n in files if n.startswith("seeds/")]) == len(list(seeds.iterdir()))
    assert inputs["versions"]["python"] == platform.python_version()
    assert set(inputs["versions"]) == {"python", *tables_io.BUILD_PACKAGES}


def test_current_tables_are_copied_byte_for_byte(built, tmp_path):
    seeds, tables = built
    out = tmp_path / "run" / "data"
    source = copy_current_tables([tmp_path / "nothing", tables], build_inputs(seeds), out)
    assert source == tables
    names = sorted(p.name for p in tables.iterdir())
    assert sorted(p.name for p in out.iterdir()) == names
    assert all((out / n).read_bytes() == (tables / n).read_bytes() for n in names)


def test_a_changed_article_is_not_served_from_the_old_tables(built, tmp_path):
    seeds, tables = built
    changed = tmp_path / "seeds"
    shutil.copytree(seeds, changed)
    article = sorted(changed.glob("*.txt"))[0]
    article.write_bytes(article.read_bytes() + b"It will cost \xe2\x82\xac5 million.\n")
    out = tmp_path / "out"
    assert copy_current_tables([tables], build_inputs(changed), out) is None
    assert not out.exists()
    (changed / "extra.txt").write_text("A new article.\n", encoding="utf-8")
    article.write_bytes((seeds / article.name).read_bytes())  # back as it was, plus one new
    assert copy_current_tables([tables], build_inputs(changed), out) is None


def test_changed_annotations_code_or_versions_are_not_served(built, tmp_path, monkeypatch):
    seeds, tables = built
    inputs = build_inputs(seeds)
    for part, name in [("files", "analysis/extract.py"), ("versions", "pandas")]:
        other = json.loads(json.dumps(inputs))
        other[part][name] = "something else"
        assert copy_current_tables([tables], other, tmp_path / "out") is None, name
    annotations = tmp_path / "annotations.yaml"
    annotations.write_bytes(config.ANNOTATIONS_PATH.read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(config, "ANNOTATIONS_PATH", annotations)
    assert copy_current_tables([tables], build_inputs(seeds), tmp_path / "out") is None


@pytest.mark.parametrize("damage", ["edited table", "missing table", "no record", "bad record"])
def test_damaged_tables_are_never_copied(built, tmp_path, damage):
    seeds, tables = built
    folder = tmp_path / "tables"
    shutil.copytree(tables, folder)
    if damage == "edited table":
        path = folder / "figures.csv"
        path.write_bytes(path.read_bytes().replace(b"EUR", b"USD", 1))
    elif damage == "missing table":
        (folder / "events.csv").unlink()
    elif damage == "no record":
        (folder / RECORD_NAME).unlink()
    else:
        (folder / RECORD_NAME).write_text("{not json", encoding="utf-8")
    out = tmp_path / "out"
    assert copy_current_tables([folder], build_inputs(seeds), out) is None
    assert not out.exists()
    # the intact folder, listed after the damaged one, is used
    assert copy_current_tables([folder, tables], build_inputs(seeds), out) == tables


def test_build_modules_follow_the_imports_of_the_source(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    package.mkdir()
    sources = {
        "__init__": "",
        "pipeline": "from analysis import config, tidy as t\nimport analysis.corpus\n",
        "tidy": "def f():\n    from analysis.extract import extract_mentions\n",
        "corpus": "from analysis.config import SEEDS_DIR\nimport pandas\n",
        "extract": "",
        "config": "",
        "reports": "from analysis import pipeline\n",
    }
    for name, text in sources.items():
        (package / f"{name}.py").write_text(text, encoding="utf-8")
    monkeypatch.setattr(tables_io, "_PACKAGE_DIR", package)
    found = tables_io.build_modules.__wrapped__()
    assert found == ("__init__", "config", "corpus", "extract", "pipeline", "tidy")
