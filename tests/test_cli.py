"""Tests for the `extract` and `build` commands of `python -m analysis`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from analysis import config
from analysis.cli import main
from analysis.schemas import read_table


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=config.ROOT,
        timeout=120,
    )


@pytest.mark.slow
def test_help_lists_the_commands():
    result = _run("--help")
    assert result.returncode == 0
    for command in ("extract", "build", "report"):
        assert command in result.stdout


@pytest.mark.slow
def test_extract_on_the_seeds(tmp_path):
    out = tmp_path / "mentions.csv"
    result = _run("extract", str(config.SEEDS_DIR), "--output", str(out))
    assert result.returncode == 0, result.stderr
    n = len(read_table(out, "mentions"))
    assert n > 0
    assert result.stderr.strip() == f"wrote {n} mentions to {out}"


@pytest.mark.slow
def test_bad_input_exits_2_in_a_real_process(tmp_path, fixtures_dir):
    out = tmp_path / "out.csv"
    result = _run("extract", str(fixtures_dir / "latin1_article.txt"), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "latin1_article.txt" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing_article.txt", "no such file or directory"),
        ("latin1_article.txt", "not valid UTF-8"),
        ("binary_article.txt", "NUL byte"),
    ],
)
def test_bad_inputs_exit_2_with_one_line_and_no_output(
    tmp_path, fixtures_dir, capsys, name, reason
):
    out = tmp_path / "new.csv"
    assert main(["extract", str(config.SEEDS_DIR), str(fixtures_dir / name), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("error: cannot read article") and name in err and reason in err
    assert not out.exists()

    earlier = tmp_path / "earlier.csv"
    assert main(["extract", str(config.SEEDS_DIR), "-o", str(earlier)]) == 0
    before = earlier.read_bytes()
    assert main(["extract", str(fixtures_dir / name), "-o", str(earlier)]) == 2
    assert earlier.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["earlier.csv"]


def test_extract_reads_the_manifest_option(tmp_path, capsys):
    article = tmp_path / "003_e7fef18789723566.txt"
    shutil.copy(config.SEEDS_DIR / article.name, article)
    out = tmp_path / "m.csv"
    assert (
        main(["extract", str(article), "-o", str(out), "--manifest", str(config.MANIFEST_PATH)])
        == 0
    )
    assert "2012-11-19" in read_table(out, "mentions")["date"].tolist()
    bad = tmp_path / "manifest.csv"
    bad.write_text("article_id\nx\n", encoding="utf-8")
    assert main(["extract", str(article), "-o", str(out), "--manifest", str(bad)]) == 2
    assert "field 'published_best'" in capsys.readouterr().err


@pytest.mark.slow
def test_build_twice_gives_byte_identical_files(seed_copy, tmp_path):
    out = tmp_path / "processed"
    first = _run("build", "--seeds", str(seed_copy), "--output", str(out))
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {"articles.csv", "mentions.csv"} <= set(before)
    assert main(["build", "--seeds", str(seed_copy), "--output", str(out)]) == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
