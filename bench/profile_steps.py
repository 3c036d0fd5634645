"""Where the engine's time goes: each step of ``evaluate`` timed on its own, in one process.

    uv run python bench/profile_steps.py --data bench/out/1m --runs 3

Every step is materialised (a temporary DuckDB table, or an Arrow table) before the next one
starts, so its time is its own: the Parquet decoding floor, each group of facts, the joined
fact table, placement, the placements and actions Arrow tables, and writing Parquet. Steps run
in a fresh child process per repetition; the parent prints every repetition and the median.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ibis
import pyarrow.parquet as pq

from bankladder.engine.actions import propose_actions
from bankladder.engine.facts import (
    Window,
    compute_facts,
    holding_facts,
    interaction_facts,
    need_facts,
    network_facts,
    referral_facts,
)
from bankladder.engine.rules import place
from bankladder.engine.sources import SOURCE_COLUMNS, Sources
from common import AS_OF, default_ladder, duckdb_on, peak_rss_mb


class Clock:
    """Named laps of a stopwatch."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}

    def time(self, name: str, work: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = work()
        self.laps[name] = time.perf_counter() - started
        return result


def decode_floor(con: Any) -> None:
    """Read every source column once (min of each): what Parquet decoding alone costs."""
    for name, columns in SOURCE_COLUMNS.items():
        mins = ", ".join(f'min("{c}")' for c in columns)
        con.raw_sql(f"SELECT {mins} FROM {name}").fetchall()


def materialise(con: Any, name: str, expr: Any) -> Any:
    con.create_table(name, expr, temp=True, overwrite=True)
    return con.table(name)


def fact_groups(con: Any, clock: Clock) -> None:
    """Each group of facts alone (the joined fact table is timed separately)."""
    src, w = Sources.on(con), Window(AS_OF)
    first, counts, now, before = holding_facts(src, w, None)
    groups = {
        "facts: interactions": interaction_facts(src, w, None),
        "facts: needs": need_facts(src, w, None),
        "facts: holdings first opened": first,
        "facts: holdings counted": counts,
        "facts: balance now": now,
        "facts: balance 90d ago": before,
        "facts: network": network_facts(src, w, None),
        "facts: referrals": referral_facts(src, w, None),
    }
    for i, (label, expr) in enumerate(groups.items()):
        clock.time(label, lambda expr=expr, i=i: materialise(con, f"part_{i}", expr))


def profile_once(data: Path, threads: int | None) -> dict[str, Any]:
    clock = Clock()
    ladder = default_ladder()
    con = clock.time("register sources", lambda: duckdb_on(data, threads))
    clock.time("parquet decode floor", lambda: decode_floor(con))
    fact_groups(con, clock)
    src = Sources.on(con)
    sql = clock.time("compile facts to SQL", lambda: ibis.to_sql(compute_facts(src, AS_OF)))
    facts = clock.time(
        "facts: all, joined", lambda: materialise(con, "facts", compute_facts(src, AS_OF))
    )
    placed = clock.time("place", lambda: materialise(con, "placed", place(facts, ladder)))
    placements = clock.time(
        "placements to_pyarrow", lambda: placed.order_by("party_id").to_pyarrow()
    )
    proposed = propose_actions(placed, ladder, AS_OF)
    ordered = proposed.order_by(["rm_id", "rank_in_book", "party_id"])
    actions = clock.time("actions (union, rank) to_pyarrow", ordered.to_pyarrow)
    with tempfile.TemporaryDirectory() as tmp:
        clock.time(
            "write Parquet",
            lambda: (
                pq.write_table(placements, f"{tmp}/p.parquet"),
                pq.write_table(actions, f"{tmp}/a.parquet"),
            ),
        )
    return {"laps": clock.laps, "peak_mb": peak_rss_mb(), "sql_chars": len(sql)}


def child(data: Path, threads: int | None) -> dict[str, Any]:
    command = [sys.executable, __file__, "--data", str(data), "--child"]
    if threads:
        command += ["--threads", str(threads)]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(runs: list[dict[str, Any]]) -> None:
    names = list(runs[0]["laps"])
    print(
        f"{'step':<36}" + "".join(f"{f'run {i}':>8}" for i in range(1, len(runs) + 1)) + "  median"
    )
    for name in names:
        laps = [run["laps"][name] for run in runs]
        cells = "".join(f"{lap:>8.2f}" for lap in laps)
        print(f"{name:<36}{cells}{statistics.median(laps):>8.2f}")
    peaks = ", ".join(f"{run['peak_mb']:,.0f}" for run in runs)
    print(f"peak MiB: {peaks}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(profile_once(args.data, args.threads)))
        return
    report([child(args.data, args.threads) for _ in range(args.runs)])


if __name__ == "__main__":
    main()
