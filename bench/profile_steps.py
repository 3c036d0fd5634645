"""Where the engine's time goes: each step of ``evaluate`` timed as ``evaluate`` runs it.

    uv run python bench/profile_steps.py --data bench/out/1m --runs 3

``bankladder.engine.evaluate.evaluate`` makes five steps, and this script times the same calls
one by one:

1. build the facts and placement expressions (Ibis, Python only): ``compute_facts`` with
   ``facts=`` the facts the playbook and the priority read, then ``place`` and ``order_by``;
2. run them as one DuckDB query into a sorted Arrow table (``backend.to_pyarrow``);
3. build the actions expression over that Arrow table (``ibis.memtable`` + ``propose_actions``);
4. run the actions union and its sort into Arrow (``backend.to_pyarrow``);
5. ``rank_within_books`` (numpy).

Their CPU seconds add up to 100%. A real ``evaluate()`` call on the same connection is timed
afterwards as a check that the five steps account for it. The other lines are context, not
part of the sum: the Parquet decoding floor, each fact group alone (materialised as a temporary
table), what step 2 costs without the placement or the sort, the Ibis compile time inside steps
2 and 4, the cost of the whole catalogue (every fact, as the engine computed before it learned
to compute only those read), and writing Parquet. Every repetition is a fresh child process;
the parent prints each repetition and the median.
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
from functools import partial
from pathlib import Path
from typing import Any

import ibis
import pyarrow.parquet as pq

from bankladder.engine import fact_groups, ranking
from bankladder.engine.actions import propose_actions, rank_within_books
from bankladder.engine.evaluate import evaluate
from bankladder.engine.facts import compute_facts, raw_columns
from bankladder.engine.rules import place
from bankladder.engine.sources import SOURCE_COLUMNS, Sources
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
    "1 build facts + place expressions",
    "2 placements: facts, place, sort -> Arrow",
    "3 build actions expression (memtable)",
    "4 actions: union + sort -> Arrow",
    "5 rank_within_books (numpy)",
)
"""The steps that together make up one ``evaluate`` call, in its order (the others are context)."""
BALANCES = ("balance", "balance_before")


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


def materialise(con: Any, name: str, expr: Any) -> None:
    con.create_table(name, expr, temp=True, overwrite=True)


def needed_facts() -> set[str]:
    """What ``evaluate`` asks ``compute_facts`` for: the playbook's facts and the priority's."""
    return set(default_ladder().facts_used()) | set(ranking.FACTS_USED)


def fact_group_laps(con: Any, clock: Clock, raw: set[str]) -> dict[str, list[str]]:
    """Each per-source aggregate alone, with the columns ``evaluate`` asks of it (holdings
    split into the balance lookup, ``arg_max`` over ``balance``, and the rest); the columns of
    each, by label. A group nobody asks for is skipped, as ``compute_facts`` skips it."""
    src, w = Sources.on(con), fact_groups.Window(AS_OF)
    wanted: dict[str, tuple[Callable[..., Any], set[str]]] = {
        group.__name__: (group, raw) for group in fact_groups.GROUPS
    }
    wanted["holdings"] = (fact_groups.holdings, raw - set(BALANCES))
    wanted["holdings: balances"] = (fact_groups.holdings, raw & set(BALANCES))
    columns_of: dict[str, list[str]] = {}
    for i, (label, (group, columns)) in enumerate(wanted.items()):
        expr = group(src, w, None, columns)
        if expr is None:
            continue
        picked = [c for c in expr.columns if c != "party_id"]
        name = f"  facts alone: {label} ({len(picked)})"
        clock.time(name, partial(materialise, con, f"part_{i}", expr))
        columns_of[name.strip()] = picked
    return columns_of


def profile_once(data: Path, threads: int | None) -> dict[str, Any]:
    warm_imports()
    load = load_average()
    clock = Clock()
    ladder = default_ladder()
    con = clock.time("register sources", lambda: duckdb_on(data, threads))
    clock.time("Parquet decoding floor", lambda: decode_floor(con))
    needed = needed_facts()
    groups = fact_group_laps(con, clock, raw_columns(needed))

    # evaluate(), step by step (same calls, same order)
    def build_placed() -> Any:
        facts = compute_facts(Sources.on(con), AS_OF, None, facts=needed)
        return place(facts, ladder).order_by("party_id")

    placed = clock.time(IN_EVALUATE[0], build_placed)
    placements = clock.time(IN_EVALUATE[1], lambda: con.to_pyarrow(placed))
    proposed = clock.time(
        IN_EVALUATE[2], lambda: propose_actions(ibis.memtable(placements), ladder, AS_OF)
    )
    unranked = clock.time(IN_EVALUATE[3], lambda: con.to_pyarrow(proposed))
    actions = clock.time(IN_EVALUATE[4], lambda: rank_within_books(unranked))

    # inside steps 2 and 4
    clock.time("  of 2: compile to SQL (Ibis)", lambda: con.compile(placed))
    facts = compute_facts(Sources.on(con), AS_OF, None, facts=needed)
    clock.time("  of 2: facts only -> Arrow", lambda: con.to_pyarrow(facts))
    unsorted = place(facts, ladder)
    clock.time("  of 2: facts + place, unsorted -> Arrow", lambda: con.to_pyarrow(unsorted))
    clock.time("  of 4: compile to SQL (Ibis)", lambda: con.compile(proposed))
    clock.time("  of 5: rm_id to Python list", lambda: actions["rm_id"].to_pylist())

    # for comparison
    everything = compute_facts(Sources.on(con), AS_OF, None)
    clock.time("whole catalogue (30 facts) -> Arrow", lambda: con.to_pyarrow(everything))
    check = clock.time("evaluate() as a whole (check)", lambda: evaluate(con, ladder, AS_OF))
    if not (check.placements.equals(placements) and check.actions.equals(actions)):
        raise SystemExit("the steps did not reproduce evaluate(): the profile is out of date")
    with tempfile.TemporaryDirectory() as tmp:
        clock.time(
            "write Parquet (placements + actions)",
            lambda: (
                pq.write_table(placements, f"{tmp}/p.parquet"),
                pq.write_table(actions, f"{tmp}/a.parquet"),
            ),
        )
    return {
        "laps": clock.laps,
        "cpu": clock.cpu,
        "peak_mb": peak_rss_mb(),
        "load": load,
        "load_end": load_average(),
        "rows": {"placements": placements.shape, "actions": actions.shape},
        "groups": groups,
    }


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
    width = max(len(name) for name in names) + 2
    heads = "".join(f"{f'run {i}':>8}" for i in range(1, len(runs) + 1))
    print(f"{'step':<{width}}{heads}{'median':>8}{'CPU s':>8}{'CPU %':>7}")
    cpu = {name: statistics.median(run["cpu"][name] for run in runs) for name in names}
    counted = sum(v for k, v in cpu.items() if k in IN_EVALUATE)
    for name in names:
        laps = [run["laps"][name] for run in runs]
        cells = "".join(f"{lap:>8.2f}" for lap in laps)
        share = f"{cpu[name] / counted:>7.0%}" if name in IN_EVALUATE else ""
        print(f"{name:<{width}}{cells}{statistics.median(laps):>8.2f}{cpu[name]:>8.2f}{share}")
    walls = [sum(run["laps"][k] for k in IN_EVALUATE) for run in runs]
    print(
        f"steps 1-5 summed: {statistics.median(walls):.2f} s wall (median), "
        f"{counted:.2f} CPU s (= 100%)"
    )
    rows = runs[0]["rows"]
    print(f"placements {rows['placements']}, actions {rows['actions']} (rows, columns)")
    for label, columns in runs[0]["groups"].items():
        print(f"{label}: {', '.join(columns)}")
    peaks = ", ".join(f"{run['peak_mb']:,.0f}" for run in runs)
    loads = ", ".join(f"{run['load']:.1f}-{run['load_end']:.1f}" for run in runs)
    print(f"peak MiB: {peaks}; load average at start-end: {loads}")


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
