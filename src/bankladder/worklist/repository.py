"""Every query the worklist feature makes of the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, insert, or_, select, update
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_parties
from bankladder.store.models import (
    Action,
    ActionFeedback,
    Assessment,
    Party,
    RelationshipManager,
    Transition,
)
from bankladder.store.vocabulary import ActionStatus, TransitionDirection, UserRole
from bankladder.worklist.schemas import ActionFilters


def rm_exists(session: Session, rm_id: str) -> bool:
    return session.get(RelationshipManager, rm_id) is not None


def rm_ids(session: Session, limit: int = 5) -> list[str]:
    return list(
        session.scalars(
            select(RelationshipManager.id).order_by(RelationshipManager.id).limit(limit)
        )
    )


def latest_as_of(session: Session) -> dt.date | None:
    return session.scalar(select(func.max(Assessment.as_of)))


def standing(as_of: dt.date) -> Any:
    """Each party's latest assessment on or before ``as_of``: where it stands that day, even
    when only some parties were evaluated on the day itself (one party after a visit)."""
    latest = (
        select(Assessment.party_id, func.max(Assessment.as_of).label("as_of"))
        .where(Assessment.as_of <= as_of)
        .group_by(Assessment.party_id)
        .subquery()
    )
    return (
        select(Assessment.party_id, Assessment.stage_id, Assessment.stage_rank)
        .join(
            latest,
            and_(Assessment.party_id == latest.c.party_id, Assessment.as_of == latest.c.as_of),
        )
        .subquery()
    )


def open_actions(session: Session, rm_id: str, as_of: dt.date, limit: int) -> list[Any]:
    """The RM's open actions, most pressing first, with the party and its stage on ``as_of``."""
    stand = standing(as_of)
    query = (
        select(
            Action.party_id,
            Party.name.label("party_name"),
            Party.kind.label("party_kind"),
            stand.c.stage_id,
            Action.kind,
            Action.criterion_id,
            Action.target_stage,
            Action.reason_zh,
            Action.reason_en,
            Action.priority,
            Action.due_on,
        )
        .join(Party, Party.id == Action.party_id)
        .outerjoin(stand, stand.c.party_id == Action.party_id)
        .where(Action.rm_id == rm_id, Action.status == ActionStatus.OPEN)
        .where(Action.blocked_by.is_(None))  # a step a guard rail holds back is not to do
        .order_by(Action.priority.desc(), Action.due_on, Action.party_id, Action.criterion_id)
        .limit(limit)
    )
    return list(session.execute(query))


def counts_by_rank(session: Session, as_of: dt.date, rm_id: str | None = None) -> dict[int, int]:
    stand = standing(as_of)
    query = select(stand.c.stage_rank, func.count())
    if rm_id is not None:
        query = query.join(Party, Party.id == stand.c.party_id).where(Party.rm_id == rm_id)
    rows = session.execute(query.group_by(stand.c.stage_rank)).tuples()
    return dict(rows.all())


# --- My day and answers: every query scoped to the principal's parties ---------------------

LIVE = (ActionStatus.OPEN, ActionStatus.SNOOZED)


def due_now(today: dt.date) -> ColumnElement[bool]:
    """Open, or snoozed to a day that has come: the actions an RM should see today."""
    return or_(
        Action.status == ActionStatus.OPEN,
        and_(Action.status == ActionStatus.SNOOZED, Action.due_on <= today),
    )


def _actions_in_scope(principal: Principal) -> Select[Any]:
    """Actions of the parties in the principal's scope, each with its party's name and RM."""
    query = select(
        Action.id,
        Action.version,
        Action.party_id,
        Party.name.label("party_name"),
        Party.kind.label("party_kind"),
        Party.rm_id,
        Action.kind,
        Action.criterion_id,
        Action.target_stage,
        Action.reason_zh,
        Action.reason_en,
        Action.priority,
        Action.due_on,
        Action.status,
        Action.blocked_by,
        Action.blocked_zh,
        Action.blocked_en,
    ).join(Party, Party.id == Action.party_id)
    return scope_parties(query, principal)


def _due_now_in_scope(principal: Principal, filters: ActionFilters, today: dt.date) -> Select[Any]:
    query = _actions_in_scope(principal).where(due_now(today))
    held = Action.blocked_by.is_not(None)
    query = query.where(held if filters.held else ~held)
    if filters.target_stage:
        query = query.where(Action.target_stage == filters.target_stage)
    if filters.kind:
        query = query.where(Action.kind == filters.kind)
    if filters.overdue_only:
        query = query.where(Action.due_on < today)
    if filters.rm_id:
        query = query.where(Party.rm_id == filters.rm_id)
    return query


def day_actions(
    session: Session,
    principal: Principal,
    filters: ActionFilters,
    today: dt.date,
    limit: int,
    offset: int,
) -> tuple[list[Any], int]:
    """A page of the actions due now in the principal's scope, most pressing first, and how
    many there are in all: one walk of the book (the count is a window over the same rows)."""
    query = (
        _due_now_in_scope(principal, filters, today)
        .add_columns(func.count().over().label("total"))
        .order_by(
            Action.priority.desc(), Action.due_on, Action.party_id, Action.criterion_id, Action.id
        )
    )
    rows = list(session.execute(query.limit(limit).offset(offset)))
    if rows:
        return rows, int(rows[0].total)
    return rows, 0 if offset == 0 else count_day_actions(session, principal, filters, today)


def count_day_actions(
    session: Session, principal: Principal, filters: ActionFilters, today: dt.date
) -> int:
    ids = _due_now_in_scope(principal, filters, today).with_only_columns(Action.id).subquery()
    return int(session.scalar(select(func.count()).select_from(ids)) or 0)


def action_in_scope(session: Session, principal: Principal, action_id: int) -> Any | None:
    """One action (any status) of a party in scope; None for another scope's, like an unknown."""
    query = _actions_in_scope(principal).where(Action.id == action_id)
    return session.execute(query).one_or_none()


def latest_stages(session: Session, party_ids: Collection[str]) -> dict[str, str | None]:
    """Each party's stage at its latest assessment (parties never assessed are left out)."""
    if not party_ids:
        return {}
    latest = (
        select(Assessment.party_id, func.max(Assessment.as_of).label("as_of"))
        .where(Assessment.party_id.in_(sorted(party_ids)))
        .group_by(Assessment.party_id)
        .subquery()
    )
    query = select(Assessment.party_id, Assessment.stage_id).join(
        latest,
        and_(Assessment.party_id == latest.c.party_id, Assessment.as_of == latest.c.as_of),
    )
    return {row.party_id: row.stage_id for row in session.execute(query)}


def answer_action(session: Session, action_id: int, version: int, values: dict[str, Any]) -> bool:
    """Apply an answer to a live action if it still has ``version``, raising the version in
    the same UPDATE; False when another change came first (or it is no longer live)."""
    changed = session.execute(
        update(Action)
        .where(Action.id == action_id, Action.version == version, Action.status.in_(LIVE))
        .values(version=Action.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return getattr(changed, "rowcount", 0) == 1


def add_feedback(session: Session, values: dict[str, Any]) -> None:
    session.execute(insert(ActionFeedback).values(**values))


def team_rms(session: Session, principal: Principal) -> list[Any]:
    """The RMs the principal sees as a team: a manager's branch, every RM for the auditor,
    nobody for other roles. (RMs are staff, not parties: their names are not masked.)"""
    query = select(RelationshipManager.id, RelationshipManager.name).order_by(
        RelationshipManager.id
    )
    if principal.role is UserRole.MANAGER and principal.branch_id is not None:
        branch = RelationshipManager.branch_id == principal.branch_id
        return list(session.execute(query.where(branch)))
    if principal.role is UserRole.AUDITOR:
        return list(session.execute(query))
    return []


# --- The team: per RM of the scope ----------------------------------------------------------


def funnel_by_rm(session: Session, principal: Principal) -> dict[str, dict[int, int]]:
    """Parties in scope by RM and by rank at their latest assessment (never assessed: 0)."""
    latest = (
        select(Assessment.party_id, func.max(Assessment.as_of).label("as_of"))
        .group_by(Assessment.party_id)
        .subquery()
    )
    stand = (
        select(Assessment.party_id, Assessment.stage_rank)
        .join(
            latest,
            and_(Assessment.party_id == latest.c.party_id, Assessment.as_of == latest.c.as_of),
        )
        .subquery()
    )
    rank = func.coalesce(stand.c.stage_rank, 0)
    query = scope_parties(
        select(Party.rm_id, rank.label("rank"), func.count().label("parties"))
        .select_from(Party)
        .outerjoin(stand, stand.c.party_id == Party.id)
        .group_by(Party.rm_id, rank),
        principal,
    )
    counts: dict[str, dict[int, int]] = {}
    for row in session.execute(query):
        if row.rm_id is not None:
            counts.setdefault(row.rm_id, {})[row.rank] = row.parties
    return counts


def actions_by_rm(
    session: Session, principal: Principal, today: dt.date
) -> dict[str, tuple[int, int]]:
    """Actions due now in scope by RM: (open, of which overdue)."""
    overdue = func.sum(case((Action.due_on < today, 1), else_=0))
    query = scope_parties(
        select(Party.rm_id, func.count().label("open"), overdue.label("overdue"))
        .select_from(Action)
        .join(Party, Party.id == Action.party_id)
        .where(due_now(today))
        .group_by(Party.rm_id),
        principal,
    )
    return {
        row.rm_id: (int(row.open), int(row.overdue or 0))
        for row in session.execute(query)
        if row.rm_id is not None
    }


def _moves_in_scope(principal: Principal, since: dt.date) -> Select[Any]:
    return scope_parties(
        select(
            Party.rm_id,
            Transition.party_id,
            Party.name.label("party_name"),
            Party.kind.label("party_kind"),
            Transition.from_stage,
            Transition.to_stage,
            Transition.direction,
            Transition.changed_on,
        )
        .select_from(Transition)
        .join(Party, Party.id == Transition.party_id)
        .where(Transition.changed_on >= since),
        principal,
    )


def moves_by_rm(
    session: Session, principal: Principal, since: dt.date
) -> dict[str, dict[TransitionDirection, int]]:
    """Stage moves since ``since`` in scope, counted by RM and direction."""
    moves = _moves_in_scope(principal, since).subquery()
    query = select(moves.c.rm_id, moves.c.direction, func.count().label("moves")).group_by(
        moves.c.rm_id, moves.c.direction
    )
    counts: dict[str, dict[TransitionDirection, int]] = {}
    for row in session.execute(query):
        if row.rm_id is not None:
            counts.setdefault(row.rm_id, {})[TransitionDirection(row.direction)] = row.moves
    return counts


def latest_moves(session: Session, principal: Principal, since: dt.date, per_rm: int) -> list[Any]:
    """Each RM's ``per_rm`` latest stage moves since ``since`` in scope, newest first."""
    order = func.row_number().over(
        partition_by=Party.rm_id,
        order_by=(Transition.changed_on.desc(), Transition.party_id),
    )
    moves = _moves_in_scope(principal, since).add_columns(order.label("nth")).subquery()
    query = (
        select(moves)
        .where(moves.c.nth <= per_rm)
        .order_by(moves.c.rm_id, moves.c.changed_on.desc(), moves.c.party_id)
    )
    return list(session.execute(query))
