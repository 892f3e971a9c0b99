"""Score a stated probability (or range, "7-8 percent") against what happened.

Scores are per forecast, lower is better for both:

- Brier score ``(p - o) ** 2``, with ``o`` 1 if the event happened, else 0;
- log loss ``-ln(p)`` if it happened, ``-ln(1 - p)`` if not (infinite for a
  certain forecast that failed).

A range is scored at its low end, midpoint and high end. Reference forecasters
put the scores in context: an uninformed 50 percent, and optionally a base rate
(how often such events happen, a parameter). Skill scores compare each
forecaster with the 50 percent reference: ``1 - score / score_reference``
(1 is perfect, 0 no better than a coin, negative worse).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.errors import ParameterError

REFERENCE_PROBABILITY = 0.5
COLUMNS = [
    "forecaster",
    "probability",
    "outcome",
    "brier",
    "log_loss",
    "brier_skill",
    "log_skill",
]


def _probability(name: str, value) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        raise ParameterError(name, value, "a probability in [0, 1]")
    if not 0.0 <= value <= 1.0:
        raise ParameterError(name, value, "a probability in [0, 1]")
    return float(value)


def _outcome(value) -> bool:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer) and value in (0, 1):
        return bool(value)
    raise ParameterError("outcome", value, "True or False (did the event happen?)")


def brier_score(p: float, outcome: bool) -> float:
    """Squared error of probability `p` for a binary outcome."""
    return (p - float(outcome)) ** 2


def log_loss(p: float, outcome: bool) -> float:
    """Negative natural log of the probability given to what happened (inf if 0)."""
    q = p if outcome else 1.0 - p
    return math.inf if q == 0 else -math.log(q)


def _skill(score: float, reference: float) -> float:
    if reference == 0:
        return math.nan
    if math.isinf(score):
        return -math.inf
    return 1.0 - score / reference


def score_forecast(
    p_low: float,
    p_high: float | None = None,
    outcome: bool = False,
    *,
    base_rate: float | None = None,
) -> pd.DataFrame:
    """Brier score and log loss of a stated probability range, and of reference forecasters.

    Parameters
    ----------
    p_low, p_high : the stated range as fractions (0.07, 0.08); `p_high` None for a point.
    outcome : whether the forecast event happened.
    base_rate : optional probability of a base-rate forecaster (e.g. the share of
        comparable plans that materialised, see :func:`analysis.hindsight.base_rate`).

    Returns
    -------
    DataFrame with columns ``forecaster, probability, outcome, brier, log_loss,
    brier_skill, log_skill``; forecasters ``stated_low``, ``stated_mid``,
    ``stated_high``, ``reference_50``, and ``base_rate`` when given.
    """
    low = _probability("p_low", p_low)
    high = low if p_high is None else _probability("p_high", p_high)
    if high < low:
        raise ParameterError("p_high", p_high, f"a probability >= p_low ({low:g})")
    happened = _outcome(outcome)
    forecasters = [
        ("stated_low", low),
        ("stated_mid", (low + high) / 2),
        ("stated_high", high),
        ("reference_50", REFERENCE_PROBABILITY),
    ]
    if base_rate is not None:
        forecasters.append(("base_rate", _probability("base_rate", base_rate)))
    ref_brier = brier_score(REFERENCE_PROBABILITY, happened)
    ref_log = log_loss(REFERENCE_PROBABILITY, happened)
    rows = []
    for name, p in forecasters:
        brier = brier_score(p, happened)
        loss = log_loss(p, happened)
        rows.append(
            (name, p, happened, brier, loss, _skill(brier, ref_brier), _skill(loss, ref_log))
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def score_forecasts(
    forecasts: pd.DataFrame,
    *,
    id_col: str = "id",
    low_col: str = "low",
    high_col: str = "high",
    outcome_col: str = "outcome",
    base_rate: float | None = None,
) -> pd.DataFrame:
    """Score several forecasts; long table with the forecast id first."""
    frames = []
    for _, row in forecasts.iterrows():
        high = row[high_col]
        table = score_forecast(
            float(row[low_col]),
            None if pd.isna(high) else float(high),
            row[outcome_col],
            base_rate=base_rate,
        )
        frames.append(table.assign(id=row[id_col]))
    if not frames:
        return pd.DataFrame(columns=["id", *COLUMNS])
    return pd.concat(frames, ignore_index=True).loc[:, ["id", *COLUMNS]]


def forecasts_with_outcomes(figures: pd.DataFrame, hindsight: pd.DataFrame) -> pd.DataFrame:
    """Stated probabilities (``forecast_probability`` figures) with their settled outcome.

    Returns ``id, low, high, outcome`` for forecasts whose hindsight class is
    ``materialised`` (outcome True) or ``not_materialised`` (False); pending,
    partly and unknown forecasts cannot be scored and are left out.
    """
    stated = figures[figures["quantity"] == "forecast_probability"]
    classes = hindsight.set_index("annotation_id")["classification"]
    cls = stated["annotation_id"].map(classes)
    settled = stated[cls.isin(["materialised", "not_materialised"])]
    return pd.DataFrame(
        {
            "id": settled["annotation_id"].to_numpy(),
            "low": settled["low"].to_numpy(dtype="float64"),
            "high": settled["high"].to_numpy(dtype="float64"),
            "outcome": (cls[settled.index] == "materialised").to_numpy(dtype=bool),
        }
    )


def reference_base_rate(base_rate: float, hindsight: pd.DataFrame) -> float:
    """The base-rate forecaster's probability.

    A value in [0, 1] is used as given; a negative value (the notebooks' default
    -1) means "from the data": the share of the articles' settled plans and
    sources that materialised (:func:`analysis.hindsight.base_rate`).
    """
    from analysis.hindsight import base_rate as observed_base_rate

    if isinstance(base_rate, int | float) and not isinstance(base_rate, bool) and base_rate < 0:
        return observed_base_rate(hindsight)
    return _probability("base_rate", base_rate)


def stated_forecast(figures: pd.DataFrame, hindsight: pd.DataFrame, forecast_id: str) -> pd.Series:
    """One stated, settled forecast with its outcome: ``low, high, outcome`` and the outcome's
    ``outcome_text``, ``outcome_date`` and ``source_url``.

    Raises
    ------
    NoDataError
        If the corpus has no settled forecast annotated `forecast_id`.
    """
    from analysis.errors import NoDataError

    settled = forecasts_with_outcomes(figures, hindsight).set_index("id")
    if forecast_id not in settled.index:
        known = ", ".join(settled.index) or "none"
        raise NoDataError(f"no settled forecast {forecast_id!r} in this corpus (settled: {known})")
    outcome = hindsight.set_index("annotation_id").loc[forecast_id]
    return pd.concat(
        [
            settled.loc[forecast_id],
            pd.Series(
                {
                    "outcome_text": outcome["outcome"],
                    "outcome_date": outcome["outcome_date"],
                    "source_url": outcome["source_url"],
                }
            ),
        ]
    ).rename(forecast_id)
