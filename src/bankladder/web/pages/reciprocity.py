"""The reciprocity ledger of a party (``GET /parties/{id}/reciprocity``): what the bank gave
against what the party brought, masked by default; unmasking with a reason; and a plain form
to record a favour the bank gave (``POST /parties/{id}/benefits``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.errors import InvalidInput
from bankladder.reciprocity import service
from bankladder.reciprocity.checks import NOTE_MAX
from bankladder.reciprocity.schemas import BenefitRefused, Ledger, NewBenefit
from bankladder.store.vocabulary import BenefitKind
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
Unmasker = Annotated[Caller, Depends(Requires(Permission.PARTIES_UNMASK))]


class BenefitForm(BaseModel):
    """The favour as typed; the service checks each field and says what it refuses."""

    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    kind: str = Field(default="", max_length=32)
    given_on: str = Field(default="", max_length=10)
    worth: str = Field(default="", max_length=32)
    counterpart_id: str = Field(default="", max_length=32)
    note: str = Field(default="", max_length=NOTE_MAX * 2)

    def benefit(self) -> NewBenefit:
        return NewBenefit(self.kind, self.given_on, self.worth, self.counterpart_id, self.note)


@router.get("/parties/{party_id}/reciprocity", name="party_reciprocity")
def reciprocity_page(
    request: Request, party_id: str, caller: Reader, session: StoreSession, recorded: str = ""
) -> Response:
    bench = workbench(request)
    view = service.ledger(session, bench.settings, caller.principal, party_id, bench.clock().date())
    return _render(request, caller, view, recorded=recorded == "1")


@router.post("/parties/{party_id}/reciprocity/unmask", name="party_reciprocity_unmask")
def unmask_page(
    request: Request,
    party_id: str,
    caller: Unmasker,
    session: StoreSession,
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    bench = workbench(request)
    now = bench.clock()
    try:
        view = service.unmask(
            session, bench.settings, caller.principal, party_id, now.date(), reason, now
        )
    except InvalidInput:
        view = service.ledger(session, bench.settings, caller.principal, party_id, now.date())
        return _render(request, caller, view, status=400, reason_refused=True)
    return _render(request, caller, view)


@router.post("/parties/{party_id}/benefits", name="record_benefit")
def record_benefit(
    request: Request,
    party_id: str,
    form: Annotated[BenefitForm, Form()],
    caller: Worker,
    session: StoreSession,
) -> Response:
    bench = workbench(request)
    now = bench.clock()
    try:
        service.record_benefit(
            session, caller.principal, party_id, form.benefit(), now, settings=bench.settings
        )
    except BenefitRefused as refused:
        view = service.ledger(session, bench.settings, caller.principal, party_id, now.date())
        problems = refused.by_field()
        return _render(request, caller, view, status=400, form=form, problems=problems)
    return RedirectResponse(f"/parties/{party_id}/reciprocity?recorded=1", status_code=303)


def _render(
    request: Request,
    caller: Caller,
    view: Ledger,
    *,
    status: int = 200,
    form: BenefitForm | None = None,
    **context: Any,
) -> Response:
    principal = caller.principal
    context.setdefault("problems", {})
    context.setdefault("recorded", False)
    context.setdefault("reason_refused", False)
    return workbench(request).pages.render(
        "party_reciprocity.html",
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        view=view,
        form=form or BenefitForm(given_on=view.as_of.isoformat()),
        kinds=[kind.value for kind in BenefitKind],
        note_max=NOTE_MAX,
        reason_min=service.REASON_MIN,
        may_work=principal.may(Permission.PARTIES_WORK),
        may_unmask=principal.may(Permission.PARTIES_UNMASK),
        **context,
    )
