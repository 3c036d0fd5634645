"""``GET /api/v1/team``: the team page as JSON (party names masked)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from bankladder.access.principal import Permission
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.store.vocabulary import UserLocale
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench
from bankladder.worklist import service
from bankladder.worklist.schemas import StageMove, TeamMember

router = APIRouter(prefix="/api/v1")
TeamViewer = Annotated[Caller, Depends(Requires(Permission.TEAM_VIEW))]


class StageCountOut(BaseModel):
    rank: int
    stage_id: str | None
    stage_name: str
    parties: int


class StageMoveOut(BaseModel):
    party_id: str
    party_name: str
    from_stage_id: str | None
    to_stage_id: str | None
    direction: str
    changed_on: dt.date


class TeamMemberOut(BaseModel):
    rm_id: str
    rm_name: str
    parties: int
    funnel: list[StageCountOut]
    open_actions: int
    overdue_actions: int
    advances: int
    regressions: int
    latest_moves: list[StageMoveOut]


class TeamOut(BaseModel):
    moves_since: dt.date
    today: dt.date
    members: list[TeamMemberOut]


def _move(move: StageMove) -> StageMoveOut:
    return StageMoveOut(
        party_id=move.party_id,
        party_name=move.party_name,
        from_stage_id=move.from_stage.id,
        to_stage_id=move.to_stage.id,
        direction=move.direction.value,
        changed_on=move.changed_on,
    )


def _member(member: TeamMember, locale: UserLocale) -> TeamMemberOut:
    def say(text: Text) -> str:
        return text.zh if locale is UserLocale.ZH_CN else text.en

    return TeamMemberOut(
        rm_id=member.rm_id,
        rm_name=member.rm_name,
        parties=member.parties,
        funnel=[
            StageCountOut(
                rank=c.rank, stage_id=c.stage.id, stage_name=say(c.stage.name), parties=c.count
            )
            for c in member.funnel
        ],
        open_actions=member.open_actions,
        overdue_actions=member.overdue_actions,
        advances=member.advances,
        regressions=member.regressions,
        latest_moves=[_move(m) for m in member.latest_moves],
    )


@router.get("/team", name="api_team")
def team(request: Request, session: StoreSession, caller: TeamViewer) -> TeamOut:
    """Per RM of the caller's team: funnel, open and overdue actions, recent stage moves."""
    bench = workbench(request)
    ladder = bank_ladder(session, bench.settings)
    found = service.team(session, caller.principal, ladder, bench.clock().date())
    return TeamOut(
        moves_since=found.moves_since,
        today=found.today,
        members=[_member(m, caller.locale) for m in found.members],
    )
