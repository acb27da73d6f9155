from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from brinkwatch.store.queries import (
    EventFilter,
    dyad_events,
    find_articles,
    find_events,
)
from brinkwatch.store.quote_queries import QuoteFilter, find_quotes
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import actor, article, event, quote

S1 = "China seized a Philippine boat."
S2 = "Japan praised the Philippines for its restraint."
S3 = "The Philippines accused China of ramming its vessel."


@pytest.fixture
def stored(engine: Engine) -> Engine:
    writer = StoreWriter(engine)
    first = article(
        f"{S1} {S2}",
        aid="may",
        published=date(2024, 5, 2),
        events=(
            event(S1, "China", "Philippines", day="2024-05-02", eid="e1"),
            event(
                S2,
                "Japan",
                "Philippines",
                cameo="051",
                quad=1,
                goldstein=3.4,
                day="2024-05-03",
                start=len(S1) + 1,
                eid="e2",
            ),
        ),
        actors=(actor("China"), actor("Japan")),
        quotes=(quote(S2, "Japan", start=len(S1) + 1),),
    )
    second = article(
        S3,
        aid="june",
        published=date(2024, 6, 10),
        events=(
            event(
                S3, "Philippines", "China", cameo="112", quad=3, goldstein=-2.0, day="2024-06-10"
            ),
        ),
        actors=(actor("Philippines"),),
    )
    writer.write([(first, None), (second, None)])
    return engine


def _codes(engine: Engine, **kwargs: object) -> list[str]:
    return [e.cameo for e in find_events(engine, EventFilter(**kwargs))]  # type: ignore[arg-type]


def test_event_filters(stored: Engine) -> None:
    assert _codes(stored) == ["172", "051", "112"]
    assert _codes(stored, since=date(2024, 5, 3)) == ["051", "112"]
    assert _codes(stored, until=date(2024, 5, 2)) == ["172"]
    assert _codes(stored, country="JPN") == ["051"]
    assert _codes(stored, dyad=("PHL", "CHN")) == ["112"]
    assert _codes(stored, dyad=("CHN", "PHL")) == ["172"]
    assert _codes(stored, cameo_root="5") == ["051"]
    assert _codes(stored, quad_class=3) == ["112"]
    assert _codes(stored, limit=1) == ["172"]


def test_each_event_has_its_evidence(stored: Engine) -> None:
    praise = find_events(stored, EventFilter(country="JPN"))[0]
    [ev] = praise.evidence
    assert (ev.article_id, ev.sentence, ev.outlet) == ("may", S2, "Harbour Times")
    assert ev.start == len(S1) + 1


def test_articles_and_quotes(stored: Engine) -> None:
    assert [a.id for a in find_articles(stored)] == ["may", "june"]
    assert [a.id for a in find_articles(stored, country="JPN")] == ["may"]
    assert [a.id for a in find_articles(stored, since=date(2024, 6, 1))] == ["june"]
    assert [q.content for q in find_quotes(stored, QuoteFilter(country="JPN"))] == [S2]
    assert find_quotes(stored, QuoteFilter(since=date(2024, 6, 1))) == []


def test_dyad_events_for_the_monitor(stored: Engine) -> None:
    found = dyad_events(stored, EventFilter(since=date(2024, 6, 1)))
    assert [(d.source, d.target, d.date, d.article_id) for d in found] == [
        ("PHL", "CHN", date(2024, 6, 10), "june")
    ]
