"""My day (``GET /``): the actions due now in the caller's scope, ranked, with filters; and the
form that answers one (``POST /actions/{action_id}/answer``): done, snooze, not relevant."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.evaluation.ladders import bank_ladder
from bankladder.loans import service as loans
from bankladder.web.dependencies import Caller, Requires, SignedIn, StoreSession, workbench
from bankladder.worklist import service
from bankladder.worklist.schemas import (
    REASON_MAX,
    SNOOZE_DAYS,
    SNOOZE_MAX_DAYS,
    ActionFilters,
    Answer,
    AnswerKind,
)

router = APIRouter()
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
ActionId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Word = Annotated[str | None, Query(max_length=64)]
FILTER_KEYS = ("stage", "kind", "overdue", "rm", "page", "held")
ANSWERED = {kind.value for kind in AnswerKind}


def query_of(filters: ActionFilters, **extra: str) -> str:
    """The URL query that shows My day with ``filters`` again (no personal data in it)."""
    pairs = {
        "stage": filters.target_stage,
        "kind": filters.kind,
        "overdue": "1" if filters.overdue_only else None,
        "rm": filters.rm_id,
        "page": str(filters.page) if filters.page > 1 else None,
        "held": "1" if filters.held else None,
        **extra,
    }
    return urlencode({key: value for key, value in pairs.items() if value})


def filters_from_query(query: str) -> ActionFilters:
    """The filters carried back by an answer form (only the known keys; a bad page is 1)."""
    given = {k: v[:64] for k, v in parse_qsl(query[:500]) if k in FILTER_KEYS}
    page = given.get("page", "1")
    return ActionFilters.given(
        given.get("stage"),
        given.get("kind"),
        given.get("overdue") in ("1", "on", "true"),
        given.get("rm"),
        int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1,
        given.get("held") == "1",
    )


def render_day(
    request: Request,
    session: StoreSession,
    caller: Caller,
    filters: ActionFilters,
    *,
    answered: str | None = None,
    refused: str | None = None,
    status: int = 200,
) -> Response:
    bench = workbench(request)
    today = bench.clock().date()
    principal = caller.principal
    context: dict[str, object] = {
        "account": caller.account,
        "csrf_token": caller.csrf_token,
        "reads_parties": principal.may(Permission.PARTIES_READ),
        "answers": principal.may(Permission.PARTIES_WORK),
        "filters": filters,
        "answered": answered if answered in ANSWERED else None,
        "refused": refused,
        "today": today,
    }
    if principal.may(Permission.PARTIES_READ):
        ladder = bank_ladder(session, bench.settings)
        day = service.my_day(session, principal, ladder, filters, today)
        context |= {
            "day": day,
            "stages": ladder.stages,
            "kinds": service.action_kinds(ladder),
            "rms": service.rm_choices(session, principal),
            "back": query_of(filters),
            "page_query": {n: query_of(filters, page=str(n)) for n in (day.page - 1, day.page + 1)},
            "other_query": query_of(replace(filters, held=not filters.held, page=1)),
            "snooze_default": today + dt.timedelta(days=SNOOZE_DAYS),
            "snooze_first": today + dt.timedelta(days=1),
            "snooze_last": today + dt.timedelta(days=SNOOZE_MAX_DAYS),
            "reason_max": REASON_MAX,
            "sla_alerts": []
            if filters.held
            else loans.sla_alerts(session, principal, bench.clock(), bench.settings),
        }
    return bench.pages.render("my_day.html", caller.locale, status, **context)


@router.get("/", name="my_day")
def my_day(
    request: Request,
    session: StoreSession,
    caller: SignedIn,
    stage: Word = None,
    kind: Word = None,
    overdue: bool = False,
    rm: Word = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    answered: Word = None,
    held: bool = False,
) -> Response:
    filters = ActionFilters.given(stage, kind, overdue, rm, page, held)
    return render_day(request, session, caller, filters, answered=answered)


@router.post("/actions/{action_id}/answer", name="answer_action_form")
def answer_action(
    request: Request,
    session: StoreSession,
    caller: Worker,
    action_id: ActionId,
    answer: Annotated[AnswerKind, Form()],
    version: Annotated[int, Form(ge=1, le=2_147_483_647)],
    snooze_until: Annotated[str, Form(max_length=32)] = "",
    reason: Annotated[str, Form(max_length=4000)] = "",
    back: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Answer one action; back to My day with the same filters, or the form's problem in words
    (a stale version: the 412 page)."""
    filters = filters_from_query(back)
    try:
        until = dt.date.fromisoformat(snooze_until) if snooze_until else None
    except ValueError:
        return render_day(request, session, caller, filters, refused="snooze_date", status=400)
    given = Answer(answer, until, reason)
    try:
        service.answer(
            session, caller.principal, action_id, version, given, workbench(request).clock()
        )
    except service.AnswerRefused as refusal:
        status = 409 if isinstance(refusal, service.ActionClosed) else 400
        return render_day(request, session, caller, filters, refused=refusal.problem, status=status)
    target = "/?" + query_of(filters, answered=answer.value)
    return RedirectResponse(target, status_code=303)
