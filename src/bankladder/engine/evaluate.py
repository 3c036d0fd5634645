"""Evaluating the playbook over the source tables as of a date.

The result is two Arrow tables, sorted so the same data and date always give the same bytes:
``placements`` (one row per party: identity, the facts the playbook and the priority read,
each criterion's met flag, rank,
stage and score) and ``actions`` (one row per unmet criterion of the next rung, ranked in the
RM's book). Writing them to the store is the evaluation feature's job, not the engine's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import pyarrow as pa

from bankladder.engine import ranking
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
    needed = ladder.facts_used() | set(ranking.FACTS_USED)
    facts = compute_facts(Sources.on(backend), as_of, party_ids, facts=needed)
    placements = _placements(backend, place(facts, ladder))
    proposed = propose_actions(ibis.memtable(placements), ladder, as_of)
    actions = rank_within_books(to_arrow(backend, proposed))
    return Evaluation(as_of=as_of, ladder=ladder, placements=placements, actions=actions)


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
