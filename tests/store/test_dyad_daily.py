"""The `dyad_daily` summary against the events it sums: after every kind of write (new events,
a second report of a known event, a re-ingest, a retried failure, deletions) the table holds
what a full scan of the events gives, and the reads built on it (store/dyad_sums.py) give what
the monitor computes from the events themselves (monitor/series.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, select

from brinkwatch.monitor.series import SUMMED, all_series, events_frame
from brinkwatch.records import Document
from brinkwatch.store import dyad_daily
from brinkwatch.store.dyad_sums import all_pair_day_sums, directed_totals, pair_day_sums
from brinkwatch.store.monitor_io import monitor_events
from brinkwatch.store.schema import dyad_daily as table
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import article, event, failure

SEIZE = "China seized a Philippine supply boat near the shoal on Thursday."
PROTEST = "Manila protested the seizure to the Chinese embassy."
CONSULT = "Japan consulted the United States about the shoal."
WEIGHTS = ("events", "articles", "mentions")
TALKS = "2024-04-20"


def _first(aid: str) -> Any:
    text = f"{SEIZE} {PROTEST} {CONSULT}"
    at, later = len(SEIZE) + 1, len(SEIZE) + len(PROTEST) + 2
    return article(
        text,
        aid=aid,
        events=(
            event(SEIZE, "China", "Philippines", eid="e1"),
            event(
                PROTEST, "Philippines", "China", "111", quad=3, goldstein=-2.0, start=at, eid="e2"
            ),
            event(CONSULT, "Japan", "USA", "040", quad=1, goldstein=1.0, start=later, eid="e3"),
            event(SEIZE, "China", "Philippines", "190", goldstein=-10.0, negated=True, eid="e4"),
            event(SEIZE, "China", "Philippines", day="2024-05", granularity="month", eid="e5"),
            event(SEIZE, "China", "China", eid="e6"),
            event(SEIZE, "China", None, eid="e7"),
            replace(_talks(later), background=True, id="e8"),  # recalled, not news
        ),
    )


def _talks(start: int) -> Any:
    return event(CONSULT, "Japan", "USA", "040", quad=1, goldstein=1.0, day=TALKS, start=start)


def _second(aid: str, outlet: str, tail: str = "") -> Any:
    """The seizure again (same event: its weight grows), a new event two days later, and the
    April talks reported as news (the background event becomes counted)."""
    text = f"{SEIZE} {CONSULT} Coast guard ships shadowed the convoy again on Saturday.{tail}"
    return article(
        text,
        aid=aid,
        outlet=outlet,
        events=(
            event(SEIZE, "China", "Philippines", eid="e1"),
            event(SEIZE, "China", "Philippines", "138", goldstein=-7.0, day="2024-05-04", eid="e2"),
            replace(_talks(len(SEIZE) + 1), id="e3"),
        ),
    )


def _rows(engine: Engine, query: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(query))


def _assert_rows_equal(got: list[tuple[Any, ...]], want: list[tuple[Any, ...]]) -> None:
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g[:3] == w[:3]
        assert [float(x) for x in g[3:]] == pytest.approx([float(x) for x in w[3:]])


def _frame(engine: Engine, weight: str) -> pd.DataFrame:
    return events_frame(monitor_events(engine), weight)


def _check_directed(engine: Engine, frame: pd.DataFrame, weight: str) -> None:
    expected = all_series(frame, "day", directed=True)[SUMMED]
    for source, target in expected.index.droplevel("period").unique():
        got = pair_day_sums(engine, source, target, weight=weight, directed=True)
        want = expected.loc[(source, target)]
        assert list(got.index) == list(want.index)
        pd.testing.assert_frame_equal(
            got[SUMMED], want, check_dtype=False, check_names=False, check_index_type=False
        )
    totals = expected.groupby(level=["source", "target"]).sum()
    found = {(r["source"], r["target"]): r for r in directed_totals(engine, weight=weight)}
    assert sorted(found) == sorted(totals.index)
    for key, row in found.items():
        assert [float(row[c]) for c in SUMMED] == pytest.approx(list(totals.loc[key]))


def _check_undirected(engine: Engine, frame: pd.DataFrame, weight: str) -> None:
    expected = all_series(frame, "day")[SUMMED].reset_index()
    got = all_pair_day_sums(engine, weight=weight)
    want = expected.rename(columns={"source": "a", "target": "b", "period": "day"})
    pd.testing.assert_frame_equal(got[list(want.columns)], want, check_dtype=False)
    for a, b in {(r.a, r.b) for r in want.itertuples()}:
        pair = want[(want["a"] == a) & (want["b"] == b)].set_index("day")[SUMMED]
        got_pair = pair_day_sums(engine, b, a, weight=weight)  # either order names the pair
        pd.testing.assert_frame_equal(
            got_pair, pair, check_dtype=False, check_names=False, check_index_type=False
        )


def assert_summary_matches_events(engine: Engine) -> None:
    _assert_rows_equal(_rows(engine, select(table)), _rows(engine, dyad_daily.scan()))
    for weight in WEIGHTS:
        frame = _frame(engine, weight)
        _check_directed(engine, frame, weight)
        _check_undirected(engine, frame, weight)


def test_the_summary_follows_every_write_and_delete(engine: Engine) -> None:
    writer = StoreWriter(engine)
    writer.write([(_first("a1"), None)])
    assert_summary_matches_events(engine)
    assert len(_rows(engine, select(table))) == 3  # CHN→PHL, PHL→CHN, JPN→USA on 2 May
    assert _rows(engine, select(table.c.events).where(*_key("JPN", "USA", 20240420))) == []

    writer.write([(_second("a2", "Island Courier"), None)])  # the seizure reported twice
    assert_summary_matches_events(engine)
    assert _rows(engine, select(table.c.events).where(*_key("JPN", "USA", 20240420))) == [(1,)]
    [seizures] = _rows(engine, select(table.c.events, table.c.articles).where(*_key("CHN", "PHL")))
    assert seizures == (1, 2)

    assert writer.write([(_first("a1-copy"), None)]).skipped == 1  # same text: nothing changes
    retried = _second("a3", "Harbour Times", " Fishermen watched.")
    writer.write([(failure("a3"), Document(id="a3", text=retried.text))])
    writer.write([(retried, None)])  # a failure retried with success
    assert_summary_matches_events(engine)
    [seizures] = _rows(engine, select(table.c.events, table.c.articles).where(*_key("CHN", "PHL")))
    assert seizures == (1, 3)

    assert writer.delete_articles(["a2", "a3"]) == 2
    assert_summary_matches_events(engine)
    assert _rows(engine, select(table.c.sqldate).where(table.c.sqldate == 20240504)) == []
    assert _rows(engine, select(table.c.events).where(*_key("JPN", "USA", 20240420))) == []

    assert writer.delete_articles(["a1", "unknown"]) == 1
    assert_summary_matches_events(engine)
    assert _rows(engine, select(table)) == []


def _key(source: str, target: str, day: int = 20240502) -> list[Any]:
    return [
        table.c.source_country == source,
        table.c.target_country == target,
        table.c.sqldate == day,
    ]


def test_a_rebuild_fills_a_summary_written_around_it(engine: Engine) -> None:
    writer = StoreWriter(engine)
    writer.write([(_first("a1"), None), (_second("a2", "Island Courier"), None)])
    with engine.begin() as conn:
        conn.execute(table.delete())  # e.g. a store filled with bulk inserts
    assert _rows(engine, select(table)) == []
    with engine.begin() as conn:
        dyad_daily.rebuild(conn)
    assert_summary_matches_events(engine)
    assert len(_rows(engine, select(table))) == 5
