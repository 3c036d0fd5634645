"""Connections to the backends the engine runs on. Nothing connects at import time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import ibis
import pyarrow as pa
from pyspark.sql import SparkSession

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
        register_arrow(target, name, rows)


def ibis_sqlite_memory() -> Any:
    """An empty in-memory SQLite backend (for tests and one-off evaluations)."""
    return ibis.sqlite.connect()


SPARK_LOCAL = "local[2]"
SPARK_SETTINGS: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.adaptive.enabled": "true",
}
"""How every Spark session starts: no web UI, no progress bars, times as written (no zone),
Arrow between Python and the JVM. Nothing is downloaded (no ``spark.jars.packages``)."""


def spark(master: str = SPARK_LOCAL, settings: dict[str, str] | None = None) -> Any:
    """An Ibis backend on a Spark session: ``local[N]`` in tests and on one machine, a cluster
    master URL (``spark://host:7077``, ``yarn``, ``k8s://...``) in production. ``settings``
    add to (or override) ``SPARK_SETTINGS``, e.g. ``spark.executor.memory``."""
    builder = SparkSession.builder.master(master).appName("bankladder")
    for key, value in {**SPARK_SETTINGS, **_local(master), **(settings or {})}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(session)


def _local(master: str) -> dict[str, str]:
    """On one machine, a few shuffle partitions per core instead of Spark's 200: each costs a
    task per shuffle, which on two cores took more time than the rows (100k parties: 3x slower)."""
    if not master.startswith("local"):
        return {}
    cores = master.removeprefix("local").strip("[]")
    count = int(cores) if cores.isdigit() else os.cpu_count() or 1
    return {"spark.sql.shuffle.partitions": str(2 * count)}


def register_arrow(backend: Any, name: str, rows: pa.Table) -> None:
    """Make an Arrow table readable as ``name`` on a backend: a temporary view on Spark (no
    warehouse written), a table elsewhere."""
    if backend.name == "pyspark":
        backend._session.createDataFrame(rows).createOrReplaceTempView(name)
    else:
        backend.create_table(name, rows, overwrite=True)
