"""At-least-once alert delivery: a webhook that fails gets the alerts later, with backoff, and on
`--redeliver`; nothing delivered is sent twice. Against a local receiver on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner

from brinkwatch.cli.main import cli
from brinkwatch.store import deliveries
from brinkwatch.store.db import open_existing
from tests.monitor.test_cli_monitor import db  # noqa: F401  (fixture: a staged crisis)
from tests.monitor.test_delivery import receiver  # noqa: F401  (fixture: local receiver)


def alerts(*args: str):
    return CliRunner().invoke(cli, ["alerts", *args])


def keys(handler) -> list[str]:
    return sorted(body["key"] for _, body in handler.received)


def test_a_failed_webhook_is_retried_with_backoff_then_delivered(db, receiver, monkeypatch):  # noqa: F811
    url, handler = receiver
    handler.status = 503
    first = alerts("--db", db, "--webhook", url)
    assert first.exit_code != 0 and "retried on later runs" in str(first.exception)
    assert len(handler.received) == 3  # tried once each, refused
    state = deliveries.undelivered(open_existing(db), due_only=False)
    assert {d.status for d in state} == {"failed"} and {d.attempts for d in state} == {1}
    assert all("HTTP 503" in (d.last_error or "") for d in state)

    handler.status, handler.received = 200, []
    again = alerts("--db", db, "--webhook", url)  # nothing new, and the backoff has not passed
    assert again.exit_code == 0 and handler.received == []

    later = deliveries.now() + timedelta(minutes=2)
    monkeypatch.setattr(deliveries, "now", lambda: later)
    retried = alerts("--db", db, "--webhook", url)
    assert retried.exit_code == 0, retried.output
    assert len(handler.received) == 3 and "delivered 3, failed 0" in retried.stderr
    assert deliveries.undelivered(open_existing(db), due_only=False) == []

    handler.received = []
    assert alerts("--db", db, "--webhook", url).exit_code == 0
    assert handler.received == []  # delivered once, not again


def test_redeliver_retries_now_on_every_stored_channel(db, receiver):  # noqa: F811
    url, handler = receiver
    handler.status = 500
    assert alerts("--db", db, "--webhook", url).exit_code != 0
    handler.status, handler.received = 200, []
    done = alerts("--db", db, "--redeliver")  # no --webhook: the stored channel is used
    assert done.exit_code == 0, done.output
    assert len(keys(handler)) == 3 and "delivered 3" in done.stderr


def test_backoff_doubles_and_is_capped() -> None:
    assert [deliveries.backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert deliveries.backoff(30) == deliveries.BACKOFF_MAX
