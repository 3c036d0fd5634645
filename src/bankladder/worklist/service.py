"""Use cases: an RM's worklist and the funnel by stage (command line); My day, the answers to
actions and the team (workbench)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.audit import service as audit
from bankladder.errors import InvalidInput, NotFound, StaleVersion
from bankladder.evaluation.shown import shown_reason
from bankladder.ladder.model import Ladder, Text
from bankladder.privacy.masking import party_name
from bankladder.propensity.reasons import Chance
from bankladder.store.vocabulary import ActionStatus, FeedbackOutcome, TransitionDirection
from bankladder.worklist import chances, repository
from bankladder.worklist.schemas import (
    MOVES_SHOWN,
    PAGE_SIZE,
    REASON_MAX,
    RECENT_DAYS,
    SNOOZE_DAYS,
    SNOOZE_MAX_DAYS,
    ActionFilters,
    Answer,
    AnswerKind,
    DayAction,
    DayList,
    RmChoice,
    StageCount,
    StageMove,
    StageName,
    Team,
    TeamMember,
)

NOT_PLACED = Text(zh="尚未上阶梯", en="Not yet on the ladder")


@dataclass(frozen=True)
class FunnelRow:
    rank: int
    stage_id: str | None
    name: Text
    count: int
    share: float


@dataclass(frozen=True)
class WorklistEntry:
    rank: int
    party_id: str
    party_name: str  # masked by default
    stage: Text
    action: str
    target_stage: Text
    reason: Text
    priority: float
    due_on: dt.date
    chance: Chance | None = None  # None: no recent model score of the party


def evaluated_as_of(session: Session, as_of: dt.date | None) -> dt.date:
    """The date to report on: the one asked for, else the latest evaluation."""
    latest = repository.latest_as_of(session)
    if latest is None:
        raise NotFound(
            "the store has no evaluation yet",
            fix="run `bankladder evaluate` (or `bankladder demo`)",
        )
    return as_of or latest


def funnel(session: Session, ladder: Ladder, as_of: dt.date | None = None) -> list[FunnelRow]:
    """How many parties stand on each rung (rank 0: not yet on the ladder), with shares."""
    day = evaluated_as_of(session, as_of)
    counts = repository.counts_by_rank(session, day)
    if not counts:
        raise NotFound(
            f"no evaluation as of {day}", fix="pick a date `bankladder evaluate` ran for"
        )
    total = sum(counts.values())
    rows = [FunnelRow(0, None, NOT_PLACED, counts.get(0, 0), counts.get(0, 0) / total)]
    for stage in ladder.stages:
        count = counts.get(stage.rank, 0)
        rows.append(FunnelRow(stage.rank, stage.id, stage.name, count, count / total))
    return rows


def _stage_name(ladder: Ladder, stage_id: str | None) -> Text:
    if stage_id is None:
        return NOT_PLACED
    try:
        return ladder.stage(stage_id).name
    except KeyError:
        return Text(zh=stage_id, en=stage_id)


def worklist(session: Session, ladder: Ladder, rm_id: str, limit: int) -> list[WorklistEntry]:
    """The RM's top ``limit`` open actions, each with its reason in words."""
    if limit < 1:
        raise InvalidInput(f"--limit must be at least 1, got {limit}")
    if not repository.rm_exists(session, rm_id):
        known = ", ".join(repository.rm_ids(session)) or "none yet"
        raise NotFound(f"no RM with id {rm_id!r}", fix=f"use an RM id from the store, e.g. {known}")
    day = evaluated_as_of(session, None)
    rows = repository.open_actions(session, rm_id, day, limit)
    found = chances.latest_chances(session, {row.party_id for row in rows}, day)
    return [
        WorklistEntry(
            rank=i,
            party_id=row.party_id,
            party_name=party_name(row.party_name, row.party_kind),
            stage=_stage_name(ladder, row.stage_id),
            action=row.kind,
            target_stage=_stage_name(ladder, row.target_stage),
            reason=_reason(ladder, row),
            priority=row.priority,
            due_on=row.due_on,
            chance=found.get(row.party_id),
        )
        for i, row in enumerate(rows, start=1)
    ]


# --- My day: the actions due now in the caller's scope, and the answers to them -------------


class AnswerRefused(InvalidInput):
    """An answer that cannot be taken as given; ``problem`` names why, for the page's words."""

    def __init__(self, problem: str, what: str) -> None:
        self.problem = problem
        super().__init__(what)


class ActionClosed(AnswerRefused):
    """Only a live (open or snoozed) action can be answered."""

    def __init__(self, status: ActionStatus) -> None:
        super().__init__("closed", f"the action is {status.value}: only a live one can be answered")


def my_day(
    session: Session,
    principal: Principal,
    ladder: Ladder,
    filters: ActionFilters,
    today: dt.date,
    page_size: int = PAGE_SIZE,
) -> DayList:
    """A page of the actions due now in the principal's scope, most pressing first."""
    page = max(1, filters.page)
    rows, total = repository.day_actions(
        session, principal, filters, today, page_size, (page - 1) * page_size
    )
    parties = {row.party_id for row in rows}
    stages = repository.latest_stages(session, parties)
    found = chances.latest_chances(session, parties, today)
    actions = [
        replace(_day_action(ladder, row, stages, today), chance=found.get(row.party_id))
        for row in rows
    ]
    other = replace(filters, held=not filters.held, page=1)
    other_total = repository.count_day_actions(session, principal, other, today)
    return DayList(actions, total, page, page_size, today, other_total)


def action(
    session: Session, principal: Principal, ladder: Ladder, action_id: int, today: dt.date
) -> DayAction:
    """One action of a party in scope, in any status; NotFound otherwise."""
    row = repository.action_in_scope(session, principal, action_id)
    if row is None:
        raise NotFound(f"no action {action_id}")
    stages = repository.latest_stages(session, {row.party_id})
    found = chances.latest_chances(session, {row.party_id}, today)
    return replace(_day_action(ladder, row, stages, today), chance=found.get(row.party_id))


def answer(
    session: Session,
    principal: Principal,
    action_id: int,
    version: int,
    given: Answer,
    now: dt.datetime,
) -> int:
    """Take an RM's answer to a live action of their scope, based on ``version``: the action's
    status (and a snooze's date) change, the answer is kept as feedback, an audit event is
    recorded. The new version; StaleVersion when the action changed since ``version``."""
    row = repository.action_in_scope(session, principal, action_id)
    if row is None:
        raise NotFound(f"no action {action_id}")
    if row.status not in repository.LIVE:
        raise ActionClosed(ActionStatus(row.status))
    if row.blocked_by is not None and given.kind is AnswerKind.DONE:
        raise AnswerRefused("held_back", f"a guard rail ({row.blocked_by}) holds this step back")
    checked = _checked(given, now.date())
    values = {"status": STATUS_AFTER[checked.kind], "updated_on": now.date()}
    if checked.kind is AnswerKind.SNOOZE:
        values["due_on"] = checked.snooze_until
    if not repository.answer_action(session, action_id, version, values):
        raise StaleVersion(
            f"action {action_id} changed after version {version}",
            fix="open it again and answer what it says now",
        )
    _keep_answer(session, principal, row.party_id, action_id, checked, now)
    return version + 1


STATUS_AFTER = {
    AnswerKind.DONE: ActionStatus.DONE,
    AnswerKind.SNOOZE: ActionStatus.SNOOZED,
    AnswerKind.NOT_RELEVANT: ActionStatus.DISMISSED,
}
OUTCOME = {
    AnswerKind.DONE: FeedbackOutcome.DONE,
    AnswerKind.SNOOZE: FeedbackOutcome.SNOOZED,
    AnswerKind.NOT_RELEVANT: FeedbackOutcome.NOT_RELEVANT,
}


def _checked(given: Answer, today: dt.date) -> Answer:
    """The answer with its defaults filled in, or AnswerRefused."""
    reason = (given.reason or "").strip() or None
    if reason is not None and len(reason) > REASON_MAX:
        raise AnswerRefused("reason_too_long", f"the reason is longer than {REASON_MAX} characters")
    if given.kind is AnswerKind.NOT_RELEVANT and reason is None:
        raise AnswerRefused("reason_required", "say why the action is not relevant")
    until = None
    if given.kind is AnswerKind.SNOOZE:
        until = given.snooze_until or today + dt.timedelta(days=SNOOZE_DAYS)
        if until <= today:
            raise AnswerRefused("snooze_past", "snooze to a day after today")
        if until > today + dt.timedelta(days=SNOOZE_MAX_DAYS):
            raise AnswerRefused("snooze_too_far", f"snooze for at most {SNOOZE_MAX_DAYS} days")
    return Answer(given.kind, until, reason)


def _keep_answer(
    session: Session,
    principal: Principal,
    party_id: str,
    action_id: int,
    given: Answer,
    now: dt.datetime,
) -> None:
    repository.add_feedback(
        session,
        {
            "action_id": action_id,
            "user_id": principal.user_id,
            "outcome": OUTCOME[given.kind],
            "reason": given.reason,
            "snoozed_until": given.snooze_until,
            "at": now,
        },
    )
    detail: dict[str, str] = {"outcome": OUTCOME[given.kind].value, "party_id": party_id}
    if given.snooze_until is not None:
        detail["snoozed_until"] = given.snooze_until.isoformat()
    audit.record(session, principal, "action.answer", "action", str(action_id), now, detail=detail)


def _stage(ladder: Ladder, stage_id: str | None) -> StageName:
    return StageName(stage_id, _stage_name(ladder, stage_id))


def _day_action(
    ladder: Ladder, row: Any, stages: dict[str, str | None], today: dt.date
) -> DayAction:
    return DayAction(
        id=row.id,
        version=row.version,
        party_id=row.party_id,
        party_name=party_name(row.party_name, row.party_kind),
        rm_id=row.rm_id,
        kind=row.kind,
        criterion_id=row.criterion_id,
        stage=_stage(ladder, stages.get(row.party_id)),
        target_stage=_stage(ladder, row.target_stage),
        reason=_reason(ladder, row),
        priority=row.priority,
        due_on=row.due_on,
        status=ActionStatus(row.status),
        overdue=row.due_on < today,
        held_back=None if row.blocked_by is None else Text(row.blocked_zh, row.blocked_en),
        blocked_by=row.blocked_by,
    )


def rm_choices(session: Session, principal: Principal) -> list[RmChoice]:
    """The RMs a manager (their branch) or an auditor (all) may narrow My day to."""
    return [RmChoice(row.id, row.name) for row in repository.team_rms(session, principal)]


def action_kinds(ladder: Ladder) -> list[str]:
    """The kinds of action the ladder proposes, in ladder order (My day's kind filter)."""
    kinds: list[str] = []
    for stage in ladder.stages:
        kinds.extend(c.action.kind for c in stage.criteria if c.action.kind not in kinds)
    return kinds


# --- The team: each RM's funnel, actions and recent stage moves ----------------------------


def team(session: Session, principal: Principal, ladder: Ladder, today: dt.date) -> Team:
    """Per RM of the principal's team (a manager's branch, every RM for an auditor): parties by
    stage at their latest assessment, actions due now and overdue, and the stage moves of the
    ``RECENT_DAYS`` days up to the latest evaluation (or today, if that is earlier)."""
    latest = repository.latest_as_of(session)
    since = min(today, latest or today) - dt.timedelta(days=RECENT_DAYS)
    funnels = repository.funnel_by_rm(session, principal)
    actions = repository.actions_by_rm(session, principal, today)
    moves = repository.moves_by_rm(session, principal, since)
    shown: dict[str, list[StageMove]] = {}
    for row in repository.latest_moves(session, principal, since, MOVES_SHOWN):
        shown.setdefault(row.rm_id, []).append(_move(ladder, row))
    stages = [_stage(ladder, None)] + [_stage(ladder, s.id) for s in ladder.stages]
    members = [
        _member(
            rm,
            stages,
            funnels.get(rm.id, {}),
            actions.get(rm.id, (0, 0)),
            moves.get(rm.id, {}),
            shown.get(rm.id, []),
        )
        for rm in repository.team_rms(session, principal)
    ]
    return Team(members, stages, since, today)


ADVANCES = (TransitionDirection.ENTERED, TransitionDirection.ADVANCED)
REGRESSIONS = (TransitionDirection.REGRESSED, TransitionDirection.LEFT)


def _member(
    rm: Any,
    stages: list[StageName],
    funnel: dict[int, int],
    actions: tuple[int, int],
    moves: dict[TransitionDirection, int],
    shown: list[StageMove],
) -> TeamMember:
    return TeamMember(
        rm_id=rm.id,
        rm_name=rm.name,
        parties=sum(funnel.values()),
        funnel=[StageCount(rank, stage, funnel.get(rank, 0)) for rank, stage in enumerate(stages)],
        open_actions=actions[0],
        overdue_actions=actions[1],
        advances=sum(moves.get(d, 0) for d in ADVANCES),
        regressions=sum(moves.get(d, 0) for d in REGRESSIONS),
        latest_moves=shown,
    )


def _move(ladder: Ladder, row: Any) -> StageMove:
    return StageMove(
        party_id=row.party_id,
        party_name=party_name(row.party_name, row.party_kind),
        from_stage=_stage(ladder, row.from_stage),
        to_stage=_stage(ladder, row.to_stage),
        direction=TransitionDirection(row.direction),
        changed_on=row.changed_on,
    )


def _reason(ladder: Ladder, row: Any) -> Text:
    """The action's reason with the amounts it names masked: a worklist is never unmasked."""
    stored = Text(zh=row.reason_zh, en=row.reason_en)
    return shown_reason(ladder, row.target_stage, row.criterion_id, stored, unmasked=False)
