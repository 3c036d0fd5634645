"""Idle cash on hand-made month-end balances: the amount that never left, and for how long."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.products.idle_cash import (
    THRESHOLD,
    MonthTotal,
    idle_cash,
    is_demand_deposit,
    month_end_totals,
)

pytestmark = pytest.mark.unit


def months(*amounts: int, newest: dt.date = dt.date(2026, 6, 1)) -> list[MonthTotal]:
    """Month totals ending with ``newest``, oldest first, in thousands of CNY."""
    found, month = [], newest
    for amount in reversed(amounts):
        found.append((month, Decimal(amount * 1000)))
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return sorted(found)


def test_the_lowest_month_end_of_a_long_enough_run_is_the_idle_amount() -> None:
    found = idle_cash(months(900, 650, 800, 700, 1200, 1000))
    assert found is not None
    assert (found.amount, found.months, found.since) == (
        Decimal(650_000),
        6,
        dt.date(2026, 1, 1),
    )


def test_the_run_stops_at_the_first_month_below_the_threshold() -> None:
    found = idle_cash(months(900, 100, 800, 700, 1200, 1000))
    assert found is not None
    assert (found.amount, found.months) == (Decimal(700_000), 4)


def test_fewer_than_three_months_above_the_threshold_is_not_idle() -> None:
    assert idle_cash(months(900, 900, 100, 700, 1200)) is None
    assert idle_cash(months(900, 900)) is None


def test_a_month_missing_breaks_the_run() -> None:
    gap = months(800, 800, 800, newest=dt.date(2026, 2, 1)) + months(800, 800)
    found = idle_cash(gap)
    assert found is None  # April 2026 has no month-end


def test_only_the_last_six_months_are_read() -> None:
    found = idle_cash(months(310, 900, 900, 900, 900, 900, 900))
    assert found is not None
    assert (found.amount, found.months) == (Decimal(900_000), 6)


def test_month_end_totals_take_each_holdings_last_snapshot_of_the_month() -> None:
    snapshots = [
        (1, dt.date(2026, 5, 15), Decimal(10)),
        (1, dt.date(2026, 5, 31), Decimal(20)),
        (2, dt.date(2026, 5, 30), Decimal(5)),
        (1, dt.date(2026, 6, 30), Decimal(7)),
    ]
    assert month_end_totals(snapshots) == [
        (dt.date(2026, 5, 1), Decimal(25)),
        (dt.date(2026, 6, 1), Decimal(7)),
    ]


@pytest.mark.parametrize(
    ("family", "zh", "en", "demand"),
    [
        ("deposit", "单位基本存款账户", "Corporate basic account", True),
        ("deposit", "个人活期储蓄", "Personal savings account", True),
        ("deposit", "单位定期及协定存款", "Corporate time and negotiated deposits", False),
        ("deposit", "个人大额存单", "Personal large certificate of deposit", False),
        ("wealth", "企业闲置资金理财", "Corporate surplus-cash wealth plan", False),
    ],
)
def test_term_money_is_told_from_demand_deposits_by_its_names(
    family: str, zh: str, en: str, demand: bool
) -> None:
    assert is_demand_deposit(family, zh, en) is demand


amounts = st.lists(st.integers(0, 2_000), min_size=1, max_size=9)


@given(amounts)
def test_idle_cash_never_exceeds_a_month_end_of_its_run(values: list[int]) -> None:
    totals = months(*values)
    found = idle_cash(totals)
    if found is not None:
        run = [t for m, t in totals if m >= found.since]
        assert len(run) == found.months
        assert found.amount == min(run) >= THRESHOLD


@given(amounts, st.integers(0, 8), st.integers(1, 500))
def test_more_money_at_a_month_end_never_makes_less_idle(
    values: list[int], at: int, more: int
) -> None:
    richer = list(values)
    richer[at % len(values)] += more
    before, after = idle_cash(months(*values)), idle_cash(months(*richer))
    if before is not None:
        assert after is not None
        assert after.months >= before.months
        if after.months == before.months:
            assert after.amount >= before.amount
