from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from brinkwatch.errors import StoreError
from brinkwatch.store.db import MIGRATIONS, open_engine, resolve_url


def test_resolve_url() -> None:
    assert resolve_url(None) == "sqlite:///brinkwatch.db"
    assert resolve_url("out/x.db") == "sqlite:///out/x.db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:////abs/x.db") == "sqlite:////abs/x.db"


def test_sqlite_opens_in_wal_with_busy_timeout(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "sub" / "x.db"))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    assert (tmp_path / "sub" / "x.db").exists()


def test_migrations_create_every_table_and_rerun_cleanly(engine: Engine, db_url: str) -> None:
    names = set(inspect(engine).get_table_names())
    assert {"articles", "events", "event_clusters", "evidence", "quotes", "actors", "runs"} <= names
    again = open_engine(db_url)  # at head already: nothing to do, nothing fails
    with again.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == ScriptDirectory(str(MIGRATIONS)).get_current_head()
    again.dispose()


def test_unreachable_server_is_an_actionable_error() -> None:
    with pytest.raises(StoreError, match="BRINKWATCH_DB"):
        open_engine("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
