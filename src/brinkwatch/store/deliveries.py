"""Alert delivery state: at-least-once delivery to webhooks and --notify commands.

Each new or updated alert is queued per channel (`webhook` + URL, `notify` + command). A failed
attempt stays queued with its error and a next-attempt time that backs off exponentially
(1 min, 2, 4 … capped at 6 h), so later `brinkwatch alerts` runs retry it; `--redeliver` retries
everything undelivered at once. A newer version of the same alert replaces the queued one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    or_,
    select,
    update,
)

from brinkwatch.store.schema import metadata

BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)
PENDING, FAILED, DELIVERED = "pending", "failed", "delivered"

# Created by migration 0004_deliveries.
deliveries = Table(
    "deliveries",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("alert_key", String(200), nullable=False),
    Column("channel", String(20), nullable=False),  # webhook | notify
    Column("target", Text, nullable=False),  # the URL or the command
    Column("target_hash", String(64), nullable=False),  # indexable stand-in for a long target
    Column("version", Integer, nullable=False),  # the alert's `updates` count when queued
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("next_attempt_at", DateTime),
    Column("delivered_at", DateTime),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("alert_key", "channel", "target_hash", name="uq_deliveries_target"),
    Index("ix_deliveries_status", "status", "next_attempt_at"),
    extend_existing=True,
)


@dataclass(frozen=True, slots=True)
class Delivery:
    pk: int
    alert_key: str
    channel: str
    target: str
    version: int
    status: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure: doubling from a minute, capped."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def _hash(target: str) -> str:
    return hashlib.sha256(target.encode("utf-8")).hexdigest()


def enqueue(engine: Engine, channel: str, target: str, versions: Iterable[tuple[str, int]]) -> None:
    """Queue alerts (key, version) for a channel; a newer version is queued again even if an
    older one was delivered."""
    when, digest = now(), _hash(target)
    with engine.begin() as conn:
        for key, version in versions:
            where = (
                (deliveries.c.alert_key == key)
                & (deliveries.c.channel == channel)
                & (deliveries.c.target_hash == digest)
            )
            row = conn.execute(select(deliveries).where(where)).first()
            fresh = {"version": version, "status": PENDING, "attempts": 0, "last_error": None}
            fresh |= {"next_attempt_at": when, "delivered_at": None}
            if row is None:
                conn.execute(
                    insert(deliveries).values(
                        alert_key=key,
                        channel=channel,
                        target=target,
                        target_hash=digest,
                        created_at=when,
                        **fresh,
                    )
                )
            elif row.version != version or row.status != DELIVERED:
                conn.execute(update(deliveries).where(deliveries.c.pk == row.pk).values(**fresh))


def undelivered(
    engine: Engine, *, channel: str | None = None, target: str | None = None, due_only: bool = True
) -> list[Delivery]:
    """Deliveries not yet made; with `due_only`, only those whose backoff has passed."""
    query = select(deliveries).where(deliveries.c.status != DELIVERED).order_by(deliveries.c.pk)
    if channel:
        query = query.where(deliveries.c.channel == channel)
    if target:
        query = query.where(deliveries.c.target_hash == _hash(target))
    if due_only:
        query = query.where(
            or_(deliveries.c.next_attempt_at.is_(None), deliveries.c.next_attempt_at <= now())
        )
    with engine.connect() as conn:
        return [
            Delivery(**{k: row._mapping[k] for k in Delivery.__slots__})
            for row in conn.execute(query)
        ]


def record_attempt(engine: Engine, delivery: Delivery, error: str | None) -> None:
    """Store how an attempt went: delivered, or failed with its error and the next try."""
    when = now()
    if error is None:
        values = {"status": DELIVERED, "delivered_at": when, "last_error": None}
        values |= {"attempts": delivery.attempts + 1, "next_attempt_at": None}
    else:
        attempts = delivery.attempts + 1
        values = {"status": FAILED, "attempts": attempts, "last_error": error[:2000]}
        values |= {"next_attempt_at": when + backoff(attempts)}
    with engine.begin() as conn:
        conn.execute(update(deliveries).where(deliveries.c.pk == delivery.pk).values(**values))
