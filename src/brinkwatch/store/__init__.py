"""The event store: SQLAlchemy Core tables, Alembic migrations, the one writer, queries, exports.

It knows no spaCy: it stores `brinkwatch.records` and reads them back. See docs/store.md.
"""
