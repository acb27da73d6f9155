from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from brinkwatch.cli.main import cli
from brinkwatch.cli.watch import parse_interval
from brinkwatch.ingest.feeds import FeedItem, FeedState, Fetcher, parse_feed
from brinkwatch.ingest.polite import RetryPolicy
from brinkwatch.records import Document, Failure
from brinkwatch.store.db import open_engine
from brinkwatch.store.queries import EventFilter, feed_state, find_articles, find_events
from tests.store.feedserver import FIXTURES, Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as site:
        site.put_fixture("/feed.rss", "rss.xml", "application/rss+xml")
        site.put_fixture("/feed.atom", "atom.xml", "application/atom+xml")
        site.put_fixture("/news/reef-blockade.html", "reef-blockade.html")
        site.put_fixture("/news/border-talks.html", "border-talks.html")
        site.put_fixture("/news/coast-guards.html", "coast-guards.html")
        yield site


def test_parse_rss_and_atom(site: Site) -> None:
    rss = parse_feed(site.pages["/feed.rss"][1], site.base + "/feed.rss")
    assert [(i.link, i.published) for i in rss] == [
        (site.base + "/news/reef-blockade.html", date(2024, 5, 6))
    ]
    atom = parse_feed(site.pages["/feed.atom"][1], site.base + "/feed.atom")
    assert [i.title for i in atom] == ["Coast guards trade accusations"]


def test_relative_links_resolve_against_the_feed(site: Site) -> None:
    text = (FIXTURES / "rss.xml").read_text().replace("<!-- NEW-ITEM -->", _new_item())
    items = parse_feed(text.replace("http://HOST", site.base).encode(), site.base + "/feed.rss")
    assert items[-1].link == site.base + "/news/border-talks.html"


def test_conditional_get_returns_not_modified(site: Site) -> None:
    fetcher = Fetcher(delay_s=0)
    first = fetcher.feed(FeedState(site.base + "/feed.rss"))
    assert first.state.etag and first.state.last_modified and len(first.items) == 1
    second = fetcher.feed(first.state)
    assert second.not_modified and second.items == ()
    assert site.conditional == ["/feed.rss"]


def test_page_becomes_a_document_with_the_feed_link(site: Site) -> None:
    item = FeedItem(site.base + "/news/border-talks.html", "From the feed", date(2024, 5, 7), "f")
    page = Fetcher(delay_s=0).page(item)
    assert isinstance(page, Document)
    assert page.url == item.link and page.published == date(2024, 5, 7)
    assert page.title == "Ministers meet to ease border tension"
    assert page.text.startswith("India's foreign minister met")
    assert "Copyright" not in page.text


def test_missing_slow_and_huge_pages_are_failures(site: Site) -> None:
    site.slow_s = 1.5
    site.put("/slow", "text/html", "<p>late</p>")
    site.put("/huge", "text/html", "<p>" + "word " * 2000 + "</p>")
    # one try each: the slow page's retries are tested in test_fetch_manners.py
    fetcher = Fetcher(delay_s=0, timeout_s=0.3, max_bytes=5_000, retry=RetryPolicy(attempts=1))
    results = [
        fetcher.page(FeedItem(site.base + p, None, None, "f")) for p in ("/gone", "/slow", "/huge")
    ]
    assert all(isinstance(r, Failure) for r in results)
    assert [r.error.code for r in results if isinstance(r, Failure)] == [
        "fetch_failed",
        "fetch_failed",
        "too_large",
    ]


def test_politeness_delay_is_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, text="ok")))
    fetcher = Fetcher(delay_s=2.0, client=client, sleep=sleep, clock=lambda: now[0])
    fetcher.get("http://a.example/1")
    now[0] += 0.5
    fetcher.get("http://a.example/2")
    fetcher.get("http://b.example/1")
    # each host's robots.txt is its first request: the page after it waits its turn too
    assert slept == [2.0, 1.5, 2.0]


def test_parse_interval() -> None:
    assert [parse_interval(v) for v in ("15m", "30s", "2h", "90")] == [900, 30, 7200, 90]


def _new_item() -> str:
    return (FIXTURES / "new-item.xml").read_text()


@pytest.mark.slow
def test_watch_picks_up_a_new_feed_item_and_stores_its_events(site: Site, tmp_path: Path) -> None:
    db = str(tmp_path / "watch.db")
    feed = site.base + "/feed.rss"
    args = ["watch", feed, "--once", "--delay", "0", "--db", db]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "1 new" in first.output
    # the feed gains an item: only the new page is fetched, and its events are stored
    rss = (FIXTURES / "rss.xml").read_text().replace("<!-- NEW-ITEM -->", _new_item())
    site.put("/feed.rss", "application/rss+xml", rss)
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    engine = open_engine(db)
    assert [a.url for a in find_articles(engine)] == [
        site.base + "/news/reef-blockade.html",
        site.base + "/news/border-talks.html",
    ]
    assert site.hits["/news/reef-blockade.html"] == 1
    talks = find_events(engine, EventFilter(country="PAK"))
    assert talks and talks[0].evidence[0].url == site.base + "/news/border-talks.html"
    assert feed_state(engine, feed)[0] is not None
    third = CliRunner().invoke(cli, args)  # unchanged feed: a 304, nothing fetched
    assert "0 new articles" in third.output and site.conditional == ["/feed.rss"]


@pytest.mark.slow
def test_watch_folder_stores_new_files(tmp_path: Path) -> None:
    folder, db = tmp_path / "inbox", str(tmp_path / "w.db")
    folder.mkdir()
    (folder / "one.txt").write_text("Pakistan accused India of shelling border villages.\n")
    args = ["watch", str(folder), "--once", "--db", db]
    assert "1 new articles" in CliRunner().invoke(cli, args).output
    (folder / "two.txt").write_text("Iran warned Israel against further strikes.\n")
    assert "1 new articles" in CliRunner().invoke(cli, args).output
    assert len(find_articles(open_engine(db))) == 2


@given(st.binary(max_size=2000))
@settings(max_examples=60, deadline=None)
def test_parse_feed_never_raises_on_junk(body: bytes) -> None:
    items = parse_feed(body, "http://127.0.0.1/feed")
    assert all(i.link.startswith("http") for i in items)


@given(st.text(alphabet="<>/?=\"' abcdefghilnkrstm&;\n", max_size=400))
@settings(max_examples=60, deadline=None)
def test_parse_feed_never_raises_on_tag_soup(body: str) -> None:
    assert isinstance(parse_feed(("<rss><channel>" + body).encode(), "http://x/f"), tuple)
