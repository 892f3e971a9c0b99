"""Command-line interface: `python -m analysis COMMAND ...`.

Exit statuses
-------------
0  success
1  a notebook failed while building reports
2  bad input or configuration (named in the message on stderr)
130 interrupted
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from analysis import config
from analysis.errors import AnalysisError


def _cmd_extract(args: argparse.Namespace) -> int:
    from analysis.tidy import extract_to_csv

    n = extract_to_csv(args.paths, args.output, manifest=args.manifest)
    print(f"wrote {n} mentions to {args.output}", file=sys.stderr)
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from analysis.pipeline import build_all

    written = build_all(seeds_dir=args.seeds, out_dir=args.output)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from analysis.reports import run_reports

    return run_reports(
        seeds_dir=args.seeds,
        output_dir=args.output,
        jobs=args.jobs,
        keep=args.keep,
        notebooks=args.notebook,
        lock_timeout=args.wait,
    )


def _cmd_teaching(args: argparse.Namespace) -> int:
    from analysis.teaching import build_editions

    written = build_editions(out_dir=args.output)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Extract, model and report the figures in space-mission funding articles.",
        epilog="Exit status: 0 success, 1 a notebook failed, 2 bad input or configuration.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("extract", help="extract every figure of articles into one CSV")
    p.add_argument("paths", nargs="+", type=Path, help=".txt article files or folders of them")
    p.add_argument("--output", "-o", type=Path, required=True, help="CSV file to write")
    p.add_argument(
        "--manifest",
        type=Path,
        default=None,
        help="manifest CSV giving publication dates (default: the manifest beside the articles)",
    )
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("build", help="build the tidy tables in data/processed")
    p.add_argument("--seeds", type=Path, default=config.SEEDS_DIR, help="corpus folder")
    p.add_argument("--output", type=Path, default=config.PROCESSED_DIR, help="folder for tables")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("report", help="execute the notebooks and publish HTML reports")
    p.add_argument("--seeds", type=Path, default=config.SEEDS_DIR, help="corpus folder")
    p.add_argument("--output", type=Path, default=config.REPORTS_DIR, help="reports folder")
    p.add_argument("--jobs", "-j", type=int, default=1, help="notebooks run in parallel")
    p.add_argument(
        "--keep",
        type=int,
        default=5,
        help="finished runs to keep (at least 1; the published run always stays)",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="wait this long for another run on the same output folder, then exit 2",
    )
    p.add_argument(
        "--notebook", action="append", default=None, help="run only this notebook (repeatable)"
    )
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("teaching", help="build student and instructor editions of the lessons")
    p.add_argument("action", choices=["build"], help="what to do")
    p.add_argument("--output", type=Path, default=config.BUILD_DIR / "teaching", help="folder")
    p.set_defaults(func=_cmd_teaching)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status instead of raising for user errors."""
    args = _parser().parse_args(argv)
    warnings.showwarning = _show_warning  # one line per warning, like the errors
    try:
        return args.func(args)
    except AnalysisError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
