"""The reciprocity ledger over the API: ``GET /api/v1/parties/{id}/reciprocity`` (masked;
``as_of`` optional), unmasking it with a reason, recording a favour the bank gave
(``POST /api/v1/parties/{id}/benefits``: 201, or 422 with each refused field, a gift over a
limit with the reason in words); the moves of a favour that waits
(``POST /api/v1/benefits/{id}/decisions`` with an ``action`` and ``If-Match``: 200 with the new
``ETag``, 409 with the reason when the workflow or the role refuses, 412 on a stale version);
and the auditor's gifts of a year (``GET /api/v1/reports/gifts``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.reciprocity import approvals, gift_report, service
from bankladder.reciprocity.checks import NOTE_MAX
from bankladder.reciprocity.schemas import (
    BenefitMoved,
    BenefitRefused,
    MoveRefused,
    NewBenefit,
    Problem,
)
from bankladder.web.concurrency import if_match, set_etag
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
Unmasker = Annotated[Caller, Depends(Requires(Permission.PARTIES_UNMASK))]
Auditor = Annotated[Caller, Depends(Requires(Permission.AUDIT_READ))]
PartyId = Annotated[str, Field(max_length=32)]
BAD_INPUT = {"action", "reason", "note"}
BenefitId = Annotated[int, Path(ge=1, le=2**62)]


class MoveIn(BaseModel):
    """A move: ``approve`` or ``refuse`` (with a ``reason`` code), ``handover`` or ``cancel``."""

    model_config = ConfigDict(extra="forbid")
    action: str = Field(max_length=16)
    reason: str | None = Field(default=None, max_length=32)
    note: str | None = Field(default=None, max_length=approvals.NOTE_MAX * 2)


class BenefitIn(BaseModel):
    """A favour the bank gave; ``given_on`` defaults to today, ``worth`` is CNY a year."""

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(max_length=32)
    given_on: dt.date | None = None
    worth: Decimal | None = None
    counterpart_id: str | None = Field(default=None, max_length=32)
    note: str | None = Field(default=None, max_length=NOTE_MAX * 2)


class UnmaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(max_length=1000)
    as_of: dt.date | None = None


@router.get("/parties/{party_id}/reciprocity", name="api_party_reciprocity")
def get_ledger(
    request: Request,
    party_id: PartyId,
    caller: Reader,
    session: StoreSession,
    as_of: dt.date | None = None,
) -> Response:
    bench = workbench(request)
    day = as_of or bench.clock().date()
    view = service.ledger(session, bench.settings, caller.principal, party_id, day)
    return JSONResponse(jsonable_encoder(view))


@router.post("/parties/{party_id}/reciprocity/unmask", name="api_party_reciprocity_unmask")
def unmask(
    request: Request, party_id: PartyId, body: UnmaskIn, caller: Unmasker, session: StoreSession
) -> Response:
    bench = workbench(request)
    now = bench.clock()
    day = body.as_of or now.date()
    view = service.unmask(
        session, bench.settings, caller.principal, party_id, day, body.reason, now
    )
    return JSONResponse(jsonable_encoder(view))


@router.post("/parties/{party_id}/benefits", name="api_record_benefit", status_code=201)
def record_benefit(
    request: Request, party_id: PartyId, body: BenefitIn, caller: Worker, session: StoreSession
) -> Response:
    new = NewBenefit(body.kind, body.given_on, body.worth, body.counterpart_id, body.note)
    try:
        bench = workbench(request)
        done = service.record_benefit(
            session, caller.principal, party_id, new, bench.clock(), settings=bench.settings
        )
    except BenefitRefused as refused:
        problems = [_problem(p) for p in refused.problems]
        return JSONResponse({"detail": refused.what, "problems": problems}, 422)
    return JSONResponse({"id": done.id, "party_id": done.party_id, "status": done.status}, 201)


@router.post("/benefits/{benefit_id}/decisions", name="api_move_benefit")
def move_benefit(
    request: Request, benefit_id: BenefitId, body: MoveIn, caller: Reader, session: StoreSession
) -> Response:
    """Approve or refuse (a checker), hand over (the RM side) or cancel (the maker), at the
    version named in ``If-Match``; 409 with the reason when the workflow or role refuses."""
    bench = workbench(request)
    version = if_match(request)
    return _moved(
        lambda: approvals.act(
            session,
            bench.settings,
            caller.principal,
            benefit_id,
            version,
            body.action,
            bench.clock(),
            reason=body.reason,
            note=body.note,
        )
    )


@router.get("/reports/gifts", name="api_gift_report")
def gifts_of_year(
    request: Request,
    caller: Auditor,
    session: StoreSession,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    branch: Annotated[str | None, Query(max_length=32)] = None,
    rm: Annotated[str | None, Query(max_length=32)] = None,
) -> Response:
    bench = workbench(request)
    chosen = year or bench.clock().year
    shown = gift_report.report(
        session, bench.settings, caller.principal, chosen, branch_id=branch, rm_id=rm
    )
    return JSONResponse(jsonable_encoder(shown))


def _moved(move: Callable[[], BenefitMoved]) -> Response:
    try:
        done = move()
    except MoveRefused as refused:
        reason = {"zh": refused.reason.zh, "en": refused.reason.en}
        status = 422 if refused.code in BAD_INPUT else 409  # a field, or the workflow
        return JSONResponse(
            {"detail": refused.what, "code": refused.code, "reason": reason}, status
        )
    answer = JSONResponse(jsonable_encoder(done))
    set_etag(answer, done.version)
    return answer


def _problem(problem: Problem) -> dict[str, Any]:
    shown: dict[str, Any] = {"field": problem.field, "problem": problem.code}
    shown["detail"] = problem.detail
    if problem.said is not None:
        shown["reason"] = {"zh": problem.said.zh, "en": problem.said.en}
    return shown
