"""A store written before the later migrations (at 0005, with events and their evidence) opens
with today's code: `background` is added in place and `dyad_daily` is backfilled from the
events already stored."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from brinkwatch.store.db import MIGRATIONS, create, migrate

STAMP = datetime(2024, 5, 3)
ROWS = [
    "INSERT INTO articles (pk, id, content_hash, status, attempts, added_at) "
    "VALUES (1, 'a1', 'h1', 'coded', 1, :stamp)",
    "INSERT INTO event_clusters (id, dedup_key, date, date_granularity, sqldate, source_country,"
    " target_country, cameo, cameo_root, quad_class, goldstein, negated, num_mentions,"
    " num_sources, num_articles, first_article_pk, date_added) VALUES (1, 'k1', '2024-05-02',"
    " 'day', 20240502, 'CHN', 'PHL', '172', '17', 4, -5.0, false, 1, 1, 1, 1, :stamp)",
    "INSERT INTO events (pk, article_pk, cluster_id, event_id) VALUES (1, 1, 1, 'e1')",
    'INSERT INTO evidence (article_pk, event_pk, role, start, "end", text) '
    "VALUES (1, 1, 'sentence', 0, 5, 'China')",
]


def _upgrade(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_a_store_with_events_migrates_and_is_backfilled(db_url: str) -> None:
    engine = create(db_url)
    _upgrade(engine, "0005_locations")
    with engine.begin() as conn:
        for row in ROWS:
            conn.execute(text(row), {"stamp": STAMP})
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT background FROM event_clusters")).scalar() in (0, False)
        found = conn.execute(
            text("SELECT source_country, events, conflict_articles FROM dyad_daily")
        ).all()
    assert [tuple(r) for r in found] == [("CHN", 1, 5.0)]
    engine.dispose()
