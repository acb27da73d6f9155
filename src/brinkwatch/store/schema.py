"""The store's tables, in SQLAlchemy Core. Alembic migrations (store/migrations) create them.

One row per stored article (coded or failed), its actor mentions, quotes and event mentions;
`event_clusters` holds the deduplicated events (GDELT's one row per event, with NumMentions,
NumSources, NumArticles); `evidence` links every event mention and quote to its text spans.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

# Where an event happened (action) and where its two actors are: the first mention's places
# (records.Location), as GDELT's ActionGeo / Actor1Geo / Actor2Geo need them.
GEO_PREFIXES = ("action_geo", "source_geo", "target_geo")
GEO_FIELDS = (
    ("name", Text),
    ("kind", String(12)),
    ("country", String(3)),
    ("region", Text),
    ("adm1", String(12)),
    ("full_name", Text),
    ("lat", Float),
    ("lon", Float),
    ("geonameid", String(20)),
)


def location_columns() -> list[Column[Any]]:
    columns = [
        Column(f"{prefix}_{name}", kind) for prefix in GEO_PREFIXES for name, kind in GEO_FIELDS
    ]
    columns.append(Column("action_geo_source", String(10)))  # trigger | sentence | dateline
    return columns


runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("command", String(40), nullable=False),
    Column("coder_name", String(80)),
    Column("coder_version", String(40)),
    Column("model", String(120)),
    Column("lexicons", Text),  # JSON {data file: version}
    Column("config_hash", String(64)),
    Column("articles_new", Integer, nullable=False, default=0),
    Column("articles_failed", Integer, nullable=False, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(200), nullable=False, unique=True),
    Column("content_hash", String(64), unique=True),  # NULL when the input could not be read
    Column("status", String(10), nullable=False),  # coded | failed
    Column("title", Text),
    Column("outlet", String(200)),
    Column("url", Text),
    Column("published", Date),
    Column("dateline", String(200)),
    Column("text", Text),
    Column("origin_path", Text),
    Column("origin_line", Integer),
    Column("error_code", String(40)),
    Column("error_message", Text),
    Column("attempts", Integer, nullable=False, default=1),
    Column("duplicate_of", String(200)),  # id of the article this one near-duplicates
    Column("similarity", Float),
    Column("minhash", LargeBinary),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("added_at", DateTime, nullable=False),
    Index("ix_articles_status", "status"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_url", "url", postgresql_using="hash"),
)

actors = Table(
    "actors",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text),
    Column("code", String(40)),
    Column("country", String(10)),
    Column("sector", String(20)),
    Column("role", String(80)),
    Column("entity", String(80)),
    Index("ix_actors_article", "article_pk"),
    Index("ix_actors_country", "country"),
)

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # GDELT's GLOBALEVENTID
    Column("dedup_key", String(200), nullable=False, unique=True),
    Column("date", String(10)),  # YYYY-MM-DD, YYYY-MM or YYYY
    Column("date_granularity", String(10)),
    Column("sqldate", Integer),  # YYYYMMDD; month/year granularity → day/month 01
    Column("source_code", String(40)),
    Column("source_name", Text),
    Column("source_country", String(10)),
    Column("source_sector", String(20)),
    Column("target_code", String(40)),
    Column("target_name", Text),
    Column("target_country", String(10)),
    Column("target_sector", String(20)),
    Column("cameo", String(8), nullable=False),
    Column("cameo_root", String(4), nullable=False),
    Column("cameo_name", Text),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("plover_event", String(40)),
    Column("plover_mode", String(40)),
    Column("negated", Boolean, nullable=False, default=False),
    Column("num_mentions", Integer, nullable=False, default=0),
    Column("num_sources", Integer, nullable=False, default=0),
    Column("num_articles", Integer, nullable=False, default=0),
    Column("first_article_pk", Integer, ForeignKey("articles.pk")),
    Column("source_url", Text),
    Column("date_added", DateTime, nullable=False),
    *location_columns(),
    # migration 0006: every mention dates it well before its article's news (nlp/background.py)
    Column("background", Boolean, nullable=False, default=False, server_default=false()),
    Index("ix_clusters_dyad_date", "source_country", "target_country", "sqldate"),
    Index("ix_clusters_target_date", "target_country", "sqldate"),
    Index("ix_clusters_sqldate", "sqldate"),
    Index("ix_clusters_root_date", "cameo_root", "sqldate"),
    Index("ix_clusters_quad_date", "quad_class", "sqldate"),
    # migration 0003 (0006 adds background): one pair's days summed from the index alone
    Index(
        "ix_clusters_dyad_cover",
        "source_country",
        "target_country",
        "sqldate",
        "negated",
        "date_granularity",
        "background",
        "quad_class",
        "goldstein",
        "num_articles",
        "num_mentions",
    ),
    Index("ix_clusters_action_country", "action_geo_country", "sqldate"),
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("cluster_id", Integer, ForeignKey("event_clusters.id"), nullable=False),
    Column("event_id", String(80), nullable=False),  # the coder's id within the article
    Column("date", String(10)),
    Column("date_text", Text),
    Column("date_granularity", String(10)),
    Column("date_source", String(12)),
    Column("source_text", Text),
    Column("target_text", Text),
    Column("reported_by", String(40)),
    Column("pattern", Text),
    Column("goldstein_table", String(40)),
    Column("background", Boolean, nullable=False, default=False, server_default=false()),
    Index("ix_events_article", "article_pk"),
    Index("ix_events_cluster", "cluster_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("quote_id", String(80), nullable=False),
    Column("type", String(10), nullable=False),
    Column("content", Text, nullable=False),
    Column("speaker_text", Text),
    Column("speaker_name", Text),
    Column("speaker_code", String(40)),
    Column("speaker_country", String(10)),
    Column("speaker_sector", String(20)),
    Column("medium", Text),
    Column("addressee", Text),
    Column("date", String(10)),
    Column("date_granularity", String(10)),
    Index("ix_quotes_article", "article_pk"),
    Index("ix_quotes_country", "speaker_country"),
)

# Text spans behind events and quotes: role is sentence | evidence | trigger | content | cue.
evidence = Table(
    "evidence",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE")),
    Column("quote_pk", Integer, ForeignKey("quotes.pk", ondelete="CASCADE")),
    Column("role", String(10), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_evidence_event", "event_pk"),
    Index("ix_evidence_quote", "quote_pk"),
)

# Conditional-GET state of watched feeds, so a restart does not refetch unchanged feeds.
feeds = Table(
    "feeds",
    metadata,
    Column("url", String(500), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", DateTime),
)

# Migration 0007: per directed country pair and day, the sums the monitor's series are made of,
# over the events it counts (two different countries, dated to the day, not negated). Kept in
# step by the writer (store/dyad_daily.py) so the dyad page, the ranking and the network read a
# few rows per pair and day instead of every event. Each weighted sum exists for each weight the
# monitor offers (`MonitorParams.weight`): events (1), articles, mentions (each at least 1).
DYAD_WEIGHTS = ("events", "articles", "mentions")
DYAD_WEIGHTED = ("q1", "q2", "q3", "q4", "cooperation", "conflict")


def _dyad_sum_columns() -> list[Column[Any]]:
    columns: list[Column[Any]] = [Column(w, Integer, nullable=False) for w in DYAD_WEIGHTS]
    for name in DYAD_WEIGHTED:
        kind = Float if name in ("cooperation", "conflict") else Integer
        columns += [Column(f"{name}_{w}", kind, nullable=False) for w in DYAD_WEIGHTS]
    return columns


dyad_daily = Table(
    "dyad_daily",
    metadata,
    Column("source_country", String(10), primary_key=True),
    Column("target_country", String(10), primary_key=True),
    Column("sqldate", Integer, primary_key=True),
    *_dyad_sum_columns(),
    Index("ix_dyad_daily_sqldate", "sqldate"),
)
