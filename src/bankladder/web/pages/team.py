"""The team (``GET /team``): per RM of a manager's branch (every RM, for an auditor), the
funnel by stage, open and overdue actions, and the recent stage moves."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from bankladder.access.principal import Permission
from bankladder.evaluation.ladders import bank_ladder
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench
from bankladder.worklist import service

router = APIRouter()
TeamViewer = Annotated[Caller, Depends(Requires(Permission.TEAM_VIEW))]


@router.get("/team", name="team")
def team(request: Request, session: StoreSession, caller: TeamViewer) -> Response:
    bench = workbench(request)
    ladder = bank_ladder(session, bench.settings)
    found = service.team(session, caller.principal, ladder, bench.clock().date())
    return bench.pages.render(
        "team.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
        team=found,
    )
