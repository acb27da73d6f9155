"""The monitor's store side: the alerts migration, upsert by key, and events read back."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import inspect

from brinkwatch.monitor.alerts import detect
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.store.db import open_engine
from brinkwatch.store.monitor_io import (
    NEW,
    UNCHANGED,
    UPDATED,
    load_alerts,
    monitor_events,
    upsert_alerts,
)
from brinkwatch.store.writer import StoreWriter
from tests.monitor.factory import ASSAULT, THREATEN, ev
from tests.store.conftest import article, event

S1 = "Navy ships of Atlantis rammed a Lemurian patrol boat."
S2 = "Lemuria said Atlantis had staged a reckless provocation."


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'm.db'}")
    yield engine
    engine.dispose()


def test_the_migration_creates_the_alerts_table(engine):
    tables = inspect(engine).get_table_names()
    assert "alerts" in tables and "event_clusters" in tables


def test_upsert_inserts_then_leaves_then_updates_an_ongoing_alert(engine):
    [alert] = detect(
        [ev(0, "AAA", "BBB", ASSAULT, "u1"), ev(1, "AAA", "BBB", THREATEN, "u2")], MonitorParams()
    )
    assert upsert_alerts(engine, [alert]) == [(alert, NEW)]
    assert upsert_alerts(engine, [alert]) == [(alert, UNCHANGED)]
    grown = replace(alert, window_end=date(2026, 3, 9), score=alert.score + 1)
    assert upsert_alerts(engine, [grown]) == [(grown, UPDATED)]
    [stored] = load_alerts(engine)
    assert stored.alert == grown and stored.updates == 1
    assert stored.first_seen <= stored.updated_at <= stored.last_seen
    assert load_alerts(engine, since=date(2026, 3, 10)) == []
    assert load_alerts(engine, kinds=["spiral"]) == []
    assert len(load_alerts(engine, country="BBB")) == 1


def test_events_come_back_as_dyad_events_with_their_evidence(engine):
    writer = StoreWriter(engine)
    first = article(
        f"{S1} {S2}",
        aid="atl",
        events=(
            event(S1, "Atlantis", "Lemuria", cameo="182", goldstein=-9.5, day="2024-05-02"),
            event(
                S2,
                "Lemuria",
                "Atlantis",
                cameo="112",
                quad=3,
                goldstein=-2.0,
                day="2024-05-03",
                start=len(S1) + 1,
                eid="e2",
            ),
            event(S2, "Lemuria", None, cameo="112", quad=3, goldstein=-2.0, eid="e3"),
            event(S1, "Atlantis", "Lemuria", day="2024-05", granularity="month", eid="e4"),
        ),
    )
    writer.write([(first, None)])
    events = monitor_events(engine)
    assert [(e.source, e.target, e.date, e.cameo) for e in events] == [
        ("ATL", "LEM", date(2024, 5, 2), "182"),
        ("LEM", "ATL", date(2024, 5, 3), "112"),
    ]
    assert events[0].evidence == S1 and events[0].article_id == "atl"
    assert monitor_events(engine, since=date(2024, 5, 3)) == events[1:]
    assert monitor_events(engine, pair=("LEM", "ATL")) == events
    assert monitor_events(engine, pair=("LEM", "XXX")) == []
