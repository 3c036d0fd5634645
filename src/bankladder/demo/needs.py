"""Needs found by the RM: existing (served by a competitor) or latent, and what became of them.

The first need is found on the day the party reaches rung 2. Each product family a customer
opened answers a need that was won on the opening day; other needs stay identified,
presented or lost.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from bankladder.demo.catalogue import Family
from bankladder.demo.holdings import NEXT_FAMILY, HoldingPlan
from bankladder.demo.journeys import Calendar, Journey, day_between
from bankladder.demo.names import COMPETITOR_BANKS
from bankladder.demo.population import Persona
from bankladder.store.vocabulary import NeedNature, NeedStatus

DAY = dt.timedelta(days=1)
OPEN_STATUS = {NeedStatus.IDENTIFIED: 0.4, NeedStatus.PRESENTED: 0.4, NeedStatus.LOST: 0.2}
EXISTING_SHARE = 0.55


def plan_needs(
    persona: Persona,
    journey: Journey,
    holdings: Sequence[HoldingPlan],
    calendar: Calendar,
    rng: random.Random,
) -> list[dict[str, Any]]:
    found_on = journey.reached_on(2)
    if found_on is None:
        return []
    end = journey.quiet_since or calendar.last_working_day
    won = _won(persona, found_on, holdings, rng)
    held = {row["kind"] for row in won}
    extra = rng.choice((0, 1, 1, 2)) if won else rng.choice((1, 1, 2, 3))
    families = [f for f in NEXT_FAMILY[persona.is_person] if f not in held]
    first_open = not won
    rows = list(won)
    for family in rng.sample(families, min(extra, len(families))):
        identified = found_on if first_open else day_between(rng, found_on, end)
        rows.append(_open_need(persona, family, identified, end, rng))
        first_open = False
    return rows


def _won(
    persona: Persona, found_on: dt.date, holdings: Sequence[HoldingPlan], rng: random.Random
) -> list[dict[str, Any]]:
    """A won need per product family held, closed on the day its first product opened."""
    first_opening: dict[Family, dt.date] = {}
    for plan in sorted(holdings, key=lambda h: h.opened_on):
        first_opening.setdefault(plan.product.family, plan.opened_on)
    rows: list[dict[str, Any]] = []
    for family, opened_on in first_opening.items():
        identified = found_on if not rows else day_between(rng, found_on, opened_on - 7 * DAY)
        identified = min(identified, opened_on)
        row = _need(persona, family, identified, rng)
        presented = day_between(rng, identified, opened_on)
        row.update(status=NeedStatus.WON, presented_on=presented, closed_on=opened_on)
        rows.append(row)
    return rows


def _open_need(
    persona: Persona, family: Family, identified: dt.date, end: dt.date, rng: random.Random
) -> dict[str, Any]:
    row = _need(persona, family, identified, rng)
    status = rng.choices(list(OPEN_STATUS), list(OPEN_STATUS.values()))[0]
    if status != NeedStatus.IDENTIFIED:
        row.update(presented_on=day_between(rng, identified, max(identified, end)))
    if status == NeedStatus.LOST:
        row.update(closed_on=day_between(rng, row["presented_on"], max(row["presented_on"], end)))
    row.update(status=status)
    return row


def _need(
    persona: Persona, family: Family, identified: dt.date, rng: random.Random
) -> dict[str, Any]:
    existing = rng.random() < EXISTING_SHARE
    return {
        "party_id": persona.id,
        "kind": family.value,
        "nature": NeedNature.EXISTING if existing else NeedNature.LATENT,
        "competitor_bank": rng.choice(COMPETITOR_BANKS) if existing else None,
        "status": NeedStatus.IDENTIFIED,
        "identified_on": identified,
        "presented_on": None,
        "closed_on": None,
    }
