"""The monitor's side of the store: events in (as `DyadEvent`s), alerts out (upserted by key).

The monitor itself never touches the database; `cli/monitor.py` calls these functions and hands
the monitor plain records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    insert,
    or_,
    select,
    update,
)

from brinkwatch.records import Alert, DyadEvent
from brinkwatch.store.queries import (
    EventFilter,
    StoredEvent,
    find_events,
    is_dyad_day_event,
    to_dyad_event,
)
from brinkwatch.store.schema import metadata

# Created by migration 0002_alerts; declared on the store's metadata so tooling sees it.
alerts = Table(
    "alerts",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("source", String(10), nullable=False),
    Column("target", String(10), nullable=False),
    Column("score", Float, nullable=False),
    Column("window_start", Date, nullable=False),
    Column("window_end", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("events", Text, nullable=False),  # JSON list of DyadEvent objects
    Column("first_seen", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("updates", Integer, nullable=False, default=0),
    Index("ix_alerts_window_end", "window_end"),
    Index("ix_alerts_dyad", "source", "target"),
    extend_existing=True,
)

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


@dataclass(frozen=True, slots=True)
class StoredAlert:
    """An alert as stored: when it was first and last raised, and how often it changed."""

    alert: Alert
    first_seen: datetime
    last_seen: datetime
    updated_at: datetime
    updates: int


def monitor_events(
    engine: Engine,
    *,
    since: date | None = None,
    until: date | None = None,
    pair: tuple[str, str] | None = None,
) -> list[DyadEvent]:
    """Country-to-country events dated to the day, oldest first; `pair` keeps both directions of
    one dyad. Events dated only to a month or year are left out (they have no day to count in)."""
    filt = EventFilter(since=since, until=until, country=pair[0] if pair else None)
    found = find_events(engine, filt, with_evidence=True)
    out = [to_dyad_event(e) for e in found if _in_pair(e, pair)]
    return sorted(out, key=lambda e: (e.date, int(e.event_id)))


def _in_pair(event: StoredEvent, pair: tuple[str, str] | None) -> bool:
    if not is_dyad_day_event(event):
        return False
    return pair is None or {event.source_country, event.target_country} == set(pair)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _content(alert: Alert) -> dict[str, Any]:
    events = [{f.name: _plain(getattr(e, f.name)) for f in fields(e)} for e in alert.events]
    return {
        "kind": alert.kind,
        "source": alert.source,
        "target": alert.target,
        "score": alert.score,
        "window_start": alert.window_start,
        "window_end": alert.window_end,
        "reason": alert.reason,
        "events": json.dumps(events, sort_keys=True, ensure_ascii=False),
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def upsert_alerts(engine: Engine, found: Iterable[Alert]) -> list[tuple[Alert, str]]:
    """Store alerts by key: a new key is inserted, a changed one updated (its `updates` count
    goes up), an unchanged one only gets a new `last_seen`. Returns each alert with its status."""
    out = []
    with engine.begin() as conn:
        for alert in found:
            out.append((alert, _upsert_one(conn, alert, _now())))
    return out


def _upsert_one(conn: Connection, alert: Alert, now: datetime) -> str:
    content = _content(alert)
    row = conn.execute(select(alerts).where(alerts.c.key == alert.key)).first()
    if row is None:
        values = {"key": alert.key, "first_seen": now, "last_seen": now, "updated_at": now}
        conn.execute(insert(alerts).values(**values, **content, updates=0))
        return NEW
    mapping = row._mapping
    if all(mapping[k] == v for k, v in content.items()):
        conn.execute(update(alerts).where(alerts.c.pk == row.pk).values(last_seen=now))
        return UNCHANGED
    changes = {**content, "last_seen": now, "updated_at": now, "updates": row.updates + 1}
    conn.execute(update(alerts).where(alerts.c.pk == row.pk).values(**changes))
    return UPDATED


def load_alerts(
    engine: Engine,
    *,
    since: date | None = None,
    kinds: Sequence[str] = (),
    country: str | None = None,
) -> list[StoredAlert]:
    """Stored alerts whose window ends on or after `since`, newest window first."""
    query = select(alerts).order_by(alerts.c.window_end.desc(), alerts.c.key)
    if since:
        query = query.where(alerts.c.window_end >= since)
    if kinds:
        query = query.where(alerts.c.kind.in_(list(kinds)))
    if country:
        query = query.where(or_(alerts.c.source == country, alerts.c.target == country))
    with engine.connect() as conn:
        return [_stored(row._mapping) for row in conn.execute(query)]


def alerts_by_key(engine: Engine, keys: Iterable[str]) -> dict[str, StoredAlert]:
    """Stored alerts by key (for redelivery)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(select(alerts).where(alerts.c.key.in_(wanted)))
        return {row.key: _stored(row._mapping) for row in rows}


def _stored(row: Any) -> StoredAlert:
    events = tuple(
        DyadEvent(**{**e, "date": date.fromisoformat(e["date"])}) for e in json.loads(row["events"])
    )
    alert = Alert(
        key=row["key"],
        kind=row["kind"],
        source=row["source"],
        target=row["target"],
        score=row["score"],
        window_start=row["window_start"],
        window_end=row["window_end"],
        reason=row["reason"],
        events=events,
    )
    return StoredAlert(
        alert, row["first_seen"], row["last_seen"], row["updated_at"], row["updates"]
    )
