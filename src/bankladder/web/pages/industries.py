"""The industry focus on the page.

- ``GET /industries``: the bank's target industries (names in Chinese and English), and, for a
  user who reads parties, the concentration of each book in their scope (an RM their own, a
  manager the branch's RMs, the head office every RM) with the share in the targets and in the
  RM's specialisations; a form to list prospects.
- ``GET /industries/prospects?code=C13&region=...``: enterprises not yet customers, in scope.
- ``GET /admin/industries``: the administrator's form; ``POST /admin/industries/targets``
  (code, priority, note), ``POST /admin/industries/targets/remove`` (code) and ``POST
  /admin/industries/specialisations`` (rm_id, codes) change it, audited. No id in a path.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.evaluation.ladders import bank_ladder
from bankladder.industry import gbt4754, service
from bankladder.industry.checks import NOTE_MAX, REGION_MAX, split_codes
from bankladder.industry.schemas import IndustryRefused
from bankladder.web.dependencies import Caller, Requires, SignedIn, StoreSession, workbench

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Configurer = Annotated[Caller, Depends(Requires(Permission.CONFIG_MANAGE))]
ADMIN_PAGE = "/admin/industries"


class TargetForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    code: str = Field(default="", max_length=16)
    priority: int = Field(default=1, ge=1, le=9)
    note: str = Field(default="", max_length=NOTE_MAX)


class CodeForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    code: str = Field(default="", max_length=16)


class SpecialisationForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    rm_id: str = Field(default="", max_length=32)
    codes: str = Field(default="", max_length=200)


@router.get("/industries", name="industries")
def industries_page(request: Request, caller: SignedIn, session: StoreSession) -> Response:
    principal = caller.principal
    reads = principal.may(Permission.PARTIES_READ)
    books = service.concentrations(session, principal) if reads else ()
    return workbench(request).pages.render(
        "industries.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
        targets=service.targets(session),
        books=books,
        role=principal.role.value,
        reads=reads,
        configures=principal.may(Permission.CONFIG_MANAGE),
        choices=_choices(),
        regions=service.regions(session, principal) if reads else [],
    )


@router.get("/industries/prospects", name="industry_prospects")
def prospects_page(
    request: Request,
    caller: Reader,
    session: StoreSession,
    code: Annotated[str, Query(max_length=16)] = "",
    region: Annotated[str, Query(max_length=REGION_MAX)] = "",
) -> Response:
    bench = workbench(request)
    context: dict[str, Any] = {"found": None, "problems": {}, "code": code, "region": region}
    try:
        if code.strip():  # none yet: the form alone
            context["found"] = service.prospects(session, caller.principal, code, region)
    except IndustryRefused as error:
        context["problems"] = error.by_field(caller.locale.value)
    ladder = bank_ladder(session, bench.settings)
    return bench.pages.render(
        "industry_prospects.html",
        caller.locale,
        400 if context["problems"] else 200,
        account=caller.account,
        csrf_token=caller.csrf_token,
        stages={stage.id: stage.name for stage in ladder.stages},
        choices=_choices(),
        regions=service.regions(session, caller.principal),
        **context,
    )


@router.get(ADMIN_PAGE, name="admin_industries")
def admin_page(
    request: Request, caller: Configurer, session: StoreSession, done: str = ""
) -> Response:
    return _admin(request, caller, session, done=done[:20])


@router.post(f"{ADMIN_PAGE}/targets", name="admin_industry_target")
def add_target(
    request: Request,
    form: Annotated[TargetForm, Form()],
    caller: Configurer,
    session: StoreSession,
) -> Response:
    now = workbench(request).clock()
    try:
        service.add_target(
            session, caller.principal, form.code, now, priority=form.priority, note=form.note
        )
    except IndustryRefused as error:
        problems = error.by_field(caller.locale.value)
        return _admin(request, caller, session, status=400, problems=problems, form=form)
    return RedirectResponse(f"{ADMIN_PAGE}?done=target", status_code=303)


@router.post(f"{ADMIN_PAGE}/targets/remove", name="admin_industry_untarget")
def remove_target(
    request: Request,
    form: Annotated[CodeForm, Form()],
    caller: Configurer,
    session: StoreSession,
) -> Response:
    try:
        service.remove_target(session, caller.principal, form.code, workbench(request).clock())
    except IndustryRefused as error:
        problems = error.by_field(caller.locale.value)
        return _admin(request, caller, session, status=400, problems=problems)
    return RedirectResponse(f"{ADMIN_PAGE}?done=untarget", status_code=303)


@router.post(f"{ADMIN_PAGE}/specialisations", name="admin_industry_specialise")
def specialise(
    request: Request,
    form: Annotated[SpecialisationForm, Form()],
    caller: Configurer,
    session: StoreSession,
) -> Response:
    now = workbench(request).clock()
    codes = split_codes(form.codes)
    try:
        service.specialise(session, caller.principal, form.rm_id, codes, now)
    except IndustryRefused as error:
        problems = error.by_field(caller.locale.value)
        return _admin(request, caller, session, status=400, problems=problems, chosen=form)
    return RedirectResponse(f"{ADMIN_PAGE}?done=specialise", status_code=303)


def _admin(
    request: Request,
    caller: Caller,
    session: StoreSession,
    *,
    status: int = 200,
    form: TargetForm | None = None,
    chosen: SpecialisationForm | None = None,
    problems: dict[str, str] | None = None,
    done: str = "",
) -> Response:
    return workbench(request).pages.render(
        "industries_admin.html",
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        targets=service.targets(session),
        specialisations=service.specialisations(session),
        choices=_choices(),
        form=form or TargetForm(),
        chosen=chosen or SpecialisationForm(),
        problems=problems or {},
        done=done,
    )


def _choices() -> list[tuple[gbt4754.Heading, tuple[gbt4754.Heading, ...]]]:
    """Each section with its divisions, for a list to choose a code from."""
    return [(section, gbt4754.divisions(section.code)) for section in gbt4754.sections()]
