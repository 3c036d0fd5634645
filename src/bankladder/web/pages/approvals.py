"""The approvals inbox (``GET /approvals``): the loans in credit review, price concessions and
gifts waiting for the caller's decision, each linked to the page where it is decided."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from bankladder.access.principal import Permission
from bankladder.approvals import service
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Checker = Annotated[Caller, Depends(Requires(Permission.APPROVALS_DECIDE))]


@router.get("/approvals", name="approvals")
def approvals_page(request: Request, session: StoreSession, caller: Checker) -> Response:
    bench = workbench(request)
    found = service.inbox(session, bench.settings, caller.principal)
    return bench.pages.render(
        "approvals.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
        inbox=found,
    )
