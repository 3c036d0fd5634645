"""What a back-test returns: the stage history a playbook rebuilds from raw data, and how two
playbooks place the same parties month by month (how many would move, where, and why).

Rank 0 is "not on the ladder yet"; rank n the n-th rung of the playbook that placed the party.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyarrow as pa

from bankladder.ladder.model import Text


@dataclass(frozen=True)
class Rung:
    """A rung as a playbook names it (rank 0: no rung, ``stage_id`` None)."""

    rank: int
    stage_id: str | None
    name: Text


@dataclass(frozen=True)
class MonthEnd:
    """One playbook's placements as of one month-end: ``placements`` has ``party_id``,
    ``stage_rank`` and ``stage_id`` per party (sorted by party); ``funnel`` the parties per rank,
    every rank of the ladder present (0 included)."""

    as_of: dt.date
    placements: pa.Table
    funnel: dict[int, int]


@dataclass(frozen=True)
class StageHistory:
    """The stage history one playbook rebuilds, oldest month-end first; nothing recorded."""

    playbook: str
    rungs: tuple[Rung, ...]
    months: tuple[MonthEnd, ...]


@dataclass(frozen=True)
class Criterion:
    """A criterion that decides why a party moves: where each playbook puts it and its
    condition under each (``None`` where that playbook lacks it), with the difference in words."""

    id: str
    stage_id: str
    when_a: str | None
    when_b: str | None
    words: Text


@dataclass(frozen=True)
class Flow:
    """How many parties A places on ``from_rank`` and B on ``to_rank`` (a move: ranks differ)."""

    from_rank: int
    to_rank: int
    parties: int


@dataclass(frozen=True)
class Why:
    """How many of a flow's parties move because of ``criterion_id`` (None: B has no rung
    there at all)."""

    from_rank: int
    to_rank: int
    criterion_id: str | None
    parties: int


@dataclass(frozen=True)
class Move:
    """One party that would move, with the criterion that decides it; ``name`` masked."""

    party_id: str
    name: str
    from_rank: int
    to_rank: int
    criterion_id: str | None


@dataclass(frozen=True)
class MonthComparison:
    """Both playbooks as of one month-end: rung counts under each, the moves and their
    reasons."""

    as_of: dt.date
    funnel_a: dict[int, int]
    funnel_b: dict[int, int]
    moved: int
    flows: tuple[Flow, ...]
    why: tuple[Why, ...]


@dataclass(frozen=True)
class Comparison:
    """Playbook B against playbook A on the same history, oldest month-end first; ``sample``:
    up to ``SAMPLE_PER_FLOW`` moved parties per flow at the newest month-end."""

    playbook_a: str
    playbook_b: str
    rungs_a: tuple[Rung, ...]
    rungs_b: tuple[Rung, ...]
    months: tuple[MonthComparison, ...]
    criteria: tuple[Criterion, ...]
    sample: tuple[Move, ...]

    @property
    def newest(self) -> MonthComparison | None:
        return self.months[-1] if self.months else None
