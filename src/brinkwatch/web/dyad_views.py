"""The monitor's numbers for the web: one pair's series with its tension index, and every pair
ranked by its current tension. The store sums events per day; the monitor (pure) does the rest,
with the same functions `brinkwatch dyad` uses, so the page and the CLI agree."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from brinkwatch.monitor.escalation import tension_frame, tension_matrix
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import period_index, period_range, series_from_sums
from brinkwatch.store.dyad_sums import (
    all_pair_day_sums,
    directed_totals,
    pair_day_sums,
    pair_last_day,
    store_last_day,
)

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
DEFAULT_DAYS = 365  # a dyad page shows its last year unless asked for more (?since=)
RECENT_DAYS = 30
RANKED = ["events", "cooperation", "conflict"]  # the sums the ranking reads


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
    if until is not None and not days.empty:  # not a period a week up to a far-future `until`
        end = min(until, max(days.max().date(), date.today()))
    return period_range(start, end, freq) if start <= end else None


def history_start(since: date, params: MonitorParams) -> date:
    """How far back to read before `since` so baselines, the EWMA and episodes have their
    history: the rule `brinkwatch dyad --since` uses (cli/monitor.py), so both show the same."""
    periods = params.baseline_window + params.min_history + params.deescalation_lookback
    back = timedelta(days=periods * params.period_days + params.mom_days * 2)
    return since - back if since - date.min > back else date.min  # year 1 has no history


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
    """One row per period from `since` (default: a year before the pair's last event) to the
    pair's last event or `until`: counts, Goldstein sums, the tension index, its change signal."""
    if since is None:
        last = pair_last_day(engine, a, b, directed=directed, until=until)
        if last is None:
            return []
        since = last - timedelta(days=DEFAULT_DAYS)
    first = history_start(since, params)
    sums = pair_day_sums(
        engine, a, b, weight=params.weight, directed=directed, since=first, until=until
    )
    periods = _periods(sums, params.freq, None, until)
    if periods is None:
        return []
    series = series_from_sums(sums, periods, params.freq)
    tension = tension_frame(series, params)
    table = series.join(tension[TENSION_FIELDS])
    table = table.loc[period_index(pd.DatetimeIndex([since]), params.freq)[0] :]
    columns = {k: [_plain(v) for v in table[k].tolist()] for k in SERIES_FIELDS + TENSION_FIELDS}
    days = [ts.date().isoformat() for ts in table.index]
    return [
        {"period": day, **{k: values[i] for k, values in columns.items()}}
        for i, day in enumerate(days)
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
    (the last period's), `peak` (the range's); totals and a sparkline of the last periods. The
    range is `since` (default: a year before the newest event) to `until`, the index warmed up
    on the history before it, as on the dyad page. Ranked by `sort` (recent, tension, peak,
    conflict or events), highest first. All pairs at once: a periods × pairs matrix and the
    monitor's tension index over its columns."""
    if since is None:
        last = store_last_day(engine, until=until)
        if last is None:
            return []
        since = last - timedelta(days=DEFAULT_DAYS)
    first = history_start(since, params)
    sums = all_pair_day_sums(engine, weight=params.weight, since=first, until=until, names=RANKED)
    periods = _periods(sums, params.freq, None, until)
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
    shown = periods >= period_index(pd.DatetimeIndex([since]), params.freq)[0]
    level = tension_matrix(net, params)[shown]  # warmed up on the history before `since`
    recent = max(1, RECENT_DAYS // step)
    in_range = sums[sums["day"] >= pd.Timestamp(since)]
    totals = in_range.groupby(["a", "b"])[["conflict", "cooperation"]].sum().reindex(keys)
    summed = totals.fillna(0.0).to_numpy()
    out = [
        _summary(key, level[:, i], events[shown, i], summed[i], periods[shown], recent)
        for i, key in enumerate(keys)
        if events[shown, i].sum() > 0 or level[:, i].max() > 0
    ]
    name = {"peak": "peak_tension", "recent": "recent_tension"}.get(sort, sort)
    return sorted(out, key=lambda r: (-(r[name] or 0.0), -r["events"], r["a"], r["b"]))


def _summary(
    key: tuple[str, str],
    level: np.ndarray,
    events: np.ndarray,
    totals: np.ndarray,
    periods: pd.DatetimeIndex,
    recent: int,
) -> dict[str, Any]:
    """One pair's row; `totals` is its (conflict, cooperation) over the range."""
    spark = level[-SPARK_PERIODS:]
    return {
        "a": str(key[0]),
        "b": str(key[1]),
        "events": int(events.sum()),
        "conflict": _plain(totals[0]),
        "cooperation": _plain(totals[1]),
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
