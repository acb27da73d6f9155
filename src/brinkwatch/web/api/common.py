"""What every API route shares: errors as JSON with a message, opaque cursors, conditional GET
(ETag from the store's data version), the page limit, and refusing unknown query parameters."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import date
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.responses import JSONResponse

from brinkwatch.store.browse import Page, data_version
from brinkwatch.web.cache import CACHE_TAG, Cached

COUNTRY = r"^[A-Za-z]{3}$"
MAX_KEY = 2**63 - 1  # store keys are 64-bit integers: a bigger one is no key, and overflows
CACHE_CONTROL = "no-cache"  # keep a copy, but ask (ETag) before using it: the store changes


class NotModified(Exception):
    """The client's copy is current: answer 304 without running the query."""


def error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


def encode_cursor(key: tuple[Any, ...] | None) -> str | None:
    if key is None:
        return None
    raw = json.dumps(list(key), separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, shape: tuple[type, ...]) -> tuple[Any, ...] | None:
    """A cursor back to its key, checked against the key's shape (types, in order)."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise bad_request("cursor is not one this API gave out; start again without it") from exc
    ok = isinstance(key, list) and len(key) == len(shape)
    if not ok or not all(_fits(v, t) for v, t in zip(key, shape, strict=False)):
        raise bad_request("cursor is not one this API gave out; start again without it")
    return tuple(key)


def _fits(value: Any, kind: type) -> bool:
    if type(value) is not kind:
        return False
    return not isinstance(value, int) or -MAX_KEY <= value <= MAX_KEY


def page_body(page: Page) -> dict[str, Any]:
    return {"items": list(page.items), "next": encode_cursor(page.next_key)}


def capped(request: Request, limit: int) -> int:
    return min(limit, request.app.state.settings.max_page_size)


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise bad_request(f"since ({since}) is after until ({until})")


def conditional(request: Request, response: Response) -> None:
    """ETag and Cache-Control for a read; 304 when the client's ETag is current. The tag covers
    the store's data version and the request, so any stored change makes every tag stale."""
    version = data_version(request.app.state.engine)
    request.state.data_version = version
    seed = json.dumps([str(v) for v in version] + [str(request.url.path), request.url.query])
    tag = '"' + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32] + '"'
    response.headers["ETag"] = tag
    response.headers["Cache-Control"] = CACHE_CONTROL
    if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        raise NotModified(tag)
    body = request.app.state.responses.get(tag)
    if body is not None:  # rendered for this very tag: nothing to query or serialise
        raise Cached(tag, body)
    setattr(request.state, CACHE_TAG, tag)


async def known_parameters(request: Request) -> None:
    """Refuse query parameters the route does not take: a misspelt filter must not silently
    return everything. (async: no I/O, so no hop to a worker thread on every request)"""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    names = {p.alias for p in _all_query_params(dependant)}
    unknown = sorted(set(request.query_params) - names)
    if unknown:
        allowed = ", ".join(sorted(names)) or "none"
        raise bad_request(f"unknown query parameter {', '.join(unknown)}; allowed: {allowed}")


def _all_query_params(dependant: Any) -> list[Any]:
    found = list(dependant.query_params)
    for sub in dependant.dependencies:
        found.extend(_all_query_params(sub))
    return found
