"""The reciprocity ledger's arithmetic, pure: no I/O, tested by hand.

A win-win relationship (rung 5 of the ladder) is a balance of favours: the bank gives
introductions, knowledge, price concessions and VIP services; the party brings money, flows
and referrals. These functions weigh both sides over the twelve months up to a date D, the
same window the engine's facts use (``benefits_given_365d``, ``settlement_inflow_365d``,
``contribution``), so the page and the ladder never disagree; the VIP tier comes from the
contribution with the playbook's ``vip:`` thresholds (``ladder.model.VipTiers``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bankladder.store.vocabulary import BenefitKind

YEAR_DAYS = 365
MONTHS = 12
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Window:
    """The twelve months up to ``as_of``: (``starts_after``, ``as_of``], both sides' window."""

    as_of: dt.date

    @property
    def starts_after(self) -> dt.date:
        return self.as_of - dt.timedelta(days=YEAR_DAYS)

    def holds(self, day: dt.date) -> bool:
        return self.starts_after < day <= self.as_of


@dataclass(frozen=True)
class Favour:
    """One thing the bank gave: its kind, day and yearly worth (None when not valued)."""

    kind: BenefitKind
    given_on: dt.date
    worth: Decimal | None


@dataclass(frozen=True)
class KindTotal:
    kind: BenefitKind
    count: int
    worth: Decimal


@dataclass(frozen=True)
class Brought:
    """What the party brought, in numbers."""

    balance: Decimal
    balance_year_ago: Decimal
    settlement_inflow: Decimal
    referrals_made: int
    referrals_converted: int
    products_held: int

    @property
    def balance_change(self) -> Decimal:
        return self.balance - self.balance_year_ago


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def favours_by_kind(favours: Iterable[Favour]) -> tuple[KindTotal, ...]:
    """Count and worth per kind, in the vocabulary's order; kinds never given are left out."""
    counts = dict.fromkeys(BenefitKind, 0)
    worths = dict.fromkeys(BenefitKind, ZERO)
    for favour in favours:
        counts[favour.kind] += 1
        worths[favour.kind] += favour.worth or ZERO
    return tuple(
        KindTotal(kind, counts[kind], cents(worths[kind])) for kind in BenefitKind if counts[kind]
    )


def contribution(balance: Decimal, settlement_inflow_12m: Decimal) -> Decimal:
    """The party's worth to the bank: its balance plus one month of its yearly inflows."""
    return cents(balance + settlement_inflow_12m / MONTHS)
