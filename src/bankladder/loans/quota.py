"""Credit quota per branch and per RM for a year (pure): allocated, used (the amounts of the
applications approved in the year, disbursed since or not, dated by their approval), available
(allocated - used, negative when overdrawn). A branch's RM allocations never add up to more
than the branch's own."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from bankladder.ladder.model import Text

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Allocation:
    year: int
    branch_id: str
    rm_id: str | None  # None: the branch's own quota
    allocated: Decimal


@dataclass(frozen=True)
class Approval:
    """An approved (or since disbursed) application: its RM's branch, RM, amount and the day
    of its approval."""

    branch_id: str
    rm_id: str | None
    amount: Decimal
    approved_on: dt.date


@dataclass(frozen=True)
class QuotaLine:
    branch_id: str
    rm_id: str | None
    allocated: Decimal
    used: Decimal

    @property
    def available(self) -> Decimal:
        return self.allocated - self.used


def quota_lines(
    year: int, allocations: Iterable[Allocation], approvals: Iterable[Approval]
) -> list[QuotaLine]:
    """One line per branch and per RM with an allocation or a use in ``year``: the branch's
    line first, then its RMs."""
    allocated: dict[tuple[str, str | None], Decimal] = defaultdict(lambda: ZERO)
    used: dict[tuple[str, str | None], Decimal] = defaultdict(lambda: ZERO)
    for allocation in allocations:
        if allocation.year == year:
            allocated[(allocation.branch_id, allocation.rm_id)] += allocation.allocated
    for approval in approvals:
        if approval.approved_on.year == year:
            used[(approval.branch_id, None)] += approval.amount
            if approval.rm_id is not None:
                used[(approval.branch_id, approval.rm_id)] += approval.amount
    keys = sorted(set(allocated) | set(used), key=lambda k: (k[0], k[1] is not None, k[1] or ""))
    return [QuotaLine(b, rm, allocated[(b, rm)], used[(b, rm)]) for b, rm in keys]


def allocation_refusal(
    branch_allocated: Decimal | None,
    rm_allocations: Mapping[str, Decimal],
    rm_id: str | None,
    amount: Decimal,
) -> Text | None:
    """Why setting ``rm_id``'s (None: the branch's) allocation to ``amount`` is refused: a
    negative amount, or the branch's RMs together getting more than the branch has."""
    if amount < 0:
        return Text("额度不能为负数", "a quota cannot be negative")
    others = sum((a for rm, a in rm_allocations.items() if rm != rm_id), ZERO)
    branch = amount if rm_id is None else branch_allocated
    rms = others if rm_id is None else others + amount
    if rms > (branch or ZERO):
        return Text(
            f"支行客户经理额度合计 {rms:,.2f} 将超过支行额度 {branch or ZERO:,.2f}",
            f"the branch's RMs would together get {rms:,.2f}, more than the branch's "
            f"{branch or ZERO:,.2f}",
        )
    return None
