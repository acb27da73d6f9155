from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import dyad_series, events_frame, top_dyads
from brinkwatch.records import DyadEvent
from tests.monitor.factory import ACCUSE, ASSAULT, CONSULT, START, ev

DAY = MonitorParams()


def test_daily_series_counts_quads_and_splits_cooperation_from_conflict():
    events = [
        ev(0, "AAA", "BBB", ASSAULT, articles=3),
        ev(0, "BBB", "AAA", ACCUSE),
        ev(2, "AAA", "BBB", CONSULT),
    ]
    s = dyad_series(events, "BBB", "AAA", DAY)
    assert list(s.index.date) == [START, date(2026, 3, 3), date(2026, 3, 4)]
    first = s.iloc[0]
    assert (first["events"], first["weight"], first["q4"], first["q3"]) == (2, 4, 3, 1)
    assert first["conflict"] == pytest.approx(3 * 9.0 + 2.0)
    assert first["goldstein_mean"] == pytest.approx(-29.0 / 4)
    assert first["conflict_share"] == 1.0
    assert s.iloc[1]["events"] == 0 and pd.isna(s.iloc[1]["goldstein_mean"])
    assert s.iloc[2]["cooperation"] == 1.0 and s.iloc[2]["net_conflict"] == -1.0


def test_directed_series_keeps_one_direction_and_negated_events_are_dropped():
    events = [
        ev(0, "AAA", "BBB", ASSAULT),
        ev(0, "BBB", "AAA", ACCUSE),
        ev(1, "AAA", "BBB", ASSAULT, negated=True),
    ]
    s = dyad_series(events, "AAA", "BBB", DAY, directed=True)
    assert s["events"].sum() == 1 and s["conflict"].sum() == 9.0


def test_weekly_series_starts_on_monday_and_weights_can_be_events():
    events = [ev(d, "AAA", "BBB", ACCUSE, articles=5) for d in (0, 6, 7)]
    s = dyad_series(events, "AAA", "BBB", MonitorParams(freq="week", weight="events"))
    assert [d.weekday() for d in s.index] == [0, 0]
    assert list(s["events"]) == [2, 1] and list(s["weight"]) == [2.0, 1.0]


def test_top_dyads_ranks_pairs_by_conflict_regardless_of_direction():
    events = [
        ev(0, "CCC", "AAA", ASSAULT),
        ev(1, "AAA", "CCC", ACCUSE),
        ev(0, "AAA", "BBB", ACCUSE),
    ]
    table = top_dyads(events_frame(events), 5)
    assert list(table.index) == [("AAA", "CCC"), ("AAA", "BBB")]
    assert table.loc[("AAA", "CCC"), "conflict"] == 11.0


countries = st.sampled_from(["AAA", "BBB", "CCC"])
events_strategy = st.lists(
    st.builds(
        DyadEvent,
        event_id=st.uuids().map(str),
        date=st.dates(date(2026, 1, 1), date(2026, 3, 31)),
        source=countries,
        target=countries,
        cameo=st.just("010"),
        quad_class=st.integers(1, 4),
        goldstein=st.floats(-10, 10, allow_nan=False).map(lambda g: round(g, 1)),
        mentions=st.integers(1, 9),
        articles=st.integers(1, 9),
        negated=st.booleans(),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(events=events_strategy, freq=st.sampled_from(["day", "week"]), directed=st.booleans())
def test_series_sums_equal_event_sums(events, freq, directed):
    params = MonitorParams(freq=freq)
    s = dyad_series(events, "AAA", "BBB", params, directed=directed)
    kept = [
        e
        for e in events
        if not e.negated
        and (
            (e.source, e.target) == ("AAA", "BBB")
            or (not directed and (e.source, e.target) == ("BBB", "AAA"))
        )
    ]
    assert s["events"].sum() == len(kept)
    assert s["weight"].sum() == pytest.approx(sum(e.articles for e in kept))
    assert s[["q1", "q2", "q3", "q4"]].sum().sum() == pytest.approx(s["weight"].sum())
    assert s["goldstein_sum"].sum() == pytest.approx(sum(e.articles * e.goldstein for e in kept))
    assert (s["cooperation"] >= 0).all() and (s["conflict"] >= 0).all()


@settings(max_examples=60, deadline=None)
@given(
    events=events_strategy,
    window=st.integers(1, 10),
    ids=st.lists(st.sampled_from(["x", "y", "z", None]), min_size=40, max_size=40),
)
def test_vectorised_evidence_rule_matches_counting_by_hand(events, window, ids):
    from dataclasses import replace

    from brinkwatch.monitor.escalation import distinct_articles, evidence_mask, positions
    from brinkwatch.monitor.series import period_range

    events = [replace(e, article_id=i) for e, i in zip(events, ids, strict=False)]
    params = MonitorParams(evidence_window=window, min_events=2, min_articles=2)
    frame = events_frame(events)
    periods = period_range(date(2026, 1, 1), date(2026, 3, 31), "day")
    pos = positions(frame, periods, "day")
    mask = evidence_mask(frame, pos, len(periods), params)
    for t in range(len(periods)):
        rows = frame[(pos > t - window) & (pos <= t)]
        by_hand = len(rows) >= 2 and distinct_articles(rows) >= 2
        assert mask[t] == by_hand, t
