"""Forecast scoring: Rogozin's 7-8 percent by hand, reference forecasters, bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.forecast import brier_score, log_loss, score_forecast, score_forecasts


def test_range_that_did_not_happen_hand_worked():
    # "7-8 percent" chance of a positive answer; the answer was no (outcome False).
    table = score_forecast(0.07, 0.08, False).set_index("forecaster")
    assert list(table.index) == ["stated_low", "stated_mid", "stated_high", "reference_50"]
    assert table["probability"].tolist() == pytest.approx([0.07, 0.075, 0.08, 0.5])
    assert table["brier"].tolist() == pytest.approx([0.0049, 0.005625, 0.0064, 0.25])
    assert table["log_loss"].tolist() == pytest.approx(
        [0.0725706928, 0.0779615415, 0.0833816089, 0.6931471806]
    )
    assert table.loc["stated_low", "brier_skill"] == pytest.approx(1 - 0.0049 / 0.25)
    assert table.loc["stated_high", "log_skill"] == pytest.approx(1 - 0.0833816089 / 0.6931471806)
    assert table.loc["reference_50", "brier_skill"] == 0.0
    assert not table["outcome"].any()


def test_same_range_had_it_happened():
    table = score_forecast(0.07, 0.08, True).set_index("forecaster")
    assert table.loc["stated_low", "brier"] == pytest.approx(0.93**2)
    assert table.loc["stated_low", "log_loss"] == pytest.approx(-math.log(0.07))
    assert table.loc["stated_mid", "brier_skill"] == pytest.approx(1 - 0.925**2 / 0.25)
    assert table.loc["stated_mid", "brier_skill"] < 0  # worse than a coin


def test_base_rate_forecaster_and_point_forecast():
    table = score_forecast(0.2, outcome=True, base_rate=0.25).set_index("forecaster")
    assert table.loc["stated_mid", "probability"] == 0.2
    assert table.loc["stated_high", "brier"] == pytest.approx(0.64)
    assert table.loc["base_rate", "brier"] == pytest.approx(0.5625)
    assert table.loc["base_rate", "log_loss"] == pytest.approx(math.log(4))


def test_certain_wrong_forecast_has_infinite_log_loss():
    assert log_loss(0.0, True) == math.inf
    assert brier_score(0.0, True) == 1.0
    table = score_forecast(0.0, 0.0, True).set_index("forecaster")
    assert table.loc["stated_mid", "log_skill"] == -math.inf


def test_numpy_inputs_are_accepted():
    table = score_forecast(np.float64(0.07), np.float64(0.08), np.bool_(False))
    assert table["brier"].iloc[0] == pytest.approx(0.0049)


def test_score_forecasts_long_table():
    forecasts = pd.DataFrame(
        {"id": ["r", "p"], "low": [0.07, 0.9], "high": [0.08, np.nan], "outcome": [False, True]}
    )
    table = score_forecasts(forecasts)
    assert len(table) == 8 and list(table.columns)[0] == "id"
    point = table[(table["id"] == "p") & (table["forecaster"] == "stated_high")]
    assert point["brier"].iloc[0] == pytest.approx(0.01)


@pytest.mark.parametrize(
    ("args", "kwargs", "name"),
    [
        ((1.5, None, False), {}, "p_low"),
        ((-0.01, 0.1, False), {}, "p_low"),
        ((0.07, 8.0, False), {}, "p_high"),
        ((0.08, 0.07, False), {}, "p_high"),
        ((math.nan, None, False), {}, "p_low"),
        ((0.07, 0.08, "no"), {}, "outcome"),
        ((0.07, 0.08, 2), {}, "outcome"),
        ((0.07, 0.08, False), {"base_rate": 1.2}, "base_rate"),
    ],
)
def test_bad_input_names_the_parameter(args, kwargs, name):
    with pytest.raises(ParameterError, match=f"parameter '{name}'"):
        score_forecast(*args, **kwargs)


def test_seed_rogozin_odds():
    from support_figures import corpus_tables

    from analysis.figures import figures_for_corpus
    from analysis.forecast import forecasts_with_outcomes
    from analysis.hindsight import hindsight_table
    from analysis.timeline import load_outcomes

    figures = figures_for_corpus(*corpus_tables())
    stated = forecasts_with_outcomes(figures, hindsight_table(figures, load_outcomes()))
    assert stated.to_dict("records") == [
        {"id": "rogozin-odds", "low": 0.07, "high": 0.08, "outcome": False}
    ]
    table = score_forecasts(stated).set_index("forecaster")
    assert table.loc["stated_mid", "brier"] == pytest.approx(0.075**2)
    assert table.loc["stated_mid", "brier_skill"] == pytest.approx(1 - 0.075**2 / 0.25)
