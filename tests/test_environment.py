"""environment.yml and pyproject.toml must list the same packages with the same bounds."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from analysis import config

_CONDA_ONLY = {"python", "pip"}  # the interpreter and installer, not dependencies


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict[str, SpecifierSet]:
    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return {_normalise(r.name): r.specifier for r in map(Requirement, lines)}


def _conda() -> tuple[dict, dict[str, SpecifierSet], list[str]]:
    env = yaml.safe_load((config.ROOT / "environment.yml").read_text(encoding="utf-8"))
    packages, pip = {}, []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip = item["pip"]
            continue
        name, spec = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", item).groups()
        if name not in _CONDA_ONLY:
            packages[_normalise(name)] = SpecifierSet(spec.replace(" ", ""))
    for line in pip:
        if not line.startswith("-"):  # skip options such as "-e ."
            req = Requirement(line)
            packages[_normalise(req.name)] = req.specifier
    return env, packages, pip


def _drift(left: dict, right: dict) -> dict[str, tuple]:
    """Return {package: (left spec, right spec)} for every package that differs."""
    return {
        name: (left.get(name), right.get(name))
        for name in sorted(set(left) | set(right))
        if left.get(name) != right.get(name)
    }


def test_same_packages_and_bounds_in_both_files():
    _, conda, _ = _conda()
    assert _drift(_pyproject(), conda) == {}


def test_drift_is_detected_when_one_side_adds_or_changes_a_package():
    pyproject = _pyproject()
    added = {**pyproject, "scipy": SpecifierSet(">=1.11")}
    changed = {**pyproject, "pandas": SpecifierSet(">=2.0")}
    assert _drift(pyproject, added) == {"scipy": (None, SpecifierSet(">=1.11"))}
    assert list(_drift(changed, pyproject)) == ["pandas"]


@pytest.mark.parametrize(("raw", "normal"), [("PyYAML", "pyyaml"), ("ruamel_yaml", "ruamel-yaml")])
def test_names_are_normalised(raw, normal):
    assert _normalise(raw) == normal


def test_environment_python_satisfies_requires_python_and_installs_the_project():
    env, _, pip = _conda()
    requires = tomllib.loads((config.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    python = next(i for i in env["dependencies"] if isinstance(i, str) and i.startswith("python="))
    assert Version(python.split("=", 1)[1]) in SpecifierSet(requires["project"]["requires-python"])
    assert env["name"] == "spacefunding"
    assert "-e ." in pip
