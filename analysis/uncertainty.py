"""How likely is a funding gap to close, given how firmly each source is worded?

Each identified source materialises with a probability set by its status. A
seeded, vectorised Monte Carlo draws which sources come through and sums them;
the exact distribution (all 2**k combinations) is also available for a few
sources, and a sensitivity table moves one source at a time for a tornado chart.

Default probabilities (:data:`DEFAULT_PROBABILITIES`)
-----------------------------------------------------
They are stated priors, not estimates; pass your own to test them.

- ``secured`` 0.95: pledged money can still be re-phased or re-allocated before
  contracts are signed (the Italian €30M in seed 003 was never seen again), so a
  press "secured" is strong evidence but not certainty.
- ``reported`` 0.8: a figure reported as fact with no wording of its status.
- ``potential`` 0.5: explicitly undecided ("could be approved"): even odds.
- ``conditional`` 0.3: needs another decision first (e.g. two agencies agreeing
  to combine missions) and then the money; two uncertain steps of roughly even
  odds each give about a quarter to a third.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import ModelError, ParameterError

DEFAULT_PROBABILITIES: dict[str, float] = {
    "secured": 0.95,
    "reported": 0.8,
    "potential": 0.5,
    "conditional": 0.3,
}
DEFAULT_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
_BLOCK_ELEMENTS = 4_000_000  # random numbers drawn per block: bounds memory for many sources
_EXACT_MAX_SOURCES = 16


def validate_probabilities(probabilities: Mapping[str, float] | None) -> dict[str, float]:
    """Merge `probabilities` over the defaults and check each is a number in [0, 1].

    Raises
    ------
    ParameterError
        Naming the status, e.g. ``probabilities['potential']``, and the value.
    """
    merged = dict(DEFAULT_PROBABILITIES)
    for status, p in (probabilities or {}).items():
        name = f"probabilities[{status!r}]"
        if status not in DEFAULT_PROBABILITIES:
            raise ParameterError(name, p, f"a status among {sorted(DEFAULT_PROBABILITIES)}")
        if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 <= p <= 1.0:
            raise ParameterError(name, p, "a probability in [0, 1]")
        merged[status] = float(p)
    return merged


def _inputs(
    sources: pd.DataFrame, gap: float, probabilities, amount_col: str, status_col: str
) -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
    probs = validate_probabilities(probabilities)
    if not (isinstance(gap, int | float) and math.isfinite(gap) and gap > 0):
        raise ParameterError("gap", gap, "a positive finite amount")
    for col in (amount_col, status_col):
        if col not in sources.columns:
            raise ModelError(f"sources table lacks column '{col}'")
    amounts = sources[amount_col].to_numpy(dtype="float64", na_value=np.nan)
    if not np.all(np.isfinite(amounts)) or np.any(amounts < 0):
        raise ModelError(f"sources column '{amount_col}' must hold finite non-negative amounts")
    unknown = sorted(set(sources[status_col]) - set(probs))
    if unknown:
        raise ParameterError(status_col, unknown[0], f"a status among {sorted(probs)}")
    p = np.array([probs[s] for s in sources[status_col]], dtype="float64")
    return amounts, p, probs


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Monte Carlo distribution of the amount raised towards a gap.

    ``raised`` is the sum of the sources that materialise in a draw; the amount
    covered is ``min(raised, gap)``. ``se`` is the standard error of ``mean``.
    """

    gap: float
    n_draws: int
    seed: int | None
    mean: float
    std: float
    se: float
    analytic_mean: float
    analytic_std: float
    p_closed: float
    expected_residual: float
    expected_coverage: float
    quantiles: pd.DataFrame
    distribution: pd.DataFrame
    probabilities: dict[str, float]
    draws: np.ndarray = field(repr=False)

    def summary(self) -> pd.DataFrame:
        """Long-form ``measure, value`` table of the scalar results."""
        names = [
            "gap",
            "n_draws",
            "mean",
            "std",
            "se",
            "analytic_mean",
            "analytic_std",
            "p_closed",
            "expected_residual",
            "expected_coverage",
        ]
        return pd.DataFrame({"measure": names, "value": [float(getattr(self, n)) for n in names]})


def simulate_coverage(
    sources: pd.DataFrame,
    gap: float,
    probabilities: Mapping[str, float] | None = None,
    *,
    n_draws: int = 100_000,
    seed: int | None = 0,
    amount_col: str = "amount",
    status_col: str = "status",
    quantiles: tuple[float, ...] = DEFAULT_QUANTILES,
) -> SimulationResult:
    """Draw which sources materialise (independent Bernoulli per source) `n_draws` times.

    Parameters
    ----------
    sources : DataFrame with `amount_col` and `status_col` (e.g. ``FundingGap.sources``).
    gap : the amount to cover, in the same currency.
    probabilities : status -> probability, merged over :data:`DEFAULT_PROBABILITIES`.
    n_draws, seed : size and seed of the simulation (``numpy.random.default_rng``).
    """
    amounts, p, probs = _inputs(sources, gap, probabilities, amount_col, status_col)
    if isinstance(n_draws, bool) or not isinstance(n_draws, int) or n_draws < 1:
        raise ParameterError("n_draws", n_draws, "a positive integer")
    for q in quantiles:
        if not 0.0 <= q <= 1.0:
            raise ParameterError("quantiles", q, "probabilities in [0, 1]")
    rng = np.random.default_rng(seed)
    k = len(amounts)
    raised = np.zeros(n_draws, dtype="float64")
    if k:
        block = max(1, _BLOCK_ELEMENTS // k)
        for start in range(0, n_draws, block):
            stop = min(start + block, n_draws)
            hits = rng.random((stop - start, k)) < p
            raised[start:stop] = hits @ amounts
    tol = 1e-9 * gap  # sums of floats: 0.1 + 0.2 must close a gap of 0.3
    values, counts = np.unique(raised, return_counts=True)
    distribution = pd.DataFrame(
        {"amount": values, "count": counts, "probability": counts / n_draws}
    ).assign(cumulative=lambda d: d["probability"].cumsum(), closes_gap=values >= gap - tol)
    std = float(raised.std(ddof=1)) if n_draws > 1 else 0.0
    # Quantiles read off the distribution (inverse CDF, so always an attainable
    # amount); cheaper than np.quantile's partition of a million draws.
    cum_counts = np.cumsum(counts)
    at = np.searchsorted(cum_counts, np.asarray(quantiles, dtype="float64") * n_draws, side="left")
    qs = values[np.minimum(at, len(values) - 1)]
    return SimulationResult(
        gap=float(gap),
        n_draws=n_draws,
        seed=seed,
        mean=float(raised.mean()),
        std=std,
        se=std / math.sqrt(n_draws),
        analytic_mean=float(p @ amounts),
        analytic_std=float(math.sqrt(np.sum(p * (1 - p) * amounts**2))),
        p_closed=float(np.mean(raised >= gap - tol)),
        expected_residual=float(np.mean(np.maximum(gap - raised, 0.0))),
        # a mean of values <= gap can round above it by an ulp: keep the share in [0, 1]
        expected_coverage=min(1.0, float(np.mean(np.minimum(raised, gap)) / gap)),
        quantiles=pd.DataFrame({"quantile": list(quantiles), "amount": qs}),
        distribution=distribution,
        probabilities=probs,
        draws=raised,
    )


def _exact(amounts: np.ndarray, p: np.ndarray, gap: float) -> tuple[float, float]:
    """Exact P(gap closed) and expected residual by enumerating all 2**k outcomes."""
    tol = 1e-9 * gap
    p_closed = 0.0
    residual = 0.0
    for hits in itertools.product((0, 1), repeat=len(amounts)):
        h = np.array(hits, dtype=bool)
        weight = float(np.prod(np.where(h, p, 1 - p)))
        raised = float(amounts[h].sum())
        p_closed += weight * (raised >= gap - tol)
        residual += weight * max(gap - raised, 0.0)
    return p_closed, residual


def exact_outcome(
    sources: pd.DataFrame,
    gap: float,
    probabilities: Mapping[str, float] | None = None,
    *,
    amount_col: str = "amount",
    status_col: str = "status",
) -> dict[str, float]:
    """Exact expected raised, P(gap closed) and expected residual (at most 16 sources)."""
    amounts, p, _ = _inputs(sources, gap, probabilities, amount_col, status_col)
    if len(amounts) > _EXACT_MAX_SOURCES:
        raise ModelError(f"exact enumeration supports at most {_EXACT_MAX_SOURCES} sources")
    p_closed, residual = _exact(amounts, p, gap)
    return {"mean": float(p @ amounts), "p_closed": p_closed, "expected_residual": residual}


def sensitivity(
    sources: pd.DataFrame,
    gap: float,
    probabilities: Mapping[str, float] | None = None,
    *,
    amount_col: str = "amount",
    status_col: str = "status",
    label_col: str = "label",
) -> pd.DataFrame:
    """Tornado table: each source forced to p=0 and p=1, the others at their probability.

    Expectations are analytic (sum of p_i * a_i). With at most 16 sources the
    exact P(gap closed) at both ends is added; otherwise those columns are NaN.
    Rows are sorted by swing, largest first.
    """
    amounts, p, _ = _inputs(sources, gap, probabilities, amount_col, status_col)
    base = float(p @ amounts)
    exact = len(amounts) <= _EXACT_MAX_SOURCES
    labels = sources[label_col] if label_col in sources.columns else sources.index.astype(str)
    rows = []
    for i, (label, status) in enumerate(zip(labels, sources[status_col], strict=True)):
        row = {
            "source": label,
            "status": status,
            "amount": amounts[i],
            "probability": p[i],
            "expected_base": base,
            "expected_low": base - p[i] * amounts[i],
            "expected_high": base + (1 - p[i]) * amounts[i],
        }
        for end, value in (("low", 0.0), ("high", 1.0)):
            q = p.copy()
            q[i] = value
            row[f"p_closed_{end}"] = _exact(amounts, q, gap)[0] if exact else math.nan
        rows.append(row)
    columns = [
        "source",
        "status",
        "amount",
        "probability",
        "expected_base",
        "expected_low",
        "expected_high",
        "p_closed_low",
        "p_closed_high",
    ]
    table = pd.DataFrame(rows, columns=columns)
    return (
        table.assign(
            swing=table["expected_high"] - table["expected_low"],
            coverage_low=table["expected_low"] / gap,
            coverage_high=table["expected_high"] / gap,
        )
        .sort_values("swing", ascending=False, kind="stable")
        .reset_index(drop=True)
    )
