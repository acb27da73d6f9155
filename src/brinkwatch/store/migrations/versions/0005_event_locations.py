"""event locations

Where each deduplicated event happened (action_geo_*) and where its source and target actors are
(source_geo_*, target_geo_*): name, kind, ISO3 country, region, GDELT ADM1 code, full name,
lat/lon and GeoNames id, plus the rule that chose the action's place. Owned by issue 16 (places).

Revision ID: 0005_locations
Revises: 0004_deliveries
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_locations"
down_revision = "0004_deliveries"
branch_labels = None
depends_on = None

PREFIXES = ("action_geo", "source_geo", "target_geo")
FIELDS = (
    ("name", sa.Text()),
    ("kind", sa.String(length=12)),
    ("country", sa.String(length=3)),
    ("region", sa.Text()),
    ("adm1", sa.String(length=12)),
    ("full_name", sa.Text()),
    ("lat", sa.Float()),
    ("lon", sa.Float()),
    ("geonameid", sa.String(length=20)),
)


def _columns() -> list[sa.Column]:
    columns = [sa.Column(f"{p}_{n}", kind, nullable=True) for p in PREFIXES for n, kind in FIELDS]
    columns.append(sa.Column("action_geo_source", sa.String(length=10), nullable=True))
    return columns


def upgrade() -> None:
    with op.batch_alter_table("event_clusters", schema=None) as batch_op:
        for column in _columns():
            batch_op.add_column(column)
        batch_op.create_index(
            "ix_clusters_action_country", ["action_geo_country", "sqldate"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("event_clusters", schema=None) as batch_op:
        batch_op.drop_index("ix_clusters_action_country")
        for column in reversed(_columns()):
            batch_op.drop_column(column.name)
