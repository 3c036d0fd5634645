"""The loan pipeline in the workbench: the pipeline (``/loans``, filtered by step and SLA
state), one application with its moves, checklist and the moves the caller may make
(``/loans/{id}``, ``POST .../moves``, ``POST .../documents``), a new application from the
party's page (``/parties/{id}/loans/new``, ``POST /parties/{id}/loans``), and the dashboard
(``/loans/dashboard``: turnaround per RM and per step, the bottleneck, breaches, quotas;
``POST /loans/quotas``).

Moving declares ``parties.read`` only: which move is whose is the workflow's call (the RM side
moves the file along, a checker decides), and a move it refuses is answered 409 with the
reason in words, as an application changed since the page was opened is (the conflict page).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.errors import StaleVersion
from bankladder.loans import allocation, service, views
from bankladder.loans.calendar import SlaState
from bankladder.loans.schemas import ApplicationRefused, NewApplication, Refused
from bankladder.store.vocabulary import LoanStatus
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench
from bankladder.web.errors import PermissionDenied

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
SignedIn = Annotated[Caller, Depends(Requires(Permission.SELF_VIEW))]
ApplicationId = Annotated[str, Path(max_length=32)]
Choice = Annotated[str, Field(max_length=32)]


class ApplicationForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    product_code: str = Field(default="", max_length=32)
    amount: str = Field(default="", max_length=32)
    received_at: str = Field(default="", max_length=32)


class MoveForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    to_status: str = Field(max_length=32)
    version: int = Field(ge=1, le=2_147_483_647)


class DocumentForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    document_code: str = Field(max_length=32)


class QuotaForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    year: int = Field(ge=2000, le=2100)
    branch_id: str = Field(max_length=32)
    rm_id: str = Field(default="", max_length=32)
    allocated: str = Field(max_length=32)


@router.get("/loans", name="loans")
def pipeline_page(
    request: Request, caller: Reader, session: StoreSession, status: Choice = "", sla: Choice = ""
) -> Response:
    bench = workbench(request)
    view = views.pipeline(
        session, bench.settings, caller.principal, bench.clock(), status=status, sla_state=sla
    )
    return _page(
        request,
        caller,
        "loans.html",
        200,
        view=view,
        chosen_status=status,
        chosen_sla=sla,
        statuses=[s.value for s in LoanStatus],
        sla_states=[s.value for s in SlaState],
    )


@router.get("/loans/dashboard", name="loan_dashboard")
def dashboard_page(
    request: Request, caller: SignedIn, session: StoreSession, year: int | None = None
) -> Response:
    return _dashboard(request, caller, session, year)


@router.post("/loans/quotas", name="set_loan_quota")
def set_quota(
    request: Request, form: Annotated[QuotaForm, Form()], caller: SignedIn, session: StoreSession
) -> Response:
    bench = workbench(request)
    try:
        allocation.set_quota(
            session,
            caller.principal,
            form.year,
            form.branch_id,
            form.rm_id or None,
            form.allocated,
            bench.clock(),
        )
    except Refused as refused:
        return _dashboard(request, caller, session, form.year, refused=refused.reason, status=400)
    return RedirectResponse(f"/loans/dashboard?year={form.year}#quotas", status_code=303)


@router.get("/loans/{application_id}", name="loan")
def loan_page(
    request: Request,
    application_id: ApplicationId,
    caller: Reader,
    session: StoreSession,
    done: Choice = "",
) -> Response:
    return _detail(request, caller, session, application_id, done=done)


@router.post("/loans/{application_id}/moves", name="move_loan")
def move(
    request: Request,
    application_id: ApplicationId,
    form: Annotated[MoveForm, Form()],
    caller: Reader,
    session: StoreSession,
) -> Response:
    bench = workbench(request)
    try:
        service.move(
            session,
            bench.settings,
            caller.principal,
            application_id,
            form.to_status,
            form.version,
            bench.clock(),
        )
    except StaleVersion:
        return _detail(request, caller, session, application_id, conflict=True, status=409)
    except Refused as refused:
        return _detail(request, caller, session, application_id, refused=refused.reason, status=409)
    return RedirectResponse(f"/loans/{application_id}?done={form.to_status}", status_code=303)


@router.post("/loans/{application_id}/documents", name="receive_loan_document")
def receive_document(
    request: Request,
    application_id: ApplicationId,
    form: Annotated[DocumentForm, Form()],
    caller: Worker,
    session: StoreSession,
) -> Response:
    bench = workbench(request)
    try:
        service.receive_document(
            session, caller.principal, application_id, form.document_code, bench.clock()
        )
    except Refused as refused:
        return _detail(request, caller, session, application_id, refused=refused.reason, status=400)
    return RedirectResponse(f"/loans/{application_id}?done=document#checklist", status_code=303)


@router.get("/parties/{party_id}/loans/new", name="new_loan")
def new_page(request: Request, party_id: str, caller: Worker, session: StoreSession) -> Response:
    return _new(request, caller, session, party_id, ApplicationForm())


@router.post("/parties/{party_id}/loans", name="register_loan")
def register(
    request: Request,
    party_id: str,
    form: Annotated[ApplicationForm, Form()],
    caller: Worker,
    session: StoreSession,
) -> Response:
    new = NewApplication(form.product_code, form.amount, form.received_at or None)
    try:
        made = service.register(
            session, caller.principal, party_id, new, workbench(request).clock()
        )
    except ApplicationRefused as refused:
        return _new(request, caller, session, party_id, form, refused.by_field(), status=400)
    return RedirectResponse(f"/loans/{made}?done=registered", status_code=303)


def _new(
    request: Request,
    caller: Caller,
    session: StoreSession,
    party_id: str,
    form: ApplicationForm,
    problems: dict[str, str] | None = None,
    *,
    status: int = 200,
) -> Response:
    party = views.party(session, caller.principal, party_id)
    products = views.loan_products(session)
    return _page(
        request,
        caller,
        "loan_new.html",
        status,
        party=party,
        products=products,
        form=form,
        problems=problems or {},
    )


def _detail(
    request: Request,
    caller: Caller,
    session: StoreSession,
    application_id: str,
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    bench = workbench(request)
    view = views.detail(session, bench.settings, caller.principal, application_id, bench.clock())
    context.setdefault("done", "")
    context.setdefault("conflict", False)
    context.setdefault("refused", None)
    template = "loan_conflict.html" if context["conflict"] else "loan_detail.html"
    return _page(request, caller, template, status, view=view, **context)


def _dashboard(
    request: Request,
    caller: Caller,
    session: StoreSession,
    year: int | None,
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    principal = caller.principal
    if not views.sees_dashboard(principal):
        raise PermissionDenied(Permission.TEAM_VIEW)
    bench = workbench(request)
    now = bench.clock()
    chosen = year if year is not None and 2000 <= year <= 2100 else now.year
    view = views.dashboard(session, bench.settings, principal, now, chosen)
    context.setdefault("refused", None)
    return _page(request, caller, "loan_dashboard.html", status, view=view, now=now, **context)


def _page(request: Request, caller: Caller, template: str, status: int, **context: Any) -> Response:
    return workbench(request).pages.render(
        template,
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        active_page="loans",
        **context,
    )
