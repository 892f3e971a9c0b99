"""Benchmark the extraction (run by `make bench`; not a timed test).

Builds three synthetic corpora of at least 20 MiB each by recombining whole paragraphs
(bench/synthetic.py): "varied", from every article we have (the seeds and the
evaluation corpora, which hold about five times as many figures per MB as news);
"news", from the seed articles and the fourth and fifth blind corpora (written at
the density of figures of news); and "seeds", from the five seed articles alone. Then
measures, each in a fresh process pinned to one core:

- baselines over the same files: reading + strict UTF-8 decoding, and a plain
  ``re.finditer(r"\\d+")`` pass over the decoded text;
- extraction throughput: ``iter_mentions`` and ``extract_mentions`` over the
  decoded texts (timing the calls only), and ``extract_to_csv`` end to end, with the
  compiled extractor when it is built (analysis.compiled_core); and ``iter_mentions``
  once more on its Python source, for the compiled build's speed-up in the same run;
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
# - "seeds": the five seed articles alone, the product's own input.
CORPUS_SOURCES = {
    "varied": [
        config.SEEDS_DIR,
        *(_FIXTURES / d for d in ("articles", "heldout", "blind2", "blind3", "blind4", "blind5")),
    ],
    "news": [config.SEEDS_DIR, _FIXTURES / "blind4", _FIXTURES / "blind5"],
    "seeds": [config.SEEDS_DIR],
}
_DIGITS = re.compile(r"\d+")
_PURE = " (Python source)"


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
    from analysis import compiled_core
    from analysis.corpus import iter_article_paths, read_article
    from analysis.extract import extract_mentions, iter_mentions
    from analysis.tidy import extract_to_csv

    n_bytes = sum(p.stat().st_size for p in iter_article_paths(folder))
    rss_after_imports = _rss_now()
    result = {"task": task, "folder": folder.name, "bytes": n_bytes}
    result |= {"build": compiled_core.MODE, "build_note": compiled_core.REASON}
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
    """Run `task` in a fresh process; "<task> (Python source)" runs it without the compiled
    build (ANALYSIS_PURE_PYTHON=1), for the compiled build's speed-up in the same run."""
    pure = task.endswith(_PURE)
    env = dict(os.environ, ANALYSIS_PURE_PYTHON="1") if pure else None
    done = subprocess.run(
        [sys.executable, __file__, "--child", task.removesuffix(_PURE), str(folder)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
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
        density = f"{r['matches'] / r['bytes'] * 1e6:8.0f}" if key.startswith("iter_") else ""
        print(
            f"{label:34} {r['bytes'] / MIB:6.1f} {r['seconds']:8.2f} {r['mb_per_s']:8.2f} "
            f"{ratio_read:7.3f} {ratio_regex:8.3f} {density}"
        )


_ITER_PURE = "iter_mentions" + _PURE
_ROWS = {
    "read": "read + UTF-8 decode (baseline)",
    "regex": r"re.finditer(r'\d+') (baseline)",
    "iter_mentions": "iter_mentions",
    _ITER_PURE: "iter_mentions, Python source",
    "extract_mentions": "extract_mentions (DataFrame)",
    "extract_to_csv_unchecked": "extract_to_csv, no schema check",
    "extract_to_csv": "extract_to_csv (end to end)",
}


def _bench_corpus(name: str, folder: Path, tasks: tuple[str, ...]) -> dict:
    """Run `tasks` on one corpus and print its table, with the compiled build's speed-up."""
    runs = {task: _measure(task, folder) for task in tasks}
    build = runs["iter_mentions"]["build"]
    note = runs["iter_mentions"]["build_note"]
    print(f"\n{name} corpus (figures: mentions of every kind per MB; build: {build} {note})")
    _print_runs(runs, [(_ROWS[task], task) for task in tasks])
    speedup = runs["iter_mentions"]["mb_per_s"] / runs[_ITER_PURE]["mb_per_s"]
    print(f"{'compiled / Python source':34} {speedup:6.2f}x  (iter_mentions, same run)")
    return runs


def bench_extraction(args: argparse.Namespace, workdir: Path) -> dict:
    """Throughput against two baselines on three corpora, and peak memory at two sizes."""
    sizes = sorted(args.sizes)
    folder, corpus = _build("varied", workdir, sizes[-1], args.seed)
    folders = [workdir / f"varied_{size}MiB" for size in sizes[:-1]]
    for size, smaller in zip(sizes, folders, strict=False):
        prefix_folder(folder, smaller, size * MIB)
    folders.append(folder)

    every = ("read", "regex", "iter_mentions", _ITER_PURE, "extract_mentions")
    runs = _bench_corpus("varied", folder, (*every, "extract_to_csv_unchecked"))
    memory = [_measure("extract_to_csv", f) for f in folders]
    runs["extract_to_csv"] = memory[-1]
    _print_runs(runs, [(_ROWS["extract_to_csv"], "extract_to_csv")])
    measured = {"varied": runs}
    built = {"varied": corpus}
    for name in ("news", "seeds"):
        corpus_folder, built[name] = _build(name, workdir, sizes[-1], args.seed)
        tasks = ("read", "regex", "iter_mentions", _ITER_PURE, "extract_to_csv")
        measured[name] = _bench_corpus(name, corpus_folder, tasks)

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
        "build": runs["iter_mentions"]["build"],
        "extra_peak_rss_bytes": extra_peak,
        "extra_corpus_bytes": extra_corpus,
        "memory_flat": flat,
    }
    print(
        f"\nextra peak RSS over imports for {extra_corpus / MIB:.1f} MiB more corpus: "
        f"{extra_peak / MIB:+.1f} MiB ({'flat' if flat else 'GROWS'})"
    )
    for name, corpus_runs in measured.items():
        for task in ("iter_mentions", "extract_to_csv"):
            goals[f"{name}_{task}_meets_goal"] = corpus_runs[task]["mb_per_s"] >= GOAL_MB_S
        best = max(corpus_runs[task]["mb_per_s"] for task in ("iter_mentions", "extract_to_csv"))
        verdict = "met" if best >= GOAL_MB_S else "NOT met"
        print(f"{name} corpus: fastest path {best:.2f} MB/s (goal {GOAL_MB_S:g}: {verdict})")
    return {
        "corpora": built,
        "runs": measured,
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
