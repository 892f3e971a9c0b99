"""Timeline: partial dates, events from articles and outcomes, and slips of plans."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest
from support_figures import corpus_tables, edit_file, write_yaml

from analysis import config
from analysis.errors import AnnotationError, ManifestError
from analysis.figures import build_events_table, figures_for_corpus
from analysis.timeline import (
    EVENT_COLUMNS,
    build_events,
    load_event_specs,
    load_outcomes,
    parse_partial_date,
    slips,
    years_between,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022", (dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year")),
        ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")),
        ("2023-04-14", (dt.date(2023, 4, 14), dt.date(2023, 4, 14), "day")),
        ("2013-06-18/2013-06-19", (dt.date(2013, 6, 18), dt.date(2013, 6, 19), "range")),
        ("--05", None),
        ("", None),
        ("2032 (planned)", None),
    ],
)
def test_parse_partial_date(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "years"),
    [
        ("2022", "2023-04-14", 1.0),  # year precision wins
        ("2018", "2020", 2.0),
        ("2013-02", "2013-06-18/2013-06-19", 4 / 12),
        ("2022-10", "2022-03-17", -7 / 12),
        ("2020-01-01", "2021-01-01", 366 / 365.25),
        ("", "2020", float("nan")),
    ],
)
def test_years_between(a, b, years):
    assert years_between(a, b) == pytest.approx(years, nan_ok=True)


def _events(rows):
    base = {c: "" for c in EVENT_COLUMNS}
    out = []
    for r in rows:
        parsed = parse_partial_date(r["date"])
        out.append({**base, "date_start": parsed[0].isoformat(), **r})
    return pd.DataFrame(out, columns=EVENT_COLUMNS)


def test_slips_hand_worked():
    events = _events(
        [
            {
                "event_id": "p1",
                "date": "2018",
                "planned_or_actual": "planned",
                "series": "s",
                "as_of": "2012-11-20",
            },
            {
                "event_id": "p3",
                "date": "2022-10",
                "planned_or_actual": "planned",
                "series": "s",
                "as_of": "2020-03-12",
            },
            {
                "event_id": "p2",
                "date": "2020",
                "planned_or_actual": "planned",
                "series": "s",
                "as_of": "2016-05-02",
            },
            {"event_id": "a", "date": "2023-01-15", "planned_or_actual": "actual", "series": "s"},
            {"event_id": "other", "date": "2030", "planned_or_actual": "planned", "series": ""},
        ]
    )
    table = slips(events).set_index("event_id")
    assert list(table.index) == ["p1", "p2", "p3"]  # ordered by when stated
    assert table["next_event_id"].tolist() == ["p2", "p3", "a"]
    assert table["slip_years"].tolist() == pytest.approx([2.0, 2.0, 3 / 12])
    assert table["slip_to_final_years"].tolist() == pytest.approx([5.0, 3.0, 3 / 12])
    assert set(table["final_planned_or_actual"]) == {"actual"}


def test_lower_bound_plan_does_not_slip():
    events = _events(
        [
            {
                "event_id": "p",
                "date": "2020",
                "planned_or_actual": "planned",
                "series": "s",
                "as_of": "2011-12-21",
                "qualifier": "after",
            },
            {"event_id": "a", "date": "2023-04-14", "planned_or_actual": "actual", "series": "s"},
        ]
    )
    assert slips(events)["slip_years"].tolist() == [0.0]


def test_series_without_actual_measures_to_latest_plan():
    events = _events(
        [
            {
                "event_id": "p1",
                "date": "2018",
                "planned_or_actual": "planned",
                "series": "s",
                "as_of": "2012",
            },
            {
                "event_id": "p2",
                "date": "2028",
                "planned_or_actual": "planned",
                "series": "s",
                "as_of": "2022",
            },
        ]
    )
    table = slips(events).set_index("event_id")
    assert table.loc["p1", "slip_to_final_years"] == 10
    assert pd.isna(table.loc["p2", "slip_years"]) and table.loc["p2", "final_event_id"] == "p2"


OUTCOMES = pd.DataFrame(
    {
        "id": ["O1", "O2", "O3"],
        "topic": ["t1", "t2", "t3"],
        "claim_in_seed": ["", "", ""],
        "outcome": [
            "It flew.",
            "On 12 March 2020 they moved it to an October 2022 window.",
            "Nothing.",
        ],
        "outcome_date": ["2016-03-14", "2020-03-12", ""],
        "resolved": ["yes", "yes", "unknown"],
        "source_url": ["https://a.example/1", "https://b.example/2", "https://c.example/3"],
    }
)


def _specs(tmp_path, text):
    return load_event_specs(write_yaml(tmp_path / "events.yaml", text))


SPEC = """\
- id: flew
  outcome_ref: O1
  kind: launch
  planned_or_actual: actual
  mission: M
  description: it flew
- id: moved
  outcome_ref: O2
  quote: "October 2022"
  kind: launch
  planned_or_actual: planned
  mission: M
  series: s
  description: moved
"""


def _no_figures():
    from analysis.figures import FIGURE_COLUMNS

    return pd.DataFrame(columns=FIGURE_COLUMNS)


def test_outcome_events_take_dates_from_the_outcome(tmp_path):
    events = build_events(_no_figures(), _specs(tmp_path, SPEC), OUTCOMES).set_index("event_id")
    flew, moved = events.loc["flew"], events.loc["moved"]
    assert (flew["date"], flew["date_precision"], flew["as_of"]) == ("2016-03-14", "day", "")
    assert flew["source"] == "https://a.example/1" and flew["source_type"] == "outcome"
    # The plan's date is quoted from the prose; it was stated on the outcome date.
    assert (moved["date"], moved["as_of"], moved["ref"]) == ("2022-10", "2020-03-12", "O2")
    assert list(events.index) == ["flew", "moved"]  # sorted by date


def test_changed_outcome_text_changes_the_event(tmp_path):
    changed = OUTCOMES.assign(
        outcome=OUTCOMES["outcome"].str.replace("October 2022", "October 2023")
    )
    text = SPEC.replace('quote: "October 2022"', 'quote: "October 2023"')
    events = build_events(_no_figures(), _specs(tmp_path, text), changed).set_index("event_id")
    assert events.loc["moved", "date"] == "2023-10"


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (("outcome_ref: O1", "outcome_ref: O9"), "outcome_ref"),
        (('quote: "October 2022"', 'quote: "November 2022"'), "quote"),
        (('quote: "October 2022"', 'quote: "moved it"'), "quote"),
        (("outcome_ref: O1", "outcome_ref: O3"), "outcome_ref"),  # no outcome_date, no quote
    ],
)
def test_bad_outcome_events_name_the_event(tmp_path, edit, field):
    specs = _specs(tmp_path, SPEC.replace(*edit))
    with pytest.raises(AnnotationError) as info:
        build_events(_no_figures(), specs, OUTCOMES)
    assert info.value.field == field and info.value.annotation_id in ("flew", "moved")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (SPEC.replace("  kind: launch\n", "", 1), "kind"),
        (
            SPEC.replace("planned_or_actual: actual", "planned_or_actual: maybe"),
            "planned_or_actual",
        ),
        (SPEC.replace("  mission: M\n", "  mission: M\n  date: 2016\n", 1), "date"),
        (SPEC + SPEC.split("- id: moved")[0], "id"),
    ],
)
def test_bad_event_specs(tmp_path, text, field):
    with pytest.raises(AnnotationError) as info:
        _specs(tmp_path, text)
    assert info.value.field == field and "events.yaml" in str(info.value)


def test_malformed_event_file(tmp_path):
    with pytest.raises(AnnotationError, match="malformed YAML"):
        _specs(tmp_path, "- id: [x\n")


def test_outcomes_table_checks(tmp_path):
    path = tmp_path / "outcomes.csv"
    OUTCOMES.drop(columns="source_url").to_csv(path, index=False)
    with pytest.raises(ManifestError, match="field 'source_url'"):
        load_outcomes(path)


# --- the seeds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_figures():
    return figures_for_corpus(*corpus_tables())


@pytest.fixture(scope="module")
def seed_events(seed_figures):
    return build_events_table(seed_figures)


def test_seed_events_have_sources(seed_events):
    assert list(seed_events.columns) == EVENT_COLUMNS
    assert seed_events["event_id"].is_unique
    article = seed_events[seed_events["source_type"] == "article"]
    outcome = seed_events[seed_events["source_type"] == "outcome"]
    assert article["source"].str.fullmatch(r"\d{3}_[0-9a-f]{16}").all()
    assert (article["quote"] != "").all()
    assert outcome["source"].str.startswith("http").all()
    assert (seed_events["date_start"] != "").all()
    assert seed_events["date_start"].is_monotonic_increasing


def test_seed_exomars_rover_slips(seed_events):
    rover = slips(seed_events).query("series == 'exomars-rover-launch'").set_index("event_id")
    # 2018 (seed 003) -> 2020 (O05) -> Aug-Oct 2022 (O06) -> 2028 (O09).
    assert rover["planned_date"].tolist() == ["2018", "2020", "2022-10", "2028"]
    assert rover["slip_years"].tolist()[:3] == [2.0, 2.0, 6.0]
    assert rover.loc["exomars-2018-leg", "slip_to_final_years"] == 10.0
    assert set(rover["final_planned_or_actual"]) == {"planned"}  # not launched yet


def test_seed_juice_slip(seed_events):
    juice = slips(seed_events).query("series == 'juice-launch'").set_index("event_id")
    assert juice.loc["juice-proton-2022", "next_date"] == "2023-04-14"
    assert juice.loc["juice-proton-2022", "slip_years"] == 1.0
    assert juice.loc["juice-launch-after-2020", "slip_to_final_years"] == 0.0  # "after 2020" held


def test_changed_outcome_date_changes_the_slip(tmp_path, seed_figures):
    outcomes = tmp_path / "outcomes.csv"
    shutil.copy(config.OUTCOMES_PATH, outcomes)
    edit_file(
        outcomes,
        ",2023-04-14,yes,https://www.ariane.group",
        ",2024-05-01,yes,https://www.ariane.group",
    )
    events = build_events_table(seed_figures, outcomes_path=outcomes)
    juice = slips(events).set_index("event_id")
    assert juice.loc["juice-proton-2022", "slip_years"] == 2.0


def test_events_schema(seed_events):
    from analysis import schemas
    from analysis.errors import SchemaError

    schemas.validate(seed_events, "events")
    with pytest.raises(SchemaError, match="planned_or_actual"):
        schemas.validate(seed_events.assign(planned_or_actual="maybe"), "events")
