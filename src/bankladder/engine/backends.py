"""Connections to the backends the engine runs on. Nothing connects at import time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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


def copy_sources(source: Any, target: Any) -> None:
    """Copy the engine's source tables from one backend (the store) into another (DuckDB)."""
    for name, columns in SOURCE_COLUMNS.items():
        rows = source.table(name).select(*columns).to_pyarrow()
        target.create_table(name, rows, overwrite=True)


def ibis_sqlite_memory() -> Any:
    """An empty in-memory SQLite backend (for tests and one-off evaluations)."""
    return ibis.sqlite.connect()
