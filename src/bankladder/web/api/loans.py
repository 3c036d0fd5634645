"""The loan pipeline over the API, with the pages' rules: ``GET /api/v1/loans`` (``status``,
``sla`` filters), ``GET /api/v1/loans/{id}`` (ETag: its version), ``POST .../moves`` (If-Match;
a move the workflow refuses is 409 with the reason in both languages), ``POST .../documents``,
``POST /api/v1/parties/{id}/loans`` (201, or 422 with each refused field), the dashboard and
setting a quota. Amounts masked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.loans import allocation, service, views
from bankladder.loans.schemas import ApplicationRefused, NewApplication, Refused
from bankladder.web.concurrency import if_match, set_etag
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench
from bankladder.web.errors import PermissionDenied

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
SignedIn = Annotated[Caller, Depends(Requires(Permission.SELF_VIEW))]
ApplicationId = Annotated[str, Path(max_length=32)]
Choice = Annotated[str, Field(max_length=32)]


class ApplicationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product_code: str = Field(max_length=32)
    amount: Decimal
    received_at: dt.datetime | None = None


class MoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to_status: str = Field(max_length=32)


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document_code: str = Field(max_length=32)


class QuotaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    year: int = Field(ge=2000, le=2100)
    branch_id: str = Field(max_length=32)
    rm_id: str | None = Field(default=None, max_length=32)
    allocated: Decimal


@router.get("/loans", name="api_loans")
def pipeline(
    request: Request, caller: Reader, session: StoreSession, status: Choice = "", sla: Choice = ""
) -> Response:
    bench = workbench(request)
    view = views.pipeline(
        session, bench.settings, caller.principal, bench.clock(), status=status, sla_state=sla
    )
    return JSONResponse(jsonable_encoder(view))


@router.get("/loans/dashboard", name="api_loan_dashboard")
def dashboard(
    request: Request, caller: SignedIn, session: StoreSession, year: int | None = None
) -> Response:
    if not views.sees_dashboard(caller.principal):
        raise PermissionDenied(Permission.TEAM_VIEW)
    bench = workbench(request)
    view = views.dashboard(session, bench.settings, caller.principal, bench.clock(), year)
    return JSONResponse(jsonable_encoder(view))


@router.post("/loans/quotas", name="api_set_loan_quota")
def set_quota(request: Request, body: QuotaIn, caller: SignedIn, session: StoreSession) -> Response:
    try:
        allocation.set_quota(
            session,
            caller.principal,
            body.year,
            body.branch_id,
            body.rm_id,
            body.allocated,
            workbench(request).clock(),
        )
    except Refused as refused:
        return _refused(refused, 422)
    lines = allocation.quotas(session, caller.principal, body.year)
    return JSONResponse(jsonable_encoder({"year": body.year, "quotas": lines}))


@router.get("/loans/{application_id}", name="api_loan")
def detail(
    request: Request, application_id: ApplicationId, caller: Reader, session: StoreSession
) -> Response:
    return _detail(request, caller, session, application_id)


@router.post("/loans/{application_id}/moves", name="api_move_loan")
def move(
    request: Request,
    application_id: ApplicationId,
    body: MoveIn,
    caller: Reader,
    session: StoreSession,
) -> Response:
    bench = workbench(request)
    version = if_match(request)
    try:
        service.move(
            session,
            bench.settings,
            caller.principal,
            application_id,
            body.to_status,
            version,
            bench.clock(),
        )
    except Refused as refused:
        return _refused(refused, 409)
    return _detail(request, caller, session, application_id)


@router.post("/loans/{application_id}/documents", name="api_receive_loan_document")
def receive_document(
    request: Request,
    application_id: ApplicationId,
    body: DocumentIn,
    caller: Worker,
    session: StoreSession,
) -> Response:
    try:
        service.receive_document(
            session,
            caller.principal,
            application_id,
            body.document_code,
            workbench(request).clock(),
        )
    except Refused as refused:
        return _refused(refused, 409)
    return _detail(request, caller, session, application_id, status=201)


@router.post("/parties/{party_id}/loans", name="api_register_loan", status_code=201)
def register(
    request: Request, party_id: str, body: ApplicationIn, caller: Worker, session: StoreSession
) -> Response:
    new = NewApplication(body.product_code, body.amount, body.received_at)
    try:
        made = service.register(
            session, caller.principal, party_id, new, workbench(request).clock()
        )
    except ApplicationRefused as refused:
        problems = [
            {"field": p.field, "problem": p.code, "detail": p.detail} for p in refused.problems
        ]
        return JSONResponse({"detail": refused.what, "problems": problems}, 422)
    return _detail(request, caller, session, made, status=201)


def _detail(
    request: Request,
    caller: Caller,
    session: StoreSession,
    application_id: str,
    *,
    status: int = 200,
) -> Response:
    bench = workbench(request)
    view = views.detail(session, bench.settings, caller.principal, application_id, bench.clock())
    response = JSONResponse(jsonable_encoder(view), status_code=status)
    set_etag(response, view.application.version)
    return response


def _refused(refused: Refused, status: int) -> Response:
    reason = {"zh": refused.reason.zh, "en": refused.reason.en}
    return JSONResponse({"detail": refused.what, "reason": reason}, status_code=status)
