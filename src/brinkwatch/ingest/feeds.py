"""RSS/Atom feeds and article pages over HTTP, politely.

One `Fetcher` keeps a per-host delay between requests, time-outs on every request, a size cap on
pages, and conditional GETs (ETag / Last-Modified) so an unchanged feed costs one 304. It
retries transient failures with backoff and obeys robots.txt (`ingest/polite.py`).
Pages go through trafilatura (`ingest/html.py`); the feed item's link and date fill what the page
lacks. Anything that goes wrong on a page becomes a `fetch_failed` failure record.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx

from brinkwatch._version import __version__
from brinkwatch.errors import FetchError, InputError, RobotsDisallowedError
from brinkwatch.ingest.metadata import check_size, decode_bytes
from brinkwatch.ingest.polite import RETRY_STATUSES, RetryPolicy, RobotsCache
from brinkwatch.ingest.readers import html_document
from brinkwatch.records import Document, ErrorInfo, Failure, Origin

USER_AGENT = f"brinkwatch/{__version__} (+news event monitor; polite crawler)"
DEFAULT_DELAY_S = 2.0
DEFAULT_TIMEOUT_S = 20.0


@dataclass(frozen=True, slots=True)
class FeedState:
    """What a feed's last response said, for the next conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FeedItem:
    link: str
    title: str | None
    published: date | None
    feed: str


@dataclass(frozen=True, slots=True)
class FeedResult:
    state: FeedState
    items: tuple[FeedItem, ...] = ()
    not_modified: bool = False
    error: str | None = None


class Fetcher:
    """HTTP GETs with a politeness delay per host, retries of transient failures and robots.txt
    obeyed (`robots=False` turns that off, for one's own servers); one instance per watch."""

    def __init__(
        self,
        *,
        delay_s: float = DEFAULT_DELAY_S,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_bytes: int = 2_000_000,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        retry: RetryPolicy | None = None,
        user_agent: str = USER_AGENT,
        robots: bool = True,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.delay_s, self.max_bytes = delay_s, max_bytes
        self.client = client or httpx.Client(timeout=timeout_s, follow_redirects=True)
        self.client.headers["User-Agent"] = user_agent
        self.sleep, self.clock, self.rand = sleep, clock, rand
        self.retry = retry or RetryPolicy()
        self.last_hit: dict[str, float] = {}
        self.robots = RobotsCache(self._robots_get, user_agent, clock) if robots else None

    def close(self) -> None:
        self.client.close()

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self.last_hit.get(host)
        if last is not None:
            wait = last + self.delay_s - self.clock()
            if wait > 0:
                self.sleep(wait)
        self.last_hit[host] = self.clock()

    def get(
        self, url: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body (at most `max_bytes`) of a GET, retried while the failure
        is transient; network errors → FetchError, a robots.txt refusal → RobotsDisallowedError."""
        if self.robots is not None and not self.robots.allowed(url):
            raise RobotsDisallowedError(
                f"robots.txt of {urlsplit(url).netloc} disallows {url} for our user agent",
                hint="not fetched; ask the site, or watch a feed it allows",
            )
        attempt = 1
        while True:
            try:
                status, got, body = self._get_once(url, headers)
            except FetchError as exc:
                wait = self.retry.wait(attempt, None, self.rand)
                if wait is None:
                    raise FetchError(f"{exc.message} (tries: {attempt})") from exc
            else:
                wait = self._status_wait(status, got, attempt)
                if wait is None:
                    return status, got, body
            self.sleep(wait)
            attempt += 1

    def _status_wait(self, status: int, headers: dict[str, str], attempt: int) -> float | None:
        if status not in RETRY_STATUSES:
            return None
        return self.retry.wait(attempt, headers.get("retry-after"), self.rand)

    def _robots_get(self, url: str) -> tuple[int, bytes]:
        status, _, body = self._get_once(url, None)
        return status, body

    def _get_once(
        self, url: str, headers: dict[str, str] | None
    ) -> tuple[int, dict[str, str], bytes]:
        self._wait_turn(url)
        try:
            with self.client.stream("GET", url, headers=headers or {}) as response:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    check_size(len(body), max_bytes=self.max_bytes)
                return response.status_code, dict(response.headers), bytes(body)
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {type(exc).__name__}: {exc}") from exc

    def feed(self, state: FeedState) -> FeedResult:
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            status, got, body = self.get(state.url, headers)
        except InputError as exc:
            return FeedResult(state, error=exc.full_message)
        if status == 304:
            return FeedResult(state, not_modified=True)
        if status >= 400:
            return FeedResult(state, error=http_error(status, got, state.url))
        new_state = FeedState(state.url, got.get("etag"), got.get("last-modified"))
        return FeedResult(new_state, items=parse_feed(body, state.url))

    def page(self, item: FeedItem) -> Document | Failure:
        """The article behind a feed item, or a failure record saying why not."""
        origin = Origin(path=item.link)
        try:
            status, got, body = self.get(item.link)
            if status >= 400:
                raise FetchError(http_error(status, got, item.link))
            document = html_document(decode_bytes(body, max_bytes=self.max_bytes), origin)
        except InputError as exc:
            return Failure(item.link, ErrorInfo(exc.code, exc.full_message), origin)
        return replace(
            document,
            url=item.link,
            title=document.title or item.title,
            published=document.published or item.published,
        )


def http_error(status: int, headers: dict[str, str], url: str) -> str:
    """An HTTP error as a failure message; a server's request to wait is kept in it."""
    wait = headers.get("retry-after")
    return f"HTTP {status} from {url}" + (f" (Retry-After: {wait})" if wait else "")


def _entry_date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def without_dtd(body: bytes) -> bytes:
    """`body` without a document type declaration that declares entities.

    No feed needs its own entities, and they are the way in for entity expansion ("billion
    laughs": expat stops it, but only after a million callbacks, seconds per feed) and for
    external entities. References left undefined are kept as text by the lenient parser."""
    start = body.find(b"<!DOCTYPE", 0, 4_096)
    if start == -1 or body.find(b"<!ENTITY", start) == -1:
        return body
    subset = body.find(b"[", start)
    close = body.find(b">", start)
    if subset != -1 and subset < close:
        close = body.find(b"]", subset)
        close = body.find(b">", close) if close != -1 else -1
    return body[:start] + body[close + 1 :] if close != -1 else body[:start]


def parse_feed(body: bytes, feed_url: str) -> tuple[FeedItem, ...]:
    """Items of an RSS or Atom document that link to a page, in feed order."""
    body = without_dtd(body)
    parsed = feedparser.parse(body, response_headers={"content-location": feed_url})
    return tuple(
        FeedItem(link=e.link, title=e.get("title"), published=_entry_date(e), feed=feed_url)
        for e in parsed.entries
        if _is_page_link(e.get("link"), feed_url)
    )


def _is_page_link(link: str | None, feed_url: str) -> bool:
    # feedparser gives a link-less entry the feed's own address; that is no article
    return bool(link) and link != feed_url and urlsplit(link).scheme in ("http", "https")
