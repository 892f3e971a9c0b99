"""Quantitative analysis of space-mission funding in news articles.

Data flows seeds -> extraction -> tidy tables -> models -> notebooks -> reports.
The names below are the public entry points; each is imported on first use, so
``python -m analysis --help`` stays fast.
"""

from __future__ import annotations

import importlib

from analysis import compiled_core

__version__ = "0.1.0"
compiled_core.choose()  # the compiled extractor, or its source when the build is stale

_PUBLIC = {
    "extract_mentions": "analysis.extract",
    "iter_mentions": "analysis.extract",
    "read_article": "analysis.corpus",
    "build_all": "analysis.pipeline",
    "load_tables": "analysis.tables",
    "convert": "analysis.currency",
    "funding_gap": "analysis.funding",
    "simulate_coverage": "analysis.uncertainty",
    "sensitivity": "analysis.uncertainty",
    "score_forecast": "analysis.forecast",
    "hindsight_table": "analysis.hindsight",
    "slips": "analysis.timeline",
    "run_reports": "analysis.reports",
    "AnalysisError": "analysis.errors",
}
__all__ = [*_PUBLIC, "__version__"]


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
