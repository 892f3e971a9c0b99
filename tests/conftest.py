"""Fixtures shared by the test modules: keep this file small."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from analysis import config

# CI replays the same examples on every run, so a result there is reproducible;
# local runs explore new examples each time (HYPOTHESIS_PROFILE=explore).
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "explore")
)

FIXTURES_DIR = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    """The folder of small fixture files named for the case they test."""
    return FIXTURES_DIR


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A private copy of the seed corpus (articles and manifest) that a test may change."""
    target = tmp_path / "seeds"
    shutil.copytree(config.SEEDS_DIR, target)
    return target
