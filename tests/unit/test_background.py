"""Background facts: an event whose own date lies well before the article's news is marked
`background`, stored and exported as such, and left out of the monitor's series."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import Engine

from brinkwatch.nlp.background import is_background, period_end
from brinkwatch.nlp.pipeline import ArticleText
from brinkwatch.process import Coder
from brinkwatch.records import Event

PUBLISHED = date(2024, 5, 6)


@pytest.mark.parametrize(
    ("value", "granularity", "phrase", "expected"),
    [
        ("2019", "year", "in 2019", True),
        ("2022-03", "month", "March 2022", True),
        ("2021-05-03", "day", "May 3, 2021", True),
        ("2024", "year", "this year", False),  # the same period: news
        ("2024-03", "month", "March", False),  # within the window
        ("2024-05-04", "day", "Saturday", False),
        (None, None, "last decade", True),
        (None, None, "two decades ago", True),
        (None, None, "the 1990s", True),
        (None, None, "tonight", False),
    ],
)
def test_the_rule(value: str | None, granularity: str | None, phrase: str, expected: bool) -> None:
    assert is_background(value, granularity, phrase, PUBLISHED) is expected


def test_a_year_just_ended_is_still_news_and_ongoing_stretches_are_not_background() -> None:
    assert not is_background("2023", "year", "last year", date(2024, 1, 10))
    assert is_background("2023", "year", "last year", date(2024, 6, 10))
    assert not is_background("2019", "year", "2019", PUBLISHED, before="patrols have grown since ")
    assert not is_background("2019", "year", "2019", None)  # no "now" to be far from


def test_period_end() -> None:
    assert period_end("2024-02", "month") == date(2024, 2, 29)
    assert period_end("2019", "year") == date(2019, 12, 31)
    assert period_end("2021-05-03", "day") == date(2021, 5, 3)


def _events(coder: Coder, text: str, published: date | None = PUBLISHED) -> list[Event]:
    doc = next(coder.parser.pipe([ArticleText(text, published)]))
    return list(doc._.bw_events)


def _by_root(events: list[Event], root: str) -> Event:
    found = [e for e in events if e.cameo_root == root]
    assert found, events
    return found[0]


NEWS = "Japan accused China on Saturday of breaking their fisheries treaty."
HISTORY = "Japan and China signed a fisheries treaty on May 3, 2019."


def test_a_treaty_signed_years_ago_is_background(coder: Coder) -> None:
    events = _events(coder, f"{NEWS} {HISTORY}")
    accused = _by_root(events, "11")
    assert not accused.background and accused.date == "2024-05-04"
    signed = [e for e in events if e.trigger.text == "signed"]
    assert signed and all(e.background and e.date == "2019-05-03" for e in signed)


def test_history_without_a_calendar_date_is_background(coder: Coder) -> None:
    events = _events(coder, "India and Pakistan fought a war two decades ago.")
    assert events and all(e.background for e in events)
    assert all(e.date is None for e in events)  # not dated to the publication day


def test_same_period_dates_are_news(coder: Coder) -> None:
    events = _events(coder, "India and Pakistan signed a trade agreement in April.")
    assert events and not any(e.background for e in events)
    assert all(e.date == "2024-04" for e in events)


def test_background_is_stored_exported_and_left_out_of_the_series(coder: Coder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from brinkwatch.records import Article
    from brinkwatch.store.db import open_engine
    from brinkwatch.store.dyad_sums import pair_day_sums
    from brinkwatch.store.exports import export
    from brinkwatch.store.queries import dyad_events, find_events
    from brinkwatch.store.writer import StoreWriter
    from tests.store.conftest import CODER

    text = f"{NEWS} {HISTORY}"
    events = tuple(_events(coder, text))
    article = Article("bg", "t", "o", None, PUBLISHED, None, text, CODER, events, (), ())
    engine: Engine = open_engine(f"sqlite:///{tmp_path / 'bg.db'}")
    StoreWriter(engine).write([(article, None)])
    stored = find_events(engine)
    assert {e.background for e in stored} == {False, True}
    # the 2019 signing, dated to its day, would otherwise count in 2019's series
    assert [d.date for d in dyad_events(engine)] == [date(2024, 5, 4)]
    assert list(pair_day_sums(engine, "JPN", "CHN")["events"]) == [1]
    out = tmp_path / "events.jsonl"
    export(engine, "jsonl", str(out))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {(r["date"], r["background"]) for r in rows} >= {("2019-05-03", True)}


def test_absurd_publication_dates_do_not_overflow() -> None:
    assert not is_background("0001", "year", "in year one", date(1, 1, 1))
    assert is_background("0001", "year", "in year one", date(9999, 12, 31))
