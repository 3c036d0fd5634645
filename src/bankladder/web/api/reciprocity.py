"""The reciprocity ledger over the API: ``GET /api/v1/parties/{id}/reciprocity`` (masked;
``as_of`` optional), unmasking it with a reason, and recording a favour the bank gave
(``POST /api/v1/parties/{id}/benefits``: 201, or 422 with each refused field)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.reciprocity import service
from bankladder.reciprocity.checks import NOTE_MAX
from bankladder.reciprocity.schemas import BenefitRefused, NewBenefit
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
Unmasker = Annotated[Caller, Depends(Requires(Permission.PARTIES_UNMASK))]
PartyId = Annotated[str, Field(max_length=32)]


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
        problems = [
            {"field": p.field, "problem": p.code, "detail": p.detail} for p in refused.problems
        ]
        return JSONResponse({"detail": refused.what, "problems": problems}, 422)
    return JSONResponse({"id": done.id, "party_id": done.party_id}, 201)
