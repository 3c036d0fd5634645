"""The industry focus over the API. No object id in any path (the codes and RMs go in the
query or the body):

- ``GET /api/v1/industries``: GB/T 4754-2017 and the bank's targets (every signed-in user);
- ``GET /api/v1/industries/concentration``: each RM's book in the caller's scope;
- ``GET /api/v1/industries/prospects?code=C13&region=...``: prospects in the caller's scope;
- ``POST /api/v1/industries/targets`` (body: code, priority, note), ``DELETE
  /api/v1/industries/targets?code=C13``, ``POST /api/v1/industries/specialisations`` (body:
  rm_id, codes): the administrator's configuration, audited; a bad code answers 422 with the
  field, the code and a near valid one; ``GET /api/v1/industries/specialisations``: every
  RM's, for the administrator.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.industry import service
from bankladder.industry.checks import NOTE_MAX, PRIORITY_MAX, PRIORITY_MIN, REGION_MAX
from bankladder.industry.schemas import IndustryRefused
from bankladder.web.dependencies import Caller, Requires, SignedIn, StoreSession, workbench

router = APIRouter(prefix="/api/v1/industries")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Configurer = Annotated[Caller, Depends(Requires(Permission.CONFIG_MANAGE))]
Code = Annotated[str, Query(max_length=16)]
CODES_MAX = 20


class TargetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(max_length=16)
    priority: int = Field(default=1, ge=PRIORITY_MIN, le=PRIORITY_MAX)
    note: str | None = Field(default=None, max_length=NOTE_MAX)


class SpecialisationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rm_id: str = Field(max_length=32)
    codes: list[Annotated[str, Field(max_length=16)]] = Field(max_length=CODES_MAX)


def refused(error: IndustryRefused) -> Response:
    problems = [{"field": p.field, "problem": p.code, "detail": p.detail} for p in error.problems]
    return JSONResponse({"detail": error.what, "problems": problems}, 422)


@router.get("", name="api_industries")
def industries(caller: SignedIn, session: StoreSession) -> Response:
    body = {"sections": service.classification(), "targets": service.targets(session)}
    return JSONResponse(jsonable_encoder(body))


@router.get("/concentration", name="api_industry_concentration")
def concentration(caller: Reader, session: StoreSession) -> Response:
    books = service.concentrations(session, caller.principal)
    return JSONResponse(jsonable_encoder({"books": books}))


@router.get("/prospects", name="api_industry_prospects")
def prospects(
    caller: Reader,
    session: StoreSession,
    code: Code,
    region: Annotated[str | None, Query(max_length=REGION_MAX)] = None,
    limit: Annotated[int, Query(ge=1, le=service.PROSPECTS_MAX)] = service.PROSPECTS_MAX,
) -> Response:
    try:
        found = service.prospects(session, caller.principal, code, region, limit=limit)
    except IndustryRefused as error:
        return refused(error)
    return JSONResponse(jsonable_encoder(found))


@router.post("/targets", name="api_industry_target", status_code=201)
def add_target(
    request: Request, body: TargetIn, caller: Configurer, session: StoreSession
) -> Response:
    now = workbench(request).clock()
    try:
        shown = service.add_target(
            session, caller.principal, body.code, now, priority=body.priority, note=body.note
        )
    except IndustryRefused as error:
        return refused(error)
    return JSONResponse(jsonable_encoder(shown), 201)


@router.delete("/targets", name="api_industry_untarget", status_code=204)
def remove_target(
    request: Request, caller: Configurer, session: StoreSession, code: Code
) -> Response:
    try:
        service.remove_target(session, caller.principal, code, workbench(request).clock())
    except IndustryRefused as error:
        return refused(error)
    return Response(status_code=204)


@router.get("/specialisations", name="api_industry_specialisations")
def specialisations(caller: Configurer, session: StoreSession) -> Response:
    return JSONResponse(jsonable_encoder({"rms": service.specialisations(session)}))


@router.post("/specialisations", name="api_industry_specialise")
def specialise(
    request: Request, body: SpecialisationIn, caller: Configurer, session: StoreSession
) -> Response:
    now = workbench(request).clock()
    try:
        shown = service.specialise(session, caller.principal, body.rm_id, body.codes, now)
    except IndustryRefused as error:
        return refused(error)
    return JSONResponse(jsonable_encoder(shown))
