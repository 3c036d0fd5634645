"""Monthly settlement flows: the money a customer runs through its accounts with us.

Enterprise customers settle every month, in proportion to their size (the segment's typical
monthly inflow, log-normal); some private and affluent persons (owners of small businesses)
do too. Outflows follow inflows; a party that moved its money out keeps a trickle.

The flows raise the party's contribution (its balance plus one month of the year's inflows),
from which the VIP tier comes. A party whose journey has not reached the win-win rung must
not be lifted onto it by its flows: its yearly inflows are scaled down so that its
contribution stays below tier 2 (``VIP_TIER_2``), as its journey says.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select

from bankladder.demo.balances import VIP_TIER_2
from bankladder.demo.book import PartyFile
from bankladder.demo.journeys import Calendar, Course
from bankladder.store.models import BalanceSnapshot, Holding

Row = dict[str, Any]
WIN_WIN = 5
HEADROOM = 0.9  # the share of the gap to tier 2 a party below the win-win rung may fill
MONTHS_SHOWN = 18
# Typical monthly inflow (CNY) and the spread of its logarithm, per segment; transactions a month.
INFLOW = {
    "micro": (60_000.0, 0.6, (15, 60)),
    "sme": (600_000.0, 0.6, (60, 300)),
    "corporate": (6_000_000.0, 0.5, (250, 1500)),
    "affluent": (25_000.0, 0.5, (8, 30)),
    "private": (120_000.0, 0.5, (10, 40)),
}
PERSON_SETTLES = 0.15  # share of affluent and private customers who run a business through us


def settlement_rows(
    connection: Connection, book: list[PartyFile], calendar: Calendar, rng: random.Random
) -> Iterator[list[Row]]:
    """Each party's monthly flows (none for most persons and every prospect); read after the
    balances are loaded, since the cap depends on them."""
    balances = balance_history(connection)
    for party in book:
        if not settles(party, rng):
            yield []
            continue
        yield plan_flows(party, balances.get(party.persona.id, {}), calendar, rng)


def settles(party: PartyFile, rng: random.Random) -> bool:
    if party.customer_since is None or party.persona.segment not in INFLOW:
        return False
    return not party.persona.is_person or rng.random() < PERSON_SETTLES


def balance_history(connection: Connection) -> dict[str, dict[dt.date, float]]:
    """Each party's total balance on each snapshot day (the month-ends and ``as_of``): the
    demo snapshots every holding open on those days."""
    query = (
        select(Holding.party_id, BalanceSnapshot.snapshot_on, func.sum(BalanceSnapshot.amount))
        .join(Holding, Holding.id == BalanceSnapshot.holding_id)
        .group_by(Holding.party_id, BalanceSnapshot.snapshot_on)
    )
    history: dict[str, dict[dt.date, float]] = {}
    for party, day, total in connection.execute(query):
        history.setdefault(party, {})[day] = float(total)
    return history


def plan_flows(
    party: PartyFile, balances: dict[dt.date, float], calendar: Calendar, rng: random.Random
) -> list[Row]:
    median, sigma, (least, most) = INFLOW[party.persona.segment]
    typical = rng.lognormvariate(math.log(median), sigma)
    months = _months(party.customer_since or calendar.start, calendar)
    inflows = {
        month: typical * rng.uniform(0.7, 1.3) * _after_move(party, month) for month in months
    }
    scale = _cap(party, balances, inflows, calendar)
    return [
        {
            "party_id": party.persona.id,
            "month": month,
            "inflow": _money(inflow * scale),
            "outflow": _money(inflow * scale * rng.uniform(0.85, 1.05)),
            "transactions": rng.randint(least, most),
        }
        for month, inflow in inflows.items()
    ]


def _months(since: dt.date, calendar: Calendar) -> list[dt.date]:
    """First days of the months from the customer's first (at most 18 back) to ``as_of``'s."""
    as_of = calendar.as_of
    first = (as_of.year * 12 + as_of.month - 1) - (MONTHS_SHOWN - 1)
    start = max(first, since.year * 12 + since.month - 1)
    last = as_of.year * 12 + as_of.month - 1
    return [dt.date(n // 12, n % 12 + 1, 1) for n in range(start, last + 1)]


def _after_move(party: PartyFile, month: dt.date) -> float:
    setback = party.journey.setback_on
    moved = party.journey.course == Course.MOVED_OUT and setback is not None
    return 0.15 if moved and setback is not None and month >= setback else 1.0


def below_win_win(party: PartyFile, day: dt.date) -> bool:
    """Whether the journey has the party below the win-win rung on ``day``."""
    journey = party.journey
    reached = journey.reached_on(WIN_WIN)
    if reached is None or day < reached:
        return True
    return journey.rung < WIN_WIN and journey.setback_on is not None and day >= journey.setback_on


def _cap(
    party: PartyFile,
    balances: dict[dt.date, float],
    inflows: dict[dt.date, float],
    calendar: Calendar,
) -> float:
    """1, or the factor that keeps the contribution under VIP tier 2 on every snapshot day on
    which the journey has the party below the win-win rung and its balance alone under tier 2
    (so no evaluation at a month-end or at ``as_of`` places it higher than its journey)."""
    tier_2 = VIP_TIER_2[party.persona.is_person]
    scale = 1.0
    for day in calendar.snapshot_days(min(inflows, default=calendar.as_of)):
        balance = balances.get(day, 0.0)
        if balance >= tier_2 or not below_win_win(party, day):
            continue  # flows cannot change the tier's side of the line then
        start = day - dt.timedelta(days=365)
        yearly = sum(v for month, v in inflows.items() if start < month <= day)
        room = (tier_2 - balance) * HEADROOM
        if yearly / 12 > room:
            scale = min(scale, room * 12 / yearly)
    return scale


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")
