"""Every query the evaluation feature makes of the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bankladder.store.bulk import in_chunks, insert_many
from bankladder.store.models import Action, ActionFeedback, Assessment, Bank, Transition
from bankladder.store.vocabulary import ActionStatus, FeedbackOutcome

LIVE = (ActionStatus.OPEN, ActionStatus.SNOOZED)


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def bank_profile(session: Session) -> str | None:
    return session.scalar(select(Bank.profile).order_by(Bank.id).limit(1))


def latest_assessment_date(session: Session) -> dt.date | None:
    return session.scalar(select(func.max(Assessment.as_of)))


def guard_facts(
    session: Session, party_ids: Collection[str], as_of: dt.date
) -> dict[str, dict[str, Any]]:
    """The guard rails' facts of each party at its latest assessment on or before ``as_of``
    (kept in the evidence by the evaluation)."""
    found: dict[str, dict[str, Any]] = {}
    for chunk in in_chunks(sorted(party_ids)):
        latest = (
            select(Assessment.party_id, func.max(Assessment.as_of).label("on"))
            .where(Assessment.party_id.in_(chunk), Assessment.as_of <= as_of)
            .group_by(Assessment.party_id)
            .subquery()
        )
        rows = session.execute(
            select(Assessment.party_id, Assessment.evidence).join(
                latest,
                (Assessment.party_id == latest.c.party_id) & (Assessment.as_of == latest.c.on),
            )
        )
        found.update({party: dict(evidence.get("guards", {})) for party, evidence in rows})
    return found


def stages_before(
    session: Session, as_of: dt.date, party_ids: Sequence[str] | None
) -> dict[str, tuple[str | None, int]]:
    """Each party's (stage, rank) at its latest assessment strictly before ``as_of``."""
    latest = (
        select(Assessment.party_id, func.max(Assessment.as_of).label("as_of"))
        .where(Assessment.as_of < as_of)
        .group_by(Assessment.party_id)
    )
    if party_ids is not None:
        latest = latest.where(Assessment.party_id.in_(bindparam("ids", expanding=True)))
    latest_sq = latest.subquery()
    query = select(Assessment.party_id, Assessment.stage_id, Assessment.stage_rank).join(
        latest_sq,
        (Assessment.party_id == latest_sq.c.party_id) & (Assessment.as_of == latest_sq.c.as_of),
    )
    if party_ids is None:
        rows: Iterable[Any] = session.execute(query)
    else:
        rows = (r for chunk in in_chunks(party_ids) for r in session.execute(query, {"ids": chunk}))
    return {r.party_id: (r.stage_id, r.stage_rank) for r in rows}


def _delete_for(
    session: Session, statement: Any, column: Any, party_ids: Sequence[str] | None
) -> None:
    if party_ids is None:
        session.execute(statement)
        return
    for chunk in in_chunks(party_ids):
        session.execute(statement.where(column.in_(chunk)))


def replace_assessments(
    session: Session, as_of: dt.date, rows: list[dict[str, Any]], party_ids: Sequence[str] | None
) -> None:
    stale = delete(Assessment).where(Assessment.as_of == as_of)
    _delete_for(session, stale, Assessment.party_id, party_ids)
    if rows:
        insert_many(session, _table(Assessment), rows)


def replace_transitions(
    session: Session, as_of: dt.date, rows: list[dict[str, Any]], party_ids: Sequence[str] | None
) -> None:
    stale = delete(Transition).where(Transition.changed_on == as_of)
    _delete_for(session, stale, Transition.party_id, party_ids)
    if rows:
        insert_many(session, _table(Transition), rows)


INTRODUCTION = "introduce:"
"""How the criterion of an action the network proposes begins (``introduce:<prospect id>``):
the engine's sync and the network's each see only their own live actions, so neither resolves
the other's."""


def live_actions(
    session: Session, party_ids: Sequence[str] | None, *, introductions: bool = False
) -> dict[tuple[str, str], int]:
    """The open or snoozed action of each (party, criterion), by id: the engine's, or with
    ``introductions`` the network's ``introduce:`` ones."""
    theirs = Action.criterion_id.startswith(INTRODUCTION, autoescape=True)
    query = select(Action.id, Action.party_id, Action.criterion_id).where(
        Action.status.in_(LIVE), theirs if introductions else ~theirs
    )
    if party_ids is None:
        rows: Iterable[Any] = session.execute(query)
    else:
        rows = (
            r
            for chunk in in_chunks(party_ids)
            for r in session.execute(query.where(Action.party_id.in_(chunk)))
        )
    return {(r.party_id, r.criterion_id): r.id for r in rows}


def dismissed_since(
    session: Session, since: dt.datetime, party_ids: Sequence[str] | None
) -> set[tuple[str, str]]:
    """The (party, criterion) of each action answered "not relevant" at or after ``since``.
    Read from the answers (few rows, kept apart from the actions), not by scanning actions."""
    query = (
        select(Action.party_id, Action.criterion_id)
        .join(ActionFeedback, ActionFeedback.action_id == Action.id)
        .where(
            ActionFeedback.outcome == FeedbackOutcome.NOT_RELEVANT,
            ActionFeedback.at >= since,
            Action.status == ActionStatus.DISMISSED,
        )
    )
    if party_ids is None:
        rows: Iterable[Any] = session.execute(query)
    else:
        rows = (
            r
            for chunk in in_chunks(party_ids)
            for r in session.execute(query.where(Action.party_id.in_(chunk)))
        )
    return {(r.party_id, r.criterion_id) for r in rows}


def add_actions(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        insert_many(session, _table(Action), rows)


REFRESHED = (
    "rm_id",
    "kind",
    "target_stage",
    "reason_zh",
    "reason_en",
    "priority",
    "updated_on",
    "blocked_by",
    "blocked_zh",
    "blocked_en",
)


SEEN = ("kind", "target_stage", "reason_zh", "reason_en", "blocked_by", "blocked_zh")
"""What an RM reads of an action and answers: a refresh that changes one raises the version."""


def refresh_actions(session: Session, rows: list[dict[str, Any]]) -> None:
    """Update live actions in place (status and due date stay as the RM left them), in one
    executemany UPDATE. One whose words change gets a new version (its ETag), so an answer
    given to what the RM saw before is refused (412); the same refresh again changes nothing."""
    if not rows:
        return
    column = _table(Action).c
    changed = or_(*(column[name].is_distinct_from(bindparam(f"new_{name}")) for name in SEEN))
    statement = (
        update(_table(Action))
        .where(column.id == bindparam("_pk"))
        .values(
            version=case((changed, column.version + 1), else_=column.version),
            **{name: bindparam(f"new_{name}") for name in REFRESHED},
        )
    )
    params = [{"_pk": r["action_id"], **{f"new_{n}": r[n] for n in REFRESHED}} for r in rows]
    session.connection().execute(statement, params)


def resolve_actions(session: Session, action_ids: Collection[int], on: dt.date) -> None:
    """Close live actions the engine no longer proposes: their criterion is met or moot."""
    for chunk in in_chunks(sorted(action_ids)):
        session.execute(
            update(Action)
            .where(Action.id.in_(chunk))
            .values(status=ActionStatus.RESOLVED, updated_on=on, version=Action.version + 1)
        )
