"""Store fixtures: hand-built records, and a fresh database per test on SQLite and PostgreSQL.

PostgreSQL runs where `BRINKWATCH_TEST_PG_URL` names a server (`.ci/run` starts one). Elsewhere
those tests skip with a notice; in CI (`CI=true`) a missing server is an error, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, text

from brinkwatch.records import Actor, Article, CoderInfo, ErrorInfo, Event, Failure, Quote, Span
from brinkwatch.store.db import create, open_engine

PG_ENV = "BRINKWATCH_TEST_PG_URL"
CODER = CoderInfo("brinkwatch", "0.0.test", "test-model", {"codes/cameo.tsv": "1.0.0"})

COUNTRIES = {"China": "CHN", "Philippines": "PHL", "Japan": "JPN", "Manila": "PHL"}


def actor(text: str, sector: str | None = "GOV", start: int = 0) -> Actor:
    country = COUNTRIES.get(text, text[:3].upper())
    code = country + (sector or "")
    return Actor(
        text, start, start + len(text), name=text, code=code, country=country, sector=sector
    )


def event(
    text: str,
    source: str,
    target: str | None,
    cameo: str = "172",
    *,
    day: str | None = "2024-05-02",
    granularity: str = "day",
    negated: bool = False,
    quad: int = 4,
    goldstein: float = -5.0,
    plover: str | None = "COERCE",
    start: int = 0,
    eid: str = "e1",
) -> Event:
    """An event whose sentence is `text`, placed at `start` in its article."""
    sentence = Span(start, start + len(text), text)
    word = text.split()[1] if len(text.split()) > 1 else text
    at = start + text.index(word)
    return Event(
        id=eid,
        sentence=sentence,
        evidence=sentence,
        trigger=Span(at, at + len(word), word),
        source=actor(source, start=start),
        target=actor(target) if target else None,
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name="test action",
        goldstein=goldstein,
        goldstein_table="test",
        quad_class=quad,
        plover_event=plover,
        plover_mode=None,
        date=day,
        date_text=None,
        date_granularity=granularity if day else None,
        date_source="text" if day else None,
        negated=negated,
    )


def article(
    text: str,
    *,
    aid: str | None = None,
    events: tuple[Event, ...] = (),
    outlet: str | None = "Harbour Times",
    url: str | None = None,
    published: date | None = date(2024, 5, 2),
    quotes: tuple[Quote, ...] = (),
    actors: tuple[Actor, ...] = (),
) -> Article:
    aid = aid or f"a{abs(hash(text)) % 10**8}"
    return Article(
        id=aid,
        title=text.split(".")[0][:60],
        outlet=outlet,
        url=url or f"https://news.example/{aid}",
        published=published,
        dateline=None,
        text=text,
        coder=CODER,
        events=events,
        quotes=quotes,
        actors=actors,
    )


def quote(text: str, speaker: str, start: int = 0) -> Quote:
    span = Span(start, start + len(text), text)
    return Quote(
        id="q1",
        type="direct",
        content=span,
        cue=None,
        speaker=actor(speaker),
        medium=None,
        addressee=None,
        date="2024-05-02",
        date_text=None,
        date_granularity="day",
        date_source="published",
        sentence=span,
    )


def failure(fid: str, code: str = "empty") -> Failure:
    return Failure(fid, ErrorInfo(code, "input has no text"))


def _pg_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{PG_ENV} is not set in CI: .ci/run must start PostgreSQL")
    return None


def _reset_pg(url: str) -> None:
    engine = create(url)
    try:
        with engine.begin() as conn:
            # every table, including those other stages' migrations add
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    except Exception as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"NOTICE: PostgreSQL at {PG_ENV} is not reachable ({type(exc).__name__})")
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url = _pg_url()
    if url is None:
        pytest.skip(f"NOTICE: PostgreSQL store tests skipped: set {PG_ENV} to run them")
    _reset_pg(url)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_engine(db_url)
    yield engine
    engine.dispose()
