"""The feed fetcher's manners against a local server on 127.0.0.1: transient failures are retried
with backoff (Retry-After honoured, tries bounded), and robots.txt is obeyed per user agent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from brinkwatch.ingest.feeds import FeedItem, FeedState, Fetcher
from brinkwatch.ingest.polite import RetryPolicy, retry_after_seconds
from brinkwatch.records import Document, Failure
from tests.store.feedserver import Site, serve

PAGE = "/news/border-talks.html"


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as site:
        site.put_fixture(PAGE, "border-talks.html")
        site.put_fixture("/private/memo.html", "border-talks.html")
        site.put_fixture("/feed.rss", "rss.xml", "application/rss+xml")
        yield site


def _fetcher(slept: list[float], **kwargs: object) -> Fetcher:
    # no jitter (rand → 0) so the waits are exact; sleeping is recorded, not done
    return Fetcher(delay_s=0, sleep=slept.append, rand=lambda: 0.0, **kwargs)  # type: ignore[arg-type]


def _page(fetcher: Fetcher, site: Site, path: str = PAGE) -> Document | Failure:
    return fetcher.page(FeedItem(site.base + path, None, None, "f"))


def test_a_page_that_fails_then_succeeds_is_fetched(site: Site) -> None:
    site.failures[PAGE] = [(503, {}), (429, {"Retry-After": "3"}), (502, {})]
    slept: list[float] = []
    page = _page(_fetcher(slept), site)
    assert isinstance(page, Document) and page.text.startswith("India's foreign minister")
    assert site.hits[PAGE] == 4
    # backoff 1, 2, 4 s; the 429's Retry-After (3 s) is longer than its backoff (2 s)
    assert slept == [1.0, 3.0, 4.0]


def test_tries_are_bounded(site: Site) -> None:
    site.failures[PAGE] = [(503, {})] * 5
    slept: list[float] = []
    page = _page(_fetcher(slept, retry=RetryPolicy(attempts=3)), site)
    assert isinstance(page, Failure) and page.error.code == "fetch_failed"
    assert "HTTP 503" in page.error.message
    assert site.hits[PAGE] == 3 and slept == [1.0, 2.0]


def test_a_client_error_is_not_retried(site: Site) -> None:
    page = _page(_fetcher([]), site, "/gone")
    assert isinstance(page, Failure) and site.hits["/gone"] == 1


def test_a_retry_after_beyond_patience_is_not_waited_for(site: Site) -> None:
    site.failures[PAGE] = [(429, {"Retry-After": "3600"})]
    slept: list[float] = []
    page = _page(_fetcher(slept), site)
    assert isinstance(page, Failure) and "Retry-After: 3600" in page.error.message
    assert slept == [] and site.hits[PAGE] == 1


def test_connection_errors_are_retried() -> None:
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/a" and calls.count("/a") < 3:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200, text="ok")

    client = httpx.Client(transport=httpx.MockTransport(answer))
    slept: list[float] = []
    fetcher = _fetcher(slept, client=client, robots=False)
    assert fetcher.get("http://x.example/a")[0] == 200
    assert calls == ["/a", "/a", "/a"] and slept == [1.0, 2.0]


def test_connection_errors_end_in_a_failure_naming_the_tries() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = httpx.Client(transport=httpx.MockTransport(refuse))
    fetcher = _fetcher([], client=client, robots=False, retry=RetryPolicy(attempts=2))
    page = fetcher.page(FeedItem("http://x.example/a", None, None, "f"))
    assert isinstance(page, Failure) and "tries: 2" in page.error.message


def test_robots_txt_disallow_is_a_recorded_failure(site: Site) -> None:
    site.put("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n")
    fetcher = _fetcher([])
    refused = _page(fetcher, site, "/private/memo.html")
    assert isinstance(refused, Failure) and refused.error.code == "robots_disallowed"
    assert "robots.txt" in refused.error.message and site.hits["/private/memo.html"] == 0
    assert isinstance(_page(fetcher, site), Document)
    assert site.hits["/robots.txt"] == 1  # read once per host


def test_robots_rules_follow_the_configured_user_agent(site: Site) -> None:
    site.put("/robots.txt", "text/plain", "User-agent: brinkwatch\nDisallow: /\n")
    assert isinstance(_page(_fetcher([]), site), Failure)
    other = _fetcher([], user_agent="deskbot/2.0 (+https://desk.example)")
    assert isinstance(_page(other, site), Document)
    assert site.agents[-1] == "deskbot/2.0 (+https://desk.example)"


def test_a_disallowed_feed_is_an_error(site: Site) -> None:
    site.put("/robots.txt", "text/plain", "User-agent: *\nDisallow: /feed\n")
    result = _fetcher([]).feed(FeedState(site.base + "/feed.rss"))
    assert result.error and "robots.txt" in result.error and site.hits["/feed.rss"] == 0


def test_robots_txt_server_errors_disallow_all(site: Site) -> None:
    site.failures["/robots.txt"] = [(500, {})]
    page = _page(_fetcher([]), site)
    assert isinstance(page, Failure) and page.error.code == "robots_disallowed"


def test_retry_after_takes_seconds_or_a_date() -> None:
    now = datetime(2024, 5, 6, 9, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Mon, 06 May 2024 09:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Mon, 06 May 2024 08:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_backoff_grows_is_capped_and_jittered() -> None:
    policy = RetryPolicy(base_s=1.0, cap_s=5.0, jitter=0.5)
    assert [policy.backoff(n, lambda: 0.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
    assert policy.backoff(2, lambda: 1.0) == 3.0  # up to half as long again
    assert policy.wait(4, None) is None  # the last try is not followed by a wait
