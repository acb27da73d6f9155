"""Dyad series: per country pair and day or week, how much cooperation and conflict was reported.

Events are the store's deduplicated events (`DyadEvent`); each counts with a weight — its number
of distinct reporting articles (default), of mentions, or 1 — so a story copied by ten outlets
weighs what ten reports weigh, and a wire copy counted twice does not (the store already merged
it). Negated events ("denied that it had rammed") are left out everywhere.

Columns of a series (one row per period, every period of the range present, zeros where quiet):

- `events`: distinct events (unweighted); `weight`: their summed weight; `articles`: summed
  distinct articles;
- `q1` … `q4`: weighted counts per CAMEO QuadClass (verbal/material cooperation, verbal/material
  conflict);
- `cooperation`: Σ weight × Goldstein over events with a positive score; `conflict`: Σ weight ×
  −Goldstein over events with a negative score; `goldstein_sum` = cooperation − conflict;
  `net_conflict` = conflict − cooperation (what the tension index smooths);
- `goldstein_mean` = goldstein_sum / weight and `conflict_share` = (q3 + q4) / weight (NaN when
  the period has no event).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
import pandas as pd

from brinkwatch.monitor.params import MonitorParams
from brinkwatch.records import DyadEvent

SUMMED = ["events", "weight", "articles", "q1", "q2", "q3", "q4", "cooperation", "conflict"]
SERIES_COLUMNS = [
    *SUMMED,
    "goldstein_sum",
    "net_conflict",
    "goldstein_mean",
    "conflict_share",
]
HOSTILE = (3, 4)
FRIENDLY = (1, 2)


def events_frame(events: Iterable[DyadEvent], weight: str = "articles") -> pd.DataFrame:
    """One row per non-negated event: the columns the monitor computes with.

    `idx` is the event's position in `events`, so detectors can hand back the records themselves;
    `a`/`b` is the pair in sorted order and `forward` says whether the event goes a → b.
    """
    kept = [(i, e) for i, e in enumerate(events) if not e.negated]
    frame = pd.DataFrame(
        {
            "idx": np.array([i for i, _ in kept], dtype=np.int64),
            "day": pd.to_datetime([e.date for _, e in kept]),
            "source": [e.source for _, e in kept],
            "target": [e.target for _, e in kept],
            "cameo": [e.cameo for _, e in kept],
            "quad_class": np.array([e.quad_class for _, e in kept], dtype=np.int64),
            "goldstein": np.array([e.goldstein for _, e in kept], dtype=np.float64),
            "articles": np.array([max(e.articles, 1) for _, e in kept], dtype=np.int64),
            "mentions": np.array([max(e.mentions, 1) for _, e in kept], dtype=np.int64),
            "article_id": [e.article_id for _, e in kept],
        }
    )
    forward = (frame["source"] <= frame["target"]).to_numpy()
    frame["forward"] = forward
    frame["a"] = np.where(forward, frame["source"], frame["target"])
    frame["b"] = np.where(forward, frame["target"], frame["source"])
    frame["w"] = _weights(frame, weight)
    return frame


def _weights(frame: pd.DataFrame, weight: str) -> np.ndarray:
    if weight == "events":
        return np.ones(len(frame))
    return frame[weight].to_numpy(dtype=np.float64)


def period_index(days: pd.Series | pd.DatetimeIndex, freq: str) -> pd.DatetimeIndex:
    """The start of each day's period: the day itself, or the Monday of its week."""
    index = pd.DatetimeIndex(days)
    if freq == "week":
        index = index - pd.to_timedelta(index.day_of_week, unit="D")
    return index


def period_range(start: date, end: date, freq: str) -> pd.DatetimeIndex:
    """Every period from the one holding `start` to the one holding `end`."""
    first, last = period_index(pd.DatetimeIndex([start, end]), freq)
    return pd.date_range(first, last, freq="7D" if freq == "week" else "D")


def pair_rows(frame: pd.DataFrame, a: str, b: str, *, directed: bool = False) -> pd.DataFrame:
    """The rows of one pair: a → b only when `directed`, else both directions."""
    if directed:
        return frame[(frame["source"] == a) & (frame["target"] == b)]
    low, high = sorted((a, b))
    return frame[(frame["a"] == low) & (frame["b"] == high)]


def aggregate(rows: pd.DataFrame, periods: pd.DatetimeIndex, freq: str) -> pd.DataFrame:
    """Sum `rows` per period over `periods` (quiet periods are zero) and derive the ratios."""
    rows = rows[(rows["day"] >= periods[0]) & (rows["day"] < _range_end(periods, freq))]
    w, g, q = rows["w"].to_numpy(), rows["goldstein"].to_numpy(), rows["quad_class"].to_numpy()
    parts = pd.DataFrame(
        {
            "period": period_index(rows["day"], freq),
            "events": 1,
            "weight": w,
            "articles": rows["articles"].to_numpy(),
            **{f"q{k}": np.where(q == k, w, 0.0) for k in (1, 2, 3, 4)},
            "cooperation": np.where(g > 0, w * g, 0.0),
            "conflict": np.where(g < 0, -w * g, 0.0),
        }
    )
    out = parts.groupby("period").sum().reindex(periods, fill_value=0)
    out.index.name = "period"
    return _derive(out.astype({c: np.float64 for c in SUMMED[1:]}))


def series_from_sums(sums: pd.DataFrame, periods: pd.DatetimeIndex, freq: str) -> pd.DataFrame:
    """The series of `aggregate`, from per-day sums already made (`SUMMED` columns indexed by
    day, e.g. summed by the database): added up per period, quiet periods zero, ratios derived.
    Plain numpy: the web's dyad page calls this per request."""
    step = 7 if freq == "week" else 1
    days = period_index(sums.index, freq).to_numpy(dtype="datetime64[D]")
    first = periods[0].to_datetime64().astype("datetime64[D]")
    pos = (days - first).astype(np.int64) // step
    inside = (pos >= 0) & (pos < len(periods))
    columns = {}
    for name in SUMMED:
        total = np.zeros(len(periods), dtype=np.float64)
        np.add.at(total, pos[inside], sums[name].to_numpy(dtype=np.float64)[inside])
        columns[name] = total
    out = pd.DataFrame(columns, index=pd.DatetimeIndex(periods, name="period"))
    return _derive(out.astype({"events": np.int64}))


def _range_end(periods: pd.DatetimeIndex, freq: str) -> pd.Timestamp:
    return periods[-1] + pd.Timedelta(days=7 if freq == "week" else 1)


def _derive(out: pd.DataFrame) -> pd.DataFrame:
    out["goldstein_sum"] = out["cooperation"] - out["conflict"]
    out["net_conflict"] = out["conflict"] - out["cooperation"]
    weight = out["weight"].where(out["weight"] > 0)
    out["goldstein_mean"] = out["goldstein_sum"] / weight
    out["conflict_share"] = (out["q3"] + out["q4"]) / weight
    return out[SERIES_COLUMNS]


def observed_range(
    frame: pd.DataFrame, since: date | None = None, until: date | None = None
) -> tuple[date, date] | None:
    """The range the monitor looks at: `since`..`until`, else the first..last event of all pairs."""
    if frame.empty and (since is None or until is None):
        return None
    start = since or frame["day"].min().date()
    end = until or frame["day"].max().date()
    return (start, end) if start <= end else None


def dyad_series(
    events: Sequence[DyadEvent] | pd.DataFrame,
    a: str,
    b: str,
    params: MonitorParams,
    *,
    directed: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """The series of one pair (a → b when `directed`), one row per period of the range."""
    frame = events if isinstance(events, pd.DataFrame) else events_frame(events, params.weight)
    span = observed_range(frame, since, until)
    if span is None:
        return pd.DataFrame(columns=SERIES_COLUMNS, index=pd.DatetimeIndex([], name="period"))
    periods = period_range(*span, params.freq)
    return aggregate(pair_rows(frame, a, b, directed=directed), periods, params.freq)


def all_series(frame: pd.DataFrame, freq: str, *, directed: bool = False) -> pd.DataFrame:
    """Every pair's observed periods at once, indexed by (source, target, period).

    Undirected pairs are named in sorted order. Quiet periods are absent (not zero) here: this is
    the long table for export and ranking; `dyad_series` gives one pair's complete series.
    """
    keys = ["source", "target"] if directed else ["a", "b"]
    periods = pd.Series(period_index(frame["day"], freq), index=frame.index)
    g, w = frame["goldstein"], frame["w"]
    parts = pd.DataFrame(
        {
            "source": frame[keys[0]],
            "target": frame[keys[1]],
            "period": periods,
            "events": 1,
            "weight": w,
            "articles": frame["articles"],
            **{f"q{k}": w.where(frame["quad_class"] == k, 0.0) for k in (1, 2, 3, 4)},
            "cooperation": (w * g).where(g > 0, 0.0),
            "conflict": (-w * g).where(g < 0, 0.0),
        }
    )
    out = parts.groupby(["source", "target", "period"]).sum()
    return _derive(out.astype({c: np.float64 for c in SUMMED[1:]}))


def top_dyads(frame: pd.DataFrame, n: int = 20, *, by: str = "conflict") -> pd.DataFrame:
    """The `n` undirected pairs with the most `by` (conflict, events, weight …) over the frame."""
    table = all_series(frame, "day").groupby(level=["source", "target"]).sum()
    table = _derive(table.drop(columns=SERIES_COLUMNS[len(SUMMED) :]))
    return table.sort_values([by, "events"], ascending=False).head(n)
