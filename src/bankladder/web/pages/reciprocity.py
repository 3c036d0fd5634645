"""The reciprocity ledger of a party (``GET /parties/{id}/reciprocity``): what the bank gave
against what the party brought, masked by default; unmasking with a reason; a plain form to
record a favour the bank gave (``POST /parties/{id}/benefits``: a gift over a limit is refused
with the reason in words); and the moves of a favour that waits, one route with an ``action``
(``POST /benefits/{id}/decisions``): a checker's approval or refusal, the hand-over by the RM
side and the maker's cancellation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.errors import InvalidInput, StaleVersion
from bankladder.reciprocity import approvals, service
from bankladder.reciprocity.checks import NOTE_MAX
from bankladder.reciprocity.gifts import RefusalReason
from bankladder.reciprocity.schemas import (
    BenefitMoved,
    BenefitRefused,
    Ledger,
    MoveRefused,
    NewBenefit,
)
from bankladder.store.vocabulary import BenefitKind
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
Unmasker = Annotated[Caller, Depends(Requires(Permission.PARTIES_UNMASK))]
BenefitId = Annotated[int, Path(ge=1, le=2**62)]
BAD_INPUT = {"action", "reason", "note"}  # a field of the form, not the workflow


class MoveForm(BaseModel):
    """A move of a favour that waits, at the version the user saw."""

    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    version: int = Field(default=0, ge=0, le=2**31)
    action: str = Field(default="", max_length=16)
    reason: str = Field(default="", max_length=32)
    note: str = Field(default="", max_length=approvals.NOTE_MAX * 2)


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
    request: Request,
    party_id: str,
    caller: Reader,
    session: StoreSession,
    recorded: Annotated[str, Query(max_length=16)] = "",
    moved: Annotated[str, Query(max_length=16)] = "",
) -> Response:
    bench = workbench(request)
    view = service.ledger(session, bench.settings, caller.principal, party_id, bench.clock().date())
    return _render(request, caller, view, recorded=recorded, moved=moved)


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
        done = service.record_benefit(
            session, caller.principal, party_id, form.benefit(), now, settings=bench.settings
        )
    except BenefitRefused as refused:
        view = service.ledger(session, bench.settings, caller.principal, party_id, now.date())
        problems = refused.by_field()
        said = {p.field: p.said.in_(caller.locale) for p in refused.problems if p.said}
        return _render(request, caller, view, status=400, form=form, problems=problems, said=said)
    flag = "1" if done.status == "given" else done.status  # requested: a checker decides
    target = f"/parties/{party_id}/reciprocity?recorded={flag}"
    return RedirectResponse(target, status_code=303)


@router.post("/benefits/{benefit_id}/decisions", name="move_benefit")
def move_benefit(
    request: Request,
    benefit_id: BenefitId,
    form: Annotated[MoveForm, Form()],
    caller: Reader,
    session: StoreSession,
) -> Response:
    """Approve or refuse (a checker), hand over (the RM side) or cancel (the maker); what the
    role may not do is refused in words on the ledger, as a move the status forbids."""
    bench = workbench(request)

    def move() -> BenefitMoved:
        return approvals.act(
            session,
            bench.settings,
            caller.principal,
            benefit_id,
            form.version,
            form.action,
            bench.clock(),
            reason=form.reason,
            note=form.note,
        )

    return _moved(request, caller, session, benefit_id, move)


def _moved(
    request: Request,
    caller: Caller,
    session: StoreSession,
    benefit_id: int,
    move: Callable[[], BenefitMoved],
) -> Response:
    """Make the move, then back to the party's ledger; a refusal or a conflict is said there."""
    bench = workbench(request)
    try:
        done = move()
    except (MoveRefused, StaleVersion) as refused:
        party_id = approvals.party_of(session, caller.principal, benefit_id)
        view = service.ledger(
            session, bench.settings, caller.principal, party_id, bench.clock().date()
        )
        said = refused.reason.in_(caller.locale) if isinstance(refused, MoveRefused) else None
        status = 400 if isinstance(refused, MoveRefused) and refused.code in BAD_INPUT else 409
        return _render(
            request, caller, view, status=status, move_refused=said, conflict=said is None
        )
    return RedirectResponse(
        f"/parties/{done.party_id}/reciprocity?moved={done.status}", status_code=303
    )


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
    context.setdefault("said", {})
    context.setdefault("moved", "")
    context.setdefault("move_refused", None)
    context.setdefault("conflict", False)
    context.setdefault("recorded", "")
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
        may_decide=principal.may(Permission.APPROVALS_DECIDE),
        user_id=principal.user_id,
        refusal_reasons=[reason.value for reason in RefusalReason],
        **context,
    )
