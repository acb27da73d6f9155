"""POST /api/v1/articles: code and store articles through the same ingest path as
`brinkwatch ingest` (dedup by content, near-duplicate links, one writer), behind a bearer token.

The body is one JSON object or a list of them, each as one line of the JSONL input. It is read
in pieces and refused with 413 as soon as it passes the limit, before it is read whole.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from brinkwatch.errors import InputError
from brinkwatch.ingest.jsonl import document_from_json, record_id
from brinkwatch.records import Document, ErrorInfo, Failure, Origin
from brinkwatch.web.writes import store_articles

router = APIRouter()
MAX_ITEMS = 1000


def authorize(request: Request) -> None:
    """Writes need `Authorization: Bearer <token>`; with no token configured, none are taken."""
    token = request.app.state.settings.token
    if token is None:
        raise HTTPException(
            403, "writes are disabled: start the server with BRINKWATCH_TOKEN set to allow them"
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = token.get_secret_value().encode("utf-8")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode("utf-8"), expected):
        raise HTTPException(
            401,
            "a valid 'Authorization: Bearer <token>' header is needed to write",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def read_limited(request: Request, limit: int) -> bytes:
    """The body, or 413 as soon as it is known to be over `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over the limit of {limit} bytes")
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body over the limit of {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def to_inputs(body: bytes) -> list[Document | Failure]:
    """The posted JSON as ingest inputs: a bad item becomes a recorded failure, as in JSONL."""
    try:
        parsed = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(422, f"the body is not JSON: {exc}") from exc
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items or len(items) > MAX_ITEMS:
        raise HTTPException(422, f"send one article object or a list of 1-{MAX_ITEMS}")
    return [_input(obj, n) for n, obj in enumerate(items, start=1)]


def _input(obj: Any, number: int) -> Document | Failure:
    origin = Origin(path="api", line=number)
    try:
        return document_from_json(obj, origin)
    except InputError as exc:
        fid = record_id(obj) or f"api:{number}"
        return Failure(id=fid, error=ErrorInfo(exc.code, exc.full_message), origin=origin)


@router.post("/articles", summary="Code and store articles (bearer token)", status_code=200)
async def post_articles(request: Request) -> dict[str, Any]:
    authorize(request)
    body = await read_limited(request, request.app.state.settings.max_body_bytes)
    inputs = to_inputs(body)
    return await run_in_threadpool(store_articles, request.app, inputs)
