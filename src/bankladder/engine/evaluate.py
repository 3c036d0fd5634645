"""Evaluating the playbook over the source tables as of a date.

The result is two Arrow tables, sorted so the same data and date always give the same bytes:
``placements`` (one row per party: identity, the facts the playbook and the priority read,
each criterion's met flag, rank,
stage and score) and ``actions`` (one row per unmet criterion of the next rung, ranked in the
RM's book). Writing them to the store is the evaluation feature's job, not the engine's.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import pyarrow as pa

from bankladder.engine import guards, ranking
from bankladder.engine.actions import propose_actions, rank_within_books
from bankladder.engine.facts import compute_facts
from bankladder.engine.rules import place
from bankladder.engine.sources import Sources
from bankladder.ladder.model import Ladder


@dataclass(frozen=True)
class Evaluation:
    as_of: dt.date
    ladder: Ladder
    placements: pa.Table
    actions: pa.Table


def evaluate(
    backend: Any, ladder: Ladder, as_of: dt.date, party_ids: Sequence[str] | None = None
) -> Evaluation:
    """Place every party (or only ``party_ids``) of ``backend`` on ``ladder`` as of ``as_of``."""
    if party_ids is not None and len(party_ids) == 1 and backend.name in ONE_PARTY_BACKENDS:
        return _evaluate_one_party(backend, ladder, as_of, party_ids[0])
    needed = facts_needed(ladder)
    facts = compute_facts(Sources.on(backend), as_of, party_ids, facts=needed, vip=ladder.vip)
    placements = _placements(backend, place(facts, ladder))
    proposed = propose_actions(ibis.memtable(placements), ladder, as_of)
    actions = rank_within_books(to_arrow(backend, proposed))
    return Evaluation(as_of=as_of, ladder=ladder, placements=placements, actions=actions)


def facts_needed(ladder: Ladder) -> set[str]:
    """The facts an evaluation computes: those the playbook reads, the priority's and the
    guard rails'."""
    return set(ladder.facts_used()) | set(ranking.FACTS_USED) | set(guards.FACTS_USED)


def _placements(backend: Any, placed: Any) -> pa.Table:
    """The placements sorted by party. On DuckDB they are first written to a temporary table,
    then sorted out of it: a single query would keep every fact group's hash table until its
    last row is read (about 4 GiB at 10,000,000 parties) while the sorted rows (2 GiB as Arrow)
    come out, and the evaluation's peak memory is that moment (bench/scale_probe.py)."""
    if backend.name != "duckdb":
        return backend.to_pyarrow(placed.order_by("party_id"))
    name = ibis.util.gen_name("placements")
    backend.create_table(name, placed, temp=True)
    try:
        return to_arrow(backend, backend.table(name).order_by("party_id"))
    finally:
        backend.drop_table(name)


STREAM_ROWS = 122_880
"""Rows per Arrow batch streamed out of DuckDB (60 of its vectors, the size of the batches
DuckDB's own ``to_arrow_table`` returns)."""


def to_arrow(backend: Any, expr: Any) -> pa.Table:
    """The rows of ``expr`` as an Arrow table with Ibis's schema, as ``backend.to_pyarrow``.

    On DuckDB the batches are streamed out of the query's last operator (the sort) instead:
    ``to_pyarrow`` first collects the whole result inside DuckDB, then converts it, so both
    copies are alive at once. Streaming gives the same table for about 2 GiB less at
    10,000,000 parties and less CPU (bench/scale_probe.py). (Ibis's ``to_pyarrow_batches``
    does not run on DuckDB 2.)"""
    if backend.name != "duckdb":
        return backend.to_pyarrow(expr)
    from ibis.backends.duckdb.converter import DuckDBPyArrowData  # pulls in pandas: on use

    reader = backend._to_duckdb_relation(expr).to_arrow_reader(STREAM_ROWS)
    return expr.__pyarrow_result__(reader.read_all(), data_mapper=DuckDBPyArrowData)


# --- One party in place: the same compiled SQL, built once ------------------------------------

ONE_PARTY_BACKENDS = ("postgres", "sqlite")
"""Backends a workbench re-evaluates one party on, in place (DuckDB and Spark are batches)."""
_SOMEONE = "bankladder-one-party-3f9c1e"
"""The party id the cached SQL is compiled for; each run puts the real id in its place."""
_CACHED = 16


@dataclass(frozen=True)
class _OnePartySql:
    """The placements and actions queries for one party, compiled for ``_SOMEONE``."""

    ladder: Ladder
    placements: str
    placed: Any
    actions: str
    proposed: Any


_one_party: dict[tuple[str, int, dt.date], _OnePartySql] = {}
_planning = threading.Lock()  # a server's threads wait for one compile instead of all compiling


def _evaluate_one_party(backend: Any, ladder: Ladder, as_of: dt.date, party_id: str) -> Evaluation:
    """As ``evaluate`` for one party, from SQL compiled once per backend, ladder and date.

    Building and compiling the Ibis expressions costs about 0.3 CPU-seconds, every time; a
    workbench re-evaluates a party at each logged contact. The queries are the batch's own,
    compiled for a stand-in id; the real one replaces the stand-in literal (quoted as SQL
    quotes it), so the rules, facts and actions are exactly the batch's."""
    plan = _plan(backend, ladder, as_of)
    literal = "'" + party_id.replace("'", "''") + "'"

    def run(sql: str, expr: Any) -> pa.Table:
        return _fetch(backend, sql.replace(f"'{_SOMEONE}'", literal), expr)

    placements = run(plan.placements, plan.placed)
    actions = rank_within_books(run(plan.actions, plan.proposed))
    return Evaluation(as_of=as_of, ladder=ladder, placements=placements, actions=actions)


def _plan(backend: Any, ladder: Ladder, as_of: dt.date) -> _OnePartySql:
    key = (backend.name, id(ladder), as_of)
    with _planning:
        found = _one_party.get(key)
        if found is not None and found.ladder is ladder:
            return found
        return _compile_plan(backend, ladder, as_of, key)


def _compile_plan(
    backend: Any, ladder: Ladder, as_of: dt.date, key: tuple[str, int, dt.date]
) -> _OnePartySql:
    needed = facts_needed(ladder)
    facts = compute_facts(Sources.on(backend), as_of, [_SOMEONE], facts=needed, vip=ladder.vip)
    placed = place(facts, ladder).order_by("party_id")
    proposed = propose_actions(placed, ladder, as_of)
    plan = _OnePartySql(
        ladder, str(backend.compile(placed)), placed, str(backend.compile(proposed)), proposed
    )
    if f"'{_SOMEONE}'" not in plan.placements or f"'{_SOMEONE}'" not in plan.actions:
        raise RuntimeError("the one-party SQL does not name its stand-in party")
    if len(_one_party) >= _CACHED:
        _one_party.pop(next(iter(_one_party)))
    _one_party[key] = plan
    return plan


def _fetch(backend: Any, sql: str, expr: Any) -> pa.Table:
    """The rows of compiled ``sql`` as ``backend.to_pyarrow(expr)`` returns those of ``expr``:
    the backend's own cursor and conversion (as its ``to_pyarrow_batches``), without compiling
    again. (Ibis's ``backend.sql`` would parse the SQL back, which costs as much.)"""
    schema = expr.as_table().schema()
    arrow = schema.to_pyarrow()
    if backend.name == "postgres":
        with backend.con.cursor() as cursor:
            rows = cursor.execute(sql).fetchall()
        struct = schema.as_struct().to_pyarrow()
        batch = pa.RecordBatch.from_struct_array(pa.array(rows, type=struct))
        table = pa.Table.from_batches([batch], schema=arrow)
    else:  # sqlite
        with backend._safe_raw_sql(sql) as cursor:
            frame = backend._fetch_from_cursor(cursor, schema)
        table = pa.Table.from_pandas(frame, schema=arrow, preserve_index=False)
    return expr.__pyarrow_result__(table.rename_columns(list(schema.names)).cast(arrow))
