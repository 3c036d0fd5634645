"""Import benchmark: 1,000,000 interaction rows from one CSV file into a SQLite store, or into
PostgreSQL (issue 4: rows written with COPY).

    uv run python bench/import_csv.py --rows 1000000 --runs 3
    uv run python bench/import_csv.py --rows 1000000 --runs 3 \
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres

With ``--postgres`` each run creates a fresh database on that server (dropped afterwards),
migrates it as ``bankladder db upgrade`` does and imports there. The wall clock then includes
the server's work; the CPU column counts the importing process only (the server is another).

Each run is a fresh child process on a fresh store (100,000 parties, one RM) that imports the
same CSV with ``bankladder.imports.service.import_file``; it prints rows/s and peak memory
(``ru_maxrss``), and the CPU seconds the import took (user + system): on a shared machine the
wall clock also counts the time others held the cores. Targets: issue 3 (SQLite) at least
100,000 rows/s and under 1 GB; issue 4 (PostgreSQL) at least 150,000 rows/s.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

OUT = Path(__file__).parent / "out" / "import"
PARTIES = 100_000
KINDS = ("visit", "call", "message", "event", "care", "service")


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    party = rng.integers(0, PARTIES, rows)
    kind = rng.integers(0, len(KINDS), rows)
    seconds = np.sort(rng.choice(540 * 86_400, rows, replace=False))  # unique instants
    start = np.datetime64("2025-01-01T00:00:00")
    stamps = (start + seconds.astype("timedelta64[s]")).astype(str)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["party_id", "rm_id", "kind", "occurred_at", "outcome"])
        for p, k, t in zip(party, kind, stamps, strict=True):
            writer.writerow([f"P{p:07d}", "RM01", KINDS[k], t.replace("T", " "), "positive"])


def fresh_store(url: str) -> None:
    """A store at ``url`` (a SQLite file, or an empty PostgreSQL database) with the parties."""
    from sqlalchemy import insert

    from bankladder.store.database import connect_for_upgrade, unit_of_work, upgrade
    from bankladder.store.models import Branch, Party, RelationshipManager

    engine = connect_for_upgrade(url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        s.execute(insert(Branch), [{"id": "BR01", "name": "一支行"}])
        s.execute(
            insert(RelationshipManager), [{"id": "RM01", "name": "王经理", "branch_id": "BR01"}]
        )
        s.execute(
            insert(Party),
            [
                {"id": f"P{i:07d}", "kind": "person", "name": "客户", "rm_id": "RM01"}
                for i in range(PARTIES)
            ],
        )
    engine.dispose()


def one_run(csv_path: Path, url: str) -> dict[str, float]:
    from bankladder.imports.service import import_file
    from bankladder.store.database import connect

    fresh_store(url)
    engine = connect(url)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    outcome = import_file(engine, "interaction", csv_path)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    assert not outcome.refused, outcome.rejections[:3]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": outcome.rows_read,
        "seconds": seconds,
        "rows_per_s": outcome.rows_read / seconds,
        "cpu_s": cpu,
        "peak_mib": peak,
    }


@contextmanager
def _store_url(server: str | None) -> Iterator[str]:
    """A fresh SQLite file, or a fresh database on the PostgreSQL ``server`` (dropped after)."""
    if server is None:
        store = OUT / "store.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)
        yield f"sqlite:///{store}"
        return
    import sqlalchemy as sa

    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    name = "bankladder_bench_import"
    with admin.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: import there, not SQLite")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # the store URL of one run
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / f"interaction-{args.rows}.csv"
    if args.child:
        print(json.dumps(one_run(csv_path, args.child)))
        return
    if not csv_path.exists():
        write_csv(csv_path, args.rows)
    print(f"{csv_path}: {csv_path.stat().st_size / 2**20:.1f} MiB")
    results = []
    for run in range(1, args.runs + 1):
        with _store_url(args.postgres) as url:
            done = subprocess.run(
                [sys.executable, __file__, "--rows", str(args.rows), "--child", url],
                capture_output=True,
                text=True,
                check=True,
            )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        print(
            f"run {run}: {result['seconds']:.2f} s, {result['rows_per_s']:,.0f} rows/s, "
            f"CPU {result['cpu_s']:.2f} s, peak {result['peak_mib']:,.0f} MiB, "
            f"load {os.getloadavg()[0]:.1f}"
        )
    rate = statistics.median(r["rows_per_s"] for r in results)
    peak = statistics.median(r["peak_mib"] for r in results)
    cpu = statistics.median(r["cpu_s"] for r in results)
    print(
        f"median: {rate:,.0f} rows/s, CPU {cpu:.2f} s ({args.rows / cpu:,.0f} rows per CPU s), "
        f"peak {peak:,.0f} MiB (target >= 100,000 rows/s, < 1,024 MiB)"
    )


if __name__ == "__main__":
    main()
