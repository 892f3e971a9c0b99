"""Parameter sets of the report notebooks: where they live and how they are checked.

Layout
------
``notebooks/<stem>.ipynb``
    A report notebook. Only the top level of ``notebooks/`` holds reports;
    sub-folders (``params/``, ``teaching/``) do not.
``notebooks/params/<stem>/<set>.yaml``
    One parameter set of that notebook: a YAML mapping ``name: value``. The set
    is called by its file stem (``base``, ``pessimistic``, ``usd``), made of
    letters, digits, ``-`` and ``_``. A notebook with no folder (or an empty one)
    runs once with its defaults, as the set ``default``.

Checks
------
:func:`load_param_sets` reads every set of the chosen notebooks and checks it
against the notebook's ``parameters`` cell (read with ``papermill.inspect_notebook``)
before anything runs:

- the notebook exists and every name in the set is a declared parameter;
- the value has the declared type (``name: float = 0.5``; ``int`` is accepted for
  ``float``, ``bool`` is never a number; a parameter without annotation takes the
  type of its literal default; other annotations are not checked);
- a *probability* is a number in [0, 1]. Rule: a parameter whose name starts with
  ``p_`` or ends with ``_probability`` is a probability;
- a *currency* is an upper-case code with ECB rates (see
  :func:`analysis.currency.available_currencies`). Rule: a parameter named
  ``currency`` or ending with ``_currency`` is a currency;
- a *count* is a whole number of at least 1. Rule: a parameter whose name starts
  with ``n_`` is a count;
- values are plain YAML data (strings, numbers, booleans, null, lists, mappings
  with string keys): a YAML date or timestamp must be quoted.

``data_dir`` is reserved: the report runner sets it to the run's tidy-data folder
when the notebook declares it (``data_dir: str = ""``), so a set may not.
"""

from __future__ import annotations

import ast
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis import config
from analysis.errors import ConfigError

DATA_DIR_PARAMETER = "data_dir"  # set by the report runner, never by a parameter set
DEFAULT_SET = "default"
PARAM_SUFFIXES = (".yaml", ".yml")
_SET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list,),
    "tuple": (list,),
    "dict": (dict,),
}


@dataclass(frozen=True)
class ParamSet:
    """One notebook with one parameter set, checked and ready to run."""

    notebook: Path
    name: str
    values: Mapping = field(default_factory=dict)
    source: Path | None = None  # the YAML file; None for the notebook's defaults
    declared: tuple[str, ...] = ()  # every parameter the notebook declares

    @property
    def stem(self) -> str:
        """The notebook's name without ``.ipynb``."""
        return self.notebook.stem

    @property
    def slug(self) -> str:
        """A file-name-safe id of this notebook and set, unique in a run."""
        return f"{self.stem}--{self.name}"


def is_probability(name: str) -> bool:
    """Whether parameter `name` is a probability: it starts ``p_`` or ends ``_probability``."""
    return name.startswith("p_") or name.endswith("_probability")


def is_currency(name: str) -> bool:
    """Whether parameter `name` is a currency code under the naming rule."""
    return name == "currency" or name.endswith("_currency")


def is_count(name: str) -> bool:
    """Whether parameter `name` is a count (a whole number of at least 1): it starts ``n_``."""
    return name.startswith("n_")


def find_notebooks(
    notebooks_dir: str | Path = config.NOTEBOOKS_DIR, selected: Iterable[str] | None = None
) -> list[Path]:
    """Return the report notebooks of `notebooks_dir`, sorted, or the `selected` ones.

    A selection names notebooks by stem (``02-exomars-funding-gap``) or file name.

    Raises
    ------
    ConfigError
        If a selected notebook does not exist, or there is no notebook at all.
    """
    notebooks_dir = Path(notebooks_dir)
    found = sorted(notebooks_dir.glob("*.ipynb")) if notebooks_dir.is_dir() else []
    by_stem = {p.stem: p for p in found}
    if selected is None:
        if not found:
            raise ConfigError(
                "notebooks folder", str(notebooks_dir), "a folder with at least one .ipynb"
            )
        return found
    chosen = []
    for name in selected:
        stem = name.removesuffix(".ipynb")
        if stem not in by_stem:
            known = ", ".join(by_stem) or f"none: '{notebooks_dir}' has no .ipynb"
            raise ConfigError("notebook", name, f"one of the notebooks ({known})", "--notebook")
        if by_stem[stem] not in chosen:
            chosen.append(by_stem[stem])
    return chosen


def declared_parameters(notebook: str | Path) -> dict[str, dict]:
    """Return the parameters a notebook declares: ``{name: {inferred_type_name, default, help}}``.

    Raises
    ------
    ConfigError
        If the notebook cannot be read as a notebook.
    """
    import papermill  # here, not at the top: notebooks import this module for check_parameters

    try:
        return papermill.inspect_notebook(str(notebook))
    except Exception as err:  # papermill raises several unrelated types for a bad file
        raise ConfigError("notebook", str(notebook), f"a readable notebook ({err})") from err


def load_param_sets(
    notebooks_dir: str | Path = config.NOTEBOOKS_DIR,
    params_dir: str | Path = config.PARAMS_DIR,
    notebooks: Iterable[str] | None = None,
) -> list[ParamSet]:
    """Read and check every parameter set of the chosen notebooks (all by default).

    Returns the sets in notebook order, then set-name order.

    Raises
    ------
    ConfigError
        Naming the notebook, parameter-set file, parameter and value at fault.
    """
    params_dir = Path(params_dir)
    paths = find_notebooks(notebooks_dir, notebooks)
    _check_params_layout(params_dir, {p.stem for p in find_notebooks(notebooks_dir)})
    sets = []
    for notebook in paths:
        declared = declared_parameters(notebook)
        names = tuple(declared)
        files = _set_files(params_dir / notebook.stem)
        if not files:
            sets.append(ParamSet(notebook, DEFAULT_SET, {}, None, names))
        for path in files:
            values = _read_set(path)
            for name, value in values.items():
                check_value(name, value, declared, notebook=notebook, source=path)
            sets.append(ParamSet(notebook, path.stem, values, path, names))
    return sets


def _check_params_layout(params_dir: Path, stems: set[str]) -> None:
    if not params_dir.is_dir():
        return
    for entry in sorted(params_dir.iterdir()):
        if entry.is_dir() and entry.name not in stems and not entry.name.startswith("."):
            expected = f"a folder named after a notebook ({', '.join(sorted(stems))})"
            raise ConfigError("parameter folder", entry.name, expected, params_dir)
        if entry.is_file() and entry.suffix in PARAM_SUFFIXES:
            expected = f"parameter sets in '{params_dir}/<notebook>/<set>.yaml'"
            raise ConfigError("parameter file", entry.name, expected, params_dir)


def _set_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix in PARAM_SUFFIXES)
    for path in files:
        if not _SET_NAME.fullmatch(path.stem):
            raise ConfigError(
                "parameter set name", path.stem, "letters, digits, '-' and '_' only", path
            )
    stems = [p.stem for p in files]
    for stem in {s for s in stems if stems.count(s) > 1}:
        raise ConfigError("parameter set name", stem, "one file per set (.yaml or .yml)", folder)
    return files


def _read_set(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ConfigError("parameter set", path.name, f"readable UTF-8 YAML ({err})", path) from err
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ConfigError(
            "parameter set", type(data).__name__, "a mapping of parameter names to values", path
        )
    return data


def check_value(
    name: str, value, declared: Mapping[str, Mapping], *, notebook: Path, source=None
) -> None:
    """Check one parameter value against what `notebook` declares and the naming rules.

    Raises
    ------
    ConfigError
        If `name` is not declared (or is reserved), or `value` has the wrong type,
        is not plain data, is a probability outside [0, 1], an unknown currency
        or a count below 1.
    """
    if name == DATA_DIR_PARAMETER:
        raise ConfigError(
            "parameter name", name, "no 'data_dir': the report runner sets it", source
        )
    if name not in declared:
        known = ", ".join(n for n in declared if n != DATA_DIR_PARAMETER) or "none"
        raise ConfigError(
            "parameter name", name, f"a parameter of '{notebook.name}' ({known})", source
        )
    item = f"parameter '{name}'"
    if not _is_plain(value):
        raise ConfigError(item, value, "plain YAML data; quote dates and timestamps", source)
    kinds = _declared_types(declared[name])
    if kinds and (not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)):
        names = " or ".join(sorted({k.__name__ for k in kinds}))
        raise ConfigError(item, value, f"{names} as declared in '{notebook.name}'", source)
    _check_naming_rules(name, value, source)


def _check_naming_rules(name: str, value, source) -> None:
    """The rules a parameter's name implies: probability, currency, count."""
    from analysis.currency import available_currencies

    item = f"parameter '{name}'"
    if is_probability(name) and not _is_probability_value(value):
        raise ConfigError(item, value, "a probability between 0 and 1", source)
    if is_currency(name) and value not in available_currencies():
        shown = ", ".join(sorted(available_currencies()))
        raise ConfigError(item, value, f"an ISO 4217 code with ECB rates ({shown})", source)
    if is_count(name) and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ConfigError(item, value, "a whole number of at least 1", source)


def _is_plain(value) -> bool:
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


def _is_probability_value(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and 0 <= value <= 1


def _declared_types(spec: Mapping) -> tuple[type, ...]:
    """The accepted Python types of a declared parameter; () when not checkable."""
    text = str(spec.get("inferred_type_name", "None")).replace(" ", "")
    optional = False
    if text.startswith("Optional[") and text.endswith("]"):
        text, optional = text[len("Optional[") : -1], True
    parts = [p for p in text.split("|") if p]
    if "None" in parts and len(parts) > 1:
        parts.remove("None")
        optional = True
    if len(parts) != 1:
        return ()
    base = parts[0].split("[", 1)[0].lower()
    if base == "none":
        try:
            default = ast.literal_eval(str(spec.get("default", "")))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return ()
        if default is None:
            return ()
        base = type(default).__name__
    kinds = _TYPES.get(base, ())
    return (*kinds, type(None)) if kinds and optional else kinds


def check_corpus_dir(seeds_dir: str | Path) -> Path:
    """Check that `seeds_dir` is a readable folder holding at least one ``.txt`` article.

    Raises
    ------
    ConfigError
        Saying whether the folder is missing, not a folder, unreadable or empty.
    """
    path = Path(seeds_dir)
    expected = "a readable folder of .txt articles"
    if not path.exists():
        raise ConfigError("corpus folder", str(path), f"{expected} (it does not exist)", "--seeds")
    if not path.is_dir():
        raise ConfigError("corpus folder", str(path), f"{expected} (it is a file)", "--seeds")
    try:
        articles = [p for p in path.iterdir() if p.suffix == ".txt"]
        for article in articles:
            with article.open("rb"):
                pass
    except OSError as err:
        raise ConfigError(
            "corpus folder", str(path), f"{expected} ({err.strerror})", "--seeds"
        ) from err
    if not articles:
        raise ConfigError("corpus folder", str(path), f"{expected} (it has none)", "--seeds")
    return path


def check_output_dir(output_dir: str | Path) -> Path:
    """Create `output_dir` if needed and check that files can be written in it.

    Raises
    ------
    ConfigError
        If the folder cannot be created or written, or its ``latest`` entry is
        not a symbolic link (so publishing would have to delete it).
    """
    path = Path(output_dir)
    expected = "a folder where reports can be written"
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise ConfigError("output folder", str(path), f"{expected} ({reason})", "--output") from err
    latest = path / "latest"
    if os.path.lexists(latest) and not latest.is_symlink():
        raise ConfigError(
            "output folder entry",
            str(latest),
            "a symbolic link to the published run, or nothing (move this one away)",
            "--output",
        )
    return path


def check_parameters(notebook: str, **values) -> dict:
    """Check a notebook's own parameter values by the same rules as the report runner.

    Called from a notebook's first code cell, so a value set by hand in JupyterLab
    or through papermill stops the notebook with a message naming the parameter:
    probabilities (``p_*``) in [0, 1], currencies with ECB rates, counts
    (``n_*``) positive whole numbers.

    Returns
    -------
    dict
        The values, unchanged, for the notebook to use.
    """
    for name, value in values.items():
        _check_naming_rules(name, value, notebook)
    return values
