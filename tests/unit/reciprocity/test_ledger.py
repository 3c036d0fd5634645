"""The ledger's arithmetic on hand-made figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bankladder.reciprocity.ledger import (
    Brought,
    Favour,
    KindTotal,
    Window,
    contribution,
    favours_by_kind,
    vip_tier,
)
from bankladder.store.vocabulary import BenefitKind

pytestmark = pytest.mark.unit

TIERS = ((3, 6_000_000.0), (2, 500_000.0), (1, 50_000.0))
D = dt.date(2026, 6, 30)


def test_the_window_is_the_365_days_up_to_and_including_the_date() -> None:
    window = Window(D)
    assert window.starts_after == dt.date(2025, 6, 30)
    assert not window.holds(dt.date(2025, 6, 30))
    assert window.holds(dt.date(2025, 7, 1))
    assert window.holds(D)
    assert not window.holds(dt.date(2026, 7, 1))


def test_contribution_adds_one_month_of_the_years_inflows_to_the_balance() -> None:
    assert contribution(Decimal("400000"), Decimal("1200000")) == Decimal("500000.00")
    assert contribution(Decimal("0"), Decimal("100")) == Decimal("8.33")


def test_a_person_reaches_tier_2_at_half_a_million() -> None:
    assert vip_tier(Decimal("499999.99"), False, TIERS, 10) == 1
    assert vip_tier(Decimal("500000"), False, TIERS, 10) == 2
    assert vip_tier(Decimal("49999"), False, TIERS, 10) == 0
    assert vip_tier(Decimal("6000000"), False, TIERS, 10) == 3


def test_an_enterprise_needs_ten_times_a_persons_minimum() -> None:
    assert vip_tier(Decimal("4999999"), True, TIERS, 10) == 1
    assert vip_tier(Decimal("5000000"), True, TIERS, 10) == 2


def test_settlement_flows_can_lift_an_enterprise_a_tier() -> None:
    """4.6M on deposit and 6M a year through its accounts: 4.6M + 0.5M reaches tier 2."""
    worth = contribution(Decimal("4600000"), Decimal("6000000"))
    assert worth == Decimal("5100000.00")
    assert vip_tier(worth, True, TIERS, 10) == 2


def test_favours_are_counted_and_valued_per_kind_in_the_vocabularys_order() -> None:
    favours = [
        Favour(BenefitKind.VIP_SERVICE, D, None),
        Favour(BenefitKind.INTRODUCTION, D, None),
        Favour(BenefitKind.PRICE_CONCESSION, D, Decimal("12000")),
        Favour(BenefitKind.PRICE_CONCESSION, D, Decimal("3000.5")),
    ]
    assert favours_by_kind(favours) == (
        KindTotal(BenefitKind.INTRODUCTION, 1, Decimal("0.00")),
        KindTotal(BenefitKind.PRICE_CONCESSION, 2, Decimal("15000.50")),
        KindTotal(BenefitKind.VIP_SERVICE, 1, Decimal("0.00")),
    )
    assert favours_by_kind([]) == ()


def test_the_balance_change_is_now_minus_a_year_ago() -> None:
    brought = Brought(Decimal("120"), Decimal("200"), Decimal("0"), 0, 0, 1)
    assert brought.balance_change == Decimal("-80")
