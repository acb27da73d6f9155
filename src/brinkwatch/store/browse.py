"""Read side for the web API: pages of articles (with full-text search), one article with every
span behind its events, quotes and actors, and the store's data version (for ETags).

Pages are keyset-paginated: a page is `limit` rows after a key taken from the last row of the
previous page, so page 1000 costs what page 1 costs. Every filter is a bound parameter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, Integer, Select, column, func, select, table, text
from sqlalchemy.engine import Connection

from brinkwatch.store.monitor_io import alerts
from brinkwatch.store.schema import (
    actors,
    articles,
    event_clusters,
    events,
    evidence,
    quotes,
    runs,
)

A = articles.c
FTS = table("articles_fts", column("rowid", Integer))  # SQLite's FTS5 index (migration 0003)
SUMMARY = [A.pk, A.id, A.title, A.outlet, A.url, A.published, A.dateline, A.duplicate_of]
# The expression migration 0003 indexes on PostgreSQL: constants in SQL, the query bound.
PG_SEARCH = (
    "to_tsvector('english', coalesce(articles.title, '') || ' ' || coalesce(articles.text, '')) "
    "@@ plainto_tsquery('english', :q)"
)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of rows (JSON-ready mappings) and the key to ask for the next, if any."""

    items: tuple[dict[str, Any], ...]
    next_key: tuple[Any, ...] | None = None


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    q: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    limit: int = 50
    after: int | None = None  # the pk of the previous page's last article


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    """A stored article with its text and the spans of everything found in it."""

    article: dict[str, Any]
    actors: tuple[dict[str, Any], ...] = field(default=())
    events: tuple[dict[str, Any], ...] = field(default=())
    quotes: tuple[dict[str, Any], ...] = field(default=())


def search_words(q: str) -> list[str]:
    """The words of a search: letters and digits; everything else separates them."""
    return "".join(c if c.isalnum() else " " for c in q).split()


def fts_terms(q: str) -> str:
    """A user's words as an FTS5 query: each word a quoted phrase (so `"`, `*`, `NEAR`, `-` are
    plain text, never syntax), all required."""
    return " ".join('"' + w + '"' for w in search_words(q))


def _search(query: Select[Any], conn: Connection, q: str) -> Select[Any]:
    if conn.dialect.name == "postgresql":  # every word required, as on SQLite
        return query.where(text(PG_SEARCH).bindparams(q=" ".join(search_words(q))))
    terms = fts_terms(q)
    if not terms:
        return query.where(A.pk.is_(None))  # nothing searchable: no match, not everything
    matched = select(FTS.c.rowid).where(text("articles_fts MATCH :terms").bindparams(terms=terms))
    return query.where(A.pk.in_(matched))


def find_article_page(engine: Engine, aq: ArticleQuery) -> Page:
    """Coded articles, newest stored first, matching the search words and filters."""
    query = select(*SUMMARY).where(A.status == "coded").order_by(A.pk.desc())
    if aq.since:
        query = query.where(A.published >= aq.since)
    if aq.until:
        query = query.where(A.published <= aq.until)
    if aq.outlet:
        query = query.where(func.lower(A.outlet) == aq.outlet.lower())
    if aq.after is not None:
        query = query.where(A.pk < aq.after)
    with engine.connect() as conn:
        if aq.q:
            query = _search(query, conn, aq.q)
        rows = [dict(r._mapping) for r in conn.execute(query.limit(aq.limit + 1))]
    return _page(rows, aq.limit, lambda row: (row["pk"],))


def _page(rows: list[dict[str, Any]], limit: int, key: Any) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    next_key = key(rows[-1]) if more and rows else None
    for row in rows:
        row.pop("pk", None)
    return Page(tuple(rows), next_key)


def article_detail(engine: Engine, article_id: str) -> ArticleDetail | None:
    """One article by id, with its actors, events (and their clusters) and quotes, with spans."""
    with engine.connect() as conn:
        row = conn.execute(select(articles).where(A.id == article_id)).first()
        if row is None:
            return None
        pk = row.pk
        found = dict(row._mapping)
        for hidden in ("pk", "minhash", "content_hash", "run_id", "origin_path", "origin_line"):
            found.pop(hidden, None)
        return ArticleDetail(
            article=found,
            actors=tuple(_actors(conn, pk)),
            events=tuple(_events(conn, pk)),
            quotes=tuple(_quotes(conn, pk)),
        )


def _actors(conn: Connection, pk: int) -> list[dict[str, Any]]:
    query = select(actors).where(actors.c.article_pk == pk).order_by(actors.c.start)
    out = [dict(r._mapping) for r in conn.execute(query)]
    for row in out:
        row.pop("pk")
        row.pop("article_pk")
    return out


def _spans(conn: Connection, column: Any, pks: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Spans by owner pk and role: {pk: {role: {start, end, text}}}."""
    found: dict[int, dict[str, Any]] = defaultdict(dict)
    if not pks:
        return found
    query = select(column, evidence.c.role, evidence.c.start, evidence.c.end, evidence.c.text)
    for r in conn.execute(query.where(column.in_(list(pks)))):
        found[r[0]][r.role] = {"start": r.start, "end": r.end, "text": r.text}
    return found


EVENT_COLUMNS = [
    events.c.pk,
    events.c.event_id,
    events.c.cluster_id,
    events.c.date,
    events.c.date_text,
    events.c.source_text,
    events.c.target_text,
    events.c.reported_by,
    event_clusters.c.source_code,
    event_clusters.c.source_country,
    event_clusters.c.target_code,
    event_clusters.c.target_country,
    event_clusters.c.cameo,
    event_clusters.c.cameo_name,
    event_clusters.c.quad_class,
    event_clusters.c.goldstein,
    event_clusters.c.plover_event,
    event_clusters.c.negated,
]


def _events(conn: Connection, pk: int) -> list[dict[str, Any]]:
    query = (
        select(*EVENT_COLUMNS)
        .join(event_clusters, event_clusters.c.id == events.c.cluster_id)
        .where(events.c.article_pk == pk)
        .order_by(events.c.pk)
    )
    rows = [dict(r._mapping) for r in conn.execute(query)]
    spans = _spans(conn, evidence.c.event_pk, [r["pk"] for r in rows])
    for row in rows:
        row["spans"] = spans.get(row.pop("pk"), {})
    return rows


def _quotes(conn: Connection, pk: int) -> list[dict[str, Any]]:
    query = select(quotes).where(quotes.c.article_pk == pk).order_by(quotes.c.pk)
    rows = [dict(r._mapping) for r in conn.execute(query)]
    spans = _spans(conn, evidence.c.quote_pk, [r["pk"] for r in rows])
    for row in rows:
        row.pop("article_pk")
        row["spans"] = spans.get(row.pop("pk"), {})
    return rows


def data_version(engine: Engine) -> tuple[Any, ...]:
    """What changes whenever the store's content does: the newest article, event cluster, event
    mention, alert update and run (a deletion records one). Index look-ups only (no count), so
    every read can afford it. (A cluster's counts change only with a new or deleted mention.)"""
    with engine.connect() as conn:
        return tuple(
            conn.execute(
                select(
                    select(func.max(A.pk)).scalar_subquery(),
                    select(func.max(event_clusters.c.id)).scalar_subquery(),
                    select(func.max(events.c.pk)).scalar_subquery(),
                    select(func.max(alerts.c.updated_at)).scalar_subquery(),
                    select(func.max(runs.c.id)).scalar_subquery(),
                )
            ).one()
        )
