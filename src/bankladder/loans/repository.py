"""Every query of the loan pipeline. With a user (web, API) each application query goes
through ``access.scope`` on the application's party; ``principal`` None is the command line,
which reads the whole store as the store's operator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Row, Select, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_party_owned
from bankladder.errors import NotFound
from bankladder.loans.quota import Allocation, Approval
from bankladder.store.models import (
    Branch,
    CreditQuota,
    LoanApplication,
    LoanDocument,
    LoanDocumentReceived,
    LoanMove,
    Party,
    Product,
    RelationshipManager,
    UserAccount,
    WorkingCalendar,
)
from bankladder.store.vocabulary import LoanStatus

Query = TypeVar("Query", bound=Select[Any])


def _scoped(query: Query, principal: Principal | None) -> Query:
    if principal is None:
        return query
    return scope_party_owned(query, LoanApplication.party_id.expression, principal)


def _listed() -> Select[Any]:
    return (
        select(
            LoanApplication,
            Party.name.label("party_name"),
            Party.kind.label("party_kind"),
            Product.name_zh,
            Product.name_en,
            Product.sla_working_days,
        )
        .join(Party, Party.id == LoanApplication.party_id)
        .join(Product, Product.code == LoanApplication.product_code)
    )


def applications(
    session: Session,
    principal: Principal | None,
    statuses: Collection[LoanStatus] | None = None,
    *,
    ids: Collection[str] | None = None,
) -> Sequence[Row[Any]]:
    """Applications in scope (of ``statuses``, or with ``ids``), newest received first."""
    query = _scoped(_listed(), principal)
    if statuses is not None:
        query = query.where(LoanApplication.status.in_(sorted(statuses)))
    if ids is not None:
        query = query.where(LoanApplication.id.in_(sorted(ids)))
    order = (LoanApplication.received_at.desc(), LoanApplication.id)
    return session.execute(query.order_by(*order)).all()


def application(session: Session, principal: Principal | None, application_id: str) -> Row[Any]:
    """One application with its party and product; NotFound when unknown or out of scope."""
    rows = applications(session, principal, ids=[application_id])
    if not rows:
        raise NotFound(f"no loan application {application_id!r}", fix="check its number")
    return rows[0]


def moves(session: Session, application_ids: Collection[str]) -> Sequence[Row[Any]]:
    """The moves of the applications (already scoped by the caller), oldest first, with the
    username of the user who made each."""
    if not application_ids:
        return []
    query = (
        select(LoanMove, UserAccount.username)
        .outerjoin(UserAccount, UserAccount.id == LoanMove.user_id)
        .where(LoanMove.application_id.in_(sorted(application_ids)))
        .order_by(LoanMove.application_id, LoanMove.at, LoanMove.id)
    )
    return session.execute(query).all()


def checklist(session: Session, product_code: str) -> Sequence[LoanDocument]:
    query = select(LoanDocument).where(LoanDocument.product_code == product_code)
    return session.scalars(query.order_by(LoanDocument.position, LoanDocument.code)).all()


def received(session: Session, application_id: str) -> dict[str, dt.datetime]:
    query = select(LoanDocumentReceived.document_code, LoanDocumentReceived.received_at).where(
        LoanDocumentReceived.application_id == application_id
    )
    return {row.document_code: row.received_at for row in session.execute(query)}


def add_received(
    session: Session, application_id: str, code: str, at: dt.datetime, user_id: int
) -> None:
    row = LoanDocumentReceived(
        application_id=application_id, document_code=code, received_at=at, user_id=user_id
    )
    session.add(row)
    session.flush()


def calendar(session: Session) -> dict[dt.date, bool]:
    query = select(WorkingCalendar.day, WorkingCalendar.working)
    return {row.day: row.working for row in session.execute(query)}


def product(session: Session, code: str) -> Product | None:
    return session.get(Product, code)


def has_checklist(session: Session, code: str) -> bool:
    query = select(func.count()).select_from(LoanDocument).where(LoanDocument.product_code == code)
    return bool(session.scalar(query))


def ids_starting_with(session: Session, prefix: str) -> list[str]:
    pattern = prefix.replace("%", r"\%").replace("_", r"\_") + "%"
    query = select(LoanApplication.id).where(LoanApplication.id.like(pattern, escape="\\"))
    return list(session.scalars(query))


def insert_unless_taken(session: Session, values: dict[str, Any]) -> bool:
    """Insert the application; False when its id was taken meanwhile."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(LoanApplication)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[LoanApplication.id])
        .returning(LoanApplication.id)
    )
    return session.execute(statement).first() is not None


def move_status(
    session: Session, application_id: str, version: int, to: LoanStatus, at: dt.datetime
) -> bool:
    """Set the status and raise the version in one UPDATE that checks the version and the
    status it is based on: False when another change came first."""
    statement = (
        update(LoanApplication)
        .where(LoanApplication.id == application_id, LoanApplication.version == version)
        .values(status=to, status_at=at, version=LoanApplication.version + 1)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(session.execute(statement), "rowcount", 0) or 0) == 1


def add_move(
    session: Session,
    application_id: str,
    from_status: LoanStatus | None,
    to: LoanStatus,
    at: dt.datetime,
    user_id: int | None,
) -> None:
    session.add(
        LoanMove(
            application_id=application_id,
            from_status=from_status,
            to_status=to,
            at=at,
            user_id=user_id,
        )
    )
    session.flush()


def rm_branch(session: Session, rm_id: str) -> str | None:
    return session.scalar(
        select(RelationshipManager.branch_id).where(RelationshipManager.id == rm_id)
    )


def allocations(session: Session, year: int, branch_id: str | None = None) -> list[Allocation]:
    query = select(CreditQuota).where(CreditQuota.year == year)
    if branch_id is not None:
        query = query.where(CreditQuota.branch_id == branch_id)
    return [
        Allocation(q.year, q.branch_id, q.rm_id, Decimal(q.allocated))
        for q in session.scalars(query)
    ]


def approvals(session: Session, year: int, branch_id: str | None = None) -> list[Approval]:
    """Applications approved or disbursed, dated by their approval move (the status time when
    an extract brought no approval move), approved in ``year``, with their RM's branch."""
    approved_at = (
        select(LoanMove.application_id, func.max(LoanMove.at).label("at"))
        .where(LoanMove.to_status == LoanStatus.APPROVED)
        .group_by(LoanMove.application_id)
        .subquery()
    )
    day = func.coalesce(approved_at.c.at, LoanApplication.status_at)
    start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    query = (
        select(RelationshipManager.branch_id, LoanApplication.rm_id, LoanApplication.amount, day)
        .join(RelationshipManager, RelationshipManager.id == LoanApplication.rm_id)
        .outerjoin(approved_at, approved_at.c.application_id == LoanApplication.id)
        .where(
            LoanApplication.status.in_([LoanStatus.APPROVED, LoanStatus.DISBURSED]),
            day >= start,
            day < end,
        )
    )
    if branch_id is not None:
        query = query.where(RelationshipManager.branch_id == branch_id)
    return [
        Approval(branch, rm, Decimal(amount), _as_datetime(at).date())
        for branch, rm, amount, at in session.execute(query)
    ]


def _as_datetime(value: Any) -> dt.datetime:
    """SQLite hands back coalesce() of two DateTime columns as text."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def set_allocation(
    session: Session, year: int, branch_id: str, rm_id: str | None, amount: Decimal
) -> None:
    query = select(CreditQuota).where(
        CreditQuota.year == year,
        CreditQuota.branch_id == branch_id,
        CreditQuota.rm_id.is_(None) if rm_id is None else CreditQuota.rm_id == rm_id,
    )
    found = session.scalar(query)
    if found is None:
        session.add(CreditQuota(year=year, branch_id=branch_id, rm_id=rm_id, allocated=amount))
    else:
        found.allocated = amount
    session.flush()


def branch_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Branch.id)))


def loan_products(session: Session) -> Sequence[Product]:
    """Loan products an application may be registered for: with an SLA or a checklist."""
    listed = select(LoanDocument.product_code)
    query = select(Product).where(
        Product.family == "loan",
        Product.sla_working_days.is_not(None) | Product.code.in_(listed),
    )
    return session.scalars(query.order_by(Product.code)).all()
