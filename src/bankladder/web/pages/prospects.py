"""Pages to add a prospect met in the field (with a warning of likely duplicates before
saving) and to record a need, a referral or a relationship of a party. Plain forms: they work
without JavaScript; a refused field is said in words next to it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.prospects import records, service
from bankladder.prospects.records import OtherPartyNotFound
from bankladder.prospects.schemas import (
    FieldsRefused,
    LikelyDuplicates,
    NewNeed,
    NewProspect,
    NewReferral,
    NewRelationship,
    Problem,
)
from bankladder.store.vocabulary import NeedNature, PartyKind, RelationshipKind
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
YES = "yes"


class PageForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)


class ProspectFields(PageForm):
    name: str = Field(default="", max_length=200)
    kind: PartyKind = PartyKind.PERSON
    mobile: str = Field(default="", max_length=40)
    id_number: str = Field(default="", max_length=40)
    prospect_group: str = Field(default="", max_length=100)
    confirm_new: str = Field(default="", max_length=3)

    def prospect(self, note: str = "", rm_id: str = "") -> NewProspect:
        return NewProspect(
            self.name,
            self.kind,
            self.mobile,
            self.id_number or None,
            self.prospect_group or None,
            note or None,
            rm_id or None,
        )


class ProspectForm(ProspectFields):
    note: str = Field(default="", max_length=2000)
    rm_id: str = Field(default="", max_length=32)


class NeedForm(PageForm):
    kind: str = Field(default="", max_length=32)
    nature: NeedNature = NeedNature.LATENT
    competitor_bank: str = Field(default="", max_length=100)


class ReferralForm(ProspectFields):
    referee_id: str = Field(default="", max_length=32)


class RelationshipForm(PageForm):
    other_party_id: str = Field(default="", max_length=32)
    kind: RelationshipKind = RelationshipKind.SUPPLIER_OF
    since: str = Field(default="", max_length=10)


def render(
    request: Request, caller: Caller, template: str, status: int = 200, **context: Any
) -> Response:
    return workbench(request).pages.render(
        template,
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        **context,
    )


def to_party(party_id: str) -> Response:
    return RedirectResponse(f"/parties/{party_id}", status_code=303)


def problems_of(error: FieldsRefused | OtherPartyNotFound) -> dict[str, str]:
    if isinstance(error, OtherPartyNotFound):
        return {error.field: "party"}
    return error.by_field()


# ---- a prospect ---------------------------------------------------------------------------


def prospect_page(
    request: Request,
    caller: Caller,
    session: StoreSession,
    form: ProspectForm,
    status: int = 200,
    **context: Any,
) -> Response:
    context.setdefault("problems", {})
    context.setdefault("candidates", [])
    rms = service.rm_choices(session, caller.principal)
    return render(request, caller, "prospect_new.html", status, form=form, rms=rms, **context)


@router.get("/prospects/new", name="prospect_form")
def prospect_form(request: Request, caller: Worker, session: StoreSession) -> Response:
    return prospect_page(request, caller, session, ProspectForm())


@router.post("/prospects", name="add_prospect")
def add_prospect(
    request: Request,
    form: Annotated[ProspectForm, Form()],
    caller: Worker,
    session: StoreSession,
) -> Response:
    try:
        view = service.add_prospect(
            session,
            caller.principal,
            form.prospect(form.note, form.rm_id),
            workbench(request).clock(),
            confirm_new=form.confirm_new == YES,
        )
    except FieldsRefused as error:
        return prospect_page(request, caller, session, form, 400, problems=error.by_field())
    except LikelyDuplicates as error:
        return prospect_page(request, caller, session, form, 409, candidates=error.candidates)
    return to_party(view.id)


# ---- a need -------------------------------------------------------------------------------


def need_page(
    request: Request,
    caller: Caller,
    session: StoreSession,
    party_id: str,
    form: NeedForm,
    status: int = 200,
    problems: dict[str, str] | None = None,
) -> Response:
    party = service.open_party(session, caller.principal, party_id)
    families = records.product_families(session)
    context = {"party": party, "form": form, "families": families, "problems": problems or {}}
    return render(request, caller, "need_new.html", status, **context)


@router.get("/parties/{party_id}/needs/new", name="need_form")
def need_form(request: Request, party_id: str, caller: Worker, session: StoreSession) -> Response:
    return need_page(request, caller, session, party_id, NeedForm())


@router.post("/parties/{party_id}/needs", name="record_need")
def record_need(
    request: Request,
    party_id: str,
    form: Annotated[NeedForm, Form()],
    caller: Worker,
    session: StoreSession,
) -> Response:
    new = NewNeed(form.kind, form.nature, form.competitor_bank or None)
    try:
        records.record_need(session, caller.principal, party_id, new, workbench(request).clock())
    except FieldsRefused as error:
        return need_page(request, caller, session, party_id, form, 400, error.by_field())
    return to_party(party_id)


# ---- a referral ---------------------------------------------------------------------------


def referral_page(
    request: Request,
    caller: Caller,
    session: StoreSession,
    party_id: str,
    form: ReferralForm,
    status: int = 200,
    **context: Any,
) -> Response:
    party = service.open_party(session, caller.principal, party_id)
    context.setdefault("problems", {})
    context.setdefault("candidates", [])
    return render(request, caller, "referral_new.html", status, party=party, form=form, **context)


@router.get("/parties/{party_id}/referrals/new", name="referral_form")
def referral_form(
    request: Request, party_id: str, caller: Worker, session: StoreSession
) -> Response:
    return referral_page(request, caller, session, party_id, ReferralForm())


@router.post("/parties/{party_id}/referrals", name="record_referral")
def record_referral(
    request: Request,
    party_id: str,
    form: Annotated[ReferralForm, Form()],
    caller: Worker,
    session: StoreSession,
) -> Response:
    typed_new = bool(form.name.strip() or form.mobile.strip())
    new = NewReferral(form.referee_id or None, form.prospect() if typed_new else None)
    now = workbench(request).clock()
    try:
        records.record_referral(
            session, caller.principal, party_id, new, now, confirm_new=form.confirm_new == YES
        )
    except (FieldsRefused, OtherPartyNotFound) as error:
        problems = problems_of(error)
        return referral_page(request, caller, session, party_id, form, 400, problems=problems)
    except LikelyDuplicates as error:
        return referral_page(
            request, caller, session, party_id, form, 409, candidates=error.candidates
        )
    return to_party(party_id)


# ---- a relationship -----------------------------------------------------------------------


def relationship_page(
    request: Request,
    caller: Caller,
    session: StoreSession,
    party_id: str,
    form: RelationshipForm,
    status: int = 200,
    problems: dict[str, str] | None = None,
) -> Response:
    party = service.open_party(session, caller.principal, party_id)
    context = {"party": party, "form": form, "kinds": list(RelationshipKind)}
    return render(
        request, caller, "relationship_new.html", status, problems=problems or {}, **context
    )


@router.get("/parties/{party_id}/relationships/new", name="relationship_form")
def relationship_form(
    request: Request, party_id: str, caller: Worker, session: StoreSession
) -> Response:
    return relationship_page(request, caller, session, party_id, RelationshipForm())


@router.post("/parties/{party_id}/relationships", name="record_relationship")
def record_relationship(
    request: Request,
    party_id: str,
    form: Annotated[RelationshipForm, Form()],
    caller: Worker,
    session: StoreSession,
) -> Response:
    try:
        since = dt.date.fromisoformat(form.since) if form.since else None
    except ValueError:
        error = FieldsRefused([Problem("since", "date", "not a date")])
        return relationship_page(request, caller, session, party_id, form, 400, error.by_field())
    new = NewRelationship(form.other_party_id, form.kind, since)
    now = workbench(request).clock()
    try:
        records.record_relationship(session, caller.principal, party_id, new, now)
    except (FieldsRefused, OtherPartyNotFound) as error:
        problems = problems_of(error)
        return relationship_page(request, caller, session, party_id, form, 400, problems)
    return to_party(party_id)
