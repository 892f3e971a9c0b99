"""Monte Carlo coverage: hand-worked answers, convergence, sensitivity, speed and bad input."""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import ModelError, ParameterError
from analysis.uncertainty import (
    DEFAULT_PROBABILITIES,
    exact_outcome,
    sensitivity,
    simulate_coverage,
    validate_probabilities,
)


@pytest.fixture
def two():
    # A sure 100 (secured forced to 1) and an even-odds 50; the gap is 150.
    return pd.DataFrame(
        {"label": ["a", "b"], "amount": [100.0, 50.0], "status": ["secured", "potential"]}
    )


SURE = {"secured": 1.0, "potential": 0.5}


def test_hand_worked_two_sources(two):
    result = simulate_coverage(two, 150.0, SURE, n_draws=200_000, seed=7)
    # Raised is 100 or 150 with probability 1/2 each.
    assert result.analytic_mean == 125.0
    assert result.analytic_std == pytest.approx(25.0)  # sqrt(0.25 * 50**2)
    assert set(result.distribution["amount"]) == {100.0, 150.0}
    se_p = math.sqrt(0.25 / 200_000)
    assert abs(result.p_closed - 0.5) < 5 * se_p
    assert abs(result.expected_residual - 25.0) < 5 * 50 * se_p  # residual is 50 or 0
    assert abs(result.mean - 125.0) < 5 * result.se
    assert result.expected_coverage == pytest.approx((100 + 150) / 2 / 150, abs=0.01)
    assert result.distribution["probability"].sum() == pytest.approx(1.0)
    assert result.distribution["closes_gap"].tolist() == [False, True]


def test_exact_outcome_hand_worked(two):
    exact = exact_outcome(two, 150.0, SURE)
    assert exact == {"mean": 125.0, "p_closed": 0.5, "expected_residual": 25.0}
    # Float sums must still close the gap: 0.1 + 0.2 reaches 0.3.
    tiny = pd.DataFrame({"amount": [0.1, 0.2], "status": ["secured", "secured"]})
    assert exact_outcome(tiny, 0.3, {"secured": 1.0})["p_closed"] == 1.0


def test_certain_sources_give_a_point_mass(two):
    result = simulate_coverage(two, 120.0, {"secured": 1.0, "potential": 0.0}, n_draws=1000)
    assert result.mean == 100.0 and result.std == 0.0 and result.p_closed == 0.0
    assert result.expected_residual == 20.0
    assert result.quantiles["amount"].tolist() == [100.0] * 5


def test_quantiles_are_attainable_amounts(two):
    result = simulate_coverage(two, 150.0, SURE, n_draws=10_000, seed=3)
    assert set(result.quantiles["amount"]) <= {100.0, 150.0}


def test_seed_reproducible_and_changes_draws(two):
    a = simulate_coverage(two, 150.0, n_draws=5000, seed=11)
    b = simulate_coverage(two, 150.0, n_draws=5000, seed=11)
    c = simulate_coverage(two, 150.0, n_draws=5000, seed=12)
    assert np.array_equal(a.draws, b.draws)
    assert not np.array_equal(a.draws, c.draws)


def test_blocks_do_not_change_the_stream(two, monkeypatch):
    import analysis.uncertainty as unc

    whole = simulate_coverage(two, 150.0, n_draws=1001, seed=5).draws
    monkeypatch.setattr(unc, "_BLOCK_ELEMENTS", 6)  # 3 draws per block
    assert np.array_equal(simulate_coverage(two, 150.0, n_draws=1001, seed=5).draws, whole)


def test_changing_a_probability_moves_the_result(two):
    low = simulate_coverage(two, 150.0, {"potential": 0.2}, n_draws=50_000, seed=1)
    high = simulate_coverage(two, 150.0, {"potential": 0.8}, n_draws=50_000, seed=1)
    assert high.p_closed > low.p_closed + 0.5
    assert high.analytic_mean - low.analytic_mean == pytest.approx(0.6 * 50)


def test_no_sources_means_nothing_raised():
    empty = pd.DataFrame(
        {"amount": pd.Series([], dtype="float64"), "status": pd.Series([], dtype="str")}
    )
    result = simulate_coverage(empty, 10.0, n_draws=100)
    assert result.mean == 0 and result.expected_residual == 10.0 and result.p_closed == 0


def test_sensitivity_hand_worked():
    sources = pd.DataFrame(
        {"label": ["s", "c"], "amount": [40.0, 100.0], "status": ["secured", "conditional"]}
    )
    probs = {"secured": 0.9, "conditional": 0.25}
    table = sensitivity(sources, 120.0, probs).set_index("source")
    base = 0.9 * 40 + 0.25 * 100  # 61
    assert table["expected_base"].tolist() == pytest.approx([base, base])
    assert table.loc["c", "expected_low"] == pytest.approx(36.0)
    assert table.loc["c", "expected_high"] == pytest.approx(136.0)
    assert table.loc["s", "expected_low"] == pytest.approx(25.0)
    assert table.loc["s", "expected_high"] == pytest.approx(65.0)
    # Gap 120 closes only if both come: P = 0.9 * 0.25; forcing c to 1 gives 0.9.
    assert table.loc["c", "p_closed_high"] == pytest.approx(0.9)
    assert table.loc["c", "p_closed_low"] == 0.0
    assert table.loc["s", "p_closed_high"] == pytest.approx(0.25)
    assert list(table.index) == ["c", "s"]  # largest swing first
    assert table.loc["c", "coverage_high"] == pytest.approx(136 / 120)


def test_one_million_draws_well_under_a_second():
    sources = pd.DataFrame(
        {
            "amount": [30.0, 90.0, 50.0, 120.0],
            "status": ["secured", "secured", "potential", "conditional"],
        }
    )
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        simulate_coverage(sources, 350.0, n_draws=1_000_000, seed=0)
        best = min(best, time.perf_counter() - start)
    assert best < 1.0, f"1,000,000 draws took {best:.3f} s"


@pytest.mark.parametrize("bad", [1.5, -0.1, math.nan, "0.5", True])
def test_probability_outside_unit_interval(two, bad):
    with pytest.raises(ParameterError) as info:
        simulate_coverage(two, 150.0, {"potential": bad}, n_draws=10)
    assert "probabilities['potential']" in str(info.value)
    assert repr(bad) in str(info.value)


def test_unknown_status_in_parameters_and_in_sources(two):
    with pytest.raises(ParameterError, match="probabilities\\['pledged'\\]"):
        validate_probabilities({"pledged": 0.5})
    odd = two.assign(status=["secured", "rumoured"])
    with pytest.raises(ParameterError, match="'rumoured'.*'status'"):
        sensitivity(odd, 150.0)


@pytest.mark.parametrize(
    ("kwargs", "name"), [({"n_draws": 0}, "n_draws"), ({"n_draws": 2.5}, "n_draws")]
)
def test_bad_draw_count(two, kwargs, name):
    with pytest.raises(ParameterError, match=name):
        simulate_coverage(two, 150.0, **kwargs)


def test_bad_gap_and_amounts(two):
    with pytest.raises(ParameterError, match="'gap'"):
        simulate_coverage(two, 0.0)
    with pytest.raises(ModelError, match="non-negative"):
        simulate_coverage(two.assign(amount=[-1.0, 2.0]), 10.0)


def test_defaults_are_probabilities():
    assert all(0 <= p <= 1 for p in DEFAULT_PROBABILITIES.values())
    assert validate_probabilities(None) == DEFAULT_PROBABILITIES


amount_lists = st.lists(st.floats(0, 1e9, allow_nan=False), min_size=1, max_size=6)
statuses = st.sampled_from(sorted(DEFAULT_PROBABILITIES))


@settings(max_examples=25, deadline=None)
@given(
    data=st.data(),
    amounts=amount_lists,
    gap=st.floats(1.0, 2e9),
    seed=st.integers(0, 2**32 - 1),
)
def test_monte_carlo_mean_converges_to_analytic(data, amounts, gap, seed):
    status = data.draw(st.lists(statuses, min_size=len(amounts), max_size=len(amounts)))
    sources = pd.DataFrame({"amount": amounts, "status": status})
    n = 20_000
    result = simulate_coverage(sources, gap, n_draws=n, seed=seed)
    expected = sum(DEFAULT_PROBABILITIES[s] * a for s, a in zip(status, amounts, strict=True))
    assert result.analytic_mean == pytest.approx(expected)
    se = result.analytic_std / math.sqrt(n)
    assert abs(result.mean - expected) <= 5 * se + 1e-6 * max(expected, 1.0)
    assert 0.0 <= result.p_closed <= 1.0
    assert result.expected_residual >= 0 and (result.draws >= 0).all()
    assert 0.0 <= result.expected_coverage <= 1.0


def test_seed_exomars_sources():
    from support_figures import corpus_tables

    from analysis.figures import figures_for_corpus
    from analysis.funding import funding_gap

    gap = funding_gap(figures_for_corpus(*corpus_tables()), "ExoMars")
    result = simulate_coverage(gap.sources, gap.gap, n_draws=100_000, seed=42)
    # By hand with the defaults: 0.95*30 + 0.95*90 + 0.5*50 + 0.3*120 = 175 (€M).
    assert result.analytic_mean == pytest.approx(175e6)
    assert abs(result.mean - 175e6) < 5 * result.se
    # All four together give 290 < 350: the gap cannot close.
    assert result.p_closed == 0.0 and result.distribution["amount"].max() == 290e6
    assert result.expected_residual == pytest.approx(350e6 - result.mean)
    table = sensitivity(gap.sources, gap.gap).set_index("source")
    top = table.index[0]
    assert "Ganymede" in top  # the €120M launch savings swing most
    assert table.loc[top, "expected_low"] == pytest.approx(175e6 - 0.3 * 120e6)


@settings(max_examples=20, deadline=None)
@given(
    amounts=st.lists(st.integers(0, 100).map(float), min_size=1, max_size=5),
    n=st.integers(1, 3000),
    seed=st.integers(0, 1000),
)
def test_quantiles_match_numpy_inverse_cdf(amounts, n, seed):
    sources = pd.DataFrame({"amount": amounts, "status": ["potential"] * len(amounts)})
    qs = (0.0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1.0)
    result = simulate_coverage(sources, 50.0, n_draws=n, seed=seed, quantiles=qs)
    expected = np.quantile(result.draws, qs, method="inverted_cdf")
    assert result.quantiles["amount"].tolist() == expected.tolist()
