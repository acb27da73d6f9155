"""Records → table rows. Pure functions; the writer decides when and where they go."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from brinkwatch.records import Actor, Article, Document, Event, Failure, Location, Quote, Span
from brinkwatch.store.dedup import event_date, event_key, sqldate
from brinkwatch.store.names import canonical_name

Row = dict[str, Any]


def article_row(article: Article, content_hash: str, now: datetime, run_id: int | None) -> Row:
    origin = article.origin
    return {
        "id": article.id,
        "content_hash": content_hash,
        "status": "coded",
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "dateline": article.dateline,
        "text": article.text,
        "origin_path": origin.path if origin else None,
        "origin_line": origin.line if origin else None,
        "error_code": article.errors[0].code if article.errors else None,
        "error_message": "; ".join(e.message for e in article.errors) or None,
        "attempts": 1,
        "run_id": run_id,
        "added_at": now,
    }


def failure_row(
    failure: Failure, document: Document | None, content_hash: str | None, now: datetime
) -> Row:
    """A failed input: its error, and its text when it was read, so `--retry-failed` can recode."""
    origin = failure.origin or (document.origin if document else None)
    return {
        "id": failure.id,
        "content_hash": content_hash,
        "status": "failed",
        "title": document.title if document else None,
        "outlet": document.outlet if document else None,
        "url": document.url if document else None,
        "published": document.published if document else None,
        "dateline": document.dateline if document else None,
        "text": document.text if document else None,
        "origin_path": origin.path if origin else None,
        "origin_line": origin.line if origin else None,
        "error_code": failure.error.code,
        "error_message": failure.error.message,
        "attempts": 1,
        "added_at": now,
    }


def actor_row(actor: Actor, article_pk: int) -> Row:
    return {
        "article_pk": article_pk,
        "text": actor.text,
        "start": actor.start,
        "end": actor.end,
        "name": actor.name,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "role": actor.role,
        "entity": actor.entity,
    }


def _actor_cols(prefix: str, actor: Actor | None) -> Row:
    return {
        f"{prefix}_code": actor.code if actor else None,
        f"{prefix}_name": canonical_name(actor),
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_sector": actor.sector if actor else None,
    }


def _location_cols(prefix: str, location: Location | None) -> Row:
    names = ("name", "kind", "country", "region", "adm1", "full_name", "lat", "lon", "geonameid")
    return {f"{prefix}_{n}": getattr(location, n) if location else None for n in names}


def location_cols(event: Event) -> Row:
    """The event's place and its actors' places, as event_clusters columns."""
    target = event.target.location if event.target else None
    return {
        **_location_cols("action_geo", event.location),
        "action_geo_source": event.location.source if event.location else None,
        **_location_cols("source_geo", event.source.location),
        **_location_cols("target_geo", target),
    }


def cluster_row(event: Event, article: Article, article_pk: int, now: datetime) -> Row:
    day = event_date(event, article)
    granularity = event.date_granularity if event.date else ("day" if day else None)
    return {
        "dedup_key": event_key(event, article),
        "date": day,
        "date_granularity": granularity,
        "sqldate": sqldate(day),
        **_actor_cols("source", event.source),
        **_actor_cols("target", event.target),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "cameo_name": event.cameo_name,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_event": event.plover_event,
        "plover_mode": event.plover_mode,
        "negated": event.negated,
        "background": event.background,
        "num_mentions": 0,
        "num_sources": 0,
        "num_articles": 0,
        "first_article_pk": article_pk,
        "source_url": article.url,
        "date_added": now,
        **location_cols(event),
    }


def event_row(event: Event, article_pk: int, cluster_id: int) -> Row:
    reported = event.reported_by
    return {
        "article_pk": article_pk,
        "cluster_id": cluster_id,
        "event_id": event.id,
        "date": event.date,
        "date_text": event.date_text,
        "date_granularity": event.date_granularity,
        "date_source": event.date_source,
        "source_text": event.source.text,
        "target_text": event.target.text if event.target else None,
        "reported_by": (reported.code or reported.text) if reported else None,
        "pattern": event.pattern,
        "goldstein_table": event.goldstein_table,
        "background": event.background,
    }


def quote_row(quote: Quote, article_pk: int) -> Row:
    speaker = quote.speaker
    return {
        "article_pk": article_pk,
        "quote_id": quote.id,
        "type": quote.type,
        "content": quote.content.text,
        "speaker_text": speaker.text if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_code": speaker.code if speaker else None,
        "speaker_country": speaker.country if speaker else None,
        "speaker_sector": speaker.sector if speaker else None,
        "medium": quote.medium.text if quote.medium else None,
        "addressee": quote.addressee.text if quote.addressee else None,
        "date": quote.date,
        "date_granularity": quote.date_granularity,
    }


def span_row(
    span: Span,
    role: str,
    article_pk: int,
    *,
    event_pk: int | None = None,
    quote_pk: int | None = None,
) -> Row:
    return {
        "article_pk": article_pk,
        "event_pk": event_pk,
        "quote_pk": quote_pk,
        "role": role,
        "start": span.start,
        "end": span.end,
        "text": span.text,
    }


def event_spans(event: Event, article_pk: int, event_pk: int) -> list[Row]:
    spans = (("sentence", event.sentence), ("evidence", event.evidence), ("trigger", event.trigger))
    return [span_row(s, role, article_pk, event_pk=event_pk) for role, s in spans]


def quote_spans(quote: Quote, article_pk: int, quote_pk: int) -> list[Row]:
    spans = [("sentence", quote.sentence), ("content", quote.content), ("cue", quote.cue)]
    return [span_row(s, role, article_pk, quote_pk=quote_pk) for role, s in spans if s is not None]
