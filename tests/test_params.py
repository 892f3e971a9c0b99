"""Parameter sets of the report notebooks: layout, declared types and the naming rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.errors import ConfigError, ParameterError
from analysis.params import (
    DEFAULT_SET,
    check_corpus_dir,
    check_output_dir,
    check_value,
    find_notebooks,
    is_count,
    is_currency,
    is_probability,
    load_param_sets,
)

FIXTURE_NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
OK_DECLARED = {"data_dir", "label", "p_success", "currency", "draws"}  # ok.ipynb's parameters cell


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    """A private copy of the fixture notebooks with an empty params folder."""
    target = tmp_path / "notebooks"
    shutil.copytree(FIXTURE_NOTEBOOKS, target)
    (target / "params").mkdir()
    return target


def _write_set(notebooks: Path, notebook: str, name: str, text: str) -> Path:
    folder = notebooks / "params" / notebook
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_notebook_without_sets_runs_once_with_its_defaults(notebooks):
    sets = load_param_sets(notebooks, notebooks / "params")
    expected = ["article_html", "echo_params", "fails", "ok", "sleeps"]
    assert [s.stem for s in sets] == expected
    assert {s.name for s in sets} == {DEFAULT_SET}
    assert all(s.values == {} and s.source is None for s in sets)
    ok = next(s for s in sets if s.stem == "ok")
    assert set(ok.declared) == OK_DECLARED
    assert ok.slug == "ok--default"


def test_sets_are_read_in_name_order_with_their_values(notebooks):
    usd = _write_set(notebooks, "ok", "usd.yaml", 'currency: USD\np_success: 1\nlabel: "a: b"\n')
    base = _write_set(notebooks, "ok", "base.yml", "# only comments\n")
    sets = load_param_sets(notebooks, notebooks / "params", ["ok.ipynb"])
    assert [(s.name, s.values, s.source) for s in sets] == [
        ("base", {}, base),
        ("usd", {"currency": "USD", "p_success": 1, "label": "a: b"}, usd),
    ]


def test_selection_by_stem_keeps_the_given_order_without_duplicates(notebooks):
    chosen = find_notebooks(notebooks, ["ok", "fails.ipynb", "ok"])
    assert [p.name for p in chosen] == ["ok.ipynb", "fails.ipynb"]


@pytest.mark.parametrize(
    ("name", "text", "item", "fragment"),
    [
        ("typo.yaml", "p_sucess: 0.5\n", "parameter name", "a parameter of 'ok.ipynb'"),
        ("type.yaml", "draws: many\n", "parameter 'draws'", "int as declared in 'ok.ipynb'"),
        ("bool.yaml", "draws: true\n", "parameter 'draws'", "int as declared"),
        ("boolf.yaml", "p_success: yes\n", "parameter 'p_success'", "float or int"),
        ("high.yaml", "p_success: 1.5\n", "parameter 'p_success'", "between 0 and 1"),
        ("low.yaml", "p_success: -0.01\n", "parameter 'p_success'", "between 0 and 1"),
        ("nan.yaml", "p_success: .nan\n", "parameter 'p_success'", "between 0 and 1"),
        ("cur.yaml", "currency: XYZ\n", "parameter 'currency'", "an ISO 4217 code with ECB"),
        ("norway.yaml", "currency: NO\n", "parameter 'currency'", "str as declared"),
        ("date.yaml", "label: 2024-01-02\n", "parameter 'label'", "quote dates"),
        ("reserved.yaml", "data_dir: /tmp\n", "parameter name", "the report runner sets it"),
        ("list.yaml", "- label\n", "parameter set", "a mapping of parameter names"),
        ("broken.yaml", "label: [unclosed\n", "parameter set", "readable UTF-8 YAML"),
        ("bad name.yaml", "", "parameter set name", "letters, digits"),
    ],
)
def test_a_bad_set_is_refused_naming_file_item_and_value(notebooks, name, text, item, fragment):
    path = _write_set(notebooks, "ok", name, text)
    with pytest.raises(ConfigError) as caught:
        load_param_sets(notebooks, notebooks / "params")
    err = caught.value
    assert err.item == item
    assert fragment in str(err)
    assert str(path.parent) in str(err)  # the file, or its folder, is named
    assert isinstance(err, ParameterError)


def test_an_unknown_notebook_is_refused_listing_the_known_ones(notebooks):
    with pytest.raises(ConfigError, match=r"notebook = 'nope'.*\(article_html, echo_params"):
        load_param_sets(notebooks, notebooks / "params", ["nope"])


def test_a_params_folder_or_file_that_fits_no_notebook_is_refused(notebooks):
    (notebooks / "params" / "okk").mkdir()
    with pytest.raises(ConfigError, match="parameter folder = 'okk'; expected a folder named"):
        load_param_sets(notebooks, notebooks / "params")
    (notebooks / "params" / "okk").rmdir()
    (notebooks / "params" / "ok-base.yaml").write_text("label: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"parameter file = 'ok-base.yaml'.*<notebook>/<set>"):
        load_param_sets(notebooks, notebooks / "params")


def test_an_empty_notebooks_folder_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="notebooks folder"):
        find_notebooks(tmp_path)


def test_naming_rules():
    assert is_probability("p_success") and is_probability("slip_probability")
    assert not is_probability("draws") and not is_probability("np_x")
    assert is_currency("currency") and is_currency("report_currency")
    assert not is_currency("currency_note")
    assert is_count("n_draws") and not is_count("draws")


@pytest.mark.parametrize("value", [0, -3, 2.5, True, "10"])
def test_a_count_below_one_or_not_whole_is_refused(value):
    declared = {"n_draws": {"inferred_type_name": "None", "default": "make()"}}
    with pytest.raises(ConfigError, match="parameter 'n_draws'.*a whole number of at least 1"):
        check_value("n_draws", value, declared, notebook=Path("n.ipynb"), source="s.yaml")
    check_value("n_draws", 1, declared, notebook=Path("n.ipynb"))


@pytest.mark.parametrize(
    ("spec", "good", "bad"),
    [
        ({"inferred_type_name": "float", "default": "0.5"}, [1, 0.25], ["1", True, None]),
        ({"inferred_type_name": "Optional[float]", "default": "None"}, [None, 2.0], ["x"]),
        ({"inferred_type_name": "int | None", "default": "None"}, [None, 3], [3.5, False]),
        ({"inferred_type_name": "list[str]", "default": "[]"}, [["a"], []], ["a", {}]),
        ({"inferred_type_name": "None", "default": "'EUR'"}, ["x"], [1]),  # from the default
        ({"inferred_type_name": "None", "default": "make()"}, ["x", 1, [2]], []),  # unknown
        ({"inferred_type_name": "Path", "default": "Path('.')"}, ["x", 1], []),  # unchecked
        ({"inferred_type_name": "bool", "default": "True"}, [False], [0, "true"]),
    ],
)
def test_declared_types(spec, good, bad):
    declared = {"x": spec}
    for value in good:
        check_value("x", value, declared, notebook=Path("n.ipynb"))
    for value in bad:
        with pytest.raises(ConfigError, match="parameter 'x'"):
            check_value("x", value, declared, notebook=Path("n.ipynb"))


def test_folder_checks_name_the_folder_and_the_reason(tmp_path):
    with pytest.raises(ConfigError, match="corpus folder.*does not exist"):
        check_corpus_dir(tmp_path / "missing")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="corpus folder.*it is a file"):
        check_corpus_dir(tmp_path / "file.txt")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="corpus folder.*it has none"):
        check_corpus_dir(tmp_path / "empty")
    assert check_corpus_dir(tmp_path) == tmp_path

    with pytest.raises(ConfigError, match=r"output folder = '.*file.txt/reports'.*written"):
        check_output_dir(tmp_path / "file.txt" / "reports")
    (tmp_path / "out" / "latest").mkdir(parents=True)
    with pytest.raises(ConfigError, match="not a symbolic link|a symbolic link to the published"):
        check_output_dir(tmp_path / "out")
    assert check_output_dir(tmp_path / "new" / "reports").is_dir()
    assert list((tmp_path / "new" / "reports").iterdir()) == []  # the write test left nothing
