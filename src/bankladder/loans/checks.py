"""A new application as typed, checked field by field (pure): the amount a positive number of
CNY, the time received not in the future; each refusal a code and a detail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bankladder.loans.schemas import NewApplication, Problem

AMOUNT_MAX = Decimal("100000000000")  # CNY: beyond it, a typo
CENT = Decimal("0.01")


@dataclass(frozen=True)
class CheckedApplication:
    product_code: str
    amount: Decimal
    received_at: dt.datetime


def checked_application(
    new: NewApplication, now: dt.datetime
) -> tuple[CheckedApplication | None, list[Problem]]:
    problems: list[Problem] = []
    code = (new.product_code or "").strip()
    if not code:
        problems.append(Problem("product_code", "required", "choose a loan product"))
    amount = _amount(new.amount, problems)
    received_at = _received_at(new.received_at, now, problems)
    if problems or amount is None or received_at is None:
        return None, problems
    return CheckedApplication(code, amount, received_at), problems


def _amount(value: Decimal | str, problems: list[Problem]) -> Decimal | None:
    try:
        text = value if isinstance(value, Decimal) else (value or "").strip().replace(",", "")
        amount = Decimal(text)
    except InvalidOperation:
        problems.append(Problem("amount", "amount", "write the amount as a number of CNY"))
        return None
    if not amount.is_finite() or amount <= 0 or amount > AMOUNT_MAX:
        problems.append(Problem("amount", "amount", "the amount is a CNY amount above 0"))
        return None
    return amount.quantize(CENT)


def _received_at(
    value: dt.datetime | str | None, now: dt.datetime, problems: list[Problem]
) -> dt.datetime | None:
    if value is None or value == "":
        return now.replace(second=0, microsecond=0)
    try:
        at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value.strip())
    except ValueError:
        problems.append(Problem("received_at", "datetime", "write it as YYYY-MM-DDTHH:MM"))
        return None
    if at.tzinfo is not None:
        problems.append(Problem("received_at", "datetime", "give the bank's local time, no zone"))
        return None
    if at > now:
        problems.append(Problem("received_at", "future", "an application cannot be received later"))
        return None
    return at
