"""A favour as an RM typed it, checked field by field (pure): each refusal is a code the
page says in words and a detail the API returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bankladder.reciprocity.ledger import cents
from bankladder.reciprocity.schemas import NewBenefit, Problem
from bankladder.store.vocabulary import BenefitKind

NOTE_MAX = 500
WORTH_MAX = Decimal("1000000000000")  # CNY a year: beyond it, a typo


@dataclass(frozen=True)
class CheckedBenefit:
    kind: BenefitKind
    given_on: dt.date
    worth: Decimal | None
    counterpart_id: str | None
    note: str | None


def checked_benefit(
    new: NewBenefit, party_id: str, today: dt.date
) -> tuple[CheckedBenefit | None, list[Problem]]:
    """The favour ready to save, or the problems that refuse it (nothing is saved then)."""
    problems: list[Problem] = []
    kind = _kind(new.kind, problems)
    given_on = _given_on(new.given_on, today, problems)
    worth = _worth(new.worth, problems)
    counterpart = _text(new.counterpart_id)
    note = _text(new.note)
    if kind is BenefitKind.INTRODUCTION and counterpart is None:
        problems.append(Problem("counterpart_id", "required", "name the party introduced"))
    if counterpart == party_id:
        problems.append(
            Problem("counterpart_id", "same_party", "a party is not introduced to itself")
        )
    if kind is BenefitKind.GIFT and worth is None and "worth" not in {p.field for p in problems}:
        problems.append(Problem("worth", "gift_worth", "a gift states its worth in CNY"))
    if note is not None and len(note) > NOTE_MAX:
        problems.append(Problem("note", "too_long", f"at most {NOTE_MAX} characters"))
    if problems or kind is None or given_on is None:
        return None, problems
    return CheckedBenefit(kind, given_on, worth, counterpart, note), problems


def _text(value: str | None) -> str | None:
    stripped = (value or "").strip()
    return stripped or None


def _kind(value: str, problems: list[Problem]) -> BenefitKind | None:
    try:
        return BenefitKind(value.strip())
    except ValueError:
        kinds = ", ".join(kind.value for kind in BenefitKind)
        problems.append(Problem("kind", "kind", f"choose one of: {kinds}"))
        return None


def _given_on(
    value: dt.date | str | None, today: dt.date, problems: list[Problem]
) -> dt.date | None:
    if value is None or value == "":
        return today
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value.strip())
    except ValueError:
        problems.append(Problem("given_on", "date", "write the date as YYYY-MM-DD"))
        return None
    if day > today:
        problems.append(Problem("given_on", "future", "a favour given cannot be dated later"))
        return None
    return day


def _worth(value: Decimal | str | None, problems: list[Problem]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(value.strip().replace(",", ""))
    except InvalidOperation:
        problems.append(Problem("worth", "amount", "write the worth as a number of CNY"))
        return None
    if not amount.is_finite() or amount < 0 or amount > WORTH_MAX:
        problems.append(Problem("worth", "amount", "the worth is a CNY amount of 0 or more"))
        return None
    return cents(amount)
