"""In-place evaluation on PostgreSQL: the engine's compiled rules run as SQL on the server.

    uv run python bench/generate.py --parties 1000000 --out bench/out/1m
    uv run python bench/evaluate_postgres.py --data bench/out/1m --load --runs 3

``--load`` creates a fresh database (``--database``, default ``bankladder_bench_<parties>``)
on the server (``--server``, default the local test server), creates the source tables with
the store's keys and indexes, loads the Parquet sources with COPY and runs ANALYZE. Without
``--load`` the database is used as it is.

Each run is a fresh child process (its peak memory, ``ru_maxrss``, is the client's own: the
work happens in the server, whose memory is bounded by its ``work_mem`` and buffers) that
connects with ``bankladder.engine.backends.postgres`` and calls
``bankladder.engine.evaluate.evaluate`` on the server's tables. The parent prints every run
and the medians, and checks the result against DuckDB over the same Parquet (``--check``).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import sqlalchemy as sa

from bankladder.engine import backends
from bankladder.engine.evaluate import evaluate
from bankladder.engine.sources import SOURCE_COLUMNS
from common import (
    AS_OF,
    cpu_seconds,
    default_ladder,
    duckdb_on,
    load_average,
    parquet_path,
    peak_rss_mb,
)

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
KEYS = {
    "party": "PRIMARY KEY (id)",
    "product": "PRIMARY KEY (code)",
    "holding": "PRIMARY KEY (id)",
    "balance": "PRIMARY KEY (holding_id, snapshot_on)",
}
INDEXES = {  # the store's indexes on the columns the engine reads (store/models.py)
    "party": ["rm_id"],
    "holding": ["party_id"],
    "interaction": ["party_id, occurred_at, kind"],
    "need": ["party_id"],
    "relationship": ["from_party_id", "to_party_id"],
    "referral": ["referrer_id"],
}
COPY_ROWS = 200_000


def _sql_type(kind: pa.DataType) -> str:
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_dictionary(kind):
        return "text"
    if pa.types.is_date(kind):
        return "date"
    if pa.types.is_timestamp(kind):
        return "timestamp"
    if pa.types.is_integer(kind):
        return "bigint"
    if pa.types.is_decimal(kind):
        return f"numeric({kind.precision}, {kind.scale})"
    if pa.types.is_floating(kind):
        return "numeric(18, 2)"  # balances, as the store keeps them
    raise TypeError(f"no PostgreSQL type for {kind}")


def database_url(server: str, name: str) -> str:
    return sa.make_url(server).set(database=name).render_as_string(hide_password=False)


def _libpq(url: str) -> str:
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def load(data: Path, server: str, name: str) -> dict[str, float]:
    """A fresh database ``name`` holding the Parquet sources; seconds per step."""
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    seconds: dict[str, float] = {}
    rows = 0
    with psycopg.connect(_libpq(database_url(server, name)), autocommit=True) as con:
        started = time.perf_counter()
        for table, columns in SOURCE_COLUMNS.items():
            source = pq.read_table(parquet_path(data, table), columns=list(columns))
            types = ", ".join(f'"{f.name}" {_sql_type(f.type)}' for f in source.schema)
            keys = f", {KEYS[table]}" if table in KEYS else ""
            con.execute(f'CREATE TABLE "{table}" ({types}{keys})')
            with con.cursor().copy(f'COPY "{table}" FROM STDIN (FORMAT csv)') as copy:
                for batch in source.to_batches(COPY_ROWS):
                    buffer = io.BytesIO()
                    options = pacsv.WriteOptions(include_header=False)
                    pacsv.write_csv(pa.Table.from_batches([batch]), buffer, options)
                    copy.write(buffer.getvalue())
            rows += source.num_rows
        seconds["copy"] = time.perf_counter() - started
        started = time.perf_counter()
        for table, indexes in INDEXES.items():
            for number, columns in enumerate(indexes):
                con.execute(f'CREATE INDEX "ix_{table}_{number}" ON "{table}" ({columns})')
        seconds["index"] = time.perf_counter() - started
        started = time.perf_counter()
        con.execute("ANALYZE")
        seconds["analyze"] = time.perf_counter() - started
    seconds["rows"] = rows
    return seconds


def run_once(url: str) -> dict[str, Any]:
    """One measured in-place evaluation in this process."""
    load_before, cpu = load_average(), cpu_seconds()
    started = time.perf_counter()
    con = backends.postgres(url)
    connected = time.perf_counter()
    evaluation = evaluate(con, default_ladder(), AS_OF)
    done = time.perf_counter()
    con.disconnect()
    parties = evaluation.placements.num_rows
    return {
        "parties": parties,
        "actions": evaluation.actions.num_rows,
        "connect": connected - started,
        "evaluate": done - connected,
        "total": done - started,
        "parties_per_s": parties / (done - started),
        "cpu": cpu_seconds() - cpu,
        "peak_mb": peak_rss_mb(),
        "load": load_before,
    }


def child(url: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--url", url, "--child"]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def same_as_duckdb(data: Path, url: str) -> bool:
    """The in-place result equals DuckDB's over the same Parquet (stages, scores, actions)."""
    ladder = default_ladder()
    server = backends.postgres(url)
    try:
        on_server = evaluate(server, ladder, AS_OF)
    finally:
        server.disconnect()
    on_duckdb = evaluate(duckdb_on(data), ladder, AS_OF)
    keys = ("party_id", "stage_rank", "score")
    action_keys = ("party_id", "criterion_id", "rank_in_book")
    return bool(
        on_server.placements.select(keys).equals(on_duckdb.placements.select(keys))
        and on_server.actions.select(action_keys).equals(on_duckdb.actions.select(action_keys))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--database")
    parser.add_argument("--url", help="evaluate this database (set by the parent)")
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.url)))
        return
    parties = pq.read_metadata(parquet_path(args.data, "party")).num_rows
    name = args.database or f"bankladder_bench_{parties}"
    url = database_url(args.server, name)
    if args.load:
        loaded = load(args.data, args.server, name)
        rate = loaded["rows"] / loaded["copy"]
        print(
            f"loaded {loaded['rows']:,.0f} rows: COPY {loaded['copy']:.1f} s ({rate:,.0f} rows/s), "
            f"indexes {loaded['index']:.1f} s, ANALYZE {loaded['analyze']:.1f} s"
        )
    runs = [child(url) for _ in range(args.runs)]
    print(
        f"{'run':>4} {'total s':>8} {'evaluate':>9} {'parties/s':>10} {'CPU s':>6} "
        f"{'peak MiB':>9} {'load':>5}"
    )
    for number, run in enumerate(runs, start=1):
        print(
            f"{number:>4} {run['total']:>8.2f} {run['evaluate']:>9.2f} "
            f"{run['parties_per_s']:>10,.0f} {run['cpu']:>6.2f} {run['peak_mb']:>9,.0f} "
            f"{run['load']:>5.1f}"
        )
    median = statistics.median(run["total"] for run in runs)
    print(
        f"median of {len(runs)}: {median:.2f} s for {runs[0]['parties']:,} parties "
        f"({runs[0]['parties'] / median:,.0f} parties/s), {runs[0]['actions']:,} actions, "
        f"client peak {statistics.median(run['peak_mb'] for run in runs):,.0f} MiB"
    )
    if args.check:
        print(f"identical to DuckDB: {same_as_duckdb(args.data, url)}")


if __name__ == "__main__":
    main()
