"""Benchmark the extraction (run by `make bench`; not a timed test).

Builds two synthetic corpora of at least 20 MiB each by recombining whole paragraphs
(bench/synthetic.py): "varied", from every article we have (the seeds and the
evaluation corpora, which hold about five times as many figures per MB as news), and
"news", from the seed articles and the fourth and fifth blind corpora (written at
the density of figures of news). Then
measures, each in a fresh process pinned to one core:

- baselines over the same files: reading + strict UTF-8 decoding, and a plain
  ``re.finditer(r"\\d+")`` pass over the decoded text;
- extraction throughput: ``iter_mentions`` and ``extract_mentions`` over the
  decoded texts (timing the calls only), and ``extract_to_csv`` end to end;
- peak memory (peak RSS of the process, and its growth over the RSS after the
  imports) of ``extract_to_csv`` at two sizes of the varied corpus, to show that it
  does not grow with the corpus.

Prints a table and writes bench/out/results.json. Throughput is in MB/s
(10^6 bytes of UTF-8 text per second); corpus sizes are in MiB.

Usage: ``python bench/run.py [--sizes 5,20] [--seed 0]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import build_corpus, prefix_folder

from analysis import config

MIB = 2**20
GOAL_MB_S = 10.0  # issue 2: at least 10 MB/s on one core
OUT_DIR = Path(__file__).resolve().parent / "out"
_FIXTURES = config.ROOT / "tests" / "fixtures"
# Two corpora, both recombined from whole paragraphs of real or realistic articles:
# - "varied": every article we have (the seeds and the evaluation corpora: wire copy,
#   PDF text, tables, forums, markets copy...). The evaluation articles were written to
#   test the extractor, so they hold about five times as many figures per MB as news.
# - "news": the seed articles and the fourth and fifth blind corpora, written at the
#   figure density of news.
CORPUS_SOURCES = {
    "varied": [
        config.SEEDS_DIR,
        *(_FIXTURES / d for d in ("articles", "heldout", "blind2", "blind3", "blind4", "blind5")),
    ],
    "news": [config.SEEDS_DIR, _FIXTURES / "blind4", _FIXTURES / "blind5"],
}
_DIGITS = re.compile(r"\d+")


# --- child process: one measurement each, so memory and warm-up never carry over ------


def _rss_now() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(task: str, folder: Path) -> dict:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from analysis.corpus import iter_article_paths, read_article
    from analysis.extract import extract_mentions, iter_mentions
    from analysis.tidy import extract_to_csv

    n_bytes = sum(p.stat().st_size for p in iter_article_paths(folder))
    rss_after_imports = _rss_now()
    result = {"task": task, "folder": folder.name, "bytes": n_bytes}
    if task.startswith("extract_to_csv"):
        output = folder.parent / f"{folder.name}.csv"
        start = time.perf_counter()
        result["mentions"] = extract_to_csv([folder], output, check=task == "extract_to_csv")
        seconds = time.perf_counter() - start
        output.unlink()
    elif task == "read":
        start = time.perf_counter()
        for path in iter_article_paths(folder):
            read_article(path)
        seconds = time.perf_counter() - start
    else:
        texts = [read_article(path) for path in iter_article_paths(folder)]
        count = 0
        start = time.perf_counter()
        if task == "regex":
            for text in texts:
                count += sum(1 for _ in _DIGITS.finditer(text))
        elif task == "iter_mentions":
            for text in texts:
                count += sum(1 for _ in iter_mentions(text))
        elif task == "extract_mentions":
            for text in texts:
                count += len(extract_mentions(text))
        else:
            raise SystemExit(f"unknown task {task!r}")
        seconds = time.perf_counter() - start
        result["matches"] = count
    result |= {
        "seconds": seconds,
        "mb_per_s": n_bytes / seconds / 1e6,
        "rss_after_imports": rss_after_imports,
        "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,  # KiB on Linux
    }
    return result


def _measure(task: str, folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", task, str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark task {task!r} failed:\n{done.stderr}")
    return json.loads(done.stdout)


# --- sections -------------------------------------------------------------------------


def _build(name: str, workdir: Path, size_mib: int, seed: int) -> tuple[Path, dict]:
    folder = workdir / name
    sources = [p for d in CORPUS_SOURCES[name] if d.is_dir() for p in sorted(d.glob("*.txt"))]
    n_files, n_bytes = build_corpus(sources, folder, size_mib * MIB, seed=seed)
    print(f"{name} corpus: {n_files} files, {n_bytes / MIB:.1f} MiB from {len(sources)} articles")
    return folder, {"files": n_files, "bytes": n_bytes, "seed": seed, "sources": len(sources)}


def _print_runs(runs: dict, rows: list[tuple[str, str]]) -> None:
    widths = {"MiB": 6, "seconds": 8, "MB/s": 8, "x read": 7, "x regex": 8, "figs/MB": 8}
    print("\n" + f"{'measure (one core)':34}" + "".join(f" {h:>{w}}" for h, w in widths.items()))
    for label, key in rows:
        r = runs[key]
        ratio_read = r["mb_per_s"] / runs["read"]["mb_per_s"]
        ratio_regex = r["mb_per_s"] / runs["regex"]["mb_per_s"]
        density = f"{r['matches'] / r['bytes'] * 1e6:8.0f}" if key == "iter_mentions" else ""
        print(
            f"{label:34} {r['bytes'] / MIB:6.1f} {r['seconds']:8.2f} {r['mb_per_s']:8.2f} "
            f"{ratio_read:7.3f} {ratio_regex:8.3f} {density}"
        )


def bench_extraction(args: argparse.Namespace, workdir: Path) -> dict:
    """Throughput against two baselines on two corpora, and peak memory at two sizes."""
    sizes = sorted(args.sizes)
    folder, corpus = _build("varied", workdir, sizes[-1], args.seed)
    folders = [workdir / f"varied_{size}MiB" for size in sizes[:-1]]
    for size, smaller in zip(sizes, folders, strict=False):
        prefix_folder(folder, smaller, size * MIB)
    folders.append(folder)

    tasks = ("read", "regex", "iter_mentions", "extract_mentions", "extract_to_csv_unchecked")
    runs = {task: _measure(task, folder) for task in tasks}
    memory = [_measure("extract_to_csv", f) for f in folders]
    runs["extract_to_csv"] = memory[-1]

    print("\nvaried corpus (figures: mentions of every kind per MB)")
    _print_runs(
        runs,
        [
            ("read + UTF-8 decode (baseline)", "read"),
            (r"re.finditer(r'\d+') (baseline)", "regex"),
            ("iter_mentions", "iter_mentions"),
            ("extract_mentions (DataFrame)", "extract_mentions"),
            ("extract_to_csv, no schema check", "extract_to_csv_unchecked"),
            ("extract_to_csv (end to end)", "extract_to_csv"),
        ],
    )
    news_folder, news_corpus = _build("news", workdir, sizes[-1], args.seed)
    news = {
        t: _measure(t, news_folder) for t in ("read", "regex", "iter_mentions", "extract_to_csv")
    }
    print("\nnews corpus")
    _print_runs(
        news,
        [
            ("read + UTF-8 decode (baseline)", "read"),
            (r"re.finditer(r'\d+') (baseline)", "regex"),
            ("iter_mentions", "iter_mentions"),
            ("extract_to_csv (end to end)", "extract_to_csv"),
        ],
    )

    print(f"\n{'extract_to_csv memory':34} {'MiB':>6} {'peak RSS':>9} {'over imports':>13}")
    for r in memory:
        growth = r["peak_rss"] - r["rss_after_imports"]
        print(f"{'':34} {r['bytes'] / MIB:6.1f} {r['peak_rss'] / MIB:8.1f}M {growth / MIB:12.1f}M")
    extra_corpus = memory[-1]["bytes"] - memory[0]["bytes"]
    # What extraction adds over the RSS after the imports (the child has listed and sized
    # the files by then): holding the corpus would add more than its size.
    added = [r["peak_rss"] - r["rss_after_imports"] for r in memory]
    extra_peak = added[-1] - added[0]
    flat = extra_peak < 0.1 * extra_corpus
    goals = {
        "throughput_goal_mb_per_s": GOAL_MB_S,
        "extract_to_csv_meets_goal": runs["extract_to_csv"]["mb_per_s"] >= GOAL_MB_S,
        "iter_mentions_meets_goal": runs["iter_mentions"]["mb_per_s"] >= GOAL_MB_S,
        "news_extract_to_csv_meets_goal": news["extract_to_csv"]["mb_per_s"] >= GOAL_MB_S,
        "news_iter_mentions_meets_goal": news["iter_mentions"]["mb_per_s"] >= GOAL_MB_S,
        "extra_peak_rss_bytes": extra_peak,
        "extra_corpus_bytes": extra_corpus,
        "memory_flat": flat,
    }
    print(
        f"\nextra peak RSS over imports for {extra_corpus / MIB:.1f} MiB more corpus: "
        f"{extra_peak / MIB:+.1f} MiB ({'flat' if flat else 'GROWS'})"
    )
    for name, measured in (("varied", runs), ("news", news)):
        best = max(measured["iter_mentions"]["mb_per_s"], measured["extract_to_csv"]["mb_per_s"])
        verdict = "met" if best >= GOAL_MB_S else "NOT met"
        print(f"{name} corpus: fastest path {best:.2f} MB/s (goal {GOAL_MB_S:g}: {verdict})")
    return {
        "corpus": corpus,
        "news_corpus": news_corpus,
        "runs": runs,
        "news_runs": news,
        "memory": memory,
        "goals": goals,
    }


# Each section is a function (args, workdir) -> dict that prints its own table; its
# dict is stored in results.json under its name. Issue 4 appends the report-build
# benchmark here, e.g. ("report_build", bench_report_build).
def bench_report_build(args: argparse.Namespace, workdir: Path) -> dict:
    """Issue 4: build every report, against a floor of trivial notebooks in the same run."""
    from report_bench import bench_reports, print_report_bench

    result = bench_reports()
    print_report_bench(result)
    return result


SECTIONS = [
    ("extraction", bench_extraction),
    ("report_build", bench_report_build),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.split(",")],
        default=[5, 20],
        help="corpus sizes in MiB for the memory comparison (the largest is the corpus)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--child", nargs=2, metavar=("TASK", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        task, folder = args.child
        print(json.dumps(_child(task, Path(folder))))
        return 0

    results = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with tempfile.TemporaryDirectory(prefix="spacefunding-bench-") as tmp:
        for name, section in SECTIONS:
            print(f"== {name} ==")
            results[name] = section(args, Path(tmp))
    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {OUT_DIR / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
