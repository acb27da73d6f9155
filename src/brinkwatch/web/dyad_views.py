"""The monitor's numbers for the web: one pair's series with its tension index, and every pair
ranked by its current tension. The store sums events per day; the monitor (pure) does the rest,
with the same functions `brinkwatch dyad` uses, so the page and the CLI agree."""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from brinkwatch.monitor.escalation import tension_frame, tension_matrix
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import period_index, period_range, series_from_sums
from brinkwatch.store.dyad_sums import all_pair_day_sums, directed_totals, pair_day_sums

SERIES_FIELDS = [
    "events",
    "weight",
    "q1",
    "q2",
    "q3",
    "q4",
    "cooperation",
    "conflict",
    "goldstein_mean",
    "conflict_share",
    "net_conflict",
]
TENSION_FIELDS = ["tension", "baseline", "z", "rise", "signal"]
SPARK_PERIODS = 30
RECENT_DAYS = 30


def _plain(value: Any) -> Any:
    if isinstance(value, bool | int | str) or value is None:
        return value
    number = float(value)
    return None if math.isnan(number) else round(number, 4)


def _periods(sums: pd.DataFrame, freq: str, since: date | None, until: date | None) -> Any:
    days = sums.index if "day" not in sums.columns else pd.DatetimeIndex(sums["day"])
    if days.empty and (since is None or until is None):
        return None
    start = since or days.min().date()
    end = until or days.max().date()
    return period_range(start, end, freq) if start <= end else None


def pair_series(
    engine: Engine,
    a: str,
    b: str,
    params: MonitorParams,
    *,
    directed: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    """One row per period: counts, Goldstein sums, the tension index and its change signal."""
    sums = pair_day_sums(engine, a, b, weight=params.weight, directed=directed, until=until)
    periods = _periods(sums, params.freq, None, until)
    if periods is None:
        return []
    series = series_from_sums(sums, periods, params.freq)
    tension = tension_frame(series, params)  # over the whole history: baselines need it
    table = series.join(tension[TENSION_FIELDS])
    if since is not None:
        table = table.loc[period_index(pd.DatetimeIndex([since]), params.freq)[0] :]
    return [
        {"period": ts.date().isoformat(), **{k: _plain(v) for k, v in row.items()}}
        for ts, row in table[SERIES_FIELDS + TENSION_FIELDS].iterrows()
    ]


def ranked_pairs(
    engine: Engine,
    params: MonitorParams,
    *,
    since: date | None = None,
    until: date | None = None,
    sort: str = "recent",
) -> list[dict[str, Any]]:
    """Every pair with its tension: `recent` (the highest over the last `RECENT_DAYS` of the
    range: a pair that flared up last week and calmed since still heads the list), `tension`
    (the last period's), `peak` (the whole range's); totals and a sparkline of the last periods.
    Ranked by `sort` (recent, tension, peak, conflict or events), highest first. All pairs at
    once: a periods × pairs matrix and the monitor's tension index over its columns."""
    sums = all_pair_day_sums(engine, weight=params.weight, since=since, until=until)
    periods = _periods(sums, params.freq, since, until)
    if periods is None:
        return []
    keys = pd.MultiIndex.from_frame(sums[["a", "b"]]).unique().sort_values()
    pair_pos = keys.get_indexer(pd.MultiIndex.from_frame(sums[["a", "b"]]))
    step = params.period_days
    days = period_index(pd.DatetimeIndex(sums["day"]), params.freq).to_numpy("datetime64[D]")
    period_pos = (days - periods[0].to_datetime64().astype("datetime64[D]")).astype(int) // step
    shape = (len(periods), len(keys))
    net, events = np.zeros(shape), np.zeros(shape)
    np.add.at(net, (period_pos, pair_pos), (sums["conflict"] - sums["cooperation"]).to_numpy())
    np.add.at(events, (period_pos, pair_pos), sums["events"].to_numpy(dtype=np.float64))
    level = tension_matrix(net, params)
    recent = max(1, RECENT_DAYS // step)
    totals = sums.groupby(["a", "b"])[["conflict", "cooperation"]].sum().reindex(keys)
    out = [
        _summary(key, level[:, i], events[:, i], totals.iloc[i], periods, recent)
        for i, key in enumerate(keys)
    ]
    name = {"peak": "peak_tension", "recent": "recent_tension"}.get(sort, sort)
    return sorted(out, key=lambda r: (-(r[name] or 0.0), -r["events"], r["a"], r["b"]))


def _summary(
    key: tuple[str, str],
    level: np.ndarray,
    events: np.ndarray,
    totals: pd.Series,
    periods: pd.DatetimeIndex,
    recent: int,
) -> dict[str, Any]:
    spark = level[-SPARK_PERIODS:]
    return {
        "a": str(key[0]),
        "b": str(key[1]),
        "events": int(events.sum()),
        "conflict": _plain(totals["conflict"]),
        "cooperation": _plain(totals["cooperation"]),
        "tension": _plain(level[-1]),
        "recent_tension": _plain(level[-recent:].max()),
        "peak_tension": _plain(level.max()),
        "peak_period": periods[int(level.argmax())].date().isoformat(),
        "last_period": periods[-1].date().isoformat(),
        "sparkline": [_plain(v) for v in spark],
        "sparkline_start": periods[-len(spark)].date().isoformat(),
    }


def network(
    engine: Engine, params: MonitorParams, *, since: date | None = None, until: date | None = None
) -> dict[str, Any]:
    """Countries as nodes, directed edges weighted by events, with their cooperation and conflict."""
    edges = directed_totals(engine, weight=params.weight, since=since, until=until)
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for side in ("source", "target"):
            node = nodes.setdefault(edge[side], {"id": edge[side], "events": 0})
            node["events"] += int(edge["events"])
    shown = [{k: _plain(v) for k, v in e.items()} for e in edges]
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])),
        "edges": sorted(shown, key=lambda e: (-e["events"], e["source"], e["target"])),
    }


def with_freq(params: MonitorParams, freq: str | None) -> MonitorParams:
    return dataclasses.replace(params, freq=freq) if freq else params
