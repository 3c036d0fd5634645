"""Every analytics view at scale: a generated bank of 10,000,000 parties with 24 months of
transitions in DuckDB on 2 threads, each registered view timed for the default period (the
12 months up to the newest month-end), unfiltered and for one branch.

    uv run python bench/analytics_views.py                      # 10M parties, 5 runs each
    uv run python bench/analytics_views.py --parties 100000 --runs 2   # a quick check
    uv run python bench/analytics_views.py --json bench/out/analytics-10m.json
    # keep the generated tables in a DuckDB file (generating 10M takes ~2 min, loading ~5 s);
    # profile the views over 2 s; try the candidate fixes of bench/analytics_fixes.py
    uv run python bench/analytics_views.py --cache bench/out/analytics-10m.duckdb --explain \
        --experiments

The data is generated inside DuckDB with SQL (``bench/analytics_data.py``, seeded), straight
into a connection from ``bankladder.analytics.snapshot.connect(threads=2)``; then ``prepare``
derives the spells (timed on its own). Each view is ``views.view(name)(snapshot, filters)``,
as the service calls it, timed wall-clock from the call to the returned ``Table``; a view whose
module is not there yet (or fails) is reported as such. Memory is the process's RSS (psutil)
after each step and its peak (``ru_maxrss``); DuckDB's in-memory tables are part of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import psutil

import analytics_fixes as experiments
from analytics_data import NEWEST, generate
from bankladder.analytics import views
from bankladder.analytics.schemas import Filters
from bankladder.analytics.service import default_period
from bankladder.analytics.snapshot import Snapshot, connect, prepare
from bankladder.engine.catalogue import fact_types
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook import load_playbook
from bankladder.playbooks import default_playbook_path

BRANCH = "BR042"
"""The branch of the filtered case: 20 RMs, about 1% of the parties."""
TARGET_SECONDS = 2.0


def rss_mib() -> float:
    return float(psutil.Process().memory_info().rss) / 2**20


def cpu_seconds() -> float:
    """User plus system CPU of this process (both DuckDB threads): on a shared machine the
    wall clock counts the neighbours, this hardly does."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10


def default_ladder() -> Ladder:
    """The shipped playbook, as ``bench/common.py`` loads it (young bank profile)."""
    return load_playbook(default_playbook_path(), fact_types(), BankProfile.young)


def load_stages(con: duckdb.DuckDBPyConnection, ladder: Ladder) -> None:
    con.executemany(
        "INSERT INTO stages VALUES (?, ?, ?, ?)",
        [(s.rank, s.id, s.name.zh, s.name.en) for s in ladder.stages],
    )


GENERATED = (
    "rms",
    "parties",
    "transitions",
    "contacts",
    "answers",
    "referrals",
    "loans",
    "loan_moves",
)


def copy_tables(con: duckdb.DuckDBPyConnection, cache: Path, *, into_cache: bool) -> None:
    """Save the generated tables to a DuckDB file, or load them from it (generating 10M
    parties takes minutes; the file is the same data for the same seed and size)."""
    con.execute(f"ATTACH '{cache}' AS cache" + ("" if into_cache else " (READ_ONLY)"))
    for name in GENERATED:
        if into_cache:
            con.execute(f"CREATE OR REPLACE TABLE cache.{name} AS FROM main.{name}")
        else:
            con.execute(f"INSERT INTO main.{name} FROM cache.{name}")
    con.execute("DETACH cache")


def table_sizes(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    names = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name"
        ).fetchall()
    ]
    counted = {}
    for name in names:
        row = con.execute(f"SELECT count(*) FROM {name}").fetchone()
        counted[name] = int(row[0]) if row else 0
    return counted


class TimedSnapshot(Snapshot):
    """The snapshot, with each query's SQL, parameters and seconds recorded (a view may run
    several: the stalls run the time-in-stage query for their thresholds first)."""

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__(snapshot.con, snapshot.stages, snapshot.newest)
        self.log: list[tuple[str, dict[str, Any], float]] = []

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        started = time.perf_counter()
        rows = super().query(sql, params)
        self.log.append((sql, dict(params or {}), time.perf_counter() - started))
        return rows


def profile(snapshot: Snapshot, sql: str, params: Mapping[str, Any], top: int) -> list[str]:
    """EXPLAIN ANALYZE of one query through DuckDB's JSON profile: its ``top`` costliest
    operators (own time, rows out), the costliest first."""
    con = snapshot.con
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "profile.json"
        con.execute("SET enable_profiling = 'json'")
        con.execute(f"SET profiling_output = '{output}'")
        try:
            snapshot.query(sql, params)
        finally:
            con.execute("SET enable_profiling = 'no_output'")
            con.execute("RESET profiling_output")
        tree = json.loads(output.read_text())
    found: list[tuple[float, str]] = []

    def walk(node: dict[str, Any]) -> None:
        seconds = float(node.get("timing", 0.0) or 0.0)
        extra = node.get("extra_info") or {}
        detail = " ".join(
            f"{k}={str(v)[:80]}"
            for k, v in extra.items()
            if k in ("Table", "Join Type", "Conditions", "Groups", "Aggregates", "Function")
        )
        rows = int(node.get("intermediate_rows", 0) or 0)
        found.append(
            (seconds, f"{node.get('name', '?'):<20} {seconds:7.3f} s {rows:>12,} rows  {detail}")
        )
        for child in node.get("children", []):
            walk(child)

    for root in tree.get("operator", []):
        walk(root)
    total = float(tree.get("query", {}).get("total_time", 0.0))
    found.sort(reverse=True)
    return [f"total {total:.3f} s"] + [line for _, line in found[:top]]


def time_view(name: str, snapshot: TimedSnapshot, filters: Filters, runs: int) -> dict[str, Any]:
    """``runs`` wall-clock timings of one view (no warm-up: the first call counts), or why it
    could not run."""
    try:
        call = views.view(name)
    except Exception as error:  # a module not written yet, or broken for now
        return {"error": f"{type(error).__name__}: {error}".splitlines()[0][:120]}
    seconds, cpus, rows = [], [], 0
    for _ in range(runs):
        snapshot.log.clear()
        started, cpu = time.perf_counter(), cpu_seconds()
        try:
            table = call(snapshot, filters)
        except Exception as error:
            return {"error": f"{type(error).__name__}: {error}".splitlines()[0][:120]}
        seconds.append(time.perf_counter() - started)
        cpus.append(cpu_seconds() - cpu)
        rows = len(table.rows)
    return {
        "median": statistics.median(seconds),
        "max": max(seconds),
        "runs": seconds,
        "cpu_median": statistics.median(cpus),
        "cpu_runs": cpus,
        "rows": rows,
        "queries": [q for _, _, q in snapshot.log],
        "log": list(snapshot.log),
    }


def _cell(result: dict[str, Any]) -> str:
    if "error" in result:
        return "—"
    flag = "!" if result["median"] > TARGET_SECONDS else " "
    return f"{result['median']:6.2f} / {result['max']:6.2f}{flag} cpu {result['cpu_median']:6.2f}"


def commit() -> str:
    done = subprocess.run(
        ["git", "log", "-1", "--format=%h"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20261031)
    parser.add_argument("--views", nargs="*", help="only these views (default: every one)")
    parser.add_argument(
        "--explain", action="store_true", help="profile the queries of every view over 2 s"
    )
    parser.add_argument(
        "--experiments", action="store_true", help="time candidate fixes (analytics_fixes.py)"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        help="a DuckDB file: load the generated tables from it if it exists, else save them",
    )
    parser.add_argument("--json", type=Path, help="write the results to this file")
    args = parser.parse_args()

    head = commit()
    print(
        f"{dt.datetime.now():%Y-%m-%d %H:%M:%S}  commit {head}  parties {args.parties:,}  "
        f"threads {args.threads}  runs {args.runs}  load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    ladder = default_ladder()
    con = connect(threads=args.threads)
    load_stages(con, ladder)
    generation: dict[str, float] = {}

    def report(name: str, seconds: float) -> None:
        generation[name] = seconds
        print(f"  generated {name:<12} {seconds:7.1f} s  rss {rss_mib():8,.0f} MiB", flush=True)

    started = time.perf_counter()
    if args.cache and args.cache.exists():
        copy_tables(con, args.cache, into_cache=False)
        held = con.execute("SELECT count(*) FROM parties").fetchone()
        if not held or held[0] != args.parties:
            sys.exit(f"{args.cache} holds {held[0] if held else 0:,} parties, not {args.parties:,}")
        print(f"loaded {args.cache} in {time.perf_counter() - started:.1f} s", flush=True)
    else:
        generate(con, args.parties, args.seed, len(ladder.stages), report)
        print(f"generation {time.perf_counter() - started:.1f} s", flush=True)
        if args.cache:
            copy_tables(con, args.cache, into_cache=True)
    print(f"rss {rss_mib():,.0f} MiB", flush=True)

    started = time.perf_counter()
    snapshot = TimedSnapshot(prepare(con, ladder))
    preparation = time.perf_counter() - started
    sizes = table_sizes(con)
    print(
        f"prepare (spells) {preparation:.2f} s  rss {rss_mib():,.0f} MiB  newest {snapshot.newest}",
        flush=True,
    )
    for name, count in sizes.items():
        print(f"  {name:<12} {count:>13,}")
    assert snapshot.newest == NEWEST, snapshot.newest

    start, end = default_period(snapshot.newest, dt.date.today())
    cases = {
        "all": Filters(start=start, end=end),
        "branch": Filters(start=start, end=end, branch=BRANCH),
    }
    print(
        f"period {start} .. {end}; branch filter {BRANCH}; wall seconds median / max of runs, "
        "CPU seconds (both threads) median; ! over 2 s"
    )
    print(f"  {'view':<16} {'unfiltered':>30}  {'branch ' + BRANCH:>30}")
    names = args.views or list(views.MODULES)
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        importlib.invalidate_caches()
        results[name] = {
            case: time_view(name, snapshot, filters, args.runs) for case, filters in cases.items()
        }
        row = results[name]
        note = row["all"].get("error") or row["branch"].get("error") or ""
        split = "+".join(f"{q:.2f}" for q in row["all"].get("queries", []))
        print(
            f"  {name:<16} {_cell(row['all']):>30}  {_cell(row['branch']):>30}  "
            f"rows {row['all'].get('rows', '-')!s:>5}/{row['branch'].get('rows', '-')!s:<5} "
            f"queries {split} s {note}  load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
    for name, row in results.items():
        logged = row["all"].pop("log", [])
        row["branch"].pop("log", None)
        if args.explain and row["all"].get("median", 0.0) > TARGET_SECONDS:
            for number, (sql, params, _) in enumerate(logged, 1):
                print(f"EXPLAIN ANALYZE {name}, query {number} (unfiltered):")
                for line in profile(snapshot, sql, params, top=6):
                    print(f"    {line}")
    if args.experiments:
        experiments.run(snapshot, cases, args.runs)
    print(f"peak rss {peak_mib():,.0f} MiB; now {rss_mib():,.0f} MiB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "when": dt.datetime.now().isoformat(timespec="seconds"),
                    "commit": head,  # at the start: views are imported on first use
                    "parties": args.parties,
                    "threads": args.threads,
                    "seed": args.seed,
                    "generation_s": generation,
                    "prepare_s": preparation,
                    "sizes": sizes,
                    "period": [start.isoformat(), end.isoformat()],
                    "branch": BRANCH,
                    "views": results,
                    "peak_rss_mib": peak_mib(),
                    "python": sys.version.split()[0],
                    "duckdb": duckdb.__version__,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
