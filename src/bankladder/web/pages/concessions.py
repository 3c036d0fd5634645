"""Price talks (议价) in the workbench: a party's requests with a form to ask for one
(``/parties/{id}/concessions``), the queue (``/concessions``), one request with its history
and the decisions the caller may take (``/concessions/{id}``, ``POST .../decisions``).

Deciding declares ``parties.read`` only: who may take which move is the workflow's call (a
checker approves or rejects, the maker withdraws), and a move it refuses is answered 409 with
the reason in words, as a request changed since the form was opened is (the conflict page).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.concessions import service
from bankladder.concessions.schemas import (
    JUSTIFICATION_MAX,
    NOTE_MAX,
    ConcessionRefused,
    DecisionRefused,
    NewConcession,
)
from bankladder.errors import StaleVersion
from bankladder.store.vocabulary import ConcessionDecisionKind, ConcessionKind
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
ConcessionId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Flag = Annotated[str, Query(max_length=16)]


class RequestForm(BaseModel):
    """A request as typed; the service checks each field and says what it refuses."""

    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    product_code: str = Field(default="", max_length=32)
    kind: str = Field(default="loan_rate", max_length=32)
    standard: str = Field(default="", max_length=32)
    requested: str = Field(default="", max_length=32)
    justification: str = Field(default="", max_length=JUSTIFICATION_MAX * 2)

    def concession(self) -> NewConcession:
        return NewConcession(
            self.product_code, self.kind, self.standard, self.requested, self.justification
        )


class DecisionForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    decision: ConcessionDecisionKind
    version: int = Field(ge=1, le=2_147_483_647)
    note: str = Field(default="", max_length=NOTE_MAX * 2)


@router.get("/parties/{party_id}/concessions", name="party_concessions")
def party_page(request: Request, party_id: str, caller: Reader, session: StoreSession) -> Response:
    return _party(request, caller, session, party_id, RequestForm())


@router.post("/parties/{party_id}/concessions", name="request_concession")
def request_concession(
    request: Request,
    party_id: str,
    form: Annotated[RequestForm, Form()],
    caller: Worker,
    session: StoreSession,
) -> Response:
    bench = workbench(request)
    try:
        done = service.request_concession(
            session, bench.settings, caller.principal, party_id, form.concession(), bench.clock()
        )
    except ConcessionRefused as refused:
        problems = refused.by_field()
        return _party(request, caller, session, party_id, form, problems=problems, status=400)
    return RedirectResponse(f"/concessions/{done.id}?done=request", status_code=303)


@router.get("/concessions", name="concession_queue")
def queue_page(request: Request, caller: Reader, session: StoreSession) -> Response:
    bench = workbench(request)
    view = service.queue(session, bench.settings, caller.principal, bench.clock().date())
    return _page(request, caller, "concession_queue.html", 200, view=view)


@router.get("/concessions/{concession_id}", name="concession")
def concession_page(
    request: Request,
    concession_id: ConcessionId,
    caller: Reader,
    session: StoreSession,
    done: Flag = "",
) -> Response:
    return _detail(request, caller, session, concession_id, done=done)


@router.post("/concessions/{concession_id}/decisions", name="decide_concession")
def decide(
    request: Request,
    concession_id: ConcessionId,
    form: Annotated[DecisionForm, Form()],
    caller: Reader,
    session: StoreSession,
) -> Response:
    bench = workbench(request)
    note = form.note or None
    try:
        service.decide(
            session,
            bench.settings,
            caller.principal,
            concession_id,
            form.version,
            form.decision,
            note,
            bench.clock(),
        )
    except StaleVersion:
        return _detail(request, caller, session, concession_id, conflict=True, status=409)
    except DecisionRefused as refused:
        return _detail(request, caller, session, concession_id, refused=refused.said, status=409)
    target = f"/concessions/{concession_id}?done={form.decision.value}"
    return RedirectResponse(target, status_code=303)


def _party(
    request: Request,
    caller: Caller,
    session: StoreSession,
    party_id: str,
    form: RequestForm,
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    bench = workbench(request)
    view = service.of_party(
        session, bench.settings, caller.principal, party_id, bench.clock().date()
    )
    context.setdefault("problems", {})
    return _page(
        request,
        caller,
        "concession_party.html",
        status,
        view=view,
        form=form,
        products=service.catalogue(session),
        kinds=[kind.value for kind in ConcessionKind],
        justification_max=JUSTIFICATION_MAX,
        may_work=caller.principal.may(Permission.PARTIES_WORK),
        **context,
    )


def _detail(
    request: Request,
    caller: Caller,
    session: StoreSession,
    concession_id: int,
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    bench = workbench(request)
    view = service.detail(
        session, bench.settings, caller.principal, concession_id, bench.clock().date()
    )
    context.setdefault("done", "")
    context.setdefault("conflict", False)
    context.setdefault("refused", None)
    template = "concession_conflict.html" if context["conflict"] else "concession_detail.html"
    return _page(request, caller, template, status, view=view, note_max=NOTE_MAX, **context)


def _page(request: Request, caller: Caller, template: str, status: int, **context: Any) -> Response:
    return workbench(request).pages.render(
        template,
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        active_page="concessions",
        **context,
    )
