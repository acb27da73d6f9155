"""Read side for the web API: pages of deduplicated events and of quotes, and every matching
event in chunks (a streamed export never holds the whole result).

Events come newest first (by SQLDATE, then id; undated last); the key of a page is the last
row's (sqldate, id). Every filter is a bound parameter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, String, and_, cast, func, or_, select, tuple_

from brinkwatch.store.browse import Page
from brinkwatch.store.queries import StoredEvent, day_number, evidence_for
from brinkwatch.store.schema import articles, event_clusters, quotes

C = event_clusters.c
UNDATED = -1  # a page key's sqldate for undated events, which sort last


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events: dates inclusive; `country` either side; `dyad` directed (source → target),
    `pair` both directions."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    pair: tuple[str, str] | None = None
    root: str | None = None
    quad_class: int | None = None
    plover: str | None = None
    limit: int = 50
    after: tuple[int, int] | None = None  # (sqldate or UNDATED, id) of the previous page's last


def _conditions(eq: EventQuery) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if eq.since:
        found.append(C.sqldate >= day_number(eq.since))
    if eq.until:
        found.append(C.sqldate <= day_number(eq.until))
    if eq.country:
        found.append(or_(C.source_country == eq.country, C.target_country == eq.country))
    if eq.source:
        found.append(C.source_country == eq.source)
    if eq.target:
        found.append(C.target_country == eq.target)
    if eq.dyad:
        found.append(and_(C.source_country == eq.dyad[0], C.target_country == eq.dyad[1]))
    if eq.pair:
        a, b = eq.pair
        found.append(
            or_(
                and_(C.source_country == a, C.target_country == b),
                and_(C.source_country == b, C.target_country == a),
            )
        )
    if eq.root:
        found.append(C.cameo_root == eq.root)
    if eq.quad_class:
        found.append(C.quad_class == eq.quad_class)
    if eq.plover:
        found.append(C.plover_event == eq.plover)
    return found


def _branches(eq: EventQuery) -> list[EventQuery]:
    """`pair` and `country` are ORs of two directions; each direction alone walks its index in
    the page's order (no sort of the pair's every event), and the pages are merged."""
    plain = {**_fields(eq), "pair": None, "country": None}
    if eq.pair:
        a, b = eq.pair
        sides = [(a, b)] if a == b else [(a, b), (b, a)]
        return [EventQuery(**{**plain, "country": eq.country, "dyad": side}) for side in sides]
    if eq.country and not eq.dyad:
        return [
            EventQuery(**{**plain, "source": eq.country}),
            EventQuery(**{**plain, "target": eq.country}),
        ]
    return [eq]


def _after_parts(key: tuple[int, int] | None) -> list[ColumnElement[bool] | None]:
    """The page key as conditions run in turn: dated rows after the key, then undated ones
    (each a plain index range: an OR of both would not be)."""
    if key is None:
        return [None]
    day, last_id = key
    if day == UNDATED:
        return [and_(C.sqldate.is_(None), C.id < last_id)]
    return [tuple_(C.sqldate, C.id) < tuple_(day, last_id), C.sqldate.is_(None)]


def _branch_rows(conn: Any, eq: EventQuery, n: int) -> list[Any]:
    found: list[Any] = []
    for part in _after_parts(eq.after):
        query = select(event_clusters).where(*_conditions(eq))
        query = query.where(part) if part is not None else query
        order = query.order_by(C.sqldate.desc().nulls_last(), C.id.desc())
        found.extend(conn.execute(order.limit(n - len(found))))
        if len(found) >= n:
            break
    return found


def _sort_key(row: Any) -> tuple[int, int]:
    return (row.sqldate if row.sqldate is not None else UNDATED, row.id)


def fetch_rows(engine: Engine, eq: EventQuery, n: int) -> list[Any]:
    """The first `n` matching rows after `eq.after`, newest first."""
    with engine.connect() as conn:
        rows = [r for branch in _branches(eq) for r in _branch_rows(conn, branch, n)]
    unique = {r.id: r for r in rows}
    return sorted(unique.values(), key=_sort_key, reverse=True)[:n]


def event_row(event: StoredEvent) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in StoredEvent.__slots__}
    row["evidence"] = [{n: getattr(e, n) for n in e.__slots__} for e in event.evidence]
    return row


def find_event_page(engine: Engine, eq: EventQuery) -> Page:
    """One page of events (each with its evidence sentences), newest first."""
    rows = fetch_rows(engine, eq, eq.limit + 1)
    more, rows = len(rows) > eq.limit, rows[: eq.limit]
    spans = evidence_for(engine, [r.id for r in rows])
    found = [_stored(r._mapping, spans.get(r.id, ())) for r in rows]
    next_key = _sort_key(rows[-1]) if more and rows else None
    return Page(tuple(event_row(e) for e in found), next_key)


def _stored(mapping: Any, spans: Any) -> StoredEvent:
    values = {n: mapping[n] for n in StoredEvent.__slots__ if n != "evidence"}
    return StoredEvent(**values, evidence=tuple(spans))


def iter_events(
    engine: Engine, eq: EventQuery, *, chunk: int = 1000, with_evidence: bool = True
) -> Iterator[list[StoredEvent]]:
    """Every matching event, newest first, `chunk` at a time: short queries per chunk, so a
    streamed export holds one chunk and no connection between chunks."""
    key = eq.after
    while True:
        rows = fetch_rows(engine, EventQuery(**{**_fields(eq), "after": key}), chunk)
        if not rows:
            return
        spans = evidence_for(engine, [r.id for r in rows]) if with_evidence else {}
        yield [_stored(r._mapping, spans.get(r.id, ())) for r in rows]
        if len(rows) < chunk:
            return
        key = _sort_key(rows[-1])


def _fields(eq: EventQuery) -> dict[str, Any]:
    return {n: getattr(eq, n) for n in EventQuery.__slots__}


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    speaker: str | None = None
    country: str | None = None
    medium: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 50
    after: int | None = None  # the pk of the previous page's last quote


def _like(value: str) -> str:
    """A LIKE pattern for 'contains value', with LIKE's own wildcards taken literally."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_quote_page(engine: Engine, qq: QuoteQuery) -> Page:
    """Quotes, newest stored first; `speaker` matches a speaker's name, words or actor code."""
    Q = quotes.c
    day = func.coalesce(Q.date, cast(articles.c.published, String))
    query = (
        select(quotes, articles.c.id.label("article_id"), articles.c.title.label("article_title"))
        .join(articles, articles.c.pk == Q.article_pk)
        .order_by(Q.pk.desc())
    )
    if qq.speaker:
        pattern = _like(qq.speaker)
        query = query.where(
            or_(
                func.lower(Q.speaker_name).like(pattern, escape="\\"),
                func.lower(Q.speaker_text).like(pattern, escape="\\"),
                Q.speaker_code == qq.speaker.upper(),
            )
        )
    if qq.country:
        query = query.where(Q.speaker_country == qq.country)
    if qq.medium:
        query = query.where(func.lower(Q.medium).like(_like(qq.medium), escape="\\"))
    if qq.since:
        query = query.where(day >= qq.since.isoformat())
    if qq.until:
        query = query.where(day <= qq.until.isoformat() + "~")  # "~" sorts after any suffix
    if qq.after is not None:
        query = query.where(Q.pk < qq.after)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query.limit(qq.limit + 1))]
    more, rows = len(rows) > qq.limit, rows[: qq.limit]
    next_key = (rows[-1]["pk"],) if more and rows else None
    for row in rows:
        row.pop("pk")
        row.pop("article_pk")
    return Page(tuple(rows), next_key)
