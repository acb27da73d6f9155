"""The `dyad_daily` summary: one row per directed country pair and day with the sums the monitor
counts, maintained by the one writer in the transaction that changes the events.

Maintenance recomputes the touched (source, target, day) keys from `event_clusters` with the same
sums a full scan makes, rather than adding deltas: a recount (a second article reporting a known
event changes its weight), a deletion or a retry then leaves exactly what a rebuild would, with no
drift of floating-point sums. A day with no counted event left has no row.

The events counted are those of `queries.is_dyad_day_event`, not negated: two different
countries, dated to the day, news (not background).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, case, delete, func, insert, select

from brinkwatch.store.schema import (
    DYAD_WEIGHTED,
    DYAD_WEIGHTS,
    dyad_daily,
    event_clusters,
)

C = event_clusters.c
D = dyad_daily.c
COVER = "ix_clusters_dyad_cover"  # migrations 0003, 0006: pair, day, every summed column
Key = tuple[str, str, int]
_CHUNK = 500


def _at_least_one(column: Any) -> Any:
    return case((column > 1, column), else_=1)


def _weights() -> dict[str, Any]:
    return {
        "events": 1,
        "articles": _at_least_one(C.num_articles),
        "mentions": _at_least_one(C.num_mentions),
    }


def _sums() -> list[Any]:
    """The summary's columns, in the table's order, as sums over event rows."""
    weights = _weights()
    out = [func.count().label("events")]
    out += [func.sum(weights[w]).label(w) for w in DYAD_WEIGHTS[1:]]
    for name in DYAD_WEIGHTED:
        for label, w in weights.items():
            out.append(func.sum(_part(name, w)).label(f"{name}_{label}"))
    return out


def _part(name: str, w: Any) -> Any:
    if name == "cooperation":
        return case((C.goldstein > 0, w * C.goldstein), else_=0.0)
    if name == "conflict":
        return case((C.goldstein < 0, -w * C.goldstein), else_=0.0)
    return case((C.quad_class == int(name[1]), w), else_=0)


def counted() -> list[ColumnElement[bool]]:
    """The events the monitor counts (see the module's docstring)."""
    return [
        C.negated.is_(False),
        C.date_granularity == "day",
        C.background.is_(False),
        C.sqldate.is_not(None),
        C.source_country.is_not(None),
        C.target_country.is_not(None),
        C.source_country != C.target_country,
    ]


def scan() -> Select[Any]:
    """Every key's sums straight from the events: what the summary holds, by definition."""
    keys = [C.source_country, C.target_country, C.sqldate]
    return select(*keys, *_sums()).where(*counted()).group_by(*keys)


def _fill(conn: Connection, query: Select[Any]) -> None:
    conn.execute(insert(dyad_daily).from_select([c.name for c in dyad_daily.c], query))


def rebuild(conn: Connection) -> None:
    """Recompute the whole summary (the migration's backfill; stores written around the writer)."""
    conn.execute(delete(dyad_daily))
    _fill(conn, scan().with_hint(event_clusters, f"INDEXED BY {COVER}", "sqlite"))


def cluster_keys(conn: Connection, cluster_ids: Iterable[int]) -> set[Key]:
    """The summary keys the given events fall on, counted or not (a recount can make a
    background event news): taken before they change or go."""
    ids, found = sorted(cluster_ids), set()
    keys = [C.source_country, C.target_country, C.sqldate]
    for i in range(0, len(ids), _CHUNK):
        chunk = C.id.in_(ids[i : i + _CHUNK])
        query = select(*keys).where(chunk, *[k.is_not(None) for k in keys]).distinct()
        found |= {(str(s), str(t), int(d)) for s, t, d in conn.execute(query)}
    return found


def refresh(conn: Connection, keys: Iterable[Key]) -> None:
    """Recompute the given keys from the events, in the caller's transaction."""
    for source, target, day in sorted(keys):
        where = [D.source_country == source, D.target_country == target, D.sqldate == day]
        conn.execute(delete(dyad_daily).where(*where))
        same = [C.source_country == source, C.target_country == target, C.sqldate == day]
        _fill(conn, scan().where(*same))
