"""A corpus without the figures a report analyses: the report is skipped, the run publishes."""

from __future__ import annotations

import shutil

import pytest

from analysis import config, forecast, funding, hindsight, tables, timeline
from analysis.errors import ManifestWarning, ModelError, NoDataError
from analysis.reports import run_reports


def test_a_mission_without_figures_is_no_data_and_still_a_model_error():
    figures = tables.load_tables().figures
    with pytest.raises(NoDataError, match="'Ramses' has no total_cost"):
        funding.funding_gap(figures, "Ramses")
    assert issubclass(NoDataError, ModelError)


def test_stated_forecast_joins_the_statement_and_its_outcome():
    figures = tables.load_tables().figures
    settled = hindsight.hindsight_table(figures, timeline.load_outcomes())
    stated = forecast.stated_forecast(figures, settled, "rogozin-odds")
    assert (stated["low"], stated["high"], bool(stated["outcome"])) == (0.07, 0.08, False)
    assert stated["outcome_date"] == "2022-07-12" and stated["source_url"].startswith("https://")
    with pytest.raises(NoDataError, match="no settled forecast 'nope'"):
        forecast.stated_forecast(figures, settled, "nope")


@pytest.mark.slow
def test_a_report_whose_subject_is_absent_is_skipped_and_the_run_publishes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(config.SEEDS_DIR / "000_68b91a6bcf91f8a5.txt", corpus)
    (corpus / "note.txt").write_text("JAXA gets ¥155 billion in FY2025.\n", encoding="utf-8")
    params = tmp_path / "params" / "02-exomars-funding-gap"
    params.mkdir(parents=True)
    (params / "base.yaml").write_text("currency: EUR\n", encoding="utf-8")

    with pytest.warns(ManifestWarning, match="no manifest"):
        status = run_reports(
            seeds_dir=corpus,
            output_dir=tmp_path / "reports",
            notebooks=["02-exomars-funding-gap"],
            params_dir=tmp_path / "params",
        )

    assert status == 0
    index = (tmp_path / "reports" / "latest" / "index.html").read_text(encoding="utf-8")
    assert "skipped: NoDataError: mission &#x27;ExoMars&#x27; has no total_cost" in index
    assert "1 report(s) skipped" in index
