"""Use cases: an RM's worklist and the funnel by stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bankladder.errors import InvalidInput, NotFound
from bankladder.ladder.model import Ladder, Text
from bankladder.privacy.masking import party_name
from bankladder.worklist import repository

NOT_PLACED = Text(zh="尚未上阶梯", en="Not yet on the ladder")


@dataclass(frozen=True)
class FunnelRow:
    rank: int
    stage_id: str | None
    name: Text
    count: int
    share: float


@dataclass(frozen=True)
class WorklistEntry:
    rank: int
    party_id: str
    party_name: str  # masked by default
    stage: Text
    action: str
    target_stage: Text
    reason: Text
    priority: float
    due_on: dt.date


def evaluated_as_of(session: Session, as_of: dt.date | None) -> dt.date:
    """The date to report on: the one asked for, else the latest evaluation."""
    latest = repository.latest_as_of(session)
    if latest is None:
        raise NotFound(
            "the store has no evaluation yet",
            fix="run `bankladder evaluate` (or `bankladder demo`)",
        )
    return as_of or latest


def funnel(session: Session, ladder: Ladder, as_of: dt.date | None = None) -> list[FunnelRow]:
    """How many parties stand on each rung (rank 0: not yet on the ladder), with shares."""
    day = evaluated_as_of(session, as_of)
    counts = repository.counts_by_rank(session, day)
    if not counts:
        raise NotFound(
            f"no evaluation as of {day}", fix="pick a date `bankladder evaluate` ran for"
        )
    total = sum(counts.values())
    rows = [FunnelRow(0, None, NOT_PLACED, counts.get(0, 0), counts.get(0, 0) / total)]
    for stage in ladder.stages:
        count = counts.get(stage.rank, 0)
        rows.append(FunnelRow(stage.rank, stage.id, stage.name, count, count / total))
    return rows


def _stage_name(ladder: Ladder, stage_id: str | None) -> Text:
    if stage_id is None:
        return NOT_PLACED
    try:
        return ladder.stage(stage_id).name
    except KeyError:
        return Text(zh=stage_id, en=stage_id)


def worklist(session: Session, ladder: Ladder, rm_id: str, limit: int) -> list[WorklistEntry]:
    """The RM's top ``limit`` open actions, each with its reason in words."""
    if limit < 1:
        raise InvalidInput(f"--limit must be at least 1, got {limit}")
    if not repository.rm_exists(session, rm_id):
        known = ", ".join(repository.rm_ids(session)) or "none yet"
        raise NotFound(f"no RM with id {rm_id!r}", fix=f"use an RM id from the store, e.g. {known}")
    day = evaluated_as_of(session, None)
    return [
        WorklistEntry(
            rank=i,
            party_id=row.party_id,
            party_name=party_name(row.party_name, row.party_kind),
            stage=_stage_name(ladder, row.stage_id),
            action=row.kind,
            target_stage=_stage_name(ladder, row.target_stage),
            reason=Text(zh=row.reason_zh, en=row.reason_en),
            priority=row.priority,
            due_on=row.due_on,
        )
        for i, row in enumerate(repository.open_actions(session, rm_id, day, limit), start=1)
    ]
