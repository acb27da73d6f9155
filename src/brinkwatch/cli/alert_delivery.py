"""Delivering alerts at least once: queue each new or updated alert per channel, try what is due,
store the outcome (store/deliveries.py). Used by `brinkwatch alerts`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from brinkwatch.store.deliveries import Delivery
    from brinkwatch.store.monitor_io import StoredAlert

Channel = tuple[str, str]  # ("webhook", URL) | ("notify", command)


@dataclass(frozen=True, slots=True)
class Outcome:
    delivered: int
    failed: list[str]


def deliver(
    engine: Engine, channels: Sequence[Channel], fresh: Sequence[StoredAlert], *, redeliver: bool
) -> Outcome:
    """Queue `fresh` alerts on every channel, then try the due deliveries (with `redeliver`,
    every undelivered one, whatever its backoff; with no channel given, on every stored one)."""
    from brinkwatch.store import deliveries as queue

    for channel, target in channels:
        queue.enqueue(engine, channel, target, [(s.alert.key, s.updates) for s in fresh])
    pending = [
        d
        for channel, target in channels or [("", "")]
        for d in queue.undelivered(
            engine, channel=channel or None, target=target or None, due_only=not redeliver
        )
    ]
    return _attempt(engine, pending)


def _attempt(engine: Engine, pending: list[Delivery]) -> Outcome:
    import httpx

    from brinkwatch.monitor.delivery import WEBHOOK_TIMEOUT_S, post_one, run_hook
    from brinkwatch.store.deliveries import record_attempt
    from brinkwatch.store.monitor_io import alerts_by_key

    stored = alerts_by_key(engine, [d.alert_key for d in pending])
    delivered, failed = 0, []
    with httpx.Client(timeout=WEBHOOK_TIMEOUT_S) as client:
        for item in pending:
            alert = stored.get(item.alert_key)
            if alert is None:
                error: str | None = "the alert is no longer stored"
            elif item.channel == "webhook":
                error = post_one(client, item.target, alert.alert)
            else:
                error = run_hook(item.target, alert.alert)
            record_attempt(engine, item, error)
            if error is None:
                delivered += 1
            else:
                failed.append(f"{item.channel} {item.target}: {item.alert_key}: {error}")
    return Outcome(delivered, failed)
