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
    placements = backend.to_pyarrow(place(facts, ladder).order_by("party_id"))
    proposed = propose_actions(ibis.memtable(placements), ladder, as_of)
    actions = rank_within_books(backend.to_pyarrow(proposed))
    return Evaluation(as_of=as_of, ladder=ladder, placements=placements, actions=actions)
