"""Read side for the web API: pages of stored alerts, and one alert with the chain of events
that raised it, each with every sentence that reported it (and the words that triggered it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, cast, func, or_, select
from sqlalchemy.dialects import postgresql

from brinkwatch.store.browse import Page
from brinkwatch.store.monitor_io import alerts
from brinkwatch.store.queries import evidence_for

L = alerts.c
SUMMARY = [c for c in alerts.c if c.name != "events"]


@dataclass(frozen=True, slots=True)
class AlertQuery:
    kinds: tuple[str, ...] = ()
    since: date | None = None  # windows ending on or after
    until: date | None = None  # windows starting on or before
    country: str | None = None
    limit: int = 50
    after: tuple[str, int] | None = None  # (window_end ISO, pk) of the previous page's last


def _summary(mapping: Any) -> dict[str, Any]:
    row = dict(mapping)
    row["id"] = row.pop("pk")
    return row


def _chain_length(engine: Engine) -> Any:
    if engine.dialect.name == "postgresql":
        return func.json_array_length(cast(L.events, postgresql.JSON))
    return func.json_array_length(L.events)


def find_alert_page(engine: Engine, aq: AlertQuery) -> Page:
    """Alerts, newest window first."""
    query = select(*SUMMARY, _chain_length(engine).label("n_events")).order_by(
        L.window_end.desc(), L.pk.desc()
    )
    if aq.kinds:
        query = query.where(L.kind.in_(list(aq.kinds)))
    if aq.since:
        query = query.where(L.window_end >= aq.since)
    if aq.until:
        query = query.where(L.window_start <= aq.until)
    if aq.country:
        query = query.where(or_(L.source == aq.country, L.target == aq.country))
    if aq.after:
        end, pk = date.fromisoformat(aq.after[0]), aq.after[1]
        query = query.where(or_(L.window_end < end, and_(L.window_end == end, L.pk < pk)))
    with engine.connect() as conn:
        rows = [_summary(r._mapping) for r in conn.execute(query.limit(aq.limit + 1))]
    more, rows = len(rows) > aq.limit, rows[: aq.limit]
    next_key = (rows[-1]["window_end"].isoformat(), rows[-1]["id"]) if more and rows else None
    return Page(tuple(rows), next_key)


def alert_detail(engine: Engine, alert_id: int) -> dict[str, Any] | None:
    """One alert and its chain: each event as the monitor saw it, with all its evidence."""
    with engine.connect() as conn:
        row = conn.execute(select(alerts).where(L.pk == alert_id)).first()
    if row is None:
        return None
    found = _summary(row._mapping)
    chain = json.loads(found.pop("events"))
    ids = [int(e["event_id"]) for e in chain if str(e.get("event_id", "")).isdigit()]
    spans = evidence_for(engine, ids)
    for event in chain:
        key = int(event["event_id"]) if str(event["event_id"]).isdigit() else -1
        event["reports"] = [_evidence(e) for e in spans.get(key, ())]
    found["events"] = chain
    found["n_events"] = len(chain)
    return found


def _evidence(span: Any) -> dict[str, Any]:
    return {name: getattr(span, name) for name in span.__slots__}
