"""The playbook evaluated on Spark over an extract, with the engine's own compiled expressions.

Facts, placement and actions are the very Ibis expressions the DuckDB, SQLite and PostgreSQL
evaluations run (``engine/facts.py``, ``rules.py``, ``actions.py``), compiled to Spark SQL;
nothing comes back to the driver but counts. Spark writes the results as Parquet parts:
``assessments/`` (each party's placement: facts, met flags, rank, stage, score), ``transitions/``
(a change of rank against the party's previous assessment, from the extract) and ``actions/``
(each unmet criterion of the next rung, in the RM's book order, with the facts its reason
quotes). Evidence and reason texts are written by the import, with the same code as a store
evaluation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import pyarrow.dataset as ds

from bankladder.batch.layout import PREVIOUS_STAGE, table_file
from bankladder.engine import guards
from bankladder.engine.actions import BOOK_ORDER, propose_actions
from bankladder.engine.evaluate import facts_needed
from bankladder.engine.facts import compute_facts
from bankladder.engine.rules import place
from bankladder.engine.sources import SOURCE_COLUMNS, Sources
from bankladder.ladder.model import Ladder
from bankladder.store.vocabulary import TransitionDirection


@dataclass(frozen=True)
class SparkResults:
    rows: dict[str, int]
    by_rank: dict[int, int]


def register_extract(backend: Any, source: Path) -> None:
    """Every table of the extract as a Spark view under its store name."""
    for name in (*SOURCE_COLUMNS, PREVIOUS_STAGE):
        backend.read_parquet(table_file(source, name), table_name=name)


def placements(backend: Any, ladder: Ladder, as_of: dt.date) -> Any:
    """Every party placed as of ``as_of``: the same expression as ``engine.evaluate``."""
    needed = facts_needed(ladder)
    return place(compute_facts(Sources.on(backend), as_of, facts=needed, vip=ladder.vip), ladder)


def transitions(placed: Any, previous: Any, as_of: dt.date) -> Any:
    """A row per party whose rank differs from its previous assessment's (none counts as 0)."""
    before = previous.select(
        prev_party_id=previous.party_id,
        from_stage=previous.stage_id,
        from_rank=previous.stage_rank,
    )
    joined = placed.left_join(before, placed.party_id == before.prev_party_id)
    old_rank = joined.from_rank.fill_null(0)
    moved = joined.filter(old_rank != joined.stage_rank)
    old, new = moved.from_rank.fill_null(0), moved.stage_rank
    direction = ibis.cases(
        (old == 0, TransitionDirection.ENTERED.value),
        (new == 0, TransitionDirection.LEFT.value),
        (new > old, TransitionDirection.ADVANCED.value),
        else_=TransitionDirection.REGRESSED.value,
    )
    return moved.select(
        party_id=moved.party_id,
        from_stage=moved.from_stage,
        to_stage=moved.stage_id,
        direction=direction,
        changed_on=ibis.literal(as_of),
    ).order_by("party_id")


def actions_with_facts(placed: Any, ladder: Ladder, as_of: dt.date) -> Any:
    """The proposed actions in book order, each with its party's facts (for its reason)."""
    proposed = propose_actions(placed, ladder, as_of)
    facts = placed.select(
        fact_party_id=placed.party_id,
        party_kind=placed.party_kind,
        **{name: placed[name] for name in sorted(ladder.facts_used() | set(guards.FACTS_USED))},
    )
    joined = proposed.join(facts, proposed.party_id == facts.fact_party_id)
    return joined.drop("fact_party_id").order_by(BOOK_ORDER)


def evaluate_extract(
    backend: Any, ladder: Ladder, source: Path, output: Path, as_of: dt.date
) -> SparkResults:
    """Evaluate the extract in ``source`` and write the three result folders in ``output``."""
    register_extract(backend, source)
    placed = placements(backend, ladder, as_of).cache()
    tables = {
        "assessments": placed.order_by("party_id"),
        "transitions": transitions(placed, backend.table(PREVIOUS_STAGE), as_of),
        "actions": actions_with_facts(placed, ladder, as_of),
    }
    for name, table in tables.items():
        backend.to_parquet(table, output / name, mode="overwrite")
    counts = backend.to_pyarrow(placed.group_by("stage_rank").aggregate(n=placed.count()))
    by_rank = dict(zip(counts["stage_rank"].to_pylist(), counts["n"].to_pylist(), strict=True))
    rows = {name: ds.dataset(output / name).count_rows() for name in tables}  # from footers
    return SparkResults(rows=rows, by_rank=dict(sorted(by_rank.items())))
