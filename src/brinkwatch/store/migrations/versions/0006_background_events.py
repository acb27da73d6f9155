"""background events

`background` on event mentions and on deduplicated events: the event's own date places it well
before its article's news (nlp/background.py); the monitor's series leave such events out, so
the dyad page's covering index gains the column to keep summing from the index alone.

Revision ID: 0006_background
Revises: 0005_locations
Create Date: 2026-12-05 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_background"
down_revision = "0005_locations"
branch_labels = None
depends_on = None

OLD_COVER = [
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
NEW_COVER = [*OLD_COVER[:5], "background", *OLD_COVER[5:]]


def _column() -> sa.Column:
    return sa.Column("background", sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite takes one with a constant default): a batch copy of `events`
    # fails on a store with evidence rows (their foreign key) and left its copy behind.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS _alembic_tmp_events")
    for table in ("events", "event_clusters"):
        op.add_column(table, _column())
    op.drop_index("ix_clusters_dyad_cover", table_name="event_clusters")
    op.create_index("ix_clusters_dyad_cover", "event_clusters", NEW_COVER)


def downgrade() -> None:
    op.drop_index("ix_clusters_dyad_cover", table_name="event_clusters")
    op.create_index("ix_clusters_dyad_cover", "event_clusters", OLD_COVER)
    for table in ("event_clusters", "events"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("background")
