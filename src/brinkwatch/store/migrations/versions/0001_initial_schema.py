"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 21:58:23.209135
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "feeds",
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("url"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("command", sa.String(length=40), nullable=False),
        sa.Column("coder_name", sa.String(length=80), nullable=True),
        sa.Column("coder_version", sa.String(length=40), nullable=True),
        sa.Column("model", sa.String(length=120), nullable=True),
        sa.Column("lexicons", sa.Text(), nullable=True),
        sa.Column("config_hash", sa.String(length=64), nullable=True),
        sa.Column("articles_new", sa.Integer(), nullable=False),
        sa.Column("articles_failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("dateline", sa.String(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("origin_path", sa.Text(), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.Column("error_code", sa.String(length=40), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("duplicate_of", sa.String(length=200), nullable=True),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
        ),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("content_hash"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_published", ["published"], unique=False)
        batch_op.create_index("ix_articles_status", ["status"], unique=False)
        batch_op.create_index("ix_articles_url", ["url"], unique=False, postgresql_using="hash")

    op.create_table(
        "actors",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("country", sa.String(length=10), nullable=True),
        sa.Column("sector", sa.String(length=20), nullable=True),
        sa.Column("role", sa.String(length=80), nullable=True),
        sa.Column("entity", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index("ix_actors_article", ["article_pk"], unique=False)
        batch_op.create_index("ix_actors_country", ["country"], unique=False)

    op.create_table(
        "event_clusters",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dedup_key", sa.String(length=200), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_granularity", sa.String(length=10), nullable=True),
        sa.Column("sqldate", sa.Integer(), nullable=True),
        sa.Column("source_code", sa.String(length=40), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("source_country", sa.String(length=10), nullable=True),
        sa.Column("source_sector", sa.String(length=20), nullable=True),
        sa.Column("target_code", sa.String(length=40), nullable=True),
        sa.Column("target_name", sa.Text(), nullable=True),
        sa.Column("target_country", sa.String(length=10), nullable=True),
        sa.Column("target_sector", sa.String(length=20), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("cameo_root", sa.String(length=4), nullable=False),
        sa.Column("cameo_name", sa.Text(), nullable=True),
        sa.Column("quad_class", sa.Integer(), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=False),
        sa.Column("plover_event", sa.String(length=40), nullable=True),
        sa.Column("plover_mode", sa.String(length=40), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("num_mentions", sa.Integer(), nullable=False),
        sa.Column("num_sources", sa.Integer(), nullable=False),
        sa.Column("num_articles", sa.Integer(), nullable=False),
        sa.Column("first_article_pk", sa.Integer(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("date_added", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_article_pk"],
            ["articles.pk"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedup_key"),
    )
    with op.batch_alter_table("event_clusters", schema=None) as batch_op:
        batch_op.create_index(
            "ix_clusters_dyad_date", ["source_country", "target_country", "sqldate"], unique=False
        )
        batch_op.create_index("ix_clusters_quad_date", ["quad_class", "sqldate"], unique=False)
        batch_op.create_index("ix_clusters_root_date", ["cameo_root", "sqldate"], unique=False)
        batch_op.create_index("ix_clusters_sqldate", ["sqldate"], unique=False)
        batch_op.create_index(
            "ix_clusters_target_date", ["target_country", "sqldate"], unique=False
        )

    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.String(length=80), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("speaker_code", sa.String(length=40), nullable=True),
        sa.Column("speaker_country", sa.String(length=10), nullable=True),
        sa.Column("speaker_sector", sa.String(length=20), nullable=True),
        sa.Column("medium", sa.Text(), nullable=True),
        sa.Column("addressee", sa.Text(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_granularity", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index("ix_quotes_article", ["article_pk"], unique=False)
        batch_op.create_index("ix_quotes_country", ["speaker_country"], unique=False)

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=80), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_granularity", sa.String(length=10), nullable=True),
        sa.Column("date_source", sa.String(length=12), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("target_text", sa.Text(), nullable=True),
        sa.Column("reported_by", sa.String(length=40), nullable=True),
        sa.Column("pattern", sa.Text(), nullable=True),
        sa.Column("goldstein_table", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["event_clusters.id"],
        ),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_article", ["article_pk"], unique=False)
        batch_op.create_index("ix_events_cluster", ["cluster_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=True),
        sa.Column("quote_pk", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["quote_pk"], ["quotes.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index("ix_evidence_event", ["event_pk"], unique=False)
        batch_op.create_index("ix_evidence_quote", ["quote_pk"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_quote")
        batch_op.drop_index("ix_evidence_event")

    op.drop_table("evidence")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_cluster")
        batch_op.drop_index("ix_events_article")

    op.drop_table("events")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index("ix_quotes_country")
        batch_op.drop_index("ix_quotes_article")

    op.drop_table("quotes")
    with op.batch_alter_table("event_clusters", schema=None) as batch_op:
        batch_op.drop_index("ix_clusters_target_date")
        batch_op.drop_index("ix_clusters_sqldate")
        batch_op.drop_index("ix_clusters_root_date")
        batch_op.drop_index("ix_clusters_quad_date")
        batch_op.drop_index("ix_clusters_dyad_date")

    op.drop_table("event_clusters")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index("ix_actors_country")
        batch_op.drop_index("ix_actors_article")

    op.drop_table("actors")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_url", postgresql_using="hash")
        batch_op.drop_index("ix_articles_status")
        batch_op.drop_index("ix_articles_published")

    op.drop_table("articles")
    op.drop_table("runs")
    op.drop_table("feeds")
