"""Read side of the stored quotes: who said what, where and when, filtered like the events.

A quote's day is its own date when the coder found one, else its article's publication date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, String, cast, func, or_, select

from brinkwatch.store.schema import articles, quotes

Q = quotes.c


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes: both dates inclusive; `country` is the speaker's; `speaker` and `medium`
    match any part of the speaker's words, name or code and of the medium, ignoring case."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    speaker: str | None = None
    medium: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class StoredQuote:
    article_id: str
    quote_id: str
    type: str
    content: str
    speaker_text: str | None
    speaker_code: str | None
    speaker_country: str | None
    date: str | None
    speaker_name: str | None = None
    speaker_sector: str | None = None
    medium: str | None = None
    addressee: str | None = None
    date_granularity: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


def _day() -> ColumnElement[Any]:
    return func.coalesce(func.nullif(Q.date, ""), cast(articles.c.published, String))


def _contains(column: Any, needle: str) -> ColumnElement[bool]:
    return func.lower(column).contains(needle.lower(), autoescape=True)


def _conditions(filt: QuoteFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filt.since:
        conditions.append(_day() >= filt.since.isoformat())
    if filt.until:
        conditions.append(_day() <= filt.until.isoformat() + "~")  # "~" sorts after any suffix
    if filt.country:
        conditions.append(Q.speaker_country == filt.country)
    if filt.speaker:
        columns = (Q.speaker_text, Q.speaker_name, Q.speaker_code)
        conditions.append(or_(*(_contains(c, filt.speaker) for c in columns)))
    if filt.medium:
        conditions.append(_contains(Q.medium, filt.medium))
    return conditions


def quote_query(filt: QuoteFilter) -> Select[Any]:
    query = (
        select(
            quotes,
            articles.c.id.label("article_id"),
            articles.c.published,
            articles.c.outlet,
            articles.c.url,
            articles.c.title,
        )
        .join(articles, articles.c.pk == Q.article_pk)
        .where(*_conditions(filt))
        .order_by(_day(), Q.pk)
    )
    return query.limit(filt.limit) if filt.limit else query


def find_quotes(engine: Engine, filt: QuoteFilter | None = None) -> list[StoredQuote]:
    """Quotes matching `filt`, oldest first (by the quote's day, then as stored)."""
    names = [f.name for f in fields(StoredQuote)]
    with engine.connect() as conn:
        rows = conn.execute(quote_query(filt or QuoteFilter()))
        return [StoredQuote(**{n: row._mapping[n] for n in names}) for row in rows]
