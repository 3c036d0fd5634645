"""The pipeline, one application's detail and the managers' dashboard, as the caller may see
them (principal None: the command line, the store's operator). Amounts masked."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Permission, Principal
from bankladder.access.scope import visible_party
from bankladder.config import Settings
from bankladder.ladder.model import Text
from bankladder.loans import allocation, repository, shown
from bankladder.loans.schemas import (
    ApplicationDetail,
    Dashboard,
    DocumentShown,
    LoanProduct,
    MoveOffered,
    MoveShown,
    PartyShown,
    Pipeline,
    RmLine,
    StepLine,
)
from bankladder.loans.service import (
    RECEIVING,
    SUPPLEMENT,
    SUPPLEMENT_NAME,
    clock,
    file_of,
    mover,
    sla_alerts,
)
from bankladder.loans.turnaround import Journey, Move, bottleneck, per_rm, per_step
from bankladder.loans.workflow import DECISIONS, NAMES, ORDER, moves_for
from bankladder.privacy.masking import party_name
from bankladder.store.models import LoanApplication
from bankladder.store.vocabulary import UserRole


def pipeline(
    session: Session,
    settings: Settings,
    principal: Principal | None,
    now: dt.datetime,
    *,
    status: str | None = None,
    sla_state: str | None = None,
) -> Pipeline:
    """Applications in scope, newest first, filtered by status and SLA state; the counts
    by status and by SLA state are of the whole scope."""
    reading = clock(session, settings, now)
    every = [shown.application(reading, row) for row in repository.applications(session, principal)]
    listed = [
        a
        for a in every
        if (not status or a.status == status)
        and (not sla_state or (a.sla is not None and a.sla.state == sla_state))
    ]
    return Pipeline(
        applications=tuple(listed),
        by_status=dict(Counter(a.status for a in every)),
        by_sla=dict(Counter(a.sla.state for a in every if a.sla is not None)),
    )


def detail(
    session: Session,
    settings: Settings,
    principal: Principal,
    application_id: str,
    now: dt.datetime,
) -> ApplicationDetail:
    row = repository.application(session, principal, application_id)
    loan: LoanApplication = row.LoanApplication
    offered = moves_for(file_of(session, loan), mover(session, settings, principal))
    moves = sorted(
        repository.moves(session, [loan.id]),
        key=lambda m: (m.LoanMove.at, ORDER.index(m.LoanMove.to_status), m.LoanMove.id),
    )
    open_for_documents = loan.status in RECEIVING
    decides = any(to in DECISIONS for to in offered)  # a checker sees the amount to decide
    return ApplicationDetail(
        application=shown.application(clock(session, settings, now), row, amount_in_full=decides),
        moves=tuple(_move(m) for m in moves),
        documents=_documents(session, loan),
        offered=tuple(MoveOffered(to.value, NAMES[to], to in DECISIONS) for to in offered),
        may_receive=open_for_documents and principal.may(Permission.PARTIES_WORK),
    )


def _move(row: Row[Any]) -> MoveShown:
    move = row.LoanMove
    return MoveShown(
        from_status=None if move.from_status is None else move.from_status.value,
        to_status=move.to_status.value,
        to_name=NAMES[move.to_status],
        at=move.at,
        by=row.username or move.actor,
    )


def _documents(session: Session, loan: LoanApplication) -> tuple[DocumentShown, ...]:
    have = repository.received(session, loan.id)
    listed = [
        DocumentShown(d.code, Text(d.name_zh, d.name_en), d.required, have.get(d.code))
        for d in repository.checklist(session, loan.product_code)
    ]
    listed.append(DocumentShown(SUPPLEMENT, SUPPLEMENT_NAME, False, have.get(SUPPLEMENT)))
    return tuple(listed)


def party(session: Session, principal: Principal, party_id: str) -> PartyShown:
    """The party an application is registered for, if in scope (NotFound otherwise)."""
    found = visible_party(session, principal, party_id)
    return PartyShown(found.id, party_name(found.name, found.kind.value), found.rm_id)


def loan_products(session: Session) -> tuple[LoanProduct, ...]:
    return tuple(
        LoanProduct(p.code, Text(p.name_zh, p.name_en), p.sla_working_days)
        for p in repository.loan_products(session)
    )


def journeys(session: Session, principal: Principal | None) -> list[Journey]:
    rows = repository.applications(session, principal)
    moves: dict[str, list[Move]] = {}
    for m in repository.moves(session, [r.LoanApplication.id for r in rows]):
        moves.setdefault(m.LoanMove.application_id, []).append(
            Move(m.LoanMove.to_status, m.LoanMove.at)
        )
    return [_journey(row.LoanApplication, moves.get(row.LoanApplication.id, [])) for row in rows]


def _journey(loan: LoanApplication, moves: Sequence[Move]) -> Journey:
    return Journey(loan.id, loan.rm_id, loan.received_at, loan.status, tuple(moves))


def dashboard(
    session: Session,
    settings: Settings,
    principal: Principal | None,
    now: dt.datetime,
    year: int | None = None,
) -> Dashboard:
    """Turnaround per RM and per step, the bottleneck in words, breaches and near-breaches,
    and the quotas of the year, over the caller's scope."""
    reading = clock(session, settings, now)
    found = journeys(session, principal) if _reads_parties(principal) else []
    steps = per_step(reading.calendar, found, now)
    when = year or now.year
    return Dashboard(
        year=when,
        per_rm=tuple(
            RmLine(r.rm_id, r.count, r.open, round(r.median_days, 2))
            for r in per_rm(reading.calendar, found, now)
        ),
        per_step=tuple(_step(s) for s in steps),
        bottleneck=_bottleneck(steps),
        alerts=tuple(
            sla_alerts(session, principal, now, settings) if _reads_parties(principal) else []
        ),
        quotas=allocation.quotas(session, principal, when),
        may_set_quota=allocation.may_set(principal),
    )


def sees_dashboard(principal: Principal) -> bool:
    """Managers, the auditor and the approver see the dashboard; an admin its quotas only."""
    return principal.role in (UserRole.MANAGER, UserRole.AUDITOR, UserRole.APPROVER, UserRole.ADMIN)


def _reads_parties(principal: Principal | None) -> bool:
    return principal is None or principal.may(Permission.PARTIES_READ)


def _step(step: Any) -> StepLine:
    return StepLine(
        step.step.value,
        NAMES[step.step],
        step.count,
        round(step.median_days, 2),
        round(step.total_days, 2),
        round(step.share, 4),
    )


def _bottleneck(steps: Sequence[Any]) -> Text | None:
    worst = bottleneck(steps)
    if worst is None:
        return None
    name, share = NAMES[worst.step], worst.share * 100
    return Text(
        f"最耗时的环节是“{name.zh}”：占全部办理时间的 {share:.0f}%，"
        f"中位 {worst.median_days:.1f} 个工作日",
        f"The step that eats the most time is {name.en}: {share:.0f}% of all the time, "
        f"median {worst.median_days:.1f} working days",
    )
