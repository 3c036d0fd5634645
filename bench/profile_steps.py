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

from alt_sql import facts_sql
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
from bankladder.ladder.model import Ladder
from common import (
    AS_OF,
    cpu_seconds,
    default_ladder,
    duckdb_on,
    load_average,
    peak_rss_mb,
    warm_imports,
)

IN_EVALUATE = (
    "compile facts to SQL",
    "facts: all, joined",
    "place",
    "placements to_pyarrow",
    "actions (union, rank) to_pyarrow",
)
"""The steps that together make up one ``evaluate`` call (the others are context)."""


class Clock:
    """Named laps of a stopwatch: wall seconds and CPU seconds (all threads) of each."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def time(self, name: str, work: Callable[[], Any]) -> Any:
        started, cpu = time.perf_counter(), cpu_seconds()
        result = work()
        self.laps[name] = time.perf_counter() - started
        self.cpu[name] = cpu_seconds() - cpu
        return result


def decode_floor(con: Any) -> None:
    """Decode every source column once (a hash of each row): the cost of reading the Parquet."""
    for name, columns in SOURCE_COLUMNS.items():
        listed = ", ".join(f'"{c}"' for c in columns)
        con.raw_sql(f"SELECT bit_xor(hash({listed})) FROM {name}").fetchall()


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


def compile_placed(src: Sources, ladder: Ladder) -> str:
    """Build the facts and placement expressions and compile them (Ibis only, no DuckDB)."""
    return str(ibis.to_sql(place(compute_facts(src, AS_OF), ladder)))


def hand_facts(con: Any, clock: Clock) -> None:
    """The hand-written facts query of ``alt_sql.py``, for comparison (not part of evaluate)."""
    sql = facts_sql(AS_OF)
    clock.time(
        "facts: hand-written (alt_sql.py)", lambda: con.raw_sql(f"CREATE TEMP TABLE h AS {sql}")
    )


def profile_once(data: Path, threads: int | None) -> dict[str, Any]:
    warm_imports()
    load = load_average()
    clock = Clock()
    ladder = default_ladder()
    con = clock.time("register sources", lambda: duckdb_on(data, threads))
    clock.time("parquet decode floor", lambda: decode_floor(con))
    fact_groups(con, clock)
    src = Sources.on(con)
    clock.time(
        "compile facts to SQL", lambda: ibis.to_sql(place(compute_facts(src, AS_OF), ladder))
    )
    hand_facts(con, clock)
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
    return {"laps": clock.laps, "cpu": clock.cpu, "peak_mb": peak_rss_mb(), "load": load}


def child(data: Path, threads: int | None) -> dict[str, Any]:
    command = [sys.executable, __file__, "--data", str(data), "--child"]
    if threads:
        command += ["--threads", str(threads)]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(runs: list[dict[str, Any]]) -> None:
    """Every step: wall seconds per run and median, then median CPU seconds and share."""
    names = list(runs[0]["laps"])
    heads = "".join(f"{f'run {i}':>8}" for i in range(1, len(runs) + 1))
    print(f"{'step':<36}{heads}{'median':>8}{'CPU s':>8}{'CPU %':>7}")
    cpu = {name: statistics.median(run["cpu"][name] for run in runs) for name in names}
    counted = sum(v for k, v in cpu.items() if k in IN_EVALUATE)
    for name in names:
        laps = [run["laps"][name] for run in runs]
        cells = "".join(f"{lap:>8.2f}" for lap in laps)
        share = f"{cpu[name] / counted:>7.0%}" if name in IN_EVALUATE else ""
        print(f"{name:<36}{cells}{statistics.median(laps):>8.2f}{cpu[name]:>8.2f}{share}")
    print(f"CPU of the steps evaluate() runs, summed: {counted:.2f} s (= 100%)")
    peaks = ", ".join(f"{run['peak_mb']:,.0f}" for run in runs)
    loads = ", ".join(f"{run['load']:.1f}" for run in runs)
    print(f"peak MiB: {peaks}; load average at start: {loads}")


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
