"""The timeline: planned and actual events, from the articles and from the outcomes table.

Two sources, each keeping its provenance:

- **articles**: every annotated figure whose quantity is dated (a planned
  launch, a meeting, an agreement...; see ``annotations.QUANTITIES``). Its date
  is the extracted year or date, its source the article id and quote.
- **outcomes**: the curated list ``data/reference/events.yaml`` picks rows of
  ``outcomes.csv`` and says what kind of event each is. The date is the row's
  ``outcome_date`` or, for a plan stated in the outcome's prose ("aim for a 2028
  launch"), the figure quoted from that prose, extracted like article figures;
  the plan's as-of date is then the row's ``outcome_date``. The source is the
  row's ``source_url``.

No date is typed in this module or in events.yaml: each comes from a text.

:func:`slips` pairs the plans of one ``series`` (e.g. ``exomars-rover-launch``)
in the order they were announced and measures how far each slipped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import yaml

from analysis import config
from analysis.annotations import QUANTITIES, find_quote, pick_mention
from analysis.errors import AnnotationError, ManifestError, ModelError, ParameterError
from analysis.extract import extract_mentions

EVENTS_PATH = config.REFERENCE_DIR / "events.yaml"
OUTCOME_COLUMNS = [
    "id",
    "topic",
    "claim_in_seed",
    "outcome",
    "outcome_date",
    "resolved",
    "source_url",
]
EVENT_COLUMNS = [
    "event_id",
    "date",
    "date_precision",
    "date_start",
    "date_end",
    "kind",
    "planned_or_actual",
    "mission",
    "series",
    "qualifier",
    "status",
    "description",
    "as_of",
    "source_type",
    "source",
    "quote",
    "ref",
]
SPEC_REQUIRED = ("id", "outcome_ref", "kind", "planned_or_actual", "mission", "description")
SPEC_OPTIONAL = ("series", "quote", "occurrence", "note")
LOWER_BOUNDS = ("after", "not before", "no earlier than", "beyond")  # not "from": "from X to Y"
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# --- dates ---------------------------------------------------------------------------


def parse_partial_date(text: str) -> tuple[dt.date, dt.date, str] | None:
    """First day, last day and precision of "2022", "2022-10", "2023-04-14" or "A/B".

    Returns None for an empty or year-less date ("--05", when the year is unknown).
    """
    text = (text or "").strip()
    if not text:
        return None
    if "/" in text:
        first, last = (parse_partial_date(part) for part in text.split("/", 1))
        if first is None or last is None:
            return None
        return first[0], last[1], "range"
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if day is None:
        return (
            dt.date(year, month, 1),
            dt.date(year, month, calendar.monthrange(year, month)[1]),
            "month",
        )
    return dt.date(year, month, day), dt.date(year, month, day), "day"


def _mention_date(kind: str, value: float, date: str) -> str:
    if kind == "year":
        return str(int(value))
    return date if parse_partial_date(date) else ""


_RANK = {"day": 0, "range": 0, "month": 1, "year": 2}


def years_between(a: str, b: str) -> float:
    """Signed years from date `a` to date `b`, compared at the coarser of their precisions.

    "2022" -> "2023-04-14" is 1.0 (year precision); "2013-02" -> "2013-06-18" is
    4/12; two days are compared in days / 365.25. Ranges count from their start.
    """
    pa_, pb = parse_partial_date(a), parse_partial_date(b)
    if pa_ is None or pb is None:
        return float("nan")
    (da, _, prec_a), (db, _, prec_b) = pa_, pb
    coarse = max(_RANK[prec_a], _RANK[prec_b])
    if coarse == 2:
        return float(db.year - da.year)
    if coarse == 1:
        return ((db.year - da.year) * 12 + db.month - da.month) / 12
    return (db - da).days / 365.25


# --- inputs --------------------------------------------------------------------------


def load_outcomes(path: str | Path = config.OUTCOMES_PATH) -> pd.DataFrame:
    """Read ``outcomes.csv`` as text columns, checking its columns and unique ids."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(path, "-", "file not found") from None
    missing = [c for c in OUTCOME_COLUMNS if c not in frame.columns]
    if missing:
        raise ManifestError(path, missing[0], "missing column")
    if not frame["id"].is_unique:
        dup = frame.loc[frame["id"].duplicated(), "id"].iloc[0]
        raise ManifestError(path, "id", f"duplicate id {dup!r}")
    return frame.loc[:, OUTCOME_COLUMNS]


def load_event_specs(path: str | Path | None = None) -> pd.DataFrame:
    """Read the curated outcome events (``data/reference/events.yaml``).

    Raises
    ------
    AnnotationError
        Malformed YAML, a missing or unknown field, or a bad value, naming the
        event id, the field and the file.
    """
    path = Path(path) if path is not None else EVENTS_PATH
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except FileNotFoundError:
        raise AnnotationError("-", "-", "file not found", path) from None
    except (yaml.YAMLError, ValueError) as err:
        raise AnnotationError(
            "-", "-", f"malformed YAML: {' '.join(str(err).split())}", path
        ) from err
    if not isinstance(raw, list):
        raise AnnotationError("-", "-", "expected a YAML list of events", path)
    rows, seen = [], set()
    for i, entry in enumerate(raw):
        where = str(entry.get("id", f"#{i + 1}")) if isinstance(entry, dict) else f"#{i + 1}"
        if not isinstance(entry, dict):
            raise AnnotationError(where, "-", "entry is not a mapping", path)
        unknown = sorted(set(entry) - set(SPEC_REQUIRED) - set(SPEC_OPTIONAL))
        if unknown:
            raise AnnotationError(where, unknown[0], "unknown field", path)
        row = {f: str(entry.get(f) or "").strip() for f in (*SPEC_REQUIRED, *SPEC_OPTIONAL)}
        for field in SPEC_REQUIRED:
            if not row[field]:
                raise AnnotationError(where, field, "missing required field", path)
        if row["planned_or_actual"] not in ("planned", "actual"):
            raise AnnotationError(
                where,
                "planned_or_actual",
                f"expected planned or actual, got {row['planned_or_actual']!r}",
                path,
            )
        occurrence = entry.get("occurrence", 1)
        if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
            raise AnnotationError(
                where, "occurrence", f"expected a positive integer, got {occurrence!r}", path
            )
        row["occurrence"] = occurrence
        if row["id"] in seen:
            raise AnnotationError(where, "id", "duplicate id", path)
        seen.add(row["id"])
        rows.append(row)
    return pd.DataFrame(rows, columns=[*SPEC_REQUIRED, *SPEC_OPTIONAL])


# --- events --------------------------------------------------------------------------


def _row(event_id, date, kind, timing, mission, **rest) -> dict:
    parsed = parse_partial_date(date)
    return {
        "event_id": event_id,
        "date": date,
        "date_precision": parsed[2] if parsed else "",
        "date_start": parsed[0].isoformat() if parsed else "",
        "date_end": parsed[1].isoformat() if parsed else "",
        "kind": kind,
        "planned_or_actual": timing,
        "mission": mission,
        **rest,
    }


def _article_events(figures: pd.DataFrame) -> list[dict]:
    rows = []
    for fig in figures.itertuples(index=False):
        event = QUANTITIES.get(fig.quantity, (None, None))[1]
        if event is None:
            continue
        rows.append(
            _row(
                fig.annotation_id,
                _mention_date(fig.kind, fig.value, fig.date),
                event[0],
                event[1],
                fig.mission,
                series=fig.series,
                qualifier=fig.qualifier,
                status=fig.status,
                description=fig.label,
                as_of=fig.as_of,
                source_type="article",
                source=fig.article_id,
                quote=fig.quote,
                ref=fig.annotation_id,
            )
        )
    return rows


def _quoted_date(spec: dict, outcome: pd.Series) -> tuple[str, str]:
    text = outcome["outcome"]
    span = find_quote(text, spec["quote"], spec["occurrence"])
    if span is None:
        raise AnnotationError(
            spec["id"], "quote", f"quote {spec['quote']!r} is not in outcome {outcome['id']}"
        )
    mentions = extract_mentions(text, article_id=outcome["id"])
    pool = mentions[(mentions["start"] < span[1]) & (mentions["end"] > span[0])]
    chosen = pick_mention(pool, *span)
    if chosen.empty or chosen.iloc[0]["kind"] not in ("year", "date"):
        raise AnnotationError(
            spec["id"],
            "quote",
            f"no single extracted year or date at {spec['quote']!r} in outcome {outcome['id']}",
        )
    m = chosen.iloc[0]
    return _mention_date(m["kind"], m["value"], m["date"]), m["qualifier"]


def _outcome_events(specs: pd.DataFrame, outcomes: pd.DataFrame) -> list[dict]:
    by_id = outcomes.set_index("id")
    rows = []
    for spec in specs.to_dict("records"):
        ref = spec["outcome_ref"]
        if ref not in by_id.index:
            raise AnnotationError(spec["id"], "outcome_ref", f"no outcome {ref!r} in outcomes.csv")
        outcome = by_id.loc[ref].copy()
        outcome["id"] = ref
        if spec["quote"]:
            date, qualifier = _quoted_date(spec, outcome)
            as_of = outcome["outcome_date"] if parse_partial_date(outcome["outcome_date"]) else ""
        else:
            date, qualifier, as_of = outcome["outcome_date"], "", ""
            if parse_partial_date(date) is None:
                raise AnnotationError(
                    spec["id"],
                    "outcome_ref",
                    f"outcome {ref} has no usable outcome_date ({date!r}); "
                    "quote the date from its text",
                )
        rows.append(
            _row(
                spec["id"],
                date,
                spec["kind"],
                spec["planned_or_actual"],
                spec["mission"],
                series=spec["series"],
                qualifier=qualifier,
                status="",
                description=spec["description"],
                as_of=as_of,
                source_type="outcome",
                source=outcome["source_url"],
                quote=spec["quote"],
                ref=ref,
            )
        )
    return rows


def build_events(
    figures: pd.DataFrame, specs: pd.DataFrame, outcomes: pd.DataFrame
) -> pd.DataFrame:
    """Timeline table (:data:`EVENT_COLUMNS`) sorted by date, undated events last.

    Parameters
    ----------
    figures : the figures table (:func:`analysis.figures.build_figures_table`).
    specs : curated outcome events (:func:`load_event_specs`).
    outcomes : the outcomes reference table (:func:`load_outcomes`).
    """
    rows = _article_events(figures) + _outcome_events(specs, outcomes)
    events = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    dup = events["event_id"][events["event_id"].duplicated()]
    if len(dup):
        raise ModelError(f"event id {dup.iloc[0]!r} is used by an annotation and an outcome event")
    events = events.assign(_undated=events["date_start"] == "")
    events = events.sort_values(["_undated", "date_start", "event_id"], kind="stable")
    return events.drop(columns="_undated").fillna("").astype("str").reset_index(drop=True)


# --- slips ---------------------------------------------------------------------------

SLIP_COLUMNS = [
    "series",
    "mission",
    "event_id",
    "planned_date",
    "as_of",
    "qualifier",
    "next_event_id",
    "next_date",
    "next_planned_or_actual",
    "slip_years",
    "final_event_id",
    "final_date",
    "final_planned_or_actual",
    "slip_to_final_years",
]


def _slip(plan: pd.Series, later: pd.Series) -> float:
    years = years_between(plan["date"], later["date"])
    if plan["qualifier"] in LOWER_BOUNDS and years >= 0:
        return 0.0  # "after 2020" and it happened later: the bound held, no slip
    return years


def slips(events: pd.DataFrame) -> pd.DataFrame:
    """Pair each plan of a series with the next plan (or the actual event) and the last one.

    Plans are ordered by when they were stated (``as_of``, then date); the actual
    event, if any, closes the series. ``slip_years`` measures the move to the
    next entry and ``slip_to_final_years`` to the actual event, or to the latest
    plan while nothing has happened. A lower-bound plan ("after 2020") slips 0
    when the later date respects the bound. See :func:`years_between`.
    """
    rows = []
    dated = events[(events["series"] != "") & (events["date_start"] != "")]
    for series, group in dated.groupby("series", sort=True):
        plans = group[group["planned_or_actual"] == "planned"]
        plans = plans.assign(_asof=plans["as_of"].replace("", "9999")).sort_values(
            ["_asof", "date_start", "event_id"], kind="stable"
        )
        actual = group[group["planned_or_actual"] == "actual"].sort_values(
            "date_start", kind="stable"
        )
        chain = [*(r for _, r in plans.iterrows()), *(r for _, r in actual.head(1).iterrows())]
        final = chain[-1]
        for i, plan in enumerate(chain):
            if plan["planned_or_actual"] != "planned":
                continue
            nxt = chain[i + 1] if i + 1 < len(chain) else None
            rows.append(
                {
                    "series": series,
                    "mission": plan["mission"],
                    "event_id": plan["event_id"],
                    "planned_date": plan["date"],
                    "as_of": plan["as_of"],
                    "qualifier": plan["qualifier"],
                    "next_event_id": "" if nxt is None else nxt["event_id"],
                    "next_date": "" if nxt is None else nxt["date"],
                    "next_planned_or_actual": "" if nxt is None else nxt["planned_or_actual"],
                    "slip_years": float("nan") if nxt is None else _slip(plan, nxt),
                    "final_event_id": final["event_id"],
                    "final_date": final["date"],
                    "final_planned_or_actual": final["planned_or_actual"],
                    "slip_to_final_years": float("nan") if final is plan else _slip(plan, final),
                }
            )
    return pd.DataFrame(rows, columns=SLIP_COLUMNS)


def select_events(
    events: pd.DataFrame, *, mission: str = "", start_year: int = 1900, end_year: int = 2100
) -> pd.DataFrame:
    """Events of one mission (all when `mission` is "") whose start falls in the years given.

    Raises
    ------
    ParameterError
        An unknown mission (the message lists the known ones) or an empty year range.
    """
    if start_year > end_year:
        raise ParameterError("start_year", start_year, f"a year no later than end_year={end_year}")
    chosen = events
    if mission:
        known = sorted(events["mission"].unique())
        if mission not in known:
            raise ParameterError("mission", mission, "one of " + ", ".join(known))
        chosen = events[events["mission"] == mission]
    years = pd.to_datetime(chosen["date_start"]).dt.year
    return chosen[(years >= start_year) & (years <= end_year)].reset_index(drop=True)
