"""``GET /api/v1/approvals``: the approvals inbox as JSON, the longest waiting first within
each kind (no names or amounts: each item links to where it is decided)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from bankladder.access.principal import Permission
from bankladder.approvals import service
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter(prefix="/api/v1")
Checker = Annotated[Caller, Depends(Requires(Permission.APPROVALS_DECIDE))]


class WaitingOut(BaseModel):
    """One decision waiting: what, for which party (masked), since when, and where."""

    kind: str  # loan, concession, gift
    id: str
    party_id: str
    summary: str  # the product, the size of a concession, the kind of favour (no amounts)
    since: dt.datetime | dt.date
    url: str


@router.get("/approvals", name="api_approvals")
def approvals_api(request: Request, session: StoreSession, caller: Checker) -> list[WaitingOut]:
    bench = workbench(request)
    found = service.inbox(session, bench.settings, caller.principal)
    zh = caller.locale.value == "zh-CN"
    waiting = [
        WaitingOut(
            kind="loan",
            id=loan.application_id,
            party_id=loan.party_id,
            summary=loan.product.zh if zh else loan.product.en,
            since=loan.submitted_at,
            url=f"/loans/{loan.application_id}",
        )
        for loan in found.loans
    ]
    waiting += [
        WaitingOut(
            kind="concession",
            id=str(c.id),
            party_id=c.party_id,
            summary=f"{c.product_zh if zh else c.product_en} {c.size}",
            since=c.requested_at,
            url=f"/concessions/{c.id}",
        )
        for c in found.concessions
    ]
    waiting += [
        WaitingOut(
            kind="gift",
            id=str(g.id),
            party_id=g.party_id,
            summary=g.kind,
            since=g.given_on,
            url=f"/parties/{g.party_id}/reciprocity",
        )
        for g in found.gifts
    ]
    return waiting
