"""The package's public names resolve, lazily, to the functions they name."""

from __future__ import annotations

import subprocess
import sys

import pytest

import analysis


@pytest.mark.parametrize("name", [n for n in analysis.__all__ if n != "__version__"])
def test_public_names_are_the_module_functions(name):
    obj = getattr(analysis, name)
    assert obj.__name__ == name and obj.__module__.startswith("analysis.")


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        analysis.nope  # noqa: B018


def test_the_cli_lists_its_commands_without_loading_pandas():
    result = subprocess.run(
        [sys.executable, "-c", "import runpy, sys\n"
         "sys.argv = ['analysis', '--help']\n"
         "try:\n    runpy.run_module('analysis', run_name='__main__')\n"
         "except SystemExit:\n    pass\n"
         "print('pandas' in sys.modules)"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "extract" in result.stdout and "report" in result.stdout and "teaching" in result.stdout
    assert result.stdout.strip().endswith("False"), result.stdout[-500:]
