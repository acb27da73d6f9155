"""Per-day sums of country-pair events: what the monitor's series are made of, read from the
`dyad_daily` summary the writer keeps (store/dyad_daily.py), so the dyad page of a million-event
store reads one row per direction and day, and the ranking and network one per pair and day.

The rows counted are those the monitor counts (`queries.is_dyad_day_event`): two different
countries, dated to the day, not negated, not background; each weighs its distinct articles,
mentions or 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Engine, and_, func, or_, select

from brinkwatch.monitor.series import SUMMED
from brinkwatch.store.monitor_io import alerts
from brinkwatch.store.queries import day_number
from brinkwatch.store.schema import DYAD_WEIGHTED, dyad_daily

D = dyad_daily.c


def _columns(weight: str) -> list[Any]:
    """The summary's columns for `weight`, in `SUMMED`'s order."""
    return [
        D.events,
        D[weight],
        D.articles,
        *[D[f"{name}_{weight}"] for name in DYAD_WEIGHTED],
    ]


def _sums(weight: str) -> list[Any]:
    return [func.sum(c).label(name) for c, name in zip(_columns(weight), SUMMED, strict=True)]


def _days(since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    found = []
    if since:
        found.append(D.sqldate >= day_number(since))
    if until:
        found.append(D.sqldate <= day_number(until))
    return found


def _frame(rows: Sequence[Any], keys: list[str], names: Sequence[str] = SUMMED) -> pd.DataFrame:
    """Rows of (*keys, sqldate, *names) as a frame with a `day` column, built column-wise."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(keys) + 1 + len(names))
    data: dict[str, Any] = {k: list(columns[i]) for i, k in enumerate(keys)}
    sqldate = np.asarray(columns[len(keys)], dtype=np.int64)
    for i, name in enumerate(names, start=len(keys) + 1):
        data[name] = np.asarray(columns[i], dtype=np.int64 if name == "events" else np.float64)
    years, months, days = sqldate // 10_000, sqldate // 100 % 100, sqldate % 100
    stamps = (
        (years - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + (months - 1).astype("timedelta64[M]")
    ).astype("datetime64[D]") + (days - 1).astype("timedelta64[D]")
    data["day"] = stamps.astype("datetime64[ns]")
    return pd.DataFrame(data)


def _pair(a: str, b: str, directed: bool) -> ColumnElement[bool]:
    forward = and_(D.source_country == a, D.target_country == b)
    backward = and_(D.source_country == b, D.target_country == a)
    return forward if directed else or_(forward, backward)


def pair_day_sums(
    engine: Engine,
    a: str,
    b: str,
    *,
    weight: str = "articles",
    directed: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """One pair's sums per day (a → b only when `directed`), indexed by day, oldest first."""
    query = (
        select(D.sqldate, *_sums(weight))
        .where(_pair(a, b, directed), *_days(since, until))
        .group_by(D.sqldate)
        .order_by(D.sqldate)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return _frame(rows, []).set_index("day")


def _to_date(day: int | None) -> date | None:
    return date(day // 10_000, day // 100 % 100, day % 100) if day else None


def pair_last_day(
    engine: Engine, a: str, b: str, *, directed: bool = False, until: date | None = None
) -> date | None:
    """The day of the pair's newest counted event (one index look-up per direction)."""
    found = []
    with engine.connect() as conn:
        for source, target in [(a, b)] if directed else [(a, b), (b, a)]:
            query = select(func.max(D.sqldate)).where(
                D.source_country == source, D.target_country == target, *_days(None, until)
            )
            found.append(conn.scalar(query))
    return _to_date(max((int(d) for d in found if d), default=None))


def store_last_day(engine: Engine, *, until: date | None = None) -> date | None:
    """The day of the newest counted event of any pair."""
    query = select(func.max(D.sqldate)).where(*_days(None, until))
    with engine.connect() as conn:
        return _to_date(conn.scalar(query))


def all_pair_day_sums(
    engine: Engine,
    *,
    weight: str = "articles",
    since: date | None = None,
    until: date | None = None,
    names: Sequence[str] = SUMMED,
) -> pd.DataFrame:
    """Every undirected pair's sums per day: columns a, b (a < b), day and the sums `names`
    (default: all). The summary holds one row per direction and day; both directions of a pair
    are added up here. A full pass in the table's order: cheaper than an index range that
    fetches a third of the rows one by one."""
    chosen = dict(zip(SUMMED, _columns(weight), strict=True))
    query = (
        select(D.source_country, D.target_country, D.sqldate, *[chosen[n] for n in names])
        .where(*_days(since, until))
        .with_hint(dyad_daily, "NOT INDEXED", "sqlite")
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = _frame(rows, ["source", "target"], names)
    forward = frame["source"] <= frame["target"]
    frame["a"] = frame["source"].where(forward, frame["target"])
    frame["b"] = frame["target"].where(forward, frame["source"])
    summed = frame.groupby(["a", "b", "day"], sort=True)[list(names)].sum().reset_index()
    return summed.astype({"events": np.int64}) if "events" in names else summed


def directed_totals(
    engine: Engine,
    *,
    weight: str = "articles",
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    """Per directed pair (source → target): events and weighted cooperation and conflict."""
    query = (
        select(D.source_country.label("source"), D.target_country.label("target"), *_sums(weight))
        .where(*_days(since, until))
        .group_by(D.source_country, D.target_country)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def pair_alert_rows(engine: Engine, a: str, b: str) -> list[dict[str, Any]]:
    """The stored alerts of a pair (either direction), oldest window first, without events."""
    columns = [c for c in alerts.c if c.name != "events"]
    query = (
        select(*columns)
        .where(
            or_(
                and_(alerts.c.source == a, alerts.c.target == b),
                and_(alerts.c.source == b, alerts.c.target == a),
            )
        )
        .order_by(alerts.c.window_start, alerts.c.pk)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]
