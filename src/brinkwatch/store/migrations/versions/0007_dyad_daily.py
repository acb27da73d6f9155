"""dyad_daily: per directed country pair and day, the sums the monitor counts

The dyad page, the pair ranking and the network read these few rows per pair and day instead of
every event (docs/web.md). Created here and filled from the stored events (the backfill); from
then on the writer keeps it in step (store/dyad_daily.py).

Revision ID: 0007_dyad_daily
Revises: 0006_background
Create Date: 2026-12-05 07:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from brinkwatch.store.dyad_daily import rebuild
from brinkwatch.store.schema import DYAD_WEIGHTED, DYAD_WEIGHTS

revision = "0007_dyad_daily"
down_revision = "0006_background"
branch_labels = None
depends_on = None


def _sum_columns() -> list[sa.Column]:
    columns = [sa.Column(w, sa.Integer(), nullable=False) for w in DYAD_WEIGHTS]
    for name in DYAD_WEIGHTED:
        kind: sa.types.TypeEngine[Any] = (
            sa.Float() if name in ("cooperation", "conflict") else sa.Integer()
        )
        columns += [sa.Column(f"{name}_{w}", kind, nullable=False) for w in DYAD_WEIGHTS]
    return columns


def upgrade() -> None:
    op.create_table(
        "dyad_daily",
        sa.Column("source_country", sa.String(length=10), nullable=False),
        sa.Column("target_country", sa.String(length=10), nullable=False),
        sa.Column("sqldate", sa.Integer(), nullable=False),
        *_sum_columns(),
        sa.PrimaryKeyConstraint("source_country", "target_country", "sqldate"),
    )
    op.create_index("ix_dyad_daily_sqldate", "dyad_daily", ["sqldate"])
    # the backfill uses the writer's own sums, so old and new rows agree to the last bit
    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_dyad_daily_sqldate", table_name="dyad_daily")
    op.drop_table("dyad_daily")
