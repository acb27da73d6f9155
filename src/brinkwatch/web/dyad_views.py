"""The monitor's numbers for the web: one pair's series with its tension index, and every pair
ranked by its current tension. The store sums events per day; the monitor (pure) does the rest,
with the same functions `brinkwatch dyad` uses, so the page and the CLI agree."""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from brinkwatch.monitor.escalation import tension_frame
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
    Ranked by `sort` (recent, tension, peak, conflict or events), highest first."""
    sums = all_pair_day_sums(engine, weight=params.weight, since=since, until=until)
    periods = _periods(sums, params.freq, since, until)
    if periods is None:
        return []
    out = []
    for (a, b), rows in sums.groupby(["a", "b"], sort=True):
        series = series_from_sums(rows.set_index("day"), periods, params.freq)
        recent = max(1, RECENT_DAYS // params.period_days)
        out.append(_summary(str(a), str(b), series, tension_frame(series, params), recent))
    key = {"peak": "peak_tension", "recent": "recent_tension"}.get(sort, sort)
    return sorted(out, key=lambda r: (-(r[key] or 0.0), -r["events"], r["a"], r["b"]))


def _summary(
    a: str, b: str, series: pd.DataFrame, tension: pd.DataFrame, recent: int
) -> dict[str, Any]:
    level = tension["tension"]
    peak_at = level.idxmax()
    spark = level.iloc[-SPARK_PERIODS:]
    return {
        "a": a,
        "b": b,
        "events": int(series["events"].sum()),
        "conflict": _plain(series["conflict"].sum()),
        "cooperation": _plain(series["cooperation"].sum()),
        "tension": _plain(level.iloc[-1]),
        "recent_tension": _plain(level.iloc[-recent:].max()),
        "peak_tension": _plain(level.max()),
        "peak_period": peak_at.date().isoformat(),
        "last_period": series.index[-1].date().isoformat(),
        "signals": int(tension["signal"].sum()),
        "sparkline": [_plain(v) for v in spark],
        "sparkline_start": spark.index[0].date().isoformat(),
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
