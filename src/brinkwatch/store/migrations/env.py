"""Alembic environment: migrations run programmatically on the connection `db.migrate` hands in."""

from __future__ import annotations

from alembic import context

from brinkwatch.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` run by hand, e.g. to autogenerate a new revision
    from brinkwatch.store.db import create

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///brinkwatch.db"
    with create(url).begin() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
