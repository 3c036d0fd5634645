"""An application as pages, the API and the command line show it: its SLA on the bank's
calendar as of now, its amount masked unless unmasked, its party's name masked for a person;
and an SLA alert's reason in both languages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Row

from bankladder.ladder.model import Text
from bankladder.loans.calendar import Sla, WorkingCalendar, sla
from bankladder.loans.schemas import ApplicationShown, SlaAlert, SlaShown
from bankladder.loans.workflow import FINAL, NAMES
from bankladder.privacy.masking import MASKED_AMOUNT, party_name
from bankladder.store.models import LoanApplication
from bankladder.store.vocabulary import LoanStatus


@dataclass(frozen=True)
class Clock:
    """What an SLA is read against: the bank's calendar, now, and the near-breach share."""

    calendar: WorkingCalendar
    now: dt.datetime
    near_share: float


def money(amount: Decimal, unmasked: bool = False) -> str:
    return f"{amount:,.2f}" if unmasked else MASKED_AMOUNT


def sla_of(clock: Clock, loan: LoanApplication, target: int | None) -> Sla | None:
    finished = loan.status_at if loan.status in FINAL else None
    return sla(
        clock.calendar,
        loan.received_at,
        target,
        clock.now,
        finished_at=finished,
        near_share=clock.near_share,
    )


def application(
    clock: Clock, row: Row[Any], *, unmasked: bool = False, amount_in_full: bool = False
) -> ApplicationShown:
    """The listed row (``repository.applications``) as shown; ``amount_in_full`` for a checker
    deciding it (who needs the amount to decide), the rest as ``unmasked`` says."""
    loan: LoanApplication = row.LoanApplication
    found = sla_of(clock, loan, row.sla_working_days)
    shown = None
    if found is not None:
        shown = SlaShown(found.target, found.deadline, round(found.used, 1), found.state.value)
    return ApplicationShown(
        id=loan.id,
        party_id=loan.party_id,
        party_name=row.party_name if unmasked else party_name(row.party_name, row.party_kind.value),
        product_code=loan.product_code,
        product=Text(row.name_zh, row.name_en),
        amount=money(Decimal(loan.amount), unmasked or amount_in_full),
        rm_id=loan.rm_id,
        status=loan.status.value,
        status_name=NAMES[loan.status],
        received_at=loan.received_at,
        status_at=loan.status_at,
        version=loan.version,
        sla=shown,
    )


def alert(shown: ApplicationShown) -> SlaAlert | None:
    """An alert for an open application breached or near breach; None otherwise."""
    found = shown.sla
    if found is None or found.state not in ("breached", "near_breach"):
        return None
    step = NAMES[LoanStatus(shown.status)]
    late = found.state == "breached"
    reason = Text(
        f"{shown.product.zh} {shown.id}：{'已超时，' if late else '即将超时，'}"
        f"已用 {found.used:.1f} 个工作日，时限 {found.target} 个工作日，卡在“{step.zh}”",
        f"{shown.product.en} {shown.id}: {'overdue, ' if late else 'nearly due, '}"
        f"{found.used:.1f} working days used of {found.target}, waiting in {step.en}",
    )
    return SlaAlert(shown.id, shown.party_id, shown.rm_id, found.state, found.deadline, reason)
