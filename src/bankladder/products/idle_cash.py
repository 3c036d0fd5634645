"""Idle cash: money that sat on an enterprise's demand accounts month after month.

Pure. From the month-end balances of the demand-deposit holdings, summed per month, the amount
that never left over the last months is the lowest month-end total of those months. Walking
back from the newest month-end, the run is the longest (at most ``MAX_MONTHS``, consecutive
calendar months) whose lowest total stays at or above ``THRESHOLD``; at least ``MIN_MONTHS`` of
them make it idle. That money earns a demand rate while a negotiated deposit, a cash pool or a
short wealth plan would earn more: the RM acting as the enterprise's adviser says so.

A deposit product is term money, not demand, when its Chinese name says so (定期, 协定, 通知,
大额存单) or its English one does (time, term, negotiated, notice, certificate): bank catalogues
name them that way, and no column of the store says it otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from bankladder.products.schemas import IdleCash

THRESHOLD = Decimal("300000")
"""CNY that must have stayed on the demand accounts for the cash to count as idle."""
MIN_MONTHS, MAX_MONTHS = 3, 6
TERM_MARKS = (
    "定期",
    "协定",
    "通知",
    "大额存单",
    "time",
    "term",
    "negotiated",
    "notice",
    "certificate",
)

MonthTotal = tuple[dt.date, Decimal]
"""The first day of a month, and the demand balances at its end."""


def is_demand_deposit(family: str, name_zh: str, name_en: str) -> bool:
    """A deposit product whose names do not mark it as term money."""
    if family != "deposit":
        return False
    names = f"{name_zh} {name_en}".lower()
    return not any(mark in names for mark in TERM_MARKS)


def month_end_totals(snapshots: Iterable[tuple[int, dt.date, Decimal]]) -> list[MonthTotal]:
    """Per month, the sum over holdings of each holding's last snapshot of that month, from
    (holding id, day, amount); oldest month first."""
    last: dict[tuple[int, dt.date], tuple[dt.date, Decimal]] = {}
    for holding, day, amount in snapshots:
        key = (holding, day.replace(day=1))
        if key not in last or last[key][0] < day:
            last[key] = (day, amount)
    totals: dict[dt.date, Decimal] = {}
    for (_, month), (_, amount) in last.items():
        totals[month] = totals.get(month, Decimal(0)) + amount
    return sorted(totals.items())


def idle_cash(
    totals: Sequence[MonthTotal],
    threshold: Decimal = THRESHOLD,
    min_months: int = MIN_MONTHS,
    max_months: int = MAX_MONTHS,
) -> IdleCash | None:
    """The idle amount and how long it stayed, or None when less than ``threshold`` stayed
    for ``min_months`` consecutive month-ends up to the newest."""
    best: IdleCash | None = None
    floor: Decimal | None = None
    for months, (month, total) in enumerate(_recent_run(totals, max_months), start=1):
        floor = total if floor is None else min(floor, total)
        if floor < threshold:
            break
        if months >= min_months:
            best = IdleCash(amount=floor, months=months, since=month)
    return best


def _recent_run(totals: Sequence[MonthTotal], max_months: int) -> list[MonthTotal]:
    """The newest month-ends, newest first, as long as the months follow one another."""
    run: list[MonthTotal] = []
    for month, total in sorted(totals, reverse=True):
        if run and _previous_month(run[-1][0]) != month:
            break
        run.append((month, total))
        if len(run) == max_months:
            break
    return run


def _previous_month(month: dt.date) -> dt.date:
    return (month - dt.timedelta(days=1)).replace(day=1)
