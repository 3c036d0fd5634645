"""The API of prospects: add one (``POST /api/v1/parties``, 409 with the likely duplicates
unless ``confirm_new``), edit a prospect (``PATCH``, If-Match), record a need, a referral or a
relationship, and search the user's parties (the query in the body, never in the URL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.prospects import records, service
from bankladder.prospects.schemas import (
    FieldsRefused,
    LikelyDuplicates,
    NewNeed,
    NewProspect,
    NewReferral,
    NewRelationship,
    PartyView,
    Recorded,
)
from bankladder.store.vocabulary import NeedNature, PartyKind, RelationshipKind
from bankladder.web.concurrency import etag, if_match
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter(prefix="/api/v1")
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
PartyId = Annotated[str, Field(max_length=32)]


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProspectIn(Closed):
    name: str = Field(max_length=200)
    kind: PartyKind = PartyKind.PERSON
    mobile: str = Field(max_length=40)
    id_number: str | None = Field(default=None, max_length=40)
    prospect_group: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=2000)

    def prospect(self, rm_id: str | None = None) -> NewProspect:
        return NewProspect(
            self.name,
            self.kind,
            self.mobile,
            self.id_number,
            self.prospect_group,
            self.note,
            rm_id,
        )


class NewPartyIn(ProspectIn):
    rm_id: str | None = Field(default=None, max_length=32)  # a manager's choice
    confirm_new: bool = False


class PartyChanges(Closed):
    name: str | None = Field(default=None, max_length=200)
    mobile: str | None = Field(default=None, max_length=40)
    id_number: str | None = Field(default=None, max_length=40)
    prospect_group: str | None = Field(default=None, max_length=100)
    segment: str | None = Field(default=None, max_length=32)
    region: str | None = Field(default=None, max_length=100)


class NeedIn(Closed):
    kind: str = Field(max_length=32)
    nature: NeedNature
    competitor_bank: str | None = Field(default=None, max_length=100)


class ReferralIn(Closed):
    referee_id: str | None = Field(default=None, max_length=32)
    new_referee: ProspectIn | None = None
    confirm_new: bool = False


class RelationshipIn(Closed):
    other_party_id: str = Field(max_length=32)
    kind: RelationshipKind
    since: dt.date | None = None


class SearchIn(Closed):
    query: str = Field(max_length=200)


def _party(view: PartyView, status: int = 200, **headers: str) -> JSONResponse:
    body = asdict(view)
    for name in ("first_contact_on", "customer_since"):
        body[name] = body[name].isoformat() if body[name] else None
    return JSONResponse(body, status, headers={"ETag": etag(view.version), **headers})


def _recorded(done: Recorded) -> JSONResponse:
    created = None if done.created is None else done.created.id
    return JSONResponse(
        {"id": done.id, "party_id": done.party_id, "created_party_id": created}, 201
    )


def _refused(error: FieldsRefused) -> JSONResponse:
    problems = [{"field": p.field, "problem": p.code, "detail": p.detail} for p in error.problems]
    return JSONResponse({"detail": error.what, "problems": problems}, 422)


def _duplicates(error: LikelyDuplicates) -> JSONResponse:
    candidates = [
        {k: v for k, v in asdict(c).items() if v is not None} | {"in_scope": c.in_scope}
        for c in error.candidates
    ]
    detail = "the bank may know this party already; send confirm_new: true if it is new"
    return JSONResponse({"detail": detail, "candidates": candidates}, 409)


@router.post("/parties", name="api_add_prospect", status_code=201)
def add_prospect(
    request: Request, body: NewPartyIn, caller: Worker, session: StoreSession
) -> Response:
    now = workbench(request).clock()
    try:
        view = service.add_prospect(
            session,
            caller.principal,
            body.prospect(body.rm_id),
            now,
            confirm_new=body.confirm_new,
        )
    except FieldsRefused as error:
        return _refused(error)
    except LikelyDuplicates as error:
        return _duplicates(error)
    return _party(view, 201, Location=f"/api/v1/parties/{view.id}")


@router.patch("/parties/{party_id}", name="api_edit_prospect")
def edit_prospect(
    request: Request, party_id: PartyId, body: PartyChanges, caller: Worker, session: StoreSession
) -> Response:
    service.open_party(session, caller.principal, party_id)  # out of scope: 404 first
    version = if_match(request)
    changes = body.model_dump(exclude_unset=True)
    try:
        view = service.edit_prospect(
            session, caller.principal, party_id, version, changes, workbench(request).clock()
        )
    except FieldsRefused as error:
        return _refused(error)
    return _party(view)


@router.post("/parties/{party_id}/needs", name="api_record_need", status_code=201)
def record_need(
    request: Request, party_id: PartyId, body: NeedIn, caller: Worker, session: StoreSession
) -> Response:
    new = NewNeed(body.kind, body.nature, body.competitor_bank)
    now = workbench(request).clock()
    try:
        return _recorded(records.record_need(session, caller.principal, party_id, new, now))
    except FieldsRefused as error:
        return _refused(error)


@router.post("/parties/{party_id}/referrals", name="api_record_referral", status_code=201)
def record_referral(
    request: Request, party_id: PartyId, body: ReferralIn, caller: Worker, session: StoreSession
) -> Response:
    referee = None if body.new_referee is None else body.new_referee.prospect()
    new = NewReferral(body.referee_id, referee)
    now = workbench(request).clock()
    try:
        done = records.record_referral(
            session, caller.principal, party_id, new, now, confirm_new=body.confirm_new
        )
    except FieldsRefused as error:
        return _refused(error)
    except LikelyDuplicates as error:
        return _duplicates(error)
    return _recorded(done)


@router.post("/parties/{party_id}/relationships", name="api_record_relationship", status_code=201)
def record_relationship(
    request: Request,
    party_id: PartyId,
    body: RelationshipIn,
    caller: Worker,
    session: StoreSession,
) -> Response:
    new = NewRelationship(body.other_party_id, body.kind, body.since)
    now = workbench(request).clock()
    try:
        return _recorded(records.record_relationship(session, caller.principal, party_id, new, now))
    except FieldsRefused as error:
        return _refused(error)


@router.post("/parties/search", name="api_search_parties")
def search_parties(body: SearchIn, caller: Reader, session: StoreSession) -> Response:
    found = service.search_parties(session, caller.principal, body.query)
    return JSONResponse(asdict(found))
