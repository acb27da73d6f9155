"""Per-day sums of country-pair events, summed by the database: what the monitor's series are
made of, without loading every event (the dyad page of a million-event store reads one pair's
days from the covering index of migration 0003).

The rows counted are those the monitor counts (`queries.is_dyad_day_event`): two different
countries, dated to the day, not negated, not background; each weighs its distinct articles, mentions or 1.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Engine, and_, case, func, literal, or_, select

from brinkwatch.monitor.series import SUMMED
from brinkwatch.store.monitor_io import alerts
from brinkwatch.store.queries import day_number
from brinkwatch.store.schema import event_clusters

C = event_clusters.c
COVER = "ix_clusters_dyad_cover"  # migrations 0003, 0006: pair, day, every summed column


def _at_least_one(column: Any) -> Any:
    return case((column > 1, column), else_=1)


def _weight(weight: str) -> Any:
    if weight == "events":
        return literal(1.0)
    return _at_least_one(C.num_mentions if weight == "mentions" else C.num_articles)


def _sums(weight: str) -> list[Any]:
    w = _weight(weight)
    return [
        func.count().label("events"),
        func.sum(w).label("weight"),
        func.sum(_at_least_one(C.num_articles)).label("articles"),
        *[func.sum(case((C.quad_class == k, w), else_=0)).label(f"q{k}") for k in (1, 2, 3, 4)],
        func.sum(case((C.goldstein > 0, w * C.goldstein), else_=0)).label("cooperation"),
        func.sum(case((C.goldstein < 0, -w * C.goldstein), else_=0)).label("conflict"),
    ]


def _day_events(since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    found = [
        C.negated.is_(False),
        C.date_granularity == "day",
        C.background.is_(False),
        C.sqldate.is_not(None),
        C.source_country.is_not(None),
        C.target_country.is_not(None),
        C.source_country != C.target_country,
    ]
    if since:
        found.append(C.sqldate >= day_number(since))
    if until:
        found.append(C.sqldate <= day_number(until))
    return found


def _frame(rows: list[Any], keys: list[str]) -> pd.DataFrame:
    """Rows of (*keys, sqldate, *SUMMED) as a frame with a `day` column, built column-wise."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(keys) + 1 + len(SUMMED))
    data: dict[str, Any] = {k: list(columns[i]) for i, k in enumerate(keys)}
    sqldate = np.asarray(columns[len(keys)], dtype=np.int64)
    for i, name in enumerate(SUMMED, start=len(keys) + 1):
        data[name] = np.asarray(columns[i], dtype=np.float64)
    data["events"] = data["events"].astype(np.int64)
    years, months, days = sqldate // 10_000, sqldate // 100 % 100, sqldate % 100
    stamps = (
        (years - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + (months - 1).astype("timedelta64[M]")
    ).astype("datetime64[D]") + (days - 1).astype("timedelta64[D]")
    data["day"] = stamps.astype("datetime64[ns]")
    return pd.DataFrame(data)


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
    forward = and_(C.source_country == a, C.target_country == b)
    backward = and_(C.source_country == b, C.target_country == a)
    query = (
        select(C.sqldate, *_sums(weight))
        .where(forward if directed else or_(forward, backward), *_day_events(since, until))
        .group_by(C.sqldate)
        .order_by(C.sqldate)
    )
    with engine.connect() as conn:
        rows = list(conn.execute(query))
    return _frame(rows, []).set_index("day")


def pair_last_day(
    engine: Engine, a: str, b: str, *, directed: bool = False, until: date | None = None
) -> date | None:
    """The day of the pair's newest counted event (one index look-up per direction)."""
    found = []
    with engine.connect() as conn:
        for source, target in [(a, b)] if directed else [(a, b), (b, a)]:
            query = select(func.max(C.sqldate)).where(
                C.source_country == source, C.target_country == target, *_day_events(None, until)
            )
            found.append(conn.scalar(query))
    days = [int(d) for d in found if d]
    if not days:
        return None
    last = max(days)
    return date(last // 10_000, last // 100 % 100, last % 100)


def store_last_day(engine: Engine, *, until: date | None = None) -> date | None:
    """The day of the newest counted event of any pair."""
    query = select(func.max(C.sqldate)).where(*_day_events(None, until))
    with engine.connect() as conn:
        last = conn.scalar(query)
    return date(last // 10_000, last // 100 % 100, last % 100) if last else None


def all_pair_day_sums(
    engine: Engine,
    *,
    weight: str = "articles",
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """Every undirected pair's sums per day: columns a, b (a < b), day and the sums.

    Grouped by direction in the covering index's own order (a streaming pass, no sort; SQLite
    is told to use it: its planner would rather look up every row by date), then both
    directions of a pair are added up here."""
    query = (
        select(C.source_country, C.target_country, C.sqldate, *_sums(weight))
        .where(*_day_events(since, until))
        .group_by(C.source_country, C.target_country, C.sqldate)
        .with_hint(event_clusters, f"INDEXED BY {COVER}", "sqlite")
    )
    with engine.connect() as conn:
        rows = list(conn.execute(query))
    frame = _frame(rows, ["source", "target"])
    forward = frame["source"] <= frame["target"]
    frame["a"] = frame["source"].where(forward, frame["target"])
    frame["b"] = frame["target"].where(forward, frame["source"])
    summed = frame.groupby(["a", "b", "day"], sort=True)[SUMMED].sum().reset_index()
    return summed.astype({"events": np.int64})


def directed_totals(
    engine: Engine,
    *,
    weight: str = "articles",
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    """Per directed pair (source → target): events and weighted cooperation and conflict."""
    query = (
        select(C.source_country.label("source"), C.target_country.label("target"), *_sums(weight))
        .where(*_day_events(since, until))
        .group_by(C.source_country, C.target_country)
        .with_hint(event_clusters, f"INDEXED BY {COVER}", "sqlite")
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
