"""Database URLs and engines: SQLite (WAL, busy timeout) by default, PostgreSQL for a team.

`open_engine` brings the schema up to date with the Alembic migrations shipped in the package,
so opening a store is all the set-up there is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from brinkwatch.errors import ConfigError, StoreError

DEFAULT_URL = "sqlite:///brinkwatch.db"
BUSY_TIMEOUT_MS = 30_000
# Connections a SQLite engine keeps open: as many as the server's worker threads (anyio's 40),
# so concurrent reads reuse connections instead of opening (and setting up) one a request.
SQLITE_POOL = {"pool_size": 40, "max_overflow": 20}
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def resolve_url(value: str | None) -> str:
    """A database URL from a URL or a plain file path; PostgreSQL URLs get the psycopg 3 driver."""
    if not value:
        return DEFAULT_URL
    if value.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" not in value:
        return f"sqlite:///{value}"
    return value


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (export, the API) work while the one writer commits; the busy timeout makes
    # a second writer wait instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create(url: str) -> Engine:
    """An engine for `url`, without migrating. SQLite files get their folder created."""
    url = resolve_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}", hint="use a path or a URL") from exc
    if parsed.get_backend_name() == "sqlite":
        on_disk = bool(parsed.database) and parsed.database != ":memory:"
        if on_disk:
            Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **(SQLITE_POOL if on_disk else {}))
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        require_psycopg()
    return create_engine(parsed, pool_pre_ping=True)


def require_psycopg() -> None:
    """PostgreSQL needs the psycopg driver, which the `postgres` extra installs."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ConfigError(
            "a PostgreSQL store needs the psycopg driver, which is not installed",
            hint="pip install 'brinkwatch[postgres]'",
        ) from None


def migrate(engine: Engine) -> None:
    """Apply every pending Alembic migration."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise StoreError(
            f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
            f"{exc.orig}",
            hint="check --db / BRINKWATCH_DB and that the server is running",
        ) from exc


def open_engine(url: str | None) -> Engine:
    """An engine on an up-to-date schema; a new SQLite file is created (the writers' way in)."""
    engine = create(resolve_url(url))
    migrate(engine)
    return engine


def open_existing(url: str | None) -> Engine:
    """An engine on a store that must exist already: the readers' way in. A mistyped path is an
    error naming it, not a new empty database that answers "0 events"."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {resolved!r}", hint="use a path or a URL") from exc
    path = parsed.database
    file_based = parsed.get_backend_name() == "sqlite" and path and path != ":memory:"
    if file_based and not Path(str(path)).is_file():
        raise StoreError(
            f"no brinkwatch store at {path}",
            hint=f"check --db / BRINKWATCH_DB, or create one with `brinkwatch ingest FILES "
            f"--db {path}`",
        )
    return open_engine(resolved)
