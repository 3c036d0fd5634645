"""The referral network at scale: generate parties and relationships as Parquet, then time the
embedded batch path (and networkx, and Spark) on the same computation.

    # 1. data (seeded; DuckDB SQL straight to Parquet, the extract's layout)
    uv run python bench/network_graph.py generate --parties 10000000 --edges 50000000 \\
        --out bench/out/net-10m
    uv run python bench/network_graph.py generate --parties 1000000 --edges 5000000 \\
        --out bench/out/net-1m
    # 2. the embedded path, each run a fresh child process; median of --runs
    uv run python bench/network_graph.py embedded --data bench/out/net-10m --runs 3
    # 3. networkx and Spark local[2] beside the embedded path on the 1M sample, in one run
    uv run python bench/network_graph.py compare --data bench/out/net-1m

What is timed (embedded): read the Parquet files into DuckDB, code the parties, join the edges
to codes, build the network, the two-hop prospect lists of every party at rung 5 or above
(top 20 each), PageRank and the intermediary ranking, and the result tables of ids (Arrow).
Writing them to the store is not timed. Peak memory: the child's maximum RSS (getrusage).

The data: ids P000000000.., ~60% customers, ~30% enterprises with a size band, customers at
rung 5-6 with probability 7% (~4.2% of all parties), the rest of the customers at 1-4;
relationship endpoints uniform at random (degree ~ Poisson(2 x edges / parties), so no
giant hub and no locality: the cache's worst case), kinds uniform over the five; referrals for
1% of the parties. Pseudo-random by DuckDB's hash() of the row number and a seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from bankladder.network import embedded, graph

AS_OF = dt.date(2026, 6, 30)
RELATIONSHIP_KINDS = ("supplier_of", "buyer_of", "family", "employer_of", "shareholder_of")


def _rand(expr: str, seed: int, modulo: int) -> str:
    return f"CAST(hash({expr}, {seed}) % {modulo} AS BIGINT)"


def generate(parties: int, edges: int, out: Path, seed: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    pid = "'P' || lpad(CAST({} AS VARCHAR), 9, '0')"
    kinds = "[" + ", ".join(f"'{k}'" for k in RELATIONSHIP_KINDS) + "]"
    started = time.perf_counter()
    con.execute(
        f"""COPY (
        SELECT {pid.format("i")} AS id,
               CASE WHEN {_rand("i", seed + 1, 100)} < 30 THEN 'enterprise' ELSE 'person' END
                   AS kind,
               'RM' || lpad(CAST(i % 2000 AS VARCHAR), 4, '0') AS rm_id,
               CASE WHEN {_rand("i", seed + 2, 100)} < 60 THEN DATE '2020-01-01' END
                   AS customer_since,
               CASE WHEN {_rand("i", seed + 1, 100)} < 30 THEN
                   ['micro', 'small', 'medium', 'large'][1 + {_rand("i", seed + 3, 4)}] END
                   AS size_band
        FROM range({parties}) t(i)
    ) TO '{out / "party.parquet"}' (FORMAT parquet, COMPRESSION zstd)"""
    )
    con.execute(
        f"""COPY (
        SELECT {pid.format("i")} AS party_id, DATE '{AS_OF - dt.timedelta(days=1)}' AS as_of,
               's' || r AS stage_id, r AS stage_rank
        FROM (SELECT i, CASE WHEN {_rand("i", seed + 4, 100)} < 7
                             THEN 5 + {_rand("i", seed + 5, 2)}
                             ELSE 1 + {_rand("i", seed + 5, 4)} END AS r
              FROM range({parties}) t(i) WHERE {_rand("i", seed + 2, 100)} < 60)
    ) TO '{out / "previous_stage.parquet"}' (FORMAT parquet, COMPRESSION zstd)"""
    )
    con.execute(
        f"""COPY (
        SELECT {pid.format(_rand("j", seed + 6, parties))} AS from_party_id,
               {pid.format(_rand("j", seed + 7, parties))} AS to_party_id,
               {kinds}[1 + {_rand("j", seed + 8, len(RELATIONSHIP_KINDS))}] AS kind
        FROM range({edges}) t(j)
    ) TO '{out / "relationship.parquet"}' (FORMAT parquet, COMPRESSION zstd)"""
    )
    con.execute(
        f"""COPY (
        SELECT {pid.format(_rand("k", seed + 9, parties))} AS referrer_id,
               {pid.format(_rand("k", seed + 10, parties))} AS referee_id
        FROM range({parties // 100}) t(k)
    ) TO '{out / "referral.parquet"}' (FORMAT parquet, COMPRESSION zstd)"""
    )
    print(
        f"generated {parties:,} parties, {edges:,} edges in {out} in "
        f"{time.perf_counter() - started:.1f} s"
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def embedded_once(data: Path, threads: int | None) -> dict[str, Any]:
    """One end-to-end run of the embedded batch path, with the time of each step."""
    steps: dict[str, float] = {}
    started = time.perf_counter()
    mark = started
    con = embedded.connect(threads)
    embedded.load_extract(con, data)
    coded = embedded.code(con, AS_OF)
    now = time.perf_counter()
    steps["read, code, network"] = now - mark
    mark = now
    introducers = np.flatnonzero(coded.stage_rank >= 5).astype(np.int32)
    found = graph.prospects(coded.net, coded.customer, coded.potential, introducers, 20)
    now = time.perf_counter()
    steps["two-hop prospects"] = now - mark
    mark = now
    score = graph.pagerank(coded.net, coded.customer)[introducers]
    ranks = graph.ranked(score, introducers)
    now = time.perf_counter()
    steps["pagerank + ranking"] = now - mark
    mark = now
    table = embedded.prospect_table(coded, found)
    steps["result tables"] = time.perf_counter() - mark
    return {
        "seconds": time.perf_counter() - started,
        "steps": steps,
        "peak_rss_mb": peak_rss_mb(),
        "parties": coded.net.parties,
        "edges": len(coded.net.source),
        "introducers": len(introducers),
        "prospects": table.num_rows,
        "reach_total": int(found.reach.sum()),
        "top_intermediary": int(introducers[np.argmin(ranks)]) if len(ranks) else None,
    }


def child(mode: str, data: Path, threads: int | None) -> dict[str, Any]:
    """Run one measurement in a fresh process: its memory is its own."""
    command = [sys.executable, __file__, f"_{mode}", "--data", str(data)]
    if threads:
        command += ["--threads", str(threads)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()


def run_embedded(data: Path, runs: int, threads: int | None) -> None:
    print(f"before: {load()}")
    results = []
    for number in range(1, runs + 1):
        result = child("embedded", data, threads)
        results.append(result)
        steps = ", ".join(f"{k} {v:.1f}" for k, v in result["steps"].items())
        print(
            f"run {number}: {result['seconds']:.1f} s ({steps}); peak RSS "
            f"{result['peak_rss_mb'] / 1024:.2f} GB; {result['introducers']:,} introducers, "
            f"{result['prospects']:,} prospects kept, reach {result['reach_total']:,}; {load()}"
        )
    median = statistics.median(r["seconds"] for r in results)
    peak = max(r["peak_rss_mb"] for r in results)
    print(f"median {median:.1f} s over {runs} run(s); peak RSS {peak / 1024:.2f} GB")


def networkx_once(data: Path) -> dict[str, Any]:
    """The same computation with networkx: the graph from the same coded arrays, the
    strongest path to each non-customer within two hops per introducer (top 20 by score),
    and networkx's personalised PageRank (weights summed over parallel edges)."""
    import networkx as nx

    con = embedded.connect()
    embedded.load_extract(con, data)
    coded = embedded.code(con, AS_OF)
    net = coded.net
    started = time.perf_counter()
    g: Any = nx.Graph()
    g.add_nodes_from(range(net.parties))
    strength = net.strength
    for a, b, s in zip(net.source.tolist(), net.target.tolist(), strength.tolist(), strict=True):
        if a == b:
            continue
        if g.has_edge(a, b):
            data_ab = g[a][b]
            data_ab["weight"] += s
            data_ab["best"] = max(data_ab["best"], s)
        else:
            g.add_edge(a, b, weight=s, best=s)
    built = time.perf_counter()
    customer = coded.customer
    potential = coded.potential
    introducers = np.flatnonzero(coded.stage_rank >= 5).tolist()
    kept = 0
    reach_total = 0
    for intro in introducers:
        best: dict[int, float] = defaultdict(float)
        for v, edge in g[intro].items():
            s1 = edge["best"]
            if not customer[v]:
                best[v] = max(best[v], s1)
            for w, edge2 in g[v].items():
                if w != intro and not customer[w]:
                    best[w] = max(best[w], s1 * edge2["best"])
        reach_total += len(best)
        top = sorted(best.items(), key=lambda item: (-item[1] * potential[item[0]], item[0]))
        kept += len(top[:20])
    walked = time.perf_counter()
    jump = dict.fromkeys(np.flatnonzero(~customer).tolist(), 1.0)
    scores = nx.pagerank(g, alpha=graph.ALPHA, personalization=jump, weight="weight", tol=1e-10)
    ranked = sorted(introducers, key=lambda i: (-scores[i], i))
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "steps": {
            "build graph": built - started,
            "two-hop prospects": walked - built,
            "pagerank + ranking": done - walked,
        },
        "peak_rss_mb": peak_rss_mb(),
        "prospects": kept,
        "reach_total": reach_total,
        "top_intermediary": ranked[0] if ranked else None,
    }


def spark_once(data: Path) -> dict[str, Any]:
    """The same computation on Spark local[2] (JVM start included), results to the driver."""
    from bankladder.engine import backends
    from bankladder.network import spark as network_spark

    started = time.perf_counter()
    backend = backends.spark("local[2]", {"spark.driver.memory": "6g"})
    outcome = network_spark.compute(backend._session, data, AS_OF)
    seconds = time.perf_counter() - started
    intermediaries = outcome.intermediaries.sort_by("rank")
    backend.disconnect()
    return {
        "seconds": seconds,
        "steps": {},
        "peak_rss_mb": peak_rss_mb(),
        "prospects": outcome.prospects.num_rows,
        "reach_total": int(sum(outcome.intermediaries["reach"].to_pylist())),
        "top_intermediary": intermediaries["party_id"][0].as_py()
        if intermediaries.num_rows
        else None,
    }


def compare(data: Path) -> None:
    print(f"before: {load()}")
    mine = child("embedded", data, None)
    print(
        f"embedded: {mine['seconds']:.1f} s {mine['steps']}; peak RSS "
        f"{mine['peak_rss_mb']:.0f} MB; {mine['prospects']:,} prospects; {load()}"
    )
    theirs = child("networkx", data, None)
    print(
        f"networkx: {theirs['seconds']:.1f} s {theirs['steps']}; peak RSS "
        f"{theirs['peak_rss_mb']:.0f} MB; {theirs['prospects']:,} prospects; {load()}"
    )
    same = (mine["prospects"], mine["reach_total"]) == (theirs["prospects"], theirs["reach_total"])
    print(
        f"networkx / embedded: {theirs['seconds'] / mine['seconds']:.1f}x; same prospect "
        f"counts and reach: {same}"
    )
    spark = child("spark", data, None)
    print(
        f"spark local[2]: {spark['seconds']:.1f} s; driver peak RSS {spark['peak_rss_mb']:.0f} "
        f"MB (the JVM's not counted); {spark['prospects']:,} prospects; reach "
        f"{spark['reach_total']:,}; {load()}"
    )
    print(
        f"spark / embedded: {spark['seconds'] / mine['seconds']:.1f}x; same counts: "
        f"{(spark['prospects'], spark['reach_total']) == (mine['prospects'], mine['reach_total'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "mode", choices=["generate", "embedded", "compare", "_embedded", "_networkx", "_spark"]
    )
    parser.add_argument("--parties", type=int, default=10_000_000)
    parser.add_argument("--edges", type=int, default=50_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args()
    if args.mode == "generate":
        generate(args.parties, args.edges, args.out, args.seed)
    elif args.mode == "embedded":
        run_embedded(args.data, args.runs, args.threads)
    elif args.mode == "compare":
        compare(args.data)
    else:
        measure = {
            "_embedded": lambda: embedded_once(args.data, args.threads),
            "_networkx": lambda: networkx_once(args.data),
            "_spark": lambda: spark_once(args.data),
        }[args.mode]
        print(json.dumps(measure(), default=str))


if __name__ == "__main__":
    main()
