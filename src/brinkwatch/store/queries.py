"""Read side of the store: articles, events (each with its evidence) and failures,
filtered by date range, country, dyad, CAMEO root and QuadClass. Quotes: store/quote_queries.py.

Dates filter on the event's SQLDATE (YYYYMMDD integer), which the dyad/date indexes cover.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, exists, func, or_, select

from brinkwatch.records import DyadEvent
from brinkwatch.store.schema import (
    actors,
    articles,
    event_clusters,
    events,
    evidence,
    feeds,
    quotes,
)

C = event_clusters.c


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events: both ends inclusive; `country` matches either side, `dyad` is directed."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    dyad: tuple[str, str] | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    plover_event: str | None = None
    limit: int | None = None
    location_country: str | None = None  # ISO3 of where the event happened (action_geo_country)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One mention of an event: the article, and the sentence and words that reported it."""

    article_id: str
    url: str | None
    outlet: str | None
    sentence: str
    start: int
    end: int
    trigger: str | None = None
    title: str | None = None
    source_text: str | None = None
    target_text: str | None = None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A deduplicated event (GDELT's one row per event) with every evidence sentence."""

    id: int
    date: str | None
    date_granularity: str | None
    sqldate: int | None
    source_code: str | None
    source_name: str | None
    source_country: str | None
    source_sector: str | None
    target_code: str | None
    target_name: str | None
    target_country: str | None
    target_sector: str | None
    cameo: str
    cameo_root: str
    cameo_name: str | None
    quad_class: int
    goldstein: float
    plover_event: str | None
    plover_mode: str | None
    negated: bool
    num_mentions: int
    num_sources: int
    num_articles: int
    source_url: str | None
    date_added: datetime
    evidence: tuple[Evidence, ...] = field(default=())
    # where it happened and where its actors are (records.Location, flattened; docs/places.md)
    action_geo_name: str | None = None
    action_geo_kind: str | None = None
    action_geo_country: str | None = None
    action_geo_region: str | None = None
    action_geo_adm1: str | None = None
    action_geo_full_name: str | None = None
    action_geo_lat: float | None = None
    action_geo_lon: float | None = None
    action_geo_geonameid: str | None = None
    action_geo_source: str | None = None
    source_geo_name: str | None = None
    source_geo_kind: str | None = None
    source_geo_country: str | None = None
    source_geo_region: str | None = None
    source_geo_adm1: str | None = None
    source_geo_full_name: str | None = None
    source_geo_lat: float | None = None
    source_geo_lon: float | None = None
    source_geo_geonameid: str | None = None
    target_geo_name: str | None = None
    target_geo_kind: str | None = None
    target_geo_country: str | None = None
    target_geo_region: str | None = None
    target_geo_adm1: str | None = None
    target_geo_full_name: str | None = None
    target_geo_lat: float | None = None
    target_geo_lon: float | None = None
    target_geo_geonameid: str | None = None
    background: bool = False  # recalled history, not news: out of the monitor's series


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: str
    status: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    duplicate_of: str | None
    added_at: datetime


@dataclass(frozen=True, slots=True)
class StoredFailure:
    id: str
    error_code: str | None
    error_message: str | None
    origin_path: str | None
    origin_line: int | None
    attempts: int
    added_at: datetime


def day_number(value: date) -> int:
    return value.year * 10_000 + value.month * 100 + value.day


def _build(cls: type[Any], row: Any, **extra: Any) -> Any:
    mapping = row._mapping
    return cls(**{f.name: mapping[f.name] for f in fields(cls) if f.name not in extra}, **extra)


def _event_conditions(filt: EventFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filt.since:
        conditions.append(C.sqldate >= day_number(filt.since))
    if filt.until:
        conditions.append(C.sqldate <= day_number(filt.until))
    if filt.country:
        conditions.append(or_(C.source_country == filt.country, C.target_country == filt.country))
    if filt.dyad:
        conditions.append(and_(C.source_country == filt.dyad[0], C.target_country == filt.dyad[1]))
    if filt.cameo_root:
        conditions.append(C.cameo_root == filt.cameo_root.zfill(2))
    if filt.quad_class:
        conditions.append(C.quad_class == filt.quad_class)
    if filt.plover_event:
        conditions.append(C.plover_event == filt.plover_event)
    if filt.location_country:
        conditions.append(C.action_geo_country == filt.location_country)
    return conditions


def event_query(filt: EventFilter) -> Select[Any]:
    query = select(event_clusters).where(*_event_conditions(filt)).order_by(C.sqldate, C.id)
    return query.limit(filt.limit) if filt.limit else query


def _evidence(engine: Engine, cluster_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    found: dict[int, list[Evidence]] = defaultdict(list)
    trig = evidence.alias("trig")
    query = (
        select(
            events.c.cluster_id,
            articles.c.id.label("article_id"),
            articles.c.url,
            articles.c.outlet,
            evidence.c.text.label("sentence"),
            evidence.c.start,
            evidence.c.end,
            trig.c.text.label("trigger"),
            articles.c.title,
            events.c.source_text,
            events.c.target_text,
        )
        .select_from(events)
        .join(articles, articles.c.pk == events.c.article_pk)
        .join(evidence, and_(evidence.c.event_pk == events.c.pk, evidence.c.role == "sentence"))
        .outerjoin(trig, and_(trig.c.event_pk == events.c.pk, trig.c.role == "trigger"))
        .order_by(events.c.cluster_id, events.c.pk)
    )
    with engine.connect() as conn:
        for i in range(0, len(cluster_ids), 500):
            chunk = cluster_ids[i : i + 500]
            for row in conn.execute(query.where(events.c.cluster_id.in_(chunk))):
                found[row.cluster_id].append(_build(Evidence, row))
    return found


# Public name for other read modules (store/event_pages.py): evidence of clusters by id.
evidence_for = _evidence


def find_events(
    engine: Engine, filt: EventFilter | None = None, *, with_evidence: bool = True
) -> list[StoredEvent]:
    """Deduplicated events matching `filt`, oldest first, each with its evidence sentences."""
    with engine.connect() as conn:
        found = list(conn.execute(event_query(filt or EventFilter())))
    spans = _evidence(engine, [row.id for row in found]) if with_evidence else {}
    return [_build(StoredEvent, row, evidence=tuple(spans.get(row.id, ()))) for row in found]


def lead_ends(engine: Engine, article_ids: set[str]) -> dict[str, int]:
    """Where each article's lead (its first paragraph) ends, as an offset into its text."""
    found: dict[str, int] = {}
    ids = sorted(article_ids)
    query = select(articles.c.id, articles.c.text)
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            for row in conn.execute(query.where(articles.c.id.in_(ids[i : i + 500]))):
                text = row.text or ""
                end = text.find("\n\n", len(text) - len(text.lstrip()))
                found[row.id] = len(text) if end == -1 else end
    return found


def find_articles(
    engine: Engine,
    *,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    status: str | None = "coded",
) -> list[StoredArticle]:
    """Stored articles by publication date and by a country among their actors."""
    query = select(articles).order_by(articles.c.published, articles.c.pk)
    if status:
        query = query.where(articles.c.status == status)
    if since:
        query = query.where(articles.c.published >= since)
    if until:
        query = query.where(articles.c.published <= until)
    if country:
        mentioned = and_(actors.c.article_pk == articles.c.pk, actors.c.country == country)
        query = query.where(exists().where(mentioned))
    with engine.connect() as conn:
        return [_build(StoredArticle, row) for row in conn.execute(query)]


def find_failures(engine: Engine) -> list[StoredFailure]:
    query = select(articles).where(articles.c.status == "failed").order_by(articles.c.added_at)
    with engine.connect() as conn:
        return [_build(StoredFailure, row) for row in conn.execute(query)]


def dyad_events(engine: Engine, filt: EventFilter | None = None) -> list[DyadEvent]:
    """Country-to-country events as the monitor reads them: two different countries, dated to
    the day (an event known only to its month or year has no day to count in)."""
    found = find_events(engine, filt, with_evidence=True)
    return [to_dyad_event(e) for e in found if is_dyad_day_event(e)]


def is_dyad_day_event(event: StoredEvent) -> bool:
    """Whether the monitor counts the event: two different countries, dated to the day, and
    news, not background recalled from well before the article (docs/monitor.md)."""
    if event.background:
        return False
    ends = (event.source_country, event.target_country)
    if not (ends[0] and ends[1]) or ends[0] == ends[1]:
        return False
    return bool(event.date and len(event.date) == 10 and event.sqldate)


def to_dyad_event(event: StoredEvent) -> DyadEvent:
    """The monitor's record of a stored event, with its first evidence sentence."""
    first = event.evidence[0] if event.evidence else None
    return DyadEvent(
        event_id=str(event.id),
        date=_sqldate_to_date(int(event.sqldate or 0)),
        source=str(event.source_country),
        target=str(event.target_country),
        cameo=event.cameo,
        quad_class=event.quad_class,
        goldstein=event.goldstein,
        mentions=event.num_mentions,
        articles=event.num_articles,
        negated=event.negated,
        evidence=first.sentence if first else None,
        article_id=first.article_id if first else None,
        url=first.url if first and first.url else event.source_url,
    )


def _sqldate_to_date(value: int) -> date:
    return date(value // 10_000, value // 100 % 100, value % 100)


def totals(engine: Engine) -> dict[str, int]:
    """Row counts for summaries: articles (coded/failed/duplicates), events, mentions, quotes."""
    status = func.count().filter(articles.c.status == "coded")
    dup = func.count().filter(articles.c.duplicate_of.is_not(None))
    with engine.connect() as conn:
        coded, failed, dups = conn.execute(
            select(status, func.count().filter(articles.c.status == "failed"), dup)
        ).one()
        return {
            "articles": coded,
            "failed": failed,
            "duplicates": dups,
            "events": conn.scalar(select(func.count()).select_from(event_clusters)) or 0,
            "mentions": conn.scalar(select(func.count()).select_from(events)) or 0,
            "quotes": conn.scalar(select(func.count()).select_from(quotes)) or 0,
        }


def known_urls(engine: Engine, urls: Sequence[str]) -> set[str]:
    """Which of `urls` belong to coded articles already stored (a watch skips those pages)."""
    query = select(articles.c.url).where(articles.c.status == "coded")
    found: set[str] = set()
    with engine.connect() as conn:
        for i in range(0, len(urls), 500):
            found.update(conn.scalars(query.where(articles.c.url.in_(urls[i : i + 500]))))
    return found


def feed_state(engine: Engine, url: str) -> tuple[str | None, str | None]:
    """The (ETag, Last-Modified) last seen for a feed."""
    with engine.connect() as conn:
        row = conn.execute(select(feeds).where(feeds.c.url == url)).first()
    return (row.etag, row.last_modified) if row else (None, None)
