"""The ledger's arithmetic on hand-made figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.ladder.model import VipTiers
from bankladder.reciprocity.ledger import (
    Brought,
    Favour,
    KindTotal,
    Window,
    contribution,
    favours_by_kind,
)
from bankladder.store.vocabulary import BenefitKind

pytestmark = pytest.mark.unit

TIERS = VipTiers((50_000, 500_000, 6_000_000), 10)  # the default playbook's vip: section
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
    assert TIERS.tier(499999.99, enterprise=False) == 1
    assert TIERS.tier(500000, enterprise=False) == 2
    assert TIERS.tier(49999, enterprise=False) == 0
    assert TIERS.tier(6000000, enterprise=False) == 3


def test_an_enterprise_needs_ten_times_a_persons_minimum() -> None:
    assert TIERS.tier(4999999, enterprise=True) == 1
    assert TIERS.tier(5000000, enterprise=True) == 2


def test_settlement_flows_can_lift_an_enterprise_a_tier() -> None:
    """4.6M on deposit and 6M a year through its accounts: 4.6M + 0.5M reaches tier 2."""
    worth = contribution(Decimal("4600000"), Decimal("6000000"))
    assert worth == Decimal("5100000.00")
    assert TIERS.tier(float(worth), enterprise=True) == 2


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


kinds = st.sampled_from(list(BenefitKind))
worths = st.none() | st.decimals(min_value=0, max_value=10**9, places=2)
favours = st.lists(st.builds(Favour, kinds, st.just(D), worths), max_size=30)
money = st.decimals(min_value=0, max_value=10**11, places=2)


@given(favours)
def test_the_kinds_add_up_to_every_favour_and_its_worth(given_favours: list[Favour]) -> None:
    totals = favours_by_kind(given_favours)
    assert sum(t.count for t in totals) == len(given_favours)
    assert sum(t.worth for t in totals) == sum(f.worth or 0 for f in given_favours)


@given(money, money, money)
def test_more_inflow_never_lowers_the_contribution_nor_the_tier(
    balance: Decimal, inflow: Decimal, more: Decimal
) -> None:
    low, high = contribution(balance, inflow), contribution(balance, inflow + more)
    assert balance <= low <= high
    for firm in (False, True):
        assert TIERS.tier(float(low), enterprise=firm) <= TIERS.tier(float(high), enterprise=firm)
