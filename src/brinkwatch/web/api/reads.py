"""GET /api/v1/articles, /articles/{id}, /events, /quotes: the stored records, paged."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from brinkwatch.store.browse import ArticleQuery, article_detail, find_article_page
from brinkwatch.store.event_pages import (
    EventQuery,
    QuoteQuery,
    find_event_page,
    find_quote_page,
)
from brinkwatch.web.api.common import (
    COUNTRY,
    capped,
    check_range,
    conditional,
    decode_cursor,
    page_body,
)
from brinkwatch.web.api.filters import event_filters

router = APIRouter(dependencies=[Depends(conditional)])
Limit = Annotated[int, Query(ge=1, description="Items per page (capped, default 50).")]
Cursor = Annotated[str | None, Query(description="`next` of the previous page.")]
Since = Annotated[date | None, Query(description="YYYY-MM-DD, inclusive.")]


@router.get("/articles", summary="Articles, newest first; full-text search with q")
async def list_articles(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description="Words in title or text.")] = None,
    since: Since = None,
    until: Since = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    check_range(since, until)
    key = decode_cursor(cursor, (int,))
    query = ArticleQuery(
        q=q or None,
        since=since,
        until=until,
        outlet=outlet,
        limit=capped(request, limit),
        after=key[0] if key else None,
    )
    page = await run_in_threadpool(find_article_page, request.app.state.engine, query)
    return page_body(page)


@router.get("/articles/{article_id}", summary="One article: text, events, quotes, actors, spans")
async def get_article(request: Request, article_id: str) -> dict[str, Any]:
    found = await run_in_threadpool(article_detail, request.app.state.engine, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return dataclasses.asdict(found)


@router.get("/events", summary="Deduplicated events, newest first, with evidence")
async def list_events(
    request: Request,
    filters: Annotated[EventQuery, Depends(event_filters)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    key = decode_cursor(cursor, (int, int))
    query = dataclasses.replace(filters, limit=capped(request, limit), after=key)
    page = await run_in_threadpool(find_event_page, request.app.state.engine, query)
    return page_body(page)


@router.get("/quotes", summary="Quotes, newest first")
async def list_quotes(
    request: Request,
    response: Response,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Name, words or code.")
    ] = None,
    country: Annotated[str | None, Query(pattern=COUNTRY)] = None,
    medium: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Since = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    check_range(since, until)
    key = decode_cursor(cursor, (int,))
    query = QuoteQuery(
        speaker=speaker or None,
        country=country.upper() if country else None,
        medium=medium or None,
        since=since,
        until=until,
        limit=capped(request, limit),
        after=key[0] if key else None,
    )
    page = await run_in_threadpool(find_quote_page, request.app.state.engine, query)
    return page_body(page)
