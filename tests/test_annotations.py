"""Curated annotations: validation of the file, and linking each entry to one extracted figure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support_figures import corpus_tables, edit_file, write_yaml

from analysis import config
from analysis.annotations import (
    COLUMNS,
    find_quote,
    link_annotations,
    load_annotations,
)
from analysis.errors import AnnotationError

EXOMARS = "003_e7fef18789723566"
ENTRY = """\
- id: {id}
  article: {article}
  quote: "{quote}"
  mission: ExoMars
  quantity: {quantity}
  label: test
{extra}"""


def _entry(
    id="a",
    article=EXOMARS,
    quote="€30 million",
    quantity="funding_source",
    extra="  status: secured\n",
):
    return ENTRY.format(id=id, article=article, quote=quote, quantity=quantity, extra=extra)


@pytest.fixture(scope="module")
def seeds():
    return corpus_tables()


@pytest.fixture(scope="module")
def real():
    return load_annotations(config.ANNOTATIONS_PATH)


# --- the curated file --------------------------------------------------------------


def test_real_file_loads_with_its_columns(real):
    assert list(real.columns) == COLUMNS
    assert real["id"].is_unique
    assert (real["occurrence"] >= 1).all()


def test_every_annotated_article_is_a_seed(real):
    stems = {p.stem for p in config.SEEDS_DIR.glob("*.txt")}
    assert set(real["article"]) <= stems


def test_gap_sources_carry_the_articles_wording(real):
    # Issue 3: Italy and new-entrant fees secured, SPC potential, launch savings conditional.
    sources = real[real["quantity"] == "funding_source"].set_index("quote")
    assert sources["status"].to_dict() == {
        "€30 million": "secured",
        "€90 million": "secured",
        "€50 million": "potential",
        "€120 million": "conditional",
    }
    assert "Ganymede" in sources.loc["€120 million", "condition"]


def test_yaml_booleans_read_as_yes_no(tmp_path):
    path = write_yaml(
        tmp_path / "a.yaml",
        _entry(extra="  status: secured\n  outcome_ref: O15\n  materialised: yes\n"),
    )
    assert load_annotations(path).loc[0, "materialised"] == "yes"


def test_defaults(tmp_path):
    path = write_yaml(
        tmp_path / "a.yaml", _entry(quote="€1.2 billion", quantity="total_cost", extra="")
    )
    row = load_annotations(path).iloc[0]
    assert row["status"] == "reported" and row["occurrence"] == 1 and row["as_of"] == ""


# --- malformed files -----------------------------------------------------------------


def test_malformed_yaml_names_the_file(tmp_path):
    path = write_yaml(tmp_path / "bad.yaml", "- id: a\n  quote: [unclosed\n")
    with pytest.raises(AnnotationError) as info:
        load_annotations(path)
    assert "bad.yaml" in str(info.value) and "malformed YAML" in str(info.value)


def test_impossible_unquoted_date_is_malformed_yaml(tmp_path):
    path = write_yaml(tmp_path / "d.yaml", _entry(extra="  status: secured\n  as_of: 2012-13-40\n"))
    with pytest.raises(AnnotationError, match="d.yaml.*malformed YAML: month must be in 1..12"):
        load_annotations(path)


def test_not_a_list(tmp_path):
    with pytest.raises(AnnotationError, match="expected a YAML list"):
        load_annotations(write_yaml(tmp_path / "a.yaml", "id: a\n"))


def test_missing_file(tmp_path):
    with pytest.raises(AnnotationError, match="file not found"):
        load_annotations(tmp_path / "nope.yaml")


def test_missing_field_names_id_and_field(tmp_path):
    text = _entry().replace("  label: test\n", "")
    with pytest.raises(AnnotationError) as info:
        load_annotations(write_yaml(tmp_path / "a.yaml", text))
    err = info.value
    assert (err.annotation_id, err.field) == ("a", "label")
    assert "a.yaml" in str(err) and "missing required field" in str(err)


def test_entry_without_id_is_named_by_position(tmp_path):
    text = _entry() + "- article: x\n  quote: y\n"
    with pytest.raises(AnnotationError, match="annotation '#2'.*field 'id'"):
        load_annotations(write_yaml(tmp_path / "a.yaml", text))


@pytest.mark.parametrize(
    ("extra", "field", "value"),
    [
        ("  status: pledged\n", "status", "pledged"),
        ("  status: secured\n  claim: plenty\n", "claim", "plenty"),
        ("  status: secured\n  occurrence: 0\n", "occurrence", "0"),
        ("  status: secured\n  as_of: '2012-13-40'\n", "as_of", "2012-13-40"),
        ("  status: secured\n  outcome_ref: 15\n", "outcome_ref", "15"),
        ("  status: secured\n  outcome_ref: O15\n  materialised: maybe\n", "materialised", "maybe"),
    ],
)
def test_bad_values_name_id_field_and_value(tmp_path, extra, field, value):
    with pytest.raises(AnnotationError) as info:
        load_annotations(write_yaml(tmp_path / "a.yaml", _entry(extra=extra)))
    assert info.value.field == field and info.value.annotation_id == "a"
    assert value in str(info.value)


def test_unknown_quantity_and_unknown_field(tmp_path):
    with pytest.raises(AnnotationError, match="field 'quantity': unknown value 'price'"):
        load_annotations(write_yaml(tmp_path / "a.yaml", _entry(quantity="price")))
    with pytest.raises(AnnotationError, match="field 'stauts': unknown field"):
        load_annotations(write_yaml(tmp_path / "b.yaml", _entry(extra="  stauts: secured\n")))


def test_source_needs_status_and_ref_needs_materialised(tmp_path):
    with pytest.raises(AnnotationError, match="field 'status': a funding_source needs a status"):
        load_annotations(write_yaml(tmp_path / "a.yaml", _entry(extra="")))
    with pytest.raises(AnnotationError, match="field 'materialised'"):
        load_annotations(
            write_yaml(tmp_path / "b.yaml", _entry(extra="  status: secured\n  outcome_ref: O15\n"))
        )


def test_duplicate_id(tmp_path):
    text = _entry() + _entry(quote="€90 million")
    with pytest.raises(AnnotationError, match="annotation 'a'.*field 'id': duplicate id"):
        load_annotations(write_yaml(tmp_path / "a.yaml", text))


def test_duplicate_quote_position(tmp_path):
    text = _entry() + _entry(id="b")
    with pytest.raises(AnnotationError, match="annotation 'b'.*duplicates annotation 'a'"):
        load_annotations(write_yaml(tmp_path / "a.yaml", text))


def test_conversion_must_name_an_existing_annotation(tmp_path):
    text = _entry(
        quote="$1.5 billion", quantity="total_cost_conversion", extra="  converts: nope\n"
    )
    with pytest.raises(AnnotationError, match="field 'converts': no annotation with id 'nope'"):
        load_annotations(write_yaml(tmp_path / "a.yaml", text))


# --- linking ---------------------------------------------------------------------------


def test_find_quote_occurrences():
    assert find_quote("a €5m and €5m", "€5m", 1) == (2, 5)
    assert find_quote("a €5m and €5m", "€5m", 2) == (10, 13)
    assert find_quote("a €5m and €5m", "€5m", 3) is None


def test_real_annotations_link_one_to_one(real, seeds):
    texts, mentions, _ = seeds
    linked = link_annotations(real, mentions, texts)
    assert len(linked) == len(real) and linked["mention_id"].is_unique
    for row in linked.itertuples():
        # The mention sits exactly where the quote's occurrence is.
        start, end = find_quote(texts[row.article], row.quote, row.occurrence)
        assert row.start <= start and end <= row.end
        assert texts[row.article][row.start : row.end] == row.surface


def test_second_occurrence_links_to_the_second_figure(real, seeds):
    texts, mentions, _ = seeds
    linked = link_annotations(real, mentions, texts).set_index("id")
    first, second = (
        linked.loc["exomars-gap", "start"],
        linked.loc["exomars-gap-mostly-secured", "start"],
    )
    text = texts[EXOMARS]
    assert first == text.index("€350 million") and second == text.index("€350 million", first + 1)
    assert linked.loc["exomars-gap", "qualifier"] == "nearly"
    assert linked.loc["rogozin-odds", "low"] == 0.07 and linked.loc["rogozin-odds", "high"] == 0.08


def _link_one(tmp_path, seeds, text):
    texts, mentions, _ = seeds
    return link_annotations(
        load_annotations(write_yaml(tmp_path / "a.yaml", text)), mentions, texts
    )


def test_quote_not_in_article(tmp_path, seeds):
    with pytest.raises(
        AnnotationError, match="annotation 'a'.*quote '€31 million' is not in article"
    ):
        _link_one(tmp_path, seeds, _entry(quote="€31 million"))


def test_occurrence_beyond_count(tmp_path, seeds):
    text = _entry(quote="€350 million", quantity="funding_gap", extra="  occurrence: 3\n")
    with pytest.raises(AnnotationError, match="occurs 2 time\\(s\\).*not 3"):
        _link_one(tmp_path, seeds, text)


def test_quote_with_no_extracted_figure(tmp_path, seeds):
    with pytest.raises(
        AnnotationError, match="annotation 'a'.*no single extracted figure.*'Proton'"
    ):
        _link_one(tmp_path, seeds, _entry(quote="Proton", quantity="total_cost", extra=""))


def test_unknown_article(tmp_path, seeds):
    with pytest.raises(
        AnnotationError, match="field 'article': article '999_x' is not in the corpus"
    ):
        _link_one(tmp_path, seeds, _entry(article="999_x"))


def test_wrong_kind_for_quantity(tmp_path, seeds):
    text = _entry(quote="2016", quantity="total_cost", extra="")
    with pytest.raises(
        AnnotationError, match="'total_cost' needs a money figure, but '2016' is a year"
    ):
        _link_one(tmp_path, seeds, text)


def test_two_annotations_on_one_figure(tmp_path, seeds):
    text = _entry() + _entry(id="b", quote="30 million")
    with pytest.raises(AnnotationError, match="annotation 'b'.*same figure .* as annotation 'a'"):
        _link_one(tmp_path, seeds, text)


def test_changed_article_breaks_the_link(tmp_path, seed_copy):
    # The article now says €31 million: the annotation quoting €30 million must fail.
    edit_file(seed_copy / f"{EXOMARS}.txt", "€30 million", "€31 million")
    texts, mentions, _ = corpus_tables(seed_copy)
    with pytest.raises(
        AnnotationError, match="exomars-source-italy.*'€30 million' is not in article"
    ):
        link_annotations(load_annotations(config.ANNOTATIONS_PATH), mentions, texts)


def test_copied_annotation_file_still_links(tmp_path, seeds):
    copy = tmp_path / "annotations.yaml"
    shutil.copy(config.ANNOTATIONS_PATH, copy)
    texts, mentions, _ = seeds
    assert len(link_annotations(load_annotations(Path(copy)), mentions, texts)) > 20
