from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select

from brinkwatch.store.queries import EventFilter, find_events, find_failures, totals
from brinkwatch.store.schema import articles, evidence
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import CODER, article, event, failure, quote

SEIZE = "China seized a Philippine supply boat near the shoal on Thursday."


def _story(aid: str, outlet: str, lead: str = SEIZE, extra: str = "") -> object:
    text = lead + " " + extra if extra else lead
    return article(text, aid=aid, outlet=outlet, events=(event(lead, "China", "Philippines"),))


def test_writes_article_event_and_evidence(engine: Engine) -> None:
    writer = StoreWriter(engine)
    writer.start_run("ingest", CODER, "cfg")
    counts = writer.write([(_story("a1", "Harbour Times"), None)])
    writer.finish_run()
    assert (counts.new, counts.events, counts.failed) == (1, 1, 0)
    [stored] = find_events(engine)
    assert (stored.source_country, stored.target_country, stored.cameo) == ("CHN", "PHL", "172")
    assert stored.sqldate == 20240502
    assert stored.evidence[0].sentence == SEIZE
    assert stored.evidence[0].trigger == "seized"
    assert SEIZE[stored.evidence[0].start : stored.evidence[0].end] == stored.evidence[0].sentence


def test_same_event_in_three_articles_is_one_event_with_counts(engine: Engine) -> None:
    writer = StoreWriter(engine)
    tail = "Officials in both capitals gave differing accounts of the encounter afterwards."
    batch = [
        (_story("a1", "Harbour Times"), None),
        (_story("a2", "Island Courier", extra=tail), None),
        (
            _story("a3", "Harbour Times", extra="A completely different second paragraph follows."),
            None,
        ),
    ]
    writer.write(batch)
    [stored] = find_events(engine)
    assert (stored.num_mentions, stored.num_articles, stored.num_sources) == (3, 3, 2)
    assert {e.article_id for e in stored.evidence} == {"a1", "a2", "a3"}


def test_different_day_target_or_code_are_different_events(engine: Engine) -> None:
    writer = StoreWriter(engine)
    lead = SEIZE
    events = (
        event(lead, "China", "Philippines", eid="e1"),
        event(lead, "China", "Philippines", day="2024-05-03", eid="e2"),
        event(lead, "China", "Japan", eid="e3"),
        event(lead, "China", "Philippines", cameo="1712", eid="e4"),
        event(lead, "China", "Philippines", negated=True, eid="e5"),
    )
    writer.write([(article(lead, aid="x", events=events), None)])
    assert len(find_events(engine)) == 5
    assert totals(engine)["mentions"] == 5


def test_exact_copy_is_skipped_and_near_copy_linked(engine: Engine) -> None:
    body = " ".join(
        f"Paragraph {i} says the coast guards of both countries traded accusations over the reef."
        for i in range(12)
    )
    writer = StoreWriter(engine)
    writer.write([(article(body, aid="orig"), None)])
    again = writer.write([(article(body, aid="orig-again"), None)])
    near = writer.write([(article(body + " Reporting by a wire desk.", aid="copy"), None)])
    other = writer.write(
        [(article("An unrelated story about grain prices in Kenya.", aid="k"), None)]
    )
    assert (again.skipped, again.new) == (1, 0)
    assert (near.new, near.duplicates) == (1, 1)
    assert other.duplicates == 0
    with engine.connect() as conn:
        dup = conn.execute(select(articles.c.duplicate_of).where(articles.c.id == "copy")).scalar()
    assert dup == "orig"


def test_near_duplicate_index_reloads_from_the_store(engine: Engine) -> None:
    body = " ".join(f"Sentence {i} about a naval standoff near the atoll." for i in range(20))
    StoreWriter(engine).write([(article(body, aid="first"), None)])
    counts = StoreWriter(engine).write([(article(body + " Updated.", aid="second"), None)])
    assert counts.duplicates == 1


def test_failures_are_stored_and_counted_once(engine: Engine) -> None:
    writer = StoreWriter(engine)
    writer.write([(failure("bad.txt"), None)])
    writer.write([(failure("bad.txt"), None)])
    [stored] = find_failures(engine)
    assert (stored.id, stored.error_code, stored.attempts) == ("bad.txt", "empty", 2)


def test_quotes_and_actors_are_stored_with_spans(engine: Engine) -> None:
    said = '"We will defend our waters," the minister said.'
    art = article(said, aid="q", quotes=(quote(said[:29], "Philippines"),))
    counts = StoreWriter(engine).write([(art, None)])
    assert counts.quotes == 1
    with engine.connect() as conn:
        roles = set(conn.scalars(select(evidence.c.role)))
        n = conn.scalar(select(func.count()).select_from(evidence))
    assert roles == {"sentence", "content"} and n == 2


def test_same_id_different_text_gets_a_new_id(engine: Engine) -> None:
    writer = StoreWriter(engine)
    writer.write([(article("First text about the strait.", aid="dup"), None)])
    counts = writer.write([(article("Second, different text about tariffs.", aid="dup"), None)])
    assert counts.new == 1
    with engine.connect() as conn:
        ids = sorted(conn.scalars(select(articles.c.id)))
    assert ids[0] == "dup" and ids[1].startswith("dup~")


def test_failed_batch_rolls_back_everything(engine: Engine) -> None:
    writer = StoreWriter(engine)
    good = _story("good", "Harbour Times")
    with pytest.raises(AttributeError):
        writer.write([(good, None), ("not a record", None)])  # type: ignore[list-item]
    assert totals(engine)["articles"] == 0
    assert find_events(engine, EventFilter(since=date(2024, 1, 1))) == []


def test_failure_with_the_id_of_a_coded_article_is_kept_apart(engine: Engine) -> None:
    writer = StoreWriter(engine)
    writer.write([(article("Russia shelled the port city.", aid="same"), None)])
    counts = writer.write([(failure("same"), None)])
    assert counts.failed == 1
    assert [f.id for f in find_failures(engine)] == ["same~failed"]
