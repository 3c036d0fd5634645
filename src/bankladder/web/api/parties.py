"""Party 360 over the API: ``GET /api/v1/parties/{id}`` (ETag: the party's version; ``chance``:
the party's recent model score, its probability, lift, model version, date and reasons, or
null), logging a contact (the party is re-evaluated at once) and unmasking with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.contacts import service as contacts
from bankladder.contacts.schemas import NOTE_MAX
from bankladder.party360 import service as party360
from bankladder.web.concurrency import set_etag
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
Unmasker = Annotated[Caller, Depends(Requires(Permission.PARTIES_UNMASK))]


class ContactIn(BaseModel):
    """A contact to log; ``occurred_at`` defaults to now (a naive time is the bank's local time,
    ``BANKLADDER_BANK_TIMEZONE``; an aware one is converted to it)."""

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(max_length=16)
    occurred_at: dt.datetime | None = None
    outcome: str | None = Field(default=None, max_length=32)
    note: str | None = Field(default=None, max_length=NOTE_MAX * 2)


class UnmaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(max_length=1000)


@router.get("/parties/{party_id}", name="api_party_360")
def get_party(request: Request, party_id: str, caller: Reader, session: StoreSession) -> Response:
    bench = workbench(request)
    view = party360.party_360(
        session, bench.settings, caller.principal, party_id, on=bench.clock().date()
    )
    response = JSONResponse(jsonable_encoder(view))
    set_etag(response, view.identity.version)
    return response


@router.post("/parties/{party_id}/interactions", name="api_log_contact", status_code=201)
def log_contact(
    request: Request, party_id: str, body: ContactIn, caller: Worker, session: StoreSession
) -> Response:
    bench = workbench(request)
    now = bench.clock()
    party360.identity(session, caller.principal, party_id)  # out of scope: 404 before 400
    contact = contacts.read_contact(
        body.kind,
        body.occurred_at or now,
        body.outcome,
        body.note,
        now,
        bench.settings.bank_timezone,
    )
    logged = contacts.log_contact(session, caller.principal, party_id, contact, now)
    # The contact lands before the party is re-evaluated: the engine reads the store itself.
    session.commit()
    result = contacts.reevaluate(
        bench.engine(), bench.settings, caller.principal, party_id, logged, now.date()
    )
    view = contacts.view(bench.engine(), bench.settings, caller.principal, party_id)
    answer: dict[str, Any] = {
        "party_id": party_id,
        "interaction_id": result.interaction_id,
        "as_of": result.as_of.isoformat(),
        "stage_before": result.before.stage_id,
        "stage": result.after.stage_id,
        "moved": result.moved,
        "next_stage": None if view.next_stage is None else view.next_stage.id,
        "next_actions": jsonable_encoder(view.actions),
    }
    response = JSONResponse(answer, status_code=201)
    set_etag(response, view.identity.version)
    return response


@router.post("/parties/{party_id}/unmask", name="api_party_unmask")
def unmask(
    request: Request, party_id: str, body: UnmaskIn, caller: Unmasker, session: StoreSession
) -> Response:
    bench = workbench(request)
    view = party360.unmask(
        session, bench.settings, caller.principal, party_id, body.reason, bench.clock()
    )
    response = JSONResponse(jsonable_encoder(view))
    set_etag(response, view.identity.version)
    return response
