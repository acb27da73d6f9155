"""The server's one writer: posted articles go through `store.ingest` (as `brinkwatch ingest`
does), one request at a time, and then the monitor runs so stored alerts follow the events."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from sqlalchemy import Engine, select

from brinkwatch.monitor.alerts import detect
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.records import Document, Failure
from brinkwatch.settings import Settings
from brinkwatch.store.dedup import content_hash
from brinkwatch.store.ingest import ingest
from brinkwatch.store.monitor_io import monitor_events, upsert_alerts
from brinkwatch.store.schema import articles
from brinkwatch.store.writer import StoreWriter


def config_hash(settings: Settings) -> str:
    """As `brinkwatch ingest` records it: what could change coding results, hashed."""
    dump = settings.model_dump_json(exclude={"db", "n_process", "monitor"})
    return hashlib.sha256(dump.encode("utf-8")).hexdigest()[:16]


def refresh_alerts(engine: Engine, params: MonitorParams) -> int:
    """Run the monitor over every stored event and store its alerts (by key: ongoing alerts are
    updated, not repeated). Returns how many it found."""
    return len(upsert_alerts(engine, detect(monitor_events(engine), params)))


def store_articles(app: Any, inputs: list[Document | Failure]) -> dict[str, Any]:
    """Code and store `inputs` under the app's write lock; each input's stored id and status."""
    settings = app.state.settings.core
    with app.state.write_lock:
        writer = StoreWriter(app.state.engine)
        writer.start_run("serve", None, config_hash(settings))
        counts = ingest(writer, inputs, app.state.code)
        writer.finish_run()
        refresh_alerts(app.state.engine, settings.monitor)
    return {"items": _outcomes(app.state.engine, inputs), "counts": dataclasses.asdict(counts)}


def _outcomes(engine: Engine, inputs: list[Document | Failure]) -> list[dict[str, Any]]:
    hashes = {content_hash(d.text) for d in inputs if isinstance(d, Document)}
    query = select(
        articles.c.id, articles.c.status, articles.c.content_hash, articles.c.duplicate_of
    )
    with engine.connect() as conn:
        stored = {
            r.content_hash: r
            for r in conn.execute(query.where(articles.c.content_hash.in_(hashes)))
        }
    out: list[dict[str, Any]] = []
    for item in inputs:
        if isinstance(item, Failure):
            out.append({"id": item.id, "status": "failed", "error": item.error.code})
            continue
        row = stored.get(content_hash(item.text))
        status = row.status if row is not None else "failed"
        out.append(
            {
                "id": row.id if row is not None else item.id,
                "status": status,
                "duplicate_of": row.duplicate_of if row is not None else None,
            }
        )
    return out
