"""Month-end balances: the party's money with the bank, spread over the holdings it has open.

Balances start from the party's true wallet times the share it keeps with us
(``wallets.WalletPlan``: log-normal by segment, age, turnover and industry). Parties mining
resources or in a win-win relationship show rising balances that stay above the thresholds of
their rungs; a party that moved its money out drops below them.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bankladder.demo.holdings import HoldingPlan
from bankladder.demo.journeys import Calendar, Course, Journey
from bankladder.demo.population import Persona
from bankladder.demo.wallets import WalletPlan, left_after_moving_out

RESOURCE_MINING_BALANCE = 50_000.0
VIP_TIER_2 = {True: 500_000.0, False: 5_000_000.0}  # persons, enterprises
MARGIN = 1.1


@dataclass(frozen=True)
class WealthPath:
    """The party's total balance with the bank over time."""

    at_as_of: float
    growth: float  # per year
    floors: tuple[tuple[dt.date, float], ...]  # from a date on, the balance stays above
    moved_out_on: dt.date | None
    after_move: float

    def total_on(self, day: dt.date, as_of: dt.date, noise: float) -> float:
        if self.moved_out_on is not None and day >= self.moved_out_on:
            return self.after_move * noise
        years = (as_of - day).days / 365
        total = self.at_as_of * math.exp(-self.growth * years) * noise
        for since, least in self.floors:
            if day >= since:
                total = max(total, least * 1.02)
        return total


def wealth_path(
    persona: Persona, journey: Journey, as_of: dt.date, rng: random.Random
) -> WealthPath:
    plan = _plan(persona)
    total = plan.at_bank
    floors = _floors(persona, journey)
    for _, least in floors:
        total = max(total, least * rng.uniform(1.2, 2.0))
    growth = rng.uniform(0.3, 0.9) if journey.peak >= 4 else rng.uniform(-0.1, 0.3)
    for since, least in floors:
        years = (as_of - since).days / 365
        if years > 0:
            growth = min(growth, math.log(total / least) / years)
    moved_out = journey.setback_on if journey.course == Course.MOVED_OUT else None
    after_move = left_after_moving_out(plan, journey, _after_move(persona, journey, rng))
    return WealthPath(total, max(growth, 0.0), floors, moved_out, after_move)


def _plan(persona: Persona) -> WalletPlan:
    if persona.wallet is None:
        raise ValueError(f"party {persona.id} has no wallet plan (book.draw_book draws one)")
    return persona.wallet


def highest_floor(persona: Persona, journey: Journey) -> float:
    """The highest balance the party's rungs hold it above (0 below resource mining)."""
    return max((least for _, least in _floors(persona, journey)), default=0.0)


def _floors(persona: Persona, journey: Journey) -> tuple[tuple[dt.date, float], ...]:
    thresholds = {4: RESOURCE_MINING_BALANCE, 5: VIP_TIER_2[persona.is_person]}
    return tuple(
        (reached, least * MARGIN)
        for rung, least in thresholds.items()
        if (reached := journey.reached_on(rung)) is not None
    )


def _after_move(persona: Persona, journey: Journey, rng: random.Random) -> float:
    """What is left after moving money out: below the threshold of the rung it fell from."""
    if journey.peak >= 5:
        tier_2 = VIP_TIER_2[persona.is_person]
        return max(RESOURCE_MINING_BALANCE * 1.4, tier_2 * rng.uniform(0.15, 0.75))
    return rng.uniform(8_000.0, 42_000.0)


def snapshots(
    plans: Sequence[HoldingPlan], path: WealthPath, calendar: Calendar, rng: random.Random
) -> Iterator[tuple[str, dt.date, Decimal]]:
    """(account number, day, amount) for each holding open at each month-end and at as_of."""
    if not plans:
        return
    since = min(p.opened_on for p in plans)
    for day in calendar.snapshot_days(since):
        held = [p for p in plans if p.held_on(day)]
        weights = sum(p.weight for p in held)
        total = path.total_on(day, calendar.as_of, rng.uniform(0.97, 1.03))
        for plan in held:
            yield plan.account_no, day, Decimal(f"{total * plan.weight / weights:.2f}")
