"""Rendered read responses, kept by their ETag, so a repeated read costs one data-version look-up.

A read's ETag covers the store's data version, the path and the query (api/common.py), so the
body sent for a tag is the body any later request with that tag would get: `conditional` finds it
here and answers with it (`Cached`) without running the query or serialising again. Bodies are
captured as they are sent, for 200 answers to reads that set a tag; bounded in count and size.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_TAG = "cache_tag"  # request.state key: the tag `conditional` gave this read
MAX_ENTRIES = 128
MAX_BODY_BYTES = 256_000  # a page of 50 events is ~90 kB; exports and the like stream past this


class Cached(Exception):
    """A body rendered for this tag is kept: send it as it is."""

    def __init__(self, tag: str, body: bytes) -> None:
        super().__init__(tag)
        self.tag, self.body = tag, body


class ResponseCache:
    """Bodies by ETag, least recently used dropped first; used from the loop and from threads."""

    def __init__(self, entries: int = MAX_ENTRIES) -> None:
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._entries = entries
        self._lock = threading.Lock()

    def get(self, tag: str) -> bytes | None:
        with self._lock:
            body = self._bodies.get(tag)
            if body is not None:
                self._bodies.move_to_end(tag)
            return body

    def put(self, tag: str, body: bytes) -> None:
        with self._lock:
            self._bodies[tag] = body
            self._bodies.move_to_end(tag)
            while len(self._bodies) > self._entries:
                self._bodies.popitem(last=False)


class CacheMiddleware:
    """Keeps the body of every 200 answer to a GET that `conditional` tagged (ASGI, no buffering
    of what it sends: the body is copied as it passes)."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app, self.cache = app, cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        seen: dict[str, Any] = {"status": 0, "chunks": [], "size": 0}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body" and seen["size"] <= MAX_BODY_BYTES:
                body = message.get("body", b"")
                seen["chunks"].append(body)
                seen["size"] += len(body)
            await send(message)

        await self.app(scope, receive, capture)
        tag = scope.get("state", {}).get(CACHE_TAG)
        if tag and seen["status"] == 200 and seen["size"] <= MAX_BODY_BYTES:
            self.cache.put(tag, b"".join(seen["chunks"]))
