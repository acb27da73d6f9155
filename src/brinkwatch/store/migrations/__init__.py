"""Alembic migrations, applied by `store.db.open_engine`."""
