"""Isolated measurements behind the engine findings in docs/benchmarks.md, in one process.

    uv run python bench/probes.py --data bench/out/1m --runs 5

Each probe times the engine's own way of doing one thing next to an alternative, on the same
connection, alternating (in reverse order every other run), and checks that the alternative
gives the same result where it claims to. They are measured in isolation: savings here need
not add up end to end.

- actions: the engine's actions query through ``to_pyarrow`` (which compiles it each time), the
  compiled SQL alone, the same over the placements registered as an Arrow table instead of
  Ibis's memtable (an Arrow dataset), and the same without its ORDER BY;
- ranking: ``rank_within_books`` against run lengths taken on the Arrow column directly;
- families: the holdings aggregate with and without ``COUNT(DISTINCT family) FILTER``, and
  with one ``FILTER`` count per product family instead;
- balances: ``arg_max`` with the cut-off as a ``FILTER`` (engine) or as a ``WHERE``;
- key: grouping the interactions by the string ``party_id`` or by an integer;
- fixed cost: ``evaluate`` on 1,000 parties, and on one party of the full data;
- writing: the placements and actions to Parquet, as ``evaluate.py`` does and alternatives.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.operations as ops
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bankladder.engine import ranking
from bankladder.engine.actions import propose_actions, rank_within_books
from bankladder.engine.evaluate import evaluate
from bankladder.engine.facts import compute_facts
from bankladder.engine.rules import place
from bankladder.engine.sources import Sources
from common import AS_OF, OUT, cpu_seconds, default_ladder, duckdb_on, load_average, warm_imports

DAY = f"DATE '{AS_OF.isoformat()}'"
HELD = f"(h.closed_on IS NULL OR h.closed_on > {DAY})"
HOLDINGS = (
    f"FROM holding h LEFT JOIN product p ON p.code = h.product_code "
    f"WHERE h.opened_on <= {DAY} GROUP BY h.party_id"
)
INTERACTION_AGGREGATES = """count(*),
  count(*) FILTER (WHERE occurred_at >= TIMESTAMP '2026-01-01'),
  count(*) FILTER (WHERE kind = 'event' AND occurred_at >= TIMESTAMP '2025-04-01'),
  count(*) FILTER (WHERE kind = 'care' AND occurred_at >= TIMESTAMP '2025-10-03'),
  count(*) FILTER (WHERE kind = 'service' AND occurred_at >= TIMESTAMP '2025-10-03'),
  count(*) FILTER (WHERE kind = 'complaint'
    AND (resolved_at IS NULL OR resolved_at >= TIMESTAMP '2026-04-01')),
  max(occurred_at)"""
"""The engine's interaction aggregates as of 2026-03-31 (the facts the default playbook reads)."""

Probe = Callable[[], Any]


def rank_by_arrow(actions: pa.Table) -> pa.Table:
    """``rank_within_books`` without leaving Arrow: a book starts where ``rm_id`` changes."""
    rm = actions["rm_id"].combine_chunks()
    equal = pc.fill_null(pc.equal(rm[1:], rm[:-1]), False)
    equal = pc.or_(equal, pc.and_(pc.is_null(rm[1:]), pc.is_null(rm[:-1])))
    starts = np.concatenate([[True], ~equal.to_numpy(zero_copy_only=False)])
    first = np.flatnonzero(starts)[np.cumsum(starts) - 1]
    rank = np.arange(len(rm), dtype=np.int64) - first + 1
    return actions.append_column("rank_in_book", pa.array(rank))


def table_sql(con: Any, sql: str) -> Probe:
    return lambda: con.con.sql(f"CREATE OR REPLACE TEMP TABLE probe AS {sql}")


def groups(con: Any, data: Path) -> dict[str, dict[str, Probe]]:
    """Every probe, by group; checks the alternatives that claim the same result."""
    ladder = default_ladder()
    needed = ladder.facts_used() | set(ranking.FACTS_USED)
    facts = compute_facts(Sources.on(con), AS_OF, None, facts=needed)
    placements = con.to_pyarrow(place(facts, ladder).order_by("party_id"))
    proposed = propose_actions(ibis.memtable(placements), ladder, AS_OF)
    unranked = con.to_pyarrow(proposed)
    sql = con.compile(proposed)
    memtable = next(iter(proposed.op().find(ops.InMemoryTable)))
    con.con.register("placed_table", placements)
    over_table = sql.replace(f'"{memtable.name}"', '"placed_table"')
    unsorted = sql[: sql.rfind("ORDER BY")]
    assert con.con.sql(over_table).to_arrow_table().equals(unranked)
    assert rank_by_arrow(unranked).equals(rank_within_books(unranked))

    families = [row[0] for row in con.con.sql("SELECT DISTINCT family FROM product").fetchall()]
    per_family = " + ".join(
        f"(count(*) FILTER (WHERE p.family = '{f}' AND {HELD}) > 0)::INTEGER" for f in families
    )
    base = f"h.party_id, count(*) FILTER (WHERE {HELD}), min(h.opened_on)"
    distinct = f"SELECT {base}, count(DISTINCT p.family) FILTER (WHERE {HELD}) {HOLDINGS}"
    fixed = f"SELECT {base}, {per_family} {HOLDINGS}"
    same = "SELECT * FROM ({}) ORDER BY 1"
    assert (
        con.con.sql(same.format(distinct)).fetchall() == con.con.sql(same.format(fixed)).fetchall()
    )
    con.con.sql("CREATE TEMP TABLE i_text AS SELECT * FROM interaction")
    con.con.sql(
        "CREATE TEMP TABLE i_int AS SELECT CAST(substr(party_id, 2) AS INTEGER) AS party_id, "
        "kind, occurred_at, resolved_at FROM interaction"
    )
    grouped = "SELECT party_id, {} FROM {} WHERE occurred_at < TIMESTAMP '2026-04-01' GROUP BY 1"

    small, one = duckdb_on(OUT / "1k"), ["P00012345"]
    tmp = tempfile.mkdtemp()

    def write(**options: Any) -> Probe:
        return lambda: (
            pq.write_table(placements, f"{tmp}/p.parquet", **options),
            pq.write_table(unranked, f"{tmp}/a.parquet", **options),
        )

    return {
        "actions query": {
            "engine: union + ORDER BY, to_pyarrow (+ compile)": lambda: con.to_pyarrow(proposed),
            "same SQL, compiled once, over the memtable": lambda: con.con.sql(sql).to_arrow_table(),
            "same SQL over an Arrow table, not the memtable": lambda: con.con.sql(
                over_table
            ).to_arrow_table(),
            "same SQL without ORDER BY": lambda: con.con.sql(unsorted).to_arrow_table(),
        },
        "rank in book": {
            "engine: rank_within_books (rm_id to Python)": lambda: rank_within_books(unranked),
            "run lengths on the Arrow column (same ranks)": lambda: rank_by_arrow(unranked),
        },
        "holdings aggregate": {
            "products_held, first_opened_on": table_sql(con, f"SELECT {base} {HOLDINGS}"),
            "+ COUNT(DISTINCT family) FILTER (engine)": table_sql(con, distinct),
            f"+ one FILTER count per family ({len(families)}, same result)": table_sql(con, fixed),
        },
        "latest balance per holding": {
            "engine: arg_max(CAST(amount)) FILTER (WHERE on <= D)": table_sql(
                con,
                "SELECT holding_id, arg_max(CAST(amount AS DOUBLE), snapshot_on) "
                f"FILTER (WHERE snapshot_on <= {DAY}) FROM balance GROUP BY 1",
            ),
            "arg_max(CAST(amount)) ... WHERE on <= D": table_sql(
                con,
                "SELECT holding_id, arg_max(CAST(amount AS DOUBLE), snapshot_on) "
                f"FROM balance WHERE snapshot_on <= {DAY} GROUP BY 1",
            ),
        },
        "interactions grouped by party (in memory)": {
            "string party_id": table_sql(con, grouped.format(INTERACTION_AGGREGATES, "i_text")),
            "integer party id": table_sql(con, grouped.format(INTERACTION_AGGREGATES, "i_int")),
        },
        "fixed cost of one evaluate() call": {
            "1,000 parties": lambda: evaluate(small, ladder, AS_OF),
            f"one party of {data.name}": lambda: evaluate(con, ladder, AS_OF, party_ids=one),
        },
        "write placements + actions to Parquet": {
            "pyarrow, snappy (as evaluate.py)": write(),
            "pyarrow, no compression": write(compression="none"),
            "pyarrow, no compression, no dictionary": write(
                compression="none", use_dictionary=False
            ),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    warm_imports()
    con = duckdb_on(args.data)
    probes = groups(con, args.data)
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    loads = [load_average()]
    for run in range(args.runs):
        for group in probes.values():
            order = list(group.items())
            for name, probe in order[::-1] if run % 2 else order:  # no probe always goes first
                started, cpu = time.perf_counter(), cpu_seconds()
                probe()
                walls.setdefault(name, []).append(time.perf_counter() - started)
                cpus.setdefault(name, []).append(cpu_seconds() - cpu)
        loads.append(load_average())
    print(f"median of {args.runs} runs, seconds; load average {min(loads):.1f}-{max(loads):.1f}")
    for title, group in probes.items():
        print(f"{title}:")
        for name in group:
            wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
            print(f"  {name:<58} wall {wall:6.3f}  CPU {cpu:6.3f}")


if __name__ == "__main__":
    main()
