"""Connections to the backends the engine runs on. Nothing connects at import time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import ibis

from bankladder.engine.sources import SOURCE_COLUMNS
from bankladder.errors import InvalidInput


def duckdb(threads: int | None = None) -> Any:
    """An in-memory DuckDB using every core (or ``threads``); no extension is ever installed."""
    return ibis.duckdb.connect(
        threads=threads or os.cpu_count() or 1,
        autoinstall_known_extensions=False,
        autoload_known_extensions=False,
    )


def sqlite(path: Path) -> Any:
    """The SQLite store file itself, evaluated in place."""
    if not path.exists():
        raise InvalidInput(f"no store at {path}", fix="run `bankladder demo` or import data first")
    return ibis.sqlite.connect(str(path))


def postgres(url: str) -> Any:
    """The PostgreSQL store itself, evaluated in place; ``url`` is the store's SQLAlchemy URL
    (``postgresql+psycopg://user:password@host:port/database?sslmode=require``). Query options
    (``sslmode``, ``sslrootcert``, ``options`` ...) go to the driver as they are. The session
    runs without JIT compilation."""
    parts = urlsplit(url)
    if parts.scheme.split("+")[0] not in ("postgresql", "postgres"):
        raise InvalidInput(
            f"{parts.scheme or 'this URL'} is not PostgreSQL",
            fix="use a URL like postgresql+psycopg://user@host:5432/bankladder",
        )
    backend = ibis.postgres.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        database=unquote(parts.path.lstrip("/")) or None,
        **dict(parse_qsl(parts.query)),
    )
    # The evaluation is one long query: JIT-compiling its expressions cost 15 s of 27 s at
    # 100,000 parties (bench/evaluate_postgres.py) and saved nothing.
    backend.raw_sql("SET jit = off").close()
    return backend


def copy_sources(source: Any, target: Any) -> None:
    """Copy the engine's source tables from one backend (the store) into another (DuckDB, or a
    PostgreSQL database in the conformance tests)."""
    for name, columns in SOURCE_COLUMNS.items():
        rows = source.table(name).select(*columns).to_pyarrow()
        target.create_table(name, rows, overwrite=True)


def ibis_sqlite_memory() -> Any:
    """An empty in-memory SQLite backend (for tests and one-off evaluations)."""
    return ibis.sqlite.connect()
