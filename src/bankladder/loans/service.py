"""Use cases that change the loan pipeline: register an application for a party in scope,
record a checklist document received, move an application (the version checked and raised in
one UPDATE, a ``loan_move`` row, a ``loan.move`` audit event), set a credit quota; and the
reads My day and an approvals inbox need: ``sla_alerts`` and ``pending_for``. The caller owns
the transaction; services flush, never commit. Amounts (C2) never reach an audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Permission, Principal
from bankladder.access.scope import visible_party
from bankladder.audit import service as audit
from bankladder.config import Settings
from bankladder.errors import InvalidInput, StaleVersion
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.loans import repository, shown
from bankladder.loans.calendar import WorkingCalendar
from bankladder.loans.checks import checked_application
from bankladder.loans.schemas import (
    ApplicationRefused,
    NewApplication,
    PendingDecision,
    Problem,
    Refused,
    SlaAlert,
)
from bankladder.loans.workflow import OPEN, File, Mover, refusal
from bankladder.store.models import LoanApplication
from bankladder.store.vocabulary import LoanStatus

PREFIX = "LA"
"""A loan application registered in the workbench: LA, the day (YYYYMMDD), a 4-digit sequence."""
ID_ATTEMPTS = 20
LOAN_FAMILY = "loan"
SUPPLEMENT = "SUPPLEMENT"
"""A supporting document beyond the checklist, which every application may receive."""
SUPPLEMENT_NAME = Text("其他补充材料", "other supporting document")
RECEIVING = (LoanStatus.RECEIVED, LoanStatus.DOCUMENTS_COMPLETE, LoanStatus.CREDIT_REVIEW)
"""Documents are received until the credit decision (a reviewer may ask for more)."""
NOT_RM_SIDE = Text("只有客户经理一方可以登记收到的资料", "only the RM side records documents")
DECIDED = Text("申请已有结论，不再登记资料", "the application is decided: no more documents")
NOT_LISTED = Text("该产品的清单没有这份资料", "no such document on the product's checklist")


def clock(session: Session, settings: Settings, now: dt.datetime) -> shown.Clock:
    calendar = WorkingCalendar(repository.calendar(session))
    return shown.Clock(calendar, now, settings.loan_near_breach_share)


def register(
    session: Session, principal: Principal, party_id: str, new: NewApplication, now: dt.datetime
) -> str:
    """Register an application for a party in scope; its id. The party's RM owns it."""
    party = visible_party(session, principal, party_id)
    checked, problems = checked_application(new, now)
    product = None if checked is None else repository.product(session, checked.product_code)
    if checked is not None and not _is_pipeline_product(session, product):
        problems.append(
            Problem("product_code", "product", "choose a loan product with a checklist or SLA")
        )
    if checked is None or problems:
        raise ApplicationRefused(problems)
    values = {
        "party_id": party.id,
        "product_code": checked.product_code,
        "amount": checked.amount,
        "rm_id": party.rm_id,
        "status": LoanStatus.RECEIVED,
        "received_at": checked.received_at,
        "status_at": checked.received_at,
    }
    application_id = _insert_with_new_id(session, values, now.date())
    repository.add_move(
        session, application_id, None, LoanStatus.RECEIVED, checked.received_at, principal.user_id
    )
    detail = {"party_id": party.id, "product_code": checked.product_code}
    audit.record(
        session, principal, "loan.register", "loan_application", application_id, now, detail=detail
    )
    return application_id


def _is_pipeline_product(session: Session, product: Any) -> bool:
    if product is None or product.family != LOAN_FAMILY:
        return False
    return product.sla_working_days is not None or repository.has_checklist(session, product.code)


def _insert_with_new_id(session: Session, values: dict[str, Any], today: dt.date) -> str:
    prefix = f"{PREFIX}{today:%Y%m%d}"
    for _ in range(ID_ATTEMPTS):
        taken = repository.ids_starting_with(session, prefix)
        numbers = [int(i[len(prefix) :]) for i in taken if i[len(prefix) :].isdigit()]
        application_id = f"{prefix}{max(numbers, default=0) + 1:04d}"
        if repository.insert_unless_taken(session, {**values, "id": application_id}):
            return application_id
    raise InvalidInput("too many applications are being registered at once", fix="send it again")


def receive_document(
    session: Session, principal: Principal, application_id: str, code: str, now: dt.datetime
) -> bool:
    """Record a checklist document (or a supplement) received for an application not yet
    decided; False when it was received already (nothing changes: receiving is idempotent)."""
    row = repository.application(session, principal, application_id)
    loan: LoanApplication = row.LoanApplication
    if not principal.may(Permission.PARTIES_WORK):
        raise Refused(NOT_RM_SIDE, where="document_code")
    if loan.status not in RECEIVING:
        raise Refused(DECIDED, where="document_code")
    codes = {d.code for d in repository.checklist(session, loan.product_code)} | {SUPPLEMENT}
    if code not in codes:
        raise Refused(NOT_LISTED, where="document_code")
    if code in repository.received(session, loan.id):
        return False
    repository.add_received(session, loan.id, code, now, principal.user_id)
    detail = {"document_code": code}
    audit.record(
        session, principal, "loan.document", "loan_application", loan.id, now, detail=detail
    )
    return True


def mover(session: Session, settings: Settings, principal: Principal) -> Mover:
    authority = bank_ladder(session, settings).authorities.of(principal.role.value)
    return Mover(
        principal.user_id,
        works_party=principal.may(Permission.PARTIES_WORK),
        decides=principal.may(Permission.APPROVALS_DECIDE),
        authority=None if authority is None else authority.loan_amount,
    )


def file_of(session: Session, loan: LoanApplication) -> File:
    """What the workflow's rules read of the application."""
    moves = [row.LoanMove for row in repository.moves(session, [loan.id])]
    registered = next((m.user_id for m in moves if m.from_status is None), None)
    submitted = [m.user_id for m in moves if m.to_status is LoanStatus.CREDIT_REVIEW]
    have = repository.received(session, loan.id)
    needed = repository.checklist(session, loan.product_code)
    missing = tuple(d.code for d in needed if d.required and d.code not in have)
    return File(
        loan.status, Decimal(loan.amount), registered, submitted[-1] if submitted else None, missing
    )


def move(
    session: Session,
    settings: Settings,
    principal: Principal,
    application_id: str,
    to: LoanStatus | str,
    version: int,
    now: dt.datetime,
) -> int:
    """Move the application to ``to`` as of now, based on ``version``; the new version.
    Refused in words when the move is not legal or not the caller's; StaleVersion when the
    application changed since ``version``."""
    row = repository.application(session, principal, application_id)
    loan: LoanApplication = row.LoanApplication
    target = _status(to)
    if loan.version != version:
        raise StaleVersion(f"loan application {loan.id} changed since version {version}")
    why = refusal(file_of(session, loan), target, mover(session, settings, principal))
    if why is not None:
        raise Refused(why, where="to_status")
    at = max(now, loan.status_at)
    if not repository.move_status(session, loan.id, version, target, at):
        raise StaleVersion(f"loan application {loan.id} changed since version {version}")
    repository.add_move(session, loan.id, loan.status, target, at, principal.user_id)
    detail = {"from": loan.status.value, "to": target.value, "party_id": loan.party_id}
    audit.record(session, principal, "loan.move", "loan_application", loan.id, at, detail=detail)
    return version + 1


def _status(value: LoanStatus | str) -> LoanStatus:
    try:
        return LoanStatus(value)
    except ValueError:
        raise InvalidInput(
            f"{value!r} is no step of a loan application",
            where="to_status",
            fix="choose one of: " + ", ".join(s.value for s in LoanStatus),
        ) from None


def sla_alerts(
    session: Session,
    principal: Principal | None,
    now: dt.datetime,
    settings: Settings | None = None,
) -> list[SlaAlert]:
    """Open applications in scope breached or near breach, most overdue first."""
    reading = clock(session, settings or Settings(), now)
    rows = repository.applications(session, principal, OPEN)
    found = [shown.alert(shown.application(reading, row)) for row in rows]
    alerts = [a for a in found if a is not None]
    return sorted(alerts, key=lambda a: (a.deadline, a.application_id))


def pending_for(
    session: Session, principal: Principal, settings: Settings | None = None
) -> list[PendingDecision]:
    """Applications in credit review, in scope, that the principal may approve or decline,
    the longest waiting first."""
    if not principal.may(Permission.APPROVALS_DECIDE):
        return []
    who = mover(session, settings or Settings(), principal)
    rows = repository.applications(session, principal, [LoanStatus.CREDIT_REVIEW])
    decidable = [
        _pending(row)
        for row in rows
        if refusal(file_of(session, row.LoanApplication), LoanStatus.DECLINED, who) is None
    ]
    return sorted(decidable, key=lambda p: (p.submitted_at, p.application_id))


def _pending(row: Row[Any]) -> PendingDecision:
    loan: LoanApplication = row.LoanApplication
    return PendingDecision(
        loan.id,
        loan.party_id,
        Text(row.name_zh, row.name_en),
        shown.money(Decimal(loan.amount)),
        loan.rm_id,
        loan.status_at,
    )
