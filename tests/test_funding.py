"""Funding-gap model on hand-made tables with hand-worked answers, then on the seeds."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.errors import ModelError
from analysis.funding import funding_gap


def _figures(rows):
    cols = [
        "annotation_id",
        "mission",
        "quantity",
        "label",
        "party",
        "status",
        "value_eur",
        "claim",
    ]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture
def small():
    return _figures(
        [
            ("t", "M", "total_cost", "total", "", "reported", 1000.0, ""),
            ("g", "M", "funding_gap", "gap", "", "reported", 200.0, "most"),
            ("a", "M", "funding_source", "a", "A", "secured", 50.0, ""),
            ("b", "M", "funding_source", "b", "B", "secured", 70.0, ""),
            ("c", "M", "funding_source", "c", "C", "potential", 40.0, ""),
            ("x", "Other", "funding_source", "x", "X", "secured", 999.0, ""),
        ]
    )


def test_hand_worked_gap(small):
    result = funding_gap(small, "M")
    assert result.total == 1000 and result.gap == 200
    assert result.identified == 160  # 50 + 70 + 40, the other mission's 999 excluded
    assert result.coverage == pytest.approx(0.8)
    assert result.residual == 40 and result.surplus == 0
    by_status = result.by_status.set_index("status")["amount"]
    assert by_status.to_dict() == {
        "secured": 120.0,
        "potential": 40.0,
        "conditional": 0.0,
        "reported": 0.0,
    }
    assert list(result.sources["share_of_gap"]) == pytest.approx([0.25, 0.35, 0.2])


def test_checks_table(small):
    checks = funding_gap(small, "M").checks.set_index("check")
    assert list(checks.columns) == ["expected", "observed", "passed", "source"]
    assert checks.loc["gap does not exceed total cost", "observed"] == pytest.approx(0.2)
    assert checks.loc["identified sources do not exceed the gap", "passed"]
    secured = checks.loc["claim 'most' of the gap holds for secured sources"]
    assert secured["observed"] == pytest.approx(0.6) and secured["passed"]
    assert secured["source"] == "g"


def test_claim_fails_when_secured_is_a_minority(small):
    # Move 'b' from secured to conditional: secured = 50 of 200 = 25 %, not "most".
    changed = small.assign(
        status=small["status"].mask(small["annotation_id"] == "b", "conditional")
    )
    checks = funding_gap(changed, "M").checks.set_index("check")
    secured = checks.loc["claim 'most' of the gap holds for secured sources"]
    assert secured["observed"] == pytest.approx(0.25) and not secured["passed"]
    assert checks.loc["claim 'most' of the gap holds for all identified sources", "passed"]


def test_surplus_when_sources_exceed_gap(small):
    bigger = small.assign(value_eur=small["value_eur"].mask(small["annotation_id"] == "c", 140.0))
    result = funding_gap(bigger, "M")
    assert result.identified == 260 and result.residual == 0 and result.surplus == 60
    assert result.coverage == pytest.approx(1.3)
    assert not result.checks.set_index("check").loc[
        "identified sources do not exceed the gap", "passed"
    ]


def test_summary_is_long_form(small):
    summary = funding_gap(small, "M").summary().set_index("measure")["value"]
    assert summary["residual"] == 40 and summary["secured_amount"] == 120


def test_mission_without_total_names_it(small):
    with pytest.raises(ModelError, match="mission 'M' has no total_cost"):
        funding_gap(small[small["quantity"] != "total_cost"], "M")


def test_mission_without_gap_names_it(small):
    with pytest.raises(ModelError, match="mission 'Nope' has no total_cost"):
        funding_gap(small, "Nope")
    with pytest.raises(ModelError, match="mission 'M' has no funding_gap"):
        funding_gap(small[small["quantity"] != "funding_gap"], "M")


def test_disagreeing_gaps_are_refused(small):
    extra = _figures([("g2", "M", "funding_gap", "gap", "", "reported", 300.0, "")])
    with pytest.raises(ModelError, match="disagree.*g=200.*g2=300"):
        funding_gap(pd.concat([small, extra], ignore_index=True), "M")


def test_repeated_equal_gap_is_fine(small):
    extra = _figures([("g2", "M", "funding_gap", "gap", "", "reported", 200.0, "")])
    assert funding_gap(pd.concat([small, extra], ignore_index=True), "M").gap == 200


def test_unknown_claim_and_missing_columns(small):
    with pytest.raises(ModelError, match="unknown claim 'plenty'"):
        funding_gap(
            small.assign(claim=small["claim"].mask(small["annotation_id"] == "g", "plenty")), "M"
        )
    with pytest.raises(ModelError, match="lacks column.*value_eur"):
        funding_gap(small.drop(columns="value_eur"), "M")


amounts = st.lists(st.floats(0, 1e10, allow_nan=False), min_size=0, max_size=8)


@given(sources=amounts, gap=st.floats(1e-3, 1e10, allow_nan=False))
def test_coverage_and_residual_never_negative(sources, gap):
    rows = [
        ("t", "M", "total_cost", "", "", "reported", 2e10, ""),
        ("g", "M", "funding_gap", "", "", "reported", gap, ""),
    ]
    rows += [
        (f"s{i}", "M", "funding_source", "", "", "secured", a, "") for i, a in enumerate(sources)
    ]
    result = funding_gap(_figures(rows), "M")
    assert result.coverage >= 0 and result.residual >= 0 and result.surplus >= 0
    assert result.residual - result.surplus == pytest.approx(gap - sum(sources), abs=1e-3)


def test_seed_exomars_gap():
    from support_figures import corpus_tables

    from analysis.figures import figures_for_corpus

    figures = figures_for_corpus(*corpus_tables())
    result = funding_gap(figures, "ExoMars", article="003_e7fef18789723566")
    # Seed 003 by hand: €1.2bn total, €350M gap, sources 30 + 90 + 50 + 120 = 290.
    assert (result.total, result.gap, result.identified) == (1.2e9, 350e6, 290e6)
    assert result.residual == 60e6 and result.surplus == 0
    statuses = result.sources.set_index("party")["status"].to_dict()
    assert statuses["Italy"] == "secured" and statuses["Romania and Poland"] == "secured"
    assert statuses["ESA Science Programme Committee"] == "potential"
    assert statuses["ESA and Roscosmos"] == "conditional"
    assert result.by_status.set_index("status")["amount"].to_dict() == {
        "secured": 120e6,
        "potential": 50e6,
        "conditional": 120e6,
        "reported": 0.0,
    }
    with pytest.raises(ModelError, match="mission 'JUICE' has no total_cost"):
        funding_gap(figures, "JUICE")
