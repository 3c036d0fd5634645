"""Turning the next rung's unmet criteria into ranked actions, per party and per RM."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bankladder.engine import guards
from bankladder.engine.ranking import priority
from bankladder.engine.rules import compile_expression, met_column
from bankladder.ladder.expressions.gaps import highest_passing, lowest_passing
from bankladder.ladder.model import Criterion, Ladder, Stage


def _gap(criterion: Criterion, row: Any) -> tuple[Any, Any, Any]:
    """(measured value, target, gap) columns for a criterion with a numeric target, else NULLs.

    The gap is what ``bankladder.ladder.expressions.gap_amount`` computes, in SQL: the distance
    from the value to the nearest passing value, never below 0.
    """
    gap = criterion.gap
    if gap is None:
        null = ibis.null("float64")
        return null, null, null
    value = compile_expression(gap.measured, row).cast("float64")
    target = ibis.literal(float(gap.target), type="float64")
    if gap.op in (">=", ">"):
        missing = float(lowest_passing(gap)) - value
    elif gap.op in ("<=", "<"):
        missing = value - float(highest_passing(gap))
    else:
        missing = (value - target).abs()
    amount = ibis.cases((missing < 0, 0.0), else_=missing)
    return value, target, amount


def _branch(placed: Any, ladder: Ladder, stage: Stage, criterion: Criterion, as_of: dt.date) -> Any:
    rows = placed.filter((placed.stage_rank == stage.rank - 1) & ~placed[met_column(criterion)])
    value, target, gap = _gap(criterion, rows)
    action = criterion.action
    return rows.select(
        party_id=rows.party_id,
        rm_id=rows.rm_id,
        criterion_id=ibis.literal(criterion.id),
        action_kind=ibis.literal(action.kind),
        target_stage=ibis.literal(stage.id),
        measured=value,
        target=target,
        gap=gap.round(2),
        priority=priority(rows, weight=action.weight, target_rank=stage.rank),
        due_on=ibis.literal(as_of + dt.timedelta(days=action.due_days)),
        blocked_by=guards.blocked_by(rows, action.purpose, ladder.guards),
    )


BOOK_ORDER = (
    ibis.asc("rm_id", nulls_first=False),
    ibis.desc("priority"),
    ibis.asc("party_id"),
    ibis.asc("criterion_id"),
)
"""Each RM's book together, most pressing first; ties broken by party and criterion id."""


def propose_actions(placed: Any, ladder: Ladder, as_of: dt.date) -> Any:
    """One row per unmet criterion of each party's next rung, and the ``refresh_kyc`` step of
    a customer whose KYC has expired, in ``BOOK_ORDER``; ``blocked_by`` names the guard rail
    holding an action back (``engine/guards.py``)."""
    branches = [
        _branch(placed, ladder, stage, criterion, as_of)
        for stage in ladder.stages
        for criterion in stage.criteria
    ]
    branches.append(guards.refresh_kyc(placed, ladder, as_of))
    return ibis.union(*branches, distinct=False).order_by(BOOK_ORDER)


def rank_within_books(actions: pa.Table) -> pa.Table:
    """Add ``rank_in_book`` (1 = most pressing) to actions sorted in ``BOOK_ORDER``: one sort
    in the backend and a count along each RM's run, instead of a window and a second sort."""
    books = actions["rm_id"].combine_chunks()
    starts = np.ones(len(books), dtype=bool)
    if len(books) > 1:
        later, earlier = books.slice(1), books.slice(0, len(books) - 1)
        same = pc.or_(
            pc.fill_null(pc.equal(later, earlier), False),
            pc.and_(pc.is_null(later), pc.is_null(earlier)),  # the parties without an RM
        )
        starts[1:] = ~same.to_numpy(zero_copy_only=False)
    first_of_book = np.flatnonzero(starts)[np.cumsum(starts) - 1]
    rank = np.arange(len(books), dtype=np.int64) - first_of_book + 1
    return actions.append_column("rank_in_book", pa.array(rank))
