"""web: full-text search over articles, and a covering index for one pair's series

SQLite gets an FTS5 index (external content: the text is stored once, in `articles`) kept in step
by triggers; PostgreSQL a GIN index on the same expression `store/browse.py` searches with. The
covering index lets the dyad page sum one pair's days from the index alone (docs/web.md).

Revision ID: 0003_web
Revises: 0002_alerts
Create Date: 2026-12-04 18:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0003_web"
down_revision = "0002_alerts"
branch_labels = None
depends_on = None

DYAD_COVER = [
    "source_country",
    "target_country",
    "sqldate",
    "negated",
    "date_granularity",
    "quad_class",
    "goldstein",
    "num_articles",
    "num_mentions",
]

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='pk', tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_fts",
]
# The same expression as store/browse.py's search, so the planner uses the index.
PG_FTS = (
    "CREATE INDEX ix_articles_fts ON articles USING gin "
    "(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(text, '')))"
)


def upgrade() -> None:
    op.create_index("ix_clusters_dyad_cover", "event_clusters", DYAD_COVER)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute(PG_FTS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
    op.drop_index("ix_clusters_dyad_cover", table_name="event_clusters")
