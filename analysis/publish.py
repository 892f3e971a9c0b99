"""Build report runs in their own folders and publish them atomically.

Layout of an output folder (``reports/`` by default)::

    reports/
      .lock                      held (flock) by the run in progress
      latest -> runs/<run-id>    symbolic link to the published run
      runs/<run-id>/             one folder per run; COMPLETE or FAILED marks a finished one

A run id is the UTC start time and a short random suffix
(``20250301T060000.123Z-4f2a9c``), so sorting the names sorts the runs by age.

Why it is safe
--------------
- A run writes only inside its own ``runs/<run-id>/``; ``latest`` changes in one
  step, ``os.replace`` of a new symbolic link over the old one, and only after
  the run is marked COMPLETE. A run killed at any moment (SIGKILL included)
  leaves ``latest`` on the previous run, whole and readable.
- Only one run at a time holds ``.lock`` (``filelock``: the kernel releases it when
  its holder dies, so a killed run leaves no stale lock).
- Under the lock, :func:`clean_stale` removes what killed runs left behind: run
  folders with no marker, half-made links, half-deleted folders. Folders are
  deleted by first renaming them out of ``runs/`` (atomic), so a deletion
  interrupted part-way never leaves a marked run with missing files.

Symbolic links need a POSIX system (Linux, macOS).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import filelock

from analysis.errors import RunLockedError

RUNS = "runs"
LATEST = "latest"
LOCK = ".lock"
COMPLETE = "COMPLETE"
FAILED = "FAILED"
_TRASH_PREFIX = ".trash-"
_LINK_PREFIX = ".latest-"
RUN_ID = re.compile(r"\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{6}")


def new_run_id(now: dt.datetime | None = None) -> str:
    """Return a run id: UTC time to the millisecond, then 6 random hex digits."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return f"{now:%Y%m%dT%H%M%S}.{now.microsecond // 1000:03d}Z-{secrets.token_hex(3)}"


@contextlib.contextmanager
def run_lock(output_dir: str | Path, timeout: float = 60.0) -> Iterator[Path]:
    """Hold the output folder's lock for the duration of the block; yield its path.

    Raises
    ------
    RunLockedError
        If another run still holds it after `timeout` seconds.
    """
    path = Path(output_dir) / LOCK
    lock = filelock.FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout as err:
        raise RunLockedError(path, timeout) from err
    try:
        yield path
    finally:
        lock.release()


def start_run(output_dir: str | Path, run_id: str | None = None) -> Path:
    """Create and return the folder of a new run, ``<output_dir>/runs/<run-id>/``."""
    run_id = run_id or new_run_id()
    if not RUN_ID.fullmatch(run_id):
        raise ValueError(f"run id {run_id!r} does not look like {new_run_id()!r}")
    folder = Path(output_dir) / RUNS / run_id
    folder.mkdir(parents=True)
    return folder


def mark_run(run_dir: str | Path, marker: str) -> Path:
    """Mark a finished run COMPLETE or FAILED (written atomically and synced to disk)."""
    if marker not in (COMPLETE, FAILED):
        raise ValueError(f"marker {marker!r}; expected {COMPLETE!r} or {FAILED!r}")
    run_dir = Path(run_dir)
    tmp = run_dir / f".{marker}.tmp"
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(f"{run_dir.name}\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, run_dir / marker)
    _fsync_dir(run_dir)
    return run_dir / marker


def run_status(run_dir: str | Path) -> str | None:
    """Return COMPLETE, FAILED or None (unfinished: being built, or killed) for a run folder."""
    run_dir = Path(run_dir)
    for marker in (COMPLETE, FAILED):
        if (run_dir / marker).is_file():
            return marker
    return None


def list_runs(output_dir: str | Path) -> list[Path]:
    """Return the run folders of `output_dir`, oldest first (whatever their status)."""
    runs = Path(output_dir) / RUNS
    if not runs.is_dir():
        return []
    return sorted(p for p in runs.iterdir() if p.is_dir() and RUN_ID.fullmatch(p.name))


def published_run(output_dir: str | Path) -> Path | None:
    """Return the run folder ``latest`` points to, or None when nothing is published."""
    latest = Path(output_dir) / LATEST
    if not latest.is_symlink():
        return None
    target = (latest.parent / os.readlink(latest)).resolve()
    return target if target.is_dir() else None


def publish(run_dir: str | Path) -> Path:
    """Point ``latest`` at `run_dir` in one atomic step; return the link.

    Raises
    ------
    ValueError
        If the run is not marked COMPLETE.
    """
    run_dir = Path(run_dir)
    if run_status(run_dir) != COMPLETE:
        raise ValueError(f"run '{run_dir}' is not marked {COMPLETE}; refusing to publish it")
    output_dir = run_dir.parent.parent
    tmp = output_dir / f"{_LINK_PREFIX}{run_dir.name}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(f"{RUNS}/{run_dir.name}", tmp)
    os.replace(tmp, output_dir / LATEST)
    _fsync_dir(output_dir)
    return output_dir / LATEST


def clean_stale(output_dir: str | Path, *, keep: Path | None = None) -> list[Path]:
    """Remove what killed runs left: unmarked run folders, temporary links, trash.

    Call it while holding :func:`run_lock`, so no unmarked folder belongs to a
    live run. `keep` (the current run) is never removed. Returns the removed paths.
    """
    output_dir = Path(output_dir)
    spared = {published_run(output_dir), Path(keep).resolve() if keep else None}
    removed = []
    for run in list_runs(output_dir):
        if run_status(run) is None and run.resolve() not in spared:
            removed.append(remove_run(run))
    for entry in output_dir.glob(f"{_LINK_PREFIX}*"):
        if entry.is_symlink():
            entry.unlink()
            removed.append(entry)
    for entry in (output_dir / RUNS).glob(f"{_TRASH_PREFIX}*"):
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def prune_runs(output_dir: str | Path, keep: int, *, current: Path | None = None) -> list[Path]:
    """Remove the oldest finished runs so that at most `keep` remain; return the removed ones.

    The published run and the `current` one are never removed, even when that
    leaves more than `keep`; unfinished runs are left to :func:`clean_stale`.
    """
    if keep < 0:
        raise ValueError(f"keep={keep}; expected 0 or more")
    spared = {published_run(output_dir), Path(current).resolve() if current else None}
    finished = [r for r in list_runs(output_dir) if run_status(r) is not None]
    excess = finished[: max(len(finished) - keep, 0)]
    return [remove_run(r) for r in excess if r.resolve() not in spared]


def remove_run(run_dir: str | Path) -> Path:
    """Delete a run folder: rename it out of sight first, then delete the renamed copy."""
    run_dir = Path(run_dir)
    trash = run_dir.parent / f"{_TRASH_PREFIX}{run_dir.name}"
    os.replace(run_dir, trash)
    shutil.rmtree(trash, ignore_errors=True)
    return run_dir


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
