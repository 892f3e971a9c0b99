"""Fixtures shared by the test modules: keep this file small."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import config

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
