"""Atomic publication of report runs: ids, markers, the latest link, clean-up, --keep, lock."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import publish
from analysis.errors import RunLockedError
from analysis.publish import (
    COMPLETE,
    FAILED,
    clean_stale,
    list_runs,
    mark_run,
    new_run_id,
    prune_runs,
    published_run,
    run_status,
    start_run,
)


def _run(output: Path, when: int, marker: str | None = COMPLETE) -> Path:
    """A run folder started `when` minutes after a fixed time, with a page in it."""
    start = dt.datetime(2025, 3, 1, 6, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=when)
    folder = start_run(output, new_run_id(start))
    (folder / "index.html").write_text(f"run {when}\n", encoding="utf-8")
    if marker:
        mark_run(folder, marker)
    return folder


def test_run_ids_sort_by_utc_start_time():
    times = [
        dt.datetime(2025, 1, 1, 23, 59, 59, 999000, tzinfo=dt.UTC),
        dt.datetime(2025, 1, 2, 1, 0, 0, 1000, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        dt.datetime(2025, 1, 2, 0, 0, 0, 2000, tzinfo=dt.UTC),
    ]
    ids = [new_run_id(t) for t in times]
    assert ids[0].startswith("20250101T235959.999Z-")
    assert ids[1].startswith("20250101T230000.001Z-")  # 01:00 at UTC+2 is 23:00 UTC
    assert sorted(ids) == [ids[1], ids[0], ids[2]]
    assert len({new_run_id(times[0]) for _ in range(20)}) == 20  # the suffix tells them apart
    assert publish.RUN_ID.fullmatch(new_run_id())


def test_publish_switches_a_relative_link_only_to_a_complete_run(tmp_path):
    first = _run(tmp_path, 1)
    publish.publish(first)
    latest = tmp_path / "latest"
    assert os.readlink(latest) == f"runs/{first.name}"
    assert (latest / "index.html").read_text(encoding="utf-8") == "run 1\n"

    unfinished = _run(tmp_path, 2, marker=None)
    failed = _run(tmp_path, 3, marker=FAILED)
    for run in (unfinished, failed):
        with pytest.raises(ValueError, match="not marked COMPLETE"):
            publish.publish(run)
    assert published_run(tmp_path) == first.resolve()

    second = _run(tmp_path, 4)
    publish.publish(second)
    assert published_run(tmp_path) == second.resolve()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "runs"]  # no temporary link


def test_a_publication_interrupted_before_the_switch_leaves_the_old_one(tmp_path, monkeypatch):
    first = _run(tmp_path, 1)
    publish.publish(first)
    second = _run(tmp_path, 2)

    def killed(src, dst):
        raise KeyboardInterrupt("killed between making the new link and switching it")

    monkeypatch.setattr(publish.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        publish.publish(second)
    monkeypatch.undo()
    assert published_run(tmp_path) == first.resolve()
    assert (tmp_path / "latest" / "index.html").read_text(encoding="utf-8") == "run 1\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".latest-")]
    assert leftovers == [f".latest-{second.name}"]

    removed = clean_stale(tmp_path)
    assert [p.name for p in removed] == leftovers
    publish.publish(second)
    assert published_run(tmp_path) == second.resolve()


def test_clean_stale_removes_unfinished_runs_and_trash_only(tmp_path):
    done = _run(tmp_path, 1)
    publish.publish(done)
    failed = _run(tmp_path, 2, marker=FAILED)
    killed = _run(tmp_path, 3, marker=None)
    current = _run(tmp_path, 4, marker=None)
    trash = tmp_path / "runs" / ".trash-20250101T000000.000Z-abcdef"
    (trash / "notebooks").mkdir(parents=True)  # a deletion interrupted part-way
    foreign = tmp_path / "runs" / "notes-by-a-user"
    foreign.mkdir()

    removed = clean_stale(tmp_path, keep=current)

    assert sorted(p.name for p in removed) == sorted([killed.name, trash.name])
    left = sorted(p.name for p in (tmp_path / "runs").iterdir())
    assert left == sorted([done.name, failed.name, current.name, foreign.name])
    assert run_status(done) == COMPLETE and run_status(failed) == FAILED
    assert run_status(current) is None


def test_prune_keeps_the_newest_runs_and_always_the_published_one(tmp_path):
    runs = [_run(tmp_path, i, COMPLETE if i != 3 else FAILED) for i in range(1, 6)]
    publish.publish(runs[0])  # the oldest is the published one
    unfinished = _run(tmp_path, 6, marker=None)

    removed = prune_runs(tmp_path, keep=2)

    assert [p.name for p in removed] == [r.name for r in runs[1:3]]
    assert list_runs(tmp_path) == [runs[0], runs[3], runs[4], unfinished]
    assert published_run(tmp_path) == runs[0].resolve()

    current = _run(tmp_path, 7, marker=FAILED)
    prune_runs(tmp_path, keep=0, current=current)
    assert list_runs(tmp_path) == [runs[0], unfinished, current]
    with pytest.raises(ValueError, match="keep=-1"):
        prune_runs(tmp_path, keep=-1)


def test_remove_run_interrupted_after_the_rename_leaves_no_marked_half_run(tmp_path, monkeypatch):
    run = _run(tmp_path, 1)
    monkeypatch.setattr(publish.shutil, "rmtree", lambda *a, **k: None)  # killed before deleting
    publish.remove_run(run)
    monkeypatch.undo()
    assert list_runs(tmp_path) == []  # the marked run is gone from the listing at once
    assert clean_stale(tmp_path) == [tmp_path / "runs" / f".trash-{run.name}"]
    assert list((tmp_path / "runs").iterdir()) == []


def _hold_lock(output: Path, ready: Path) -> subprocess.Popen:
    code = (
        "import sys, time, filelock\n"
        "lock = filelock.FileLock(sys.argv[1]); lock.acquire()\n"
        "open(sys.argv[2], 'w').close()\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(output / publish.LOCK), str(ready)])
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert holder.poll() is None and time.monotonic() < deadline, "lock holder did not start"
        time.sleep(0.05)
    return holder


def test_the_lock_refuses_a_second_run_and_dies_with_its_holder(tmp_path):
    holder = _hold_lock(tmp_path, tmp_path / "ready")
    try:
        started = time.monotonic()
        with pytest.raises(RunLockedError) as caught, publish.run_lock(tmp_path, timeout=0.3):
            pass
        assert time.monotonic() - started >= 0.3
        assert caught.value.exit_status == 2
        assert "another report run is writing to this output folder" in str(caught.value)
        assert str(tmp_path / ".lock") in str(caught.value)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with publish.run_lock(tmp_path, timeout=5) as path:  # SIGKILL released it: no stale lock
        assert path == tmp_path / ".lock"
