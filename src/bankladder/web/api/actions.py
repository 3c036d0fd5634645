"""``/api/v1/actions``: My day's actions as JSON (the same filters), one action with its ETag,
and an answer to one (``If-Match`` required: 428 without it, 412 when stale)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from bankladder.access.principal import Permission
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.propensity.reasons import Chance
from bankladder.store.vocabulary import UserLocale
from bankladder.web.concurrency import if_match, set_etag
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench
from bankladder.worklist import service
from bankladder.worklist.schemas import REASON_MAX, ActionFilters, Answer, AnswerKind, DayAction

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
ActionId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Word = Annotated[str | None, Query(max_length=64)]


class ActionOut(BaseModel):
    """One action: the party's name is masked (persons: surname + *)."""

    id: int
    version: int
    party_id: str
    party_name: str
    rm_id: str | None
    kind: str
    criterion_id: str
    stage_id: str | None
    stage_name: str
    target_stage_id: str | None
    target_stage_name: str
    reason: str
    priority: float
    due_on: dt.date
    status: str
    overdue: bool
    blocked_by: str | None = None  # the guard rail holding it back: aml, kyc, contact_fatigue
    held_back: str | None = None  # why, in words
    chance: ChanceOut | None = None  # None: the party has no recent model score


class ReasonOut(BaseModel):
    """One reason behind a score: the feature, its effect (log-odds, > 0 raises the chance)
    and the sentence, in the caller's language (money amounts never quoted)."""

    feature: str
    effect: float
    words: str


class ChanceOut(BaseModel):
    """The party's chance to move up a rung within 90 days, as the model scored it on
    ``scored_on``; ``lift``: times the average party's chance."""

    probability: float
    lift: float
    model_version: str
    scored_on: dt.date
    reasons: list[ReasonOut]


class ActionPage(BaseModel):
    total: int
    page: int
    page_size: int
    actions: list[ActionOut]
    other_total: int  # held back (when listing what is to do), or to do (with held=true)


class AnswerIn(BaseModel):
    """An answer: done; snooze (to ``snooze_until``, default in 7 days, at most 90); or
    not_relevant with a ``reason``."""

    model_config = ConfigDict(extra="forbid")
    answer: Literal["done", "snooze", "not_relevant"]
    snooze_until: dt.date | None = None
    reason: str | None = Field(default=None, max_length=REASON_MAX)


def action_out(action: DayAction, locale: UserLocale) -> ActionOut:
    def say(text: Text) -> str:
        return text.zh if locale is UserLocale.ZH_CN else text.en

    return ActionOut(
        id=action.id,
        version=action.version,
        party_id=action.party_id,
        party_name=action.party_name,
        rm_id=action.rm_id,
        kind=action.kind,
        criterion_id=action.criterion_id,
        stage_id=action.stage.id,
        stage_name=say(action.stage.name),
        target_stage_id=action.target_stage.id,
        target_stage_name=say(action.target_stage.name),
        reason=say(action.reason),
        priority=action.priority,
        due_on=action.due_on,
        status=action.status.value,
        overdue=action.overdue,
        blocked_by=action.blocked_by,
        held_back=None if action.held_back is None else say(action.held_back),
        chance=_chance_out(action.chance, say),
    )


def _chance_out(chance: Chance | None, say: Callable[[Text], str]) -> ChanceOut | None:
    if chance is None:
        return None
    return ChanceOut(
        probability=chance.probability,
        lift=chance.lift,
        model_version=chance.model_version,
        scored_on=chance.scored_on,
        reasons=[
            ReasonOut(feature=r.feature, effect=r.effect, words=say(r.words))
            for r in chance.reasons
        ],
    )


@router.get("/actions", name="api_actions")
def list_actions(
    request: Request,
    session: StoreSession,
    caller: Reader,
    stage: Word = None,
    kind: Word = None,
    overdue: bool = False,
    rm: Word = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    held: bool = False,
) -> ActionPage:
    """The actions due now in the caller's scope, most pressing first, 50 to a page; with
    ``held=true`` those a guard rail holds back, each with why."""
    bench = workbench(request)
    ladder = bank_ladder(session, bench.settings)
    filters = ActionFilters.given(stage, kind, overdue, rm, page, held)
    day = service.my_day(session, caller.principal, ladder, filters, bench.clock().date())
    return ActionPage(
        total=day.total,
        page=day.page,
        page_size=day.page_size,
        actions=[action_out(a, caller.locale) for a in day.actions],
        other_total=day.other_total,
    )


def _one(request: Request, session: StoreSession, caller: Caller, action_id: int) -> ActionOut:
    bench = workbench(request)
    ladder = bank_ladder(session, bench.settings)
    found = service.action(session, caller.principal, ladder, action_id, bench.clock().date())
    return action_out(found, caller.locale)


@router.get("/actions/{action_id}", name="api_action")
def get_action(
    request: Request, response: Response, session: StoreSession, caller: Reader, action_id: ActionId
) -> ActionOut:
    """One action of the caller's scope (any status), with its version as ``ETag``."""
    found = _one(request, session, caller, action_id)
    set_etag(response, found.version)
    return found


@router.post("/actions/{action_id}/answer", name="api_answer_action")
def answer_action(
    request: Request,
    response: Response,
    session: StoreSession,
    caller: Worker,
    action_id: ActionId,
    body: AnswerIn,
) -> ActionOut:
    """Answer a live action; ``If-Match`` names the version answered. 409 when the action is
    no longer live, 400 when the answer lacks what it needs."""
    _one(request, session, caller, action_id)  # another scope's action: 404 before all else
    version = if_match(request)
    given = Answer(AnswerKind(body.answer), body.snooze_until, body.reason)
    try:
        service.answer(
            session, caller.principal, action_id, version, given, workbench(request).clock()
        )
    except service.ActionClosed as closed:
        raise HTTPException(409, closed.what) from None
    except service.AnswerRefused as refused:
        if refused.problem != "held_back":
            raise
        raise HTTPException(409, refused.what) from None
    found = _one(request, session, caller, action_id)
    set_etag(response, found.version)
    return found
