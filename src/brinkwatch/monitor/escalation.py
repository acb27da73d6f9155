"""Escalation and de-escalation of one pair: a tension index and change signals against the
pair's own trailing baseline, gated by a minimum-evidence rule.

Per period t (see docs/monitor.md for every parameter):

- `tension`: EWMA (span `ewma_span`) of `net_conflict`, the weighted conflict minus cooperation;
- `baseline`, `sigma`: mean and standard deviation of `net_conflict` over the `baseline_window`
  periods before t. Before its observed range a pair is taken as calm: `min_history` zero periods
  are prepended, so a short or brand-new history still has a baseline (a news burst of ten days
  can alert on day two) while a pair with real history is measured against itself;
- `z` = (net_conflict − baseline) / max(sigma, sigma_floor): a spike;
- `rise` = (tension − baseline) / max(sigma, sigma_floor): a sustained climb of the index;
- `mom`: conflict over the last `mom_days` at least `mom_ratio` times that of the `mom_days`
  before (floored at `mom_min_base`), once two such windows have been observed;
- `signal` = (z ≥ z_threshold or rise ≥ rise_threshold or mom) with net conflict > 0.

An escalation alert holds at t when a signal fired within the last `evidence_window` periods, the
tension is positive, and those periods hold at least `min_events` hostile (QuadClass 3–4) events
from `min_articles` distinct articles. A de-escalation follows an escalation episode when the
tension falls to (1 − `deescalation_drop`) of its peak with as much cooperative evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import FRIENDLY, HOSTILE, period_index

TENSION_COLUMNS = ["net_conflict", "tension", "baseline", "sigma", "z", "rise", "mom", "signal"]


@dataclass(frozen=True, slots=True)
class Episode:
    """A run of alert periods (positions in the series): where it began and peaked, how strong."""

    kind: str
    onset: int
    first: int
    last: int
    peak: int
    score: float
    evidence_from: int


def tension_frame(series: pd.DataFrame, params: MonitorParams) -> pd.DataFrame:
    """The tension index and change signals of one pair's complete series (columns above)."""
    net = series["net_conflict"].to_numpy(dtype=np.float64)
    pad = params.min_history
    padded = pd.Series(np.concatenate([np.zeros(pad), net]))
    trailing = padded.rolling(params.baseline_window, min_periods=1)
    baseline = trailing.mean().shift(1).fillna(0.0).to_numpy()[pad:]
    sigma = trailing.std(ddof=0).shift(1).fillna(0.0).to_numpy()[pad:]
    tension = padded.ewm(span=params.ewma_span, adjust=False).mean().to_numpy()[pad:]
    scale = np.maximum(sigma, params.sigma_floor)
    z, rise = (net - baseline) / scale, (tension - baseline) / scale
    mom = _month_on_month(series["conflict"].to_numpy(dtype=np.float64), params)
    signal = ((z >= params.z_threshold) | (rise >= params.rise_threshold) | mom) & (net > 0)
    data = [net, tension, baseline, sigma, z, rise, mom, signal]
    return pd.DataFrame(dict(zip(TENSION_COLUMNS, data, strict=True)), index=series.index)


def tension_matrix(net_conflict: np.ndarray, params: MonitorParams) -> np.ndarray:
    """`tension_frame`'s tension index for many pairs at once: `net_conflict` is periods × pairs
    (each column a pair's complete series). The same EWMA over the same calm padding, in one
    vectorised pass (the overview ranks thousands of pairs)."""
    pad = np.zeros((params.min_history, net_conflict.shape[1]))
    padded = pd.DataFrame(np.vstack([pad, net_conflict]))
    smoothed = padded.ewm(span=params.ewma_span, adjust=False).mean().to_numpy()
    return smoothed[params.min_history :]


def _month_on_month(conflict: np.ndarray, params: MonitorParams) -> np.ndarray:
    window = max(1, round(params.mom_days / params.period_days))
    current = pd.Series(conflict).rolling(window, min_periods=window).sum().to_numpy()
    previous = np.concatenate([np.full(window, np.nan), current[:-window]])[: len(current)]
    with np.errstate(invalid="ignore"):
        fired = current >= params.mom_ratio * np.maximum(previous, params.mom_min_base)
    return fired & ~np.isnan(previous) & (current > 0)


def positions(rows: pd.DataFrame, periods: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Each row's period as a position in `periods` (-1 when outside)."""
    found = periods.get_indexer(period_index(rows["day"], freq))
    return np.asarray(found, dtype=np.int64)


def distinct_articles(rows: pd.DataFrame) -> int:
    """Distinct reporting articles: known article ids, plus one per event without an id, and at
    least the most any one (deduplicated) event was reported by."""
    if rows.empty:
        return 0
    ids = rows["article_id"]
    counted = ids.dropna().nunique() + int(ids.isna().sum())
    return max(counted, int(rows["articles"].max()))


def evidence_mask(
    rows: pd.DataFrame, pos: np.ndarray, periods: int, params: MonitorParams
) -> np.ndarray:
    """Per period t: do `rows` in periods t−w+1..t (w = `evidence_window`) hold `min_events`
    events from `min_articles` distinct articles? Vectorised: each article covers the w periods
    from each of its reports, overlapping covers merged, so it is counted once per window."""
    w = params.evidence_window
    inside = (pos >= 0) & (pos < periods)
    rows, pos = rows[inside], pos[inside]
    counts = np.bincount(pos, minlength=periods)
    in_window = np.convolve(counts, np.ones(w, dtype=np.int64))[:periods]
    articles = _article_cover(rows, pos, periods, w)
    most = np.zeros(periods)
    np.maximum.at(most, pos, rows["articles"].to_numpy(dtype=np.float64))
    most = pd.Series(most).rolling(w, min_periods=1).max().to_numpy()
    return (in_window >= params.min_events) & (np.maximum(articles, most) >= params.min_articles)


def _article_cover(rows: pd.DataFrame, pos: np.ndarray, periods: int, w: int) -> np.ndarray:
    """How many distinct articles report in each window t−w+1..t (events without an article id
    count as one article each)."""
    ids = rows["article_id"].to_numpy(dtype=object)
    missing = pd.isna(ids)
    codes = pd.factorize(pd.Series(ids).fillna(""))[0]
    codes = np.where(missing, -1 - np.arange(len(ids)), codes)
    order = np.lexsort((pos, codes))
    code, start = codes[order], pos[order]
    end = start + w
    same = np.concatenate([[False], code[1:] == code[:-1]])
    previous_end = np.concatenate([[0], end[:-1]])
    start = np.where(same, np.maximum(start, previous_end), start)
    end = np.where(same, np.maximum(end, previous_end), end)
    diff = np.zeros(periods + w + 1, dtype=np.int64)
    np.add.at(diff, start, 1)
    np.add.at(diff, end, -1)
    return np.cumsum(diff)[:periods]


def escalation_episodes(
    tension: pd.DataFrame, rows: pd.DataFrame, pos: np.ndarray, params: MonitorParams
) -> list[Episode]:
    """Runs of escalation-alert periods; `rows`/`pos` are the pair's events and their periods."""
    w = params.evidence_window
    hostile = rows["quad_class"].isin(HOSTILE).to_numpy()
    signal = tension["signal"].to_numpy()
    recent = pd.Series(signal).rolling(w, min_periods=1).max().to_numpy() > 0
    level = tension["tension"].to_numpy()
    enough = evidence_mask(rows[hostile], pos[hostile], len(level), params)
    alert = [int(t) for t in np.flatnonzero(recent & (level > 0) & enough)]
    return [_escalation(run, signal, tension, w) for run in _runs(alert, w)]


def _runs(indices: list[int], gap: int) -> list[list[int]]:
    """Group sorted positions into runs whose neighbours are at most `gap` apart."""
    runs: list[list[int]] = []
    for t in indices:
        if runs and t - runs[-1][-1] <= gap:
            runs[-1].append(int(t))
        else:
            runs.append([int(t)])
    return runs


def _escalation(run: list[int], signal: np.ndarray, tension: pd.DataFrame, w: int) -> Episode:
    first, last = run[0], run[-1]
    lookback = max(first - w + 1, 0)
    onset = lookback + int(np.argmax(signal[lookback : first + 1]))
    span = slice(onset, last + 1)
    score = float(max(tension["z"].to_numpy()[span].max(), tension["rise"].to_numpy()[span].max()))
    peak = onset + int(np.argmax(tension["tension"].to_numpy()[span]))
    return Episode("escalation", onset, first, last, peak, score, max(first - w + 1, 0))


def deescalation_episodes(
    tension: pd.DataFrame,
    rows: pd.DataFrame,
    pos: np.ndarray,
    escalations: list[Episode],
    params: MonitorParams,
) -> list[Episode]:
    """After each escalation, the periods where tension fell by `deescalation_drop` of its peak
    with enough cooperative (QuadClass 1–2) evidence; one episode per escalation."""
    out = []
    friendly = rows["quad_class"].isin(FRIENDLY).to_numpy()
    level = tension["tension"].to_numpy()
    enough = evidence_mask(rows[friendly], pos[friendly], len(level), params)
    for i, esc in enumerate(escalations):
        stop = escalations[i + 1].onset if i + 1 < len(escalations) else len(level)
        stop = min(stop, esc.last + params.deescalation_lookback + 1)
        peak = level[esc.peak]
        hits = [
            t
            for t in range(esc.peak + 1, stop)
            if level[t] <= (1 - params.deescalation_drop) * peak and enough[t]
        ]
        if hits:
            score = float((peak - level[hits].min()) / peak)
            start = max(hits[0] - params.evidence_window + 1, esc.peak + 1)
            out.append(
                Episode("de-escalation", esc.onset, hits[0], hits[-1], esc.peak, score, start)
            )
    return out
