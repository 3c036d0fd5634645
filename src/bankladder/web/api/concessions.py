"""Price talks over the API: a party's requests (``GET``) and a new one (``POST``: 201, or
422 with each refused field) under ``/api/v1/parties/{id}/concessions``; the queue
(``/api/v1/concessions``); one request with its ETag, and a decision on it (``POST
/api/v1/concessions/{id}/decisions`` with ``If-Match``: 200 with the new ETag; 412 stale,
428 without If-Match, 409 when the workflow refuses the caller this move, with the reason)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.concessions import service
from bankladder.concessions.schemas import (
    JUSTIFICATION_MAX,
    NOTE_MAX,
    ConcessionDetail,
    ConcessionRefused,
    DecisionRefused,
    NewConcession,
)
from bankladder.store.vocabulary import ConcessionDecisionKind
from bankladder.web.concurrency import etag, if_match
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
PartyId = Annotated[str, Path(max_length=32)]
ConcessionId = Annotated[int, Path(ge=1, le=2_147_483_647)]


class ConcessionIn(BaseModel):
    """A request: rates in percent a year (4.35), a fee in CNY."""

    model_config = ConfigDict(extra="forbid")
    product_code: str = Field(max_length=32)
    kind: str = Field(max_length=32)
    standard: Decimal
    requested: Decimal
    justification: str = Field(max_length=JUSTIFICATION_MAX * 2)


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: ConcessionDecisionKind
    note: str | None = Field(default=None, max_length=NOTE_MAX * 2)


@router.get("/parties/{party_id}/concessions", name="api_party_concessions")
def party_concessions(
    request: Request, party_id: PartyId, caller: Reader, session: StoreSession
) -> Response:
    bench = workbench(request)
    view = service.of_party(
        session, bench.settings, caller.principal, party_id, bench.clock().date()
    )
    return JSONResponse(jsonable_encoder(view))


@router.post("/parties/{party_id}/concessions", name="api_request_concession", status_code=201)
def request_concession(
    request: Request, party_id: PartyId, body: ConcessionIn, caller: Worker, session: StoreSession
) -> Response:
    bench = workbench(request)
    new = NewConcession(
        body.product_code, body.kind, body.standard, body.requested, body.justification
    )
    try:
        done = service.request_concession(
            session, bench.settings, caller.principal, party_id, new, bench.clock()
        )
    except ConcessionRefused as refused:
        problems = [
            {"field": p.field, "problem": p.code, "detail": p.said.en, "detail_zh": p.said.zh}
            for p in refused.problems
        ]
        return JSONResponse({"detail": refused.what, "problems": problems}, 422)
    headers = {"Location": f"/api/v1/concessions/{done.id}", "ETag": etag(1)}
    return JSONResponse(jsonable_encoder(done), 201, headers=headers)


@router.get("/concessions", name="api_concession_queue")
def queue(request: Request, caller: Reader, session: StoreSession) -> Response:
    bench = workbench(request)
    view = service.queue(session, bench.settings, caller.principal, bench.clock().date())
    return JSONResponse(jsonable_encoder(view))


@router.get("/concessions/{concession_id}", name="api_concession")
def concession(
    request: Request, concession_id: ConcessionId, caller: Reader, session: StoreSession
) -> Response:
    bench = workbench(request)
    view = service.detail(
        session, bench.settings, caller.principal, concession_id, bench.clock().date()
    )
    return _detail(view)


@router.post("/concessions/{concession_id}/decisions", name="api_decide_concession")
def decide(
    request: Request,
    concession_id: ConcessionId,
    body: DecisionIn,
    caller: Reader,
    session: StoreSession,
) -> Response:
    bench = workbench(request)
    service.version_of(session, caller.principal, concession_id)  # out of scope: 404 first
    version = if_match(request)
    try:
        service.decide(
            session,
            bench.settings,
            caller.principal,
            concession_id,
            version,
            body.decision,
            body.note,
            bench.clock(),
        )
    except DecisionRefused as refused:
        said = {"detail": refused.said.en, "detail_zh": refused.said.zh, "problem": refused.code}
        return JSONResponse(said, 409)
    day = bench.clock().date()
    view = service.detail(session, bench.settings, caller.principal, concession_id, day)
    return _detail(view)


def _detail(view: ConcessionDetail) -> Response:
    headers = {"ETag": etag(view.concession.version)}
    return JSONResponse(jsonable_encoder(view), headers=headers)
