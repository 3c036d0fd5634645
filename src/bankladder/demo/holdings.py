"""Which products a customer opened, when, and which it closed again."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Collection
from dataclasses import dataclass, replace

from bankladder.demo import identity
from bankladder.demo.catalogue import Family, ProductSheet, products_for
from bankladder.demo.journeys import Calendar, Course, Journey, day_between
from bankladder.demo.population import Persona

DAY = dt.timedelta(days=1)
FIRST_FAMILY = {
    True: {Family.DEPOSIT: 0.6, Family.CARD: 0.3, Family.WEALTH: 0.1},
    False: {Family.DEPOSIT: 0.85, Family.LOAN: 0.15},
}
NEXT_FAMILY = {
    True: {
        Family.DEPOSIT: 3.0,
        Family.CARD: 2.0,
        Family.WEALTH: 3.0,
        Family.LOAN: 1.5,
        Family.INSURANCE_AGENCY: 1.5,
        Family.EBANKING: 2.0,
    },
    False: {
        Family.DEPOSIT: 3.0,
        Family.LOAN: 3.0,
        Family.PAYROLL: 2.0,
        Family.CASH_MANAGEMENT: 1.5,
        Family.EBANKING: 2.5,
        Family.WEALTH: 1.0,
    },
}
# How much of the party's money a holding of each family carries, relative to the others.
FAMILY_WEIGHT = {
    Family.DEPOSIT: 1.0,
    Family.WEALTH: 2.0,
    Family.LOAN: 0.8,
    Family.CASH_MANAGEMENT: 1.5,
    Family.PAYROLL: 0.6,
    Family.INSURANCE_AGENCY: 0.5,
    Family.CARD: 0.05,
    Family.EBANKING: 0.0,
}
# Account number: leading digits (then the branch number) and total length, per product.
ACCOUNT_FORMAT = {
    "DEP-SAV": ("6801", 18),
    "DEP-TD": ("6802", 18),
    "DEP-BASIC": ("7301", 17),
    "DEP-CORP-TD": ("7302", 17),
    "WM-STEADY": ("5601", 16),
    "WM-CORP": ("5602", 16),
    "LN-BIZ": ("8801", 16),
    "LN-SUPPLY": ("8802", 16),
    "LN-CONSUMER": ("8803", 16),
    "CARD-DEBIT": ("623095", 19),
    "CARD-CREDIT": ("62590", 16),
    "PAYROLL": ("7303", 17),
    "CASH-POOL": ("7304", 17),
    "EB-CORP": ("9901", 16),
    "EB-MOBILE": ("9902", 16),
    "INS-AGENCY": ("5701", 16),
}


@dataclass(frozen=True)
class HoldingPlan:
    product: ProductSheet
    account_no: str
    opened_on: dt.date
    closed_on: dt.date | None
    weight: float  # its share of the party's money among the holdings open at a date

    def held_on(self, day: dt.date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on > day)


class AccountBook:
    """Opens holdings with account numbers unique across the bank."""

    def __init__(self, calendar: Calendar, rng: random.Random) -> None:
        self.calendar, self.rng = calendar, rng
        self.serial = 0

    def holdings(self, persona: Persona, journey: Journey) -> list[HoldingPlan]:
        """What a customer holds or held; nothing for a prospect."""
        if journey.customer_since is None:
            return []
        openings = self._family_openings(persona, journey)
        plans = [self._open(persona, family, day) for family, day in openings]
        plans += self._second_product(persona, journey, openings[0][0])
        return _close_pulled_back(plans, journey)

    def _family_openings(self, persona: Persona, journey: Journey) -> list[tuple[Family, dt.date]]:
        """The first family at customer_since, a second at rung 4, a third at rung 5, more later."""
        rng, person = self.rng, persona.is_person
        first = _draw(rng, FIRST_FAMILY[person], exclude=())
        openings = [(first, journey.customer_since or self.calendar.as_of)]
        for rung in (4, 5):
            reached = journey.reached_on(rung)
            if reached is not None:
                family = _draw(rng, NEXT_FAMILY[person], exclude=[f for f, _ in openings])
                openings.append((family, reached))
        rung_5 = journey.reached_on(5)
        if rung_5 is not None and journey.course != Course.CLOSED:
            earliest, last = rung_5 + 10 * DAY, self.calendar.last_working_day
            for _ in range(rng.choice((0, 0, 1, 1, 2)) if earliest < last else 0):
                family = _draw(rng, NEXT_FAMILY[person], exclude=[f for f, _ in openings])
                openings.append((family, day_between(rng, earliest, last)))
        return openings

    def _second_product(
        self, persona: Persona, journey: Journey, family: Family
    ) -> list[HoldingPlan]:
        """Sometimes a second product of the first family: a time deposit after savings."""
        since = journey.customer_since
        last = self.calendar.last_working_day
        if since is None or since + 20 * DAY >= last or self.rng.random() > 0.35:
            return []
        return [self._open(persona, family, day_between(self.rng, since + 20 * DAY, last))]

    def _open(self, persona: Persona, family: Family, day: dt.date) -> HoldingPlan:
        product = self.rng.choice(products_for(family, person=persona.is_person))
        prefix, length = ACCOUNT_FORMAT[product.code]
        self.serial += 1
        branch = persona.district.branch_id[2:]
        return HoldingPlan(
            product=product,
            account_no=identity.account_no(self.rng, prefix + branch, self.serial, length),
            opened_on=day,
            closed_on=None,
            weight=FAMILY_WEIGHT[family] * self.rng.uniform(0.6, 1.4),
        )


def _draw(rng: random.Random, odds: dict[Family, float], exclude: Collection[Family]) -> Family:
    families = [f for f in odds if f not in exclude]
    return rng.choices(families, [odds[f] for f in families])[0]


def _close_pulled_back(plans: list[HoldingPlan], journey: Journey) -> list[HoldingPlan]:
    """A party pulled back by a closure keeps only the families of its current rung."""
    if journey.course != Course.CLOSED or journey.setback_on is None:
        return plans
    kept: list[Family] = []
    for plan in sorted(plans, key=lambda p: p.opened_on):
        if plan.product.family not in kept and len(kept) < journey.rung - 2:
            kept.append(plan.product.family)
    closed_on = journey.setback_on
    return [p if p.product.family in kept else replace(p, closed_on=closed_on) for p in plans]
