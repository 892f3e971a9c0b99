"""Loading the tidy tables: the validated fast path, its fall-back, and the table helpers."""

from __future__ import annotations

import shutil
import sys

import pandas as pd
import pytest

from analysis import config, schemas, tables
from analysis.errors import ParameterError, SchemaError
from analysis.tables_io import RECORD_NAME, read_validated


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(config.PROCESSED_DIR, folder)
    return folder


def test_recorded_tables_read_back_exactly_as_the_schema_reader_types_them(data_copy):
    for name in tables.Tables._fields:
        fast = read_validated(data_copy, name)
        assert fast is not None, name
        pd.testing.assert_frame_equal(fast, schemas.read_table(data_copy / f"{name}.csv", name))


def test_a_changed_table_is_not_trusted_and_a_broken_one_fails_its_schema(data_copy):
    path = data_copy / "mentions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",EUR,", ",XEUR,", 1), "utf-8")
    assert read_validated(data_copy, "mentions") is None
    with pytest.raises(SchemaError, match="mentions"):
        tables.load_tables(data_copy)


def test_without_a_record_every_table_is_checked_and_still_loads(data_copy):
    (data_copy / RECORD_NAME).unlink()
    loaded = tables.load_tables(data_copy)
    assert len(loaded.articles) == 5 and "pandera" in sys.modules


def test_a_folder_without_tables_names_the_parameter(tmp_path):
    with pytest.raises(ParameterError, match="data_dir"):
        tables.load_tables(tmp_path)


def test_amounts_in_another_currency_use_the_rate_of_the_publication_date():
    figures = tables.load_tables().figures
    gbp = tables.with_amounts_in(figures, "GBP")
    row = gbp.set_index("annotation_id").loc["exomars-total-cost"]
    # 1.2 billion euros at the ECB EUR/GBP reference rate of 2012-11-20 (0.80465)
    assert row["value_gbp"] == pytest.approx(1.2e9 * 0.80465, rel=1e-4)
    assert gbp.loc[gbp["kind"] != "money", "value_gbp"].isna().all()


def test_contributions_count_each_kind_per_article_like_a_plain_crosstab():
    data = tables.load_tables()
    counts = tables.article_contributions(data.articles, data.mentions, data.figures)
    expected = pd.crosstab(data.mentions["article_id"], data.mentions["kind"])
    for kind in expected.columns:
        assert counts.set_index("article_id")[kind].to_dict() == expected[kind].to_dict()
    assert counts["annotated"].sum() == len(data.figures)


def test_traceability_flags_a_mention_whose_offsets_do_not_hold():
    mentions = tables.load_tables().mentions
    assert tables.check_traceability(mentions).empty
    broken = mentions.copy()
    broken.loc[0, "start"] += 1
    assert list(tables.check_traceability(broken).index) == [0]
