"""The one writer: every article, failure, event and quote goes into the store through here.

Each `write` call is one transaction, so a crash loses at most the batch in flight and a re-run
(which skips known content hashes) stores every article exactly once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, update

from brinkwatch.records import Article, CoderInfo, Document, Failure
from brinkwatch.store import dyad_daily, rows
from brinkwatch.store.dedup import NearDuplicateIndex, content_hash, minhash, signature_bytes
from brinkwatch.store.schema import (
    actors,
    articles,
    event_clusters,
    events,
    evidence,
    feeds,
    quotes,
    runs,
)

Item = tuple[Article | Failure, Document | None]
_CHUNK = 500


@dataclass
class WriteCounts:
    """What a batch (or a whole run) added to the store."""

    new: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    events: int = 0
    quotes: int = 0

    def add(self, other: WriteCounts) -> None:
        for name in ("new", "skipped", "duplicates", "failed", "events", "quotes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _insert(conn: Connection, table: Table, row: dict[str, Any]) -> int:
    """Insert one row and return its integer primary key."""
    key = next(iter(table.primary_key.columns))
    return int(conn.execute(insert(table).values(**row).returning(key)).scalar_one())


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class StoreWriter:
    """Writes batches of records in transactions; remembers near-duplicate signatures."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.run_id: int | None = None
        self._index: NearDuplicateIndex | None = None
        self.totals = WriteCounts()
        self._coder_noted = False

    # runs ---------------------------------------------------------------------------------
    def start_run(self, command: str, coder: CoderInfo | None, config_hash: str | None) -> int:
        values = {"started_at": now(), "command": command, "config_hash": config_hash}
        if coder is not None:
            values |= {
                "coder_name": coder.name,
                "coder_version": coder.version,
                "model": coder.model,
                "lexicons": json.dumps(dict(coder.lexicons), sort_keys=True),
            }
        with self.engine.begin() as conn:
            self.run_id = _insert(conn, runs, values)
        return self.run_id

    def finish_run(self) -> None:
        if self.run_id is None:
            return
        values = {"finished_at": now(), "articles_new": self.totals.new}
        with self.engine.begin() as conn:
            conn.execute(
                update(runs)
                .where(runs.c.id == self.run_id)
                .values(**values, articles_failed=self.totals.failed)
            )

    def _note_coder(self, conn: Connection, coder: CoderInfo) -> None:
        """Record on the run which coder and lexicon versions produced its articles (once)."""
        if self.run_id is None or self._coder_noted:
            return
        self._coder_noted = True
        conn.execute(
            update(runs)
            .where(runs.c.id == self.run_id)
            .values(
                coder_name=coder.name,
                coder_version=coder.version,
                model=coder.model,
                lexicons=json.dumps(dict(coder.lexicons), sort_keys=True),
            )
        )

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(feeds).where(feeds.c.url == url))
            values = {"url": url, "etag": etag, "last_modified": last_modified}
            conn.execute(insert(feeds).values(**values, checked_at=now()))

    # look-ups before coding ----------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """`{content hash: status}` of the given hashes already in the store."""
        found: dict[str, str] = {}
        hashes = list(hashes)
        with self.engine.connect() as conn:
            for i in range(0, len(hashes), _CHUNK):
                query = select(articles.c.content_hash, articles.c.status).where(
                    articles.c.content_hash.in_(hashes[i : i + _CHUNK])
                )
                found.update({h: s for h, s in conn.execute(query)})
        return found

    def failed_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(articles.c.id).where(articles.c.status == "failed")))

    # writing ------------------------------------------------------------------------------
    def write(self, items: Sequence[Item]) -> WriteCounts:
        """Store a batch in one transaction."""
        counts = WriteCounts()
        try:
            with self.engine.begin() as conn:
                touched: set[int] = set()
                for record, document in items:
                    if isinstance(record, Article):
                        self._note_coder(conn, record.coder)
                        touched |= self._article(conn, record, counts)
                    else:
                        self._failure(conn, record, document, counts)
                self._recount(conn, touched)
                dyad_daily.refresh(conn, dyad_daily.cluster_keys(conn, touched))
        except BaseException:
            self._index = None  # it may hold signatures of the rolled-back batch
            raise
        self.totals.add(counts)
        return counts

    def _near_index(self, conn: Connection) -> NearDuplicateIndex:
        if self._index is None:
            self._index = NearDuplicateIndex()
            query = select(articles.c.id, articles.c.minhash).where(
                articles.c.minhash.is_not(None), articles.c.duplicate_of.is_(None)
            )
            self._index.load((i, bytes(m)) for i, m in conn.execute(query))
        return self._index

    def _existing(self, conn: Connection, chash: str) -> tuple[int, str] | None:
        query = select(articles.c.pk, articles.c.status).where(articles.c.content_hash == chash)
        row = conn.execute(query).first()
        return (row.pk, row.status) if row else None

    def _free_id(self, conn: Connection, article_id: str, chash: str) -> str:
        """The article's id, or a suffixed one when another text already holds that id."""
        taken = conn.execute(select(articles.c.pk).where(articles.c.id == article_id)).first()
        return f"{article_id}~{chash[:8]}" if taken else article_id

    def _article(self, conn: Connection, article: Article, counts: WriteCounts) -> set[int]:
        chash = content_hash(article.text)
        existing = self._existing(conn, chash)
        if existing and existing[1] == "coded":
            counts.skipped += 1
            return set()
        if existing:  # a failed article, retried with success
            conn.execute(delete(articles).where(articles.c.pk == existing[0]))
        row = rows.article_row(article, chash, now(), self.run_id)
        row["id"] = self._free_id(conn, article.id, chash)
        signature = minhash(article.text)
        near = self._near_index(conn).match(signature)
        row |= {"minhash": signature_bytes(signature)}
        if near is not None:
            row |= {"duplicate_of": near.original, "similarity": near.similarity}
            counts.duplicates += 1
        pk = _insert(conn, articles, row)
        if near is None:
            self._near_index(conn).add(row["id"], signature)
        counts.new += 1
        self._children(conn, article, pk, counts)
        return self._events(conn, article, pk, counts)

    def _children(self, conn: Connection, article: Article, pk: int, counts: WriteCounts) -> None:
        if article.actors:
            conn.execute(insert(actors), [rows.actor_row(a, pk) for a in article.actors])
        if not article.quotes:
            return
        quote_pks = conn.scalars(
            insert(quotes).returning(quotes.c.pk, sort_by_parameter_order=True),
            [rows.quote_row(q, pk) for q in article.quotes],
        ).all()
        spans = [
            s
            for q, qpk in zip(article.quotes, quote_pks, strict=True)
            for s in rows.quote_spans(q, pk, qpk)
        ]
        conn.execute(insert(evidence), spans)
        counts.quotes += len(article.quotes)

    def _cluster(self, conn: Connection, row: rows.Row) -> int:
        query = select(event_clusters.c.id).where(event_clusters.c.dedup_key == row["dedup_key"])
        found = conn.execute(query).scalar()
        if found is not None:
            _fill_location(conn, int(found), row)
            return int(found)
        return _insert(conn, event_clusters, row)

    def _events(self, conn: Connection, article: Article, pk: int, counts: WriteCounts) -> set[int]:
        if not article.events:
            return set()
        stamp = now()
        cluster_ids = [
            self._cluster(conn, rows.cluster_row(e, article, pk, stamp)) for e in article.events
        ]
        event_pks = conn.scalars(
            insert(events).returning(events.c.pk, sort_by_parameter_order=True),
            [rows.event_row(e, pk, c) for e, c in zip(article.events, cluster_ids, strict=True)],
        ).all()
        spans = [
            s
            for e, epk in zip(article.events, event_pks, strict=True)
            for s in rows.event_spans(e, pk, epk)
        ]
        conn.execute(insert(evidence), spans)
        counts.events += len(article.events)
        return set(cluster_ids)

    def _recount(self, conn: Connection, cluster_ids: set[int]) -> None:
        """GDELT's NumMentions/NumArticles/NumSources from the stored mentions of each event;
        an event is background only while no article reports it as news."""
        for cid in sorted(cluster_ids):
            mentions = select(
                func.count().label("m"),
                func.count(events.c.article_pk.distinct()).label("a"),
                func.count(func.coalesce(articles.c.outlet, articles.c.id).distinct()).label("s"),
                func.count().filter(events.c.background.is_(False)).label("news"),
            ).select_from(events.join(articles, articles.c.pk == events.c.article_pk))
            m, a, s, news = conn.execute(mentions.where(events.c.cluster_id == cid)).one()
            conn.execute(
                update(event_clusters)
                .where(event_clusters.c.id == cid)
                .values(num_mentions=m, num_articles=a, num_sources=s, background=news == 0)
            )

    def delete_articles(self, article_ids: Iterable[str]) -> int:
        """Remove articles with their mentions, quotes and spans, in one transaction: their
        events lose those mentions (and go when none is left), counts and summaries follow.
        Returns how many articles were removed."""
        ids = sorted(set(article_ids))
        with self.engine.begin() as conn:
            pks = list(conn.scalars(select(articles.c.pk).where(articles.c.id.in_(ids))))
            mentioned = events.c.article_pk.in_(pks)
            clusters = set(conn.scalars(select(events.c.cluster_id).where(mentioned).distinct()))
            keys = dyad_daily.cluster_keys(conn, clusters)
            self._repoint_first_articles(conn, clusters, pks)
            conn.execute(delete(articles).where(articles.c.pk.in_(pks)))
            orphans = event_clusters.c.id.not_in(select(events.c.cluster_id).distinct())
            ids_left = event_clusters.c.id.in_(sorted(clusters))
            conn.execute(delete(event_clusters).where(ids_left, orphans))
            self._recount(conn, clusters)  # the clusters deleted just above match no row
            dyad_daily.refresh(conn, keys)
            if pks:
                _insert(
                    conn, runs, {"started_at": now(), "finished_at": now(), "command": "delete"}
                )
        self._index = None  # it may hold the removed articles' signatures
        return len(pks)

    def _repoint_first_articles(
        self, conn: Connection, clusters: set[int], gone: list[int]
    ) -> None:
        """An event's first article is the earliest of its remaining mentions."""
        remaining = (
            select(func.min(events.c.article_pk))
            .where(events.c.cluster_id == event_clusters.c.id, events.c.article_pk.not_in(gone))
            .scalar_subquery()
        )
        conn.execute(
            update(event_clusters)
            .where(event_clusters.c.id.in_(sorted(clusters)))
            .values(first_article_pk=remaining)
        )

    def _failure(
        self, conn: Connection, failure: Failure, document: Document | None, counts: WriteCounts
    ) -> None:
        """Record a failure; a failure seen before gets its error refreshed and one more attempt."""
        chash = content_hash(document.text) if document else None
        where = articles.c.id == failure.id
        if chash is not None:
            where = where | (articles.c.content_hash == chash)
        query = select(articles.c.pk, articles.c.status, articles.c.content_hash).where(where)
        row = conn.execute(query).first()
        if row is not None and row.status == "coded" and row.content_hash == chash:
            counts.skipped += 1  # this very text is already stored, coded
            return
        counts.failed += 1
        if row is None or row.status == "coded":  # a coded article holds the id: keep both
            values = rows.failure_row(failure, document, chash, now())
            if row is not None:
                values["id"] = f"{failure.id}~{(chash or 'failed')[:8]}"
            conn.execute(insert(articles).values(**values))
        elif row.status == "failed":
            conn.execute(
                update(articles)
                .where(articles.c.pk == row.pk)
                .values(
                    error_code=failure.error.code,
                    error_message=failure.error.message,
                    attempts=articles.c.attempts + 1,
                )
            )


def _fill_location(conn: Connection, cluster_id: int, row: dict[str, Any]) -> None:
    """A later mention that says where an event happened fills a place the first one lacked."""
    if row.get("action_geo_name") is None:
        return
    geo = {k: v for k, v in row.items() if k.startswith("action_geo_")}
    conn.execute(
        update(event_clusters)
        .where(event_clusters.c.id == cluster_id, event_clusters.c.action_geo_name.is_(None))
        .values(**geo)
    )
