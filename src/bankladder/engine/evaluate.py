"""Evaluating the playbook over the source tables as of a date.

The result is two Arrow tables, sorted so the same data and date always give the same bytes:
``placements`` (one row per party: identity, every fact, each criterion's met flag, rank,
stage and score) and ``actions`` (one row per unmet criterion of the next rung, ranked in the
RM's book). Writing them to the store is the evaluation feature's job, not the engine's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from bankladder.engine.actions import propose_actions
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
    facts = compute_facts(Sources.on(backend), as_of, party_ids)
    placed = place(facts, ladder).cache()
    try:
        placements = placed.order_by("party_id").to_pyarrow()
        proposed = propose_actions(placed, ladder, as_of)
        actions = proposed.order_by(["rm_id", "rank_in_book", "party_id"]).to_pyarrow()
    finally:
        placed.release()
    return Evaluation(as_of=as_of, ladder=ladder, placements=placements, actions=actions)
