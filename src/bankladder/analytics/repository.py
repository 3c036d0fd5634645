"""The snapshot's rows read from the store, each party query narrowed by ``access.scope``
(principal None: the command line, as the store's operator, reads every party)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa
from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import party_condition
from bankladder.ladder.model import Ladder
from bankladder.privacy.masking import party_name
from bankladder.store.models import (
    Action,
    ActionFeedback,
    Interaction,
    LoanApplication,
    LoanMove,
    Party,
    Referral,
    RelationshipManager,
    Transition,
)


def _in_scope(principal: Principal | None) -> Any:
    return party_condition(principal) if principal is not None else and_(True)


def _arrow(rows: Iterable[Sequence[Any]], names: Sequence[str]) -> pa.Table:
    columns: list[list[Any]] = [[] for _ in names]
    for row in rows:
        for values, value in zip(columns, row, strict=True):
            values.append(value)
    return pa.table(dict(zip(names, columns, strict=True)))


def _read(session: Session, query: Select[Any], names: Sequence[str]) -> pa.Table:
    return _arrow(session.execute(query), names)


def rms(session: Session) -> pa.Table:
    query = select(RelationshipManager.id, RelationshipManager.name, RelationshipManager.branch_id)
    return _read(session, query, ("rm_id", "name", "branch_id"))


def parties(session: Session, principal: Principal | None) -> pa.Table:
    query = (
        select(
            Party.id,
            Party.kind,
            Party.name,
            Party.rm_id,
            RelationshipManager.branch_id,
            Party.segment,
            Party.industry_code,
            Party.customer_since,
        )
        .outerjoin(RelationshipManager, RelationshipManager.id == Party.rm_id)
        .where(_in_scope(principal))
    )
    shown = (
        (r.id, str(r.kind), party_name(r.name, str(r.kind)), *r[3:]) for r in session.execute(query)
    )
    names = (
        "party_id",
        "kind",
        "name",
        "rm_id",
        "branch_id",
        "segment",
        "industry_code",
        "customer_since",
    )
    return _arrow(shown, names)


def transitions(session: Session, principal: Principal | None, ladder: Ladder) -> pa.Table:
    """Every transition of a party in scope, stage ids read as the ladder's ranks; a stage the
    ladder no longer has (an older playbook's) is left out."""
    ranks: dict[str | None, int] = {None: 0, **{s.id: s.rank for s in ladder.stages}}
    query = (
        select(
            Transition.party_id, Transition.from_stage, Transition.to_stage, Transition.changed_on
        )
        .join(Party, Party.id == Transition.party_id)
        .where(_in_scope(principal))
    )
    known = (
        (r.party_id, ranks[r.from_stage], ranks[r.to_stage], r.changed_on)
        for r in session.execute(query)
        if r.from_stage in ranks and r.to_stage in ranks
    )
    return _arrow(known, ("party_id", "from_rank", "to_rank", "changed_on"))


def contacts(session: Session, principal: Principal | None, since: dt.date) -> pa.Table:
    query = (
        select(Interaction.party_id, Interaction.rm_id, Interaction.kind, Interaction.occurred_at)
        .join(Party, Party.id == Interaction.party_id)
        .where(_in_scope(principal), Interaction.occurred_at >= _midnight(since))
    )
    rows = ((r[0], r[1], str(r[2]), r[3].date()) for r in session.execute(query))
    return _arrow(rows, ("party_id", "logged_by", "kind", "occurred_on"))


def answers(session: Session, principal: Principal | None, since: dt.date) -> pa.Table:
    query = (
        select(Action.party_id, Action.rm_id, ActionFeedback.outcome, ActionFeedback.at)
        .join(Action, Action.id == ActionFeedback.action_id)
        .join(Party, Party.id == Action.party_id)
        .where(_in_scope(principal), ActionFeedback.at >= _midnight(since))
    )
    rows = ((r[0], r[1], str(r[2]), r[3].date()) for r in session.execute(query))
    return _arrow(rows, ("party_id", "action_rm_id", "outcome", "answered_on"))


def referrals(session: Session, principal: Principal | None) -> pa.Table:
    """Referrals made by a party in scope."""
    query = (
        select(
            Referral.referrer_id,
            Referral.referee_id,
            Referral.referred_on,
            Referral.converted_on,
            Referral.status,
        )
        .join(Party, Party.id == Referral.referrer_id)
        .where(_in_scope(principal))
    )
    rows = ((*r[:4], str(r[4])) for r in session.execute(query))
    return _arrow(rows, ("referrer_id", "referee_id", "referred_on", "converted_on", "status"))


def loans(session: Session, principal: Principal | None) -> tuple[pa.Table, pa.Table]:
    """Loan applications of parties in scope, and their moves."""
    query = (
        select(
            LoanApplication.id,
            LoanApplication.party_id,
            LoanApplication.rm_id,
            LoanApplication.status,
            LoanApplication.received_at,
            LoanApplication.status_at,
        )
        .join(Party, Party.id == LoanApplication.party_id)
        .where(_in_scope(principal))
    )
    rows = ((*r[:3], str(r[3]), r[4], r[5]) for r in session.execute(query))
    applications = _arrow(
        rows, ("application_id", "party_id", "rm_id", "status", "received_at", "status_at")
    )
    moves_query = (
        select(LoanMove.application_id, LoanMove.from_status, LoanMove.to_status, LoanMove.at)
        .join(LoanApplication, LoanApplication.id == LoanMove.application_id)
        .join(Party, Party.id == LoanApplication.party_id)
        .where(_in_scope(principal))
    )
    move_rows = (
        (r[0], str(r[1]) if r[1] is not None else None, str(r[2]), r[3])
        for r in session.execute(moves_query)
    )
    moves = _arrow(move_rows, ("application_id", "from_status", "to_status", "moved_at"))
    return applications, moves


def history_span(session: Session) -> tuple[dt.date | None, dt.date | None]:
    """The days of the oldest and the newest transition in the store."""
    oldest, newest = session.execute(
        select(func.min(Transition.changed_on), func.max(Transition.changed_on))
    ).one()
    return oldest, newest


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())
