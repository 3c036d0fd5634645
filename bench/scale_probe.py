"""Why a larger run costs more CPU per party: ``evaluate`` and the rest of ``evaluate.py``
step by step, with DuckDB's own per-operator profile of each query.

    uv run python bench/scale_probe.py --data bench/out/1m --runs 2 --profile /tmp/w/prof-1m
    uv run python bench/scale_probe.py --data bench/out/10m --single-query --profile /tmp/w/p10
    uv run python bench/scale_probe.py --data bench/out/10m --set preserve_insertion_order=false

Each run is a fresh child process: register the Parquet sources, then the steps of
``evaluate()`` (placements -> Arrow, actions -> Arrow, ``rank_within_books``), then render and
write as ``bench/evaluate.py`` does. ``--single-query`` makes the placements as the engine did
before (one query, Ibis's ``to_pyarrow``); with ``--profile`` each step's profile is that of
its last DuckDB query (without ``--single-query``, the sort out of the temporary table).
Every step reports wall and CPU seconds and the peak RSS reached by its end. ``--set`` applies
DuckDB settings to the connection first (``SET name = value``). ``--profile DIR`` turns on
DuckDB's JSON profiling and prints, per query, the operators that took most of its time
(operator time summed over threads, so comparable to CPU seconds).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import ibis

from bankladder.engine import evaluate as engine
from bankladder.engine import ranking
from bankladder.engine.actions import propose_actions, rank_within_books
from bankladder.engine.evaluate import Evaluation
from bankladder.engine.facts import compute_facts
from bankladder.engine.rules import place
from bankladder.engine.sources import Sources
from common import (
    AS_OF,
    cpu_seconds,
    default_ladder,
    duckdb_on,
    load_average,
    peak_rss_mb,
    warm_imports,
)
from evaluate import render, write


def _operators(node: dict[str, Any], into: dict[str, float]) -> None:
    extra = node.get("extra_info", {})
    detail = extra.get("Function") or extra.get("Join Type") or extra.get("Groups") or ""
    if node.get("type") == "TABLE_SCAN":
        detail = Path(str(extra.get("Filename(s)", ""))).stem or detail
    if node.get("type") == "HASH_GROUP_BY":
        detail = f"{node.get('intermediate_rows', 0):,} groups"
    into[f"{node.get('name', '?')}[{detail}]"] += float(node.get("timing", 0.0) or 0.0)
    for kid in node.get("children", []):
        _operators(kid, into)


def top_operators(path: Path, top: int = 12) -> list[tuple[str, float]]:
    """The operators with the most time (summed over threads), and the query's totals."""
    tree = json.loads(path.read_text())
    into: dict[str, float] = defaultdict(float)
    for node in tree.get("operator", []):
        _operators(node, into)
    system, query = tree.get("system", {}), tree.get("query", {})
    totals = [
        ("query cpu_time", float(query.get("cpu_time", 0.0))),
        ("spilled MiB", system.get("total_bytes_spilled", 0) / 2**20),
        ("peak buffer MiB", system.get("peak_buffer_memory", 0) / 2**20),
        ("blocked thread s", float(system.get("blocked_thread_time", 0.0))),
    ]
    return totals + sorted(into.items(), key=lambda kv: -kv[1])[:top]


def once(data: Path, settings: list[str], profile: Path | None, single: bool) -> dict[str, Any]:
    warm_imports()
    load = load_average()
    laps: dict[str, tuple[float, float, float]] = {}
    ops: dict[str, list[tuple[str, float]]] = {}

    def lap(name: str, work: Any) -> Any:
        started, cpu = time.perf_counter(), cpu_seconds()
        result = work()
        laps[name] = (time.perf_counter() - started, cpu_seconds() - cpu, peak_rss_mb())
        return result

    con = lap("register", lambda: duckdb_on(data))
    for setting in settings:
        name, value = setting.split("=", 1)
        con.con.execute(f"SET {name} = {value}")
    ladder = default_ladder()
    needed = ladder.facts_used() | set(ranking.FACTS_USED)

    def run(name: str, expr: Any) -> Any:
        if single:
            return con.to_pyarrow(expr)
        if name.startswith("placements"):
            return engine._placements(con, expr)
        return engine.to_arrow(con, expr)

    def query(name: str, expr: Any) -> Any:
        if profile is None:
            return lap(name, lambda: run(name, expr))
        profile.mkdir(parents=True, exist_ok=True)
        target = profile / f"{name.split()[0]}.json"
        con.con.execute("PRAGMA enable_profiling = 'json'")
        con.con.execute(f"PRAGMA profiling_output = '{target}'")
        result = lap(name, lambda: run(name, expr))
        con.con.execute("PRAGMA disable_profiling")
        ops[name] = top_operators(target)
        return result

    placed = place(compute_facts(Sources.on(con), AS_OF, None, facts=needed), ladder)
    if single:  # the engine up to 4c62405: one query, materialised by Ibis's to_pyarrow
        placements = query("placements (facts, place, sort)", placed.order_by("party_id"))
    else:
        placements = query("placements (temp table, sort)", placed)
    proposed = propose_actions(ibis.memtable(placements), ladder, AS_OF)
    unranked = query("actions (union, sort)", proposed)
    actions = lap("rank_within_books", lambda: rank_within_books(unranked))
    evaluation = Evaluation(as_of=AS_OF, ladder=ladder, placements=placements, actions=actions)
    worklist = lap("render", lambda: render(evaluation))
    lap("write", lambda: write(evaluation, worklist, Path("/tmp/w/scale-probe-out")))
    return {
        "laps": laps,
        "ops": ops,
        "load": load,
        "load_end": load_average(),
        "parties": placements.num_rows,
        "actions": actions.num_rows,
        "arrow_mb": (placements.nbytes + actions.nbytes) / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--set", action="append", default=[], help="DuckDB setting name=value")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument(
        "--single-query",
        action="store_true",
        help="placements as one query through Ibis's to_pyarrow (the engine before the fix)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(once(args.data, args.set, args.profile, args.single_query)))
        return
    runs = []
    for _ in range(args.runs):
        command = [sys.executable, __file__, "--data", str(args.data), "--child"]
        command += [f"--set={s}" for s in args.set]
        if args.profile:
            command += ["--profile", str(args.profile)]
        if args.single_query:
            command.append("--single-query")
        done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    first = runs[0]
    print(f"{first['parties']:,} parties, {first['actions']:,} actions, settings {args.set}")
    for name in first["laps"]:
        walls = [r["laps"][name][0] for r in runs]
        cpus = [r["laps"][name][1] for r in runs]
        peaks = [r["laps"][name][2] for r in runs]
        print(
            f"{name:<34} wall {' '.join(f'{w:7.2f}' for w in walls)}"
            f"  med {statistics.median(walls):7.2f}"
            f"  CPU med {statistics.median(cpus):7.2f}  peak MiB {max(peaks):8,.0f}"
        )
    total_cpu = [sum(v[1] for v in r["laps"].values()) for r in runs]
    total_wall = [sum(v[0] for v in r["laps"].values()) for r in runs]
    print(
        f"total wall {statistics.median(total_wall):.2f} CPU {statistics.median(total_cpu):.2f};"
        f" loads {[(round(r['load'], 1), round(r['load_end'], 1)) for r in runs]};"
        f" Arrow results {first['arrow_mb']:,.0f} MiB"
    )
    for name, top in first["ops"].items():
        print(f"  {name}:")
        for op, value in top:
            print(f"    {value:10.2f}  {op}")


if __name__ == "__main__":
    main()
