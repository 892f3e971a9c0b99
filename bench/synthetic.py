"""Build a synthetic corpus for the benchmark by recombining real paragraphs.

Paragraphs of the source articles (the seeds, plus the test fixture articles
when present) are drawn with a seeded RNG and joined into new articles of 3 to
12 paragraphs, written as many ``.txt`` files, until the corpus reaches the
requested size. The same seed and sources always give the same files, and a
smaller corpus of the same seed is a prefix (by file name) of a larger one
(:func:`prefix_folder`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from pathlib import Path

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(sources: Iterable[Path]) -> list[str]:
    """Return the non-empty paragraphs of the source articles, in file order."""
    found = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        found += [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    return found


def build_corpus(
    sources: Iterable[Path], folder: Path, target_bytes: int, *, seed: int = 0
) -> tuple[int, int]:
    """Write articles into `folder` until they hold `target_bytes`; return (files, bytes)."""
    pool = paragraphs(sources)
    if not pool:
        raise ValueError("no paragraphs in the source articles")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_files = n_bytes = 0
    while n_bytes < target_bytes:
        chosen = [pool[rng.randrange(len(pool))] for _ in range(rng.randint(3, 12))]
        data = ("\n\n".join(chosen) + "\n").encode("utf-8")
        (folder / f"{n_files:06d}_synthetic.txt").write_bytes(data)
        n_files += 1
        n_bytes += len(data)
    return n_files, n_bytes


def prefix_folder(folder: Path, target: Path, limit_bytes: int) -> tuple[int, int]:
    """Hard-link the first files of `folder` (by name) holding `limit_bytes` into `target`.

    Returns (files, bytes). The smaller corpus is thus a prefix of the larger one,
    without copying, and can be given to the pipeline as a folder of its own.
    """
    target.mkdir(parents=True, exist_ok=True)
    n_files = n_bytes = 0
    for path in sorted(folder.glob("*.txt")):
        if n_bytes >= limit_bytes:
            break
        (target / path.name).hardlink_to(path)
        n_files += 1
        n_bytes += path.stat().st_size
    return n_files, n_bytes
