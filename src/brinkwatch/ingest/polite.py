"""Manners for the feed fetcher: retrying transient failures, and obeying robots.txt.

Retries: a connection error, a time-out, 429 or a 5xx is retried with exponential backoff
(base × 2^(attempt-1), capped, with random jitter so many watchers do not retry in step), at
most `attempts` tries in all. A `Retry-After` header (seconds or an HTTP date) is honoured
when it asks for longer than the backoff, up to `max_wait_s`; a server that asks for more is
not retried (the failure says how long it asked for).

robots.txt (RFC 9309): read once per host and kept for `ttl_s`; a 4xx (no file) allows all; a
5xx or an unreachable host disallows all (RFC 9309 §2.3.1.4) until it is asked again, sooner.
"""

from __future__ import annotations

import random
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from brinkwatch.errors import InputError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently a GET is retried."""

    attempts: int = 4
    base_s: float = 1.0
    cap_s: float = 60.0
    jitter: float = 0.25  # the backoff is stretched by up to this fraction, at random
    max_wait_s: float = 300.0  # the longest Retry-After we wait for

    def backoff(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Seconds to wait after failed try number `attempt` (1-based)."""
        delay = min(self.cap_s, self.base_s * 2 ** (attempt - 1))
        return delay * (1 + self.jitter * rand())

    def wait(
        self, attempt: int, retry_after: str | None, rand: Callable[[], float] = random.random
    ) -> float | None:
        """Seconds to wait before the next try, or None when no try should follow."""
        if attempt >= self.attempts:
            return None
        asked = retry_after_seconds(retry_after)
        if asked is not None and asked > self.max_wait_s:
            return None
        return max(self.backoff(attempt, rand), asked or 0.0)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A Retry-After header in seconds: delta-seconds or an HTTP date; None when absent/bad."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class RobotsCache:
    """Parsed robots.txt per host (scheme and authority), fetched through `fetch`, which
    returns (status, body) or raises on a network error."""

    fetch: Callable[[str], tuple[int, bytes]]
    user_agent: str
    clock: Callable[[], float]
    ttl_s: float = 86_400.0
    error_ttl_s: float = 600.0
    hosts: dict[str, tuple[urllib.robotparser.RobotFileParser, float]] = field(default_factory=dict)

    def allowed(self, url: str) -> bool:
        return self._rules(url).can_fetch(self.user_agent, url)

    def _rules(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        cached = self.hosts.get(host)
        if cached is None or cached[1] <= self.clock():
            rules, ttl = self._read(host + "/robots.txt")
            cached = self.hosts[host] = (rules, self.clock() + ttl)
        return cached[0]

    def _read(self, robots_url: str) -> tuple[urllib.robotparser.RobotFileParser, float]:
        rules = urllib.robotparser.RobotFileParser(robots_url)
        try:
            status, body = self.fetch(robots_url)
        except InputError:  # an unreachable host: disallow, and ask again soon
            status, body = 503, b""
        if 400 <= status < 500:
            rules.parse([])  # no rules: everything allowed
        elif status >= 500:
            rules.parse(["User-agent: *", "Disallow: /"])
            return rules, self.error_ttl_s
        else:
            rules.parse(body.decode("utf-8", errors="replace").splitlines())
        return rules, self.ttl_s
