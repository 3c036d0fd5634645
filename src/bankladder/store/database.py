"""Opening the store: engines, sessions and schema upgrades.

Nothing connects at import time. The embedded SQLite store is created and migrated on first
use; a server store (PostgreSQL) is migrated explicitly with ``bankladder db upgrade``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bankladder.errors import StoreUnavailable


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("bankladder.store") / "migrations")
    )
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


SQLITE_CACHE_KIB = 262_144
"""Page cache per connection (256 MiB, an upper bound, not an allocation): a large import keeps
the pages of its natural-key index in memory instead of spilling them to the WAL and reading
them back."""


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # Under WAL, NORMAL syncs at checkpoints, not at every commit: the store is always
        # consistent after a crash, but the last commits may be lost on a power failure. A
        # chunked import's checkpoint commits with its rows, so a resume stays exact.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cursor.close()


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


def connect(url: str) -> Engine:
    """An engine for the store at ``url``; a SQLite file is created and migrated on first use,
    a server store must already be at the newest schema (``bankladder db upgrade``)."""
    engine = connect_for_upgrade(url)
    try:
        if sqlite_path(url) is not None:
            upgrade(engine)
        else:
            require_current(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


SERVER_POOL: dict[str, Any] = {
    "pool_pre_ping": True,  # replace connections a restart, failover or idle firewall dropped
    "pool_recycle": 1800,  # below the usual idle time-outs of proxies and PgBouncer
    "pool_size": 5,
    "max_overflow": 5,
    "pool_timeout": 30,
    "connect_args": {"application_name": "bankladder"},
}
"""Connection pooling for a shared server store (PostgreSQL); see docs/operations.md."""


def connect_for_upgrade(url: str) -> Engine:
    """An engine for the store at ``url``, whatever its schema version."""
    try:
        server = make_url(url).get_backend_name() == "postgresql"
        engine = create_engine(url, future=True, **(SERVER_POOL if server else {}))
    except (ArgumentError, ImportError) as exc:
        raise StoreUnavailable(
            f"cannot use the database URL {make_safe(url)!r}: {exc}",
            fix="set BANKLADDER_DATABASE_URL to a URL like sqlite:///path/to/bankladder.db",
        ) from None
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _enable_sqlite_foreign_keys(engine)
    return engine


def make_safe(url: str) -> str:
    """The URL with its password hidden, fit for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as exc:
        raise StoreUnavailable(
            f"cannot reach the store at {make_safe(str(engine.url))}: {exc.orig}",
            fix="check BANKLADDER_DATABASE_URL and that the database server is running",
        ) from None


def require_current(engine: Engine) -> None:
    head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
    found = current_revision(engine)
    if found != head:
        raise StoreUnavailable(
            f"the store at {make_safe(str(engine.url))} is at schema {found or 'empty'}, "
            f"this version of bankladder needs {head}",
            fix="run `bankladder db upgrade`",
        )


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any exception."""
    with session_factory(engine)() as session, session.begin():
        yield session
