"""Fission figures on a hand-made referral book with known answers.

RM01 (branch BR01) serves A (customer) and B (customer); RM02 (BR01) serves C (customer);
RM03 (BR02) serves X (prospect). A referred B (converted in 10 days), D (converted in 30) and
E (lost); B referred F (converted in 20 days), F referred G (converted, after the date asked),
C referred H (introduced only). X referred nobody.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bankladder.referrals.figures import Member, as_of, figures, fission_book

pytestmark = pytest.mark.unit

DAY = dt.date(2026, 6, 30)
D0 = dt.date(2026, 1, 1)


def on(days: int) -> dt.date:
    return D0 + dt.timedelta(days=days)


ROWS = [
    ("A", "B", on(0), True, on(10)),
    ("A", "D", on(5), True, on(35)),
    ("A", "E", on(6), False, None),
    ("B", "F", on(20), True, on(40)),
    ("F", "G", on(50), True, dt.date(2026, 7, 15)),  # converts after the date asked
    ("C", "H", on(60), False, None),
    ("C", "Z", dt.date(2026, 8, 1), False, None),  # made after the date asked
]
MEMBERS = [
    Member("A", "RM01", "BR01", True),
    Member("B", "RM01", "BR01", True),
    Member("C", "RM02", "BR01", True),
    Member("X", "RM03", "BR02", False),
]


def test_a_party_that_referred_three_converted_two_in_a_median_of_twenty_days() -> None:
    book = fission_book(as_of(ROWS, DAY), MEMBERS)
    a = book.parties["A"]
    assert (a.made, a.converted) == (3, 2)
    assert a.conversion_rate == pytest.approx(2 / 3)
    assert a.median_days_to_convert == 20.0  # 10 and 30 days
    assert a.k_factor == 2.0  # one customer, two converted referrals
    assert a.depth == 2  # A -> B -> F; F -> G had not converted by then


def test_a_conversion_after_the_date_asked_does_not_count_yet() -> None:
    later = fission_book(as_of(ROWS, dt.date(2026, 7, 31)), MEMBERS)
    assert later.parties["A"].depth == 3  # A -> B -> F -> G
    assert fission_book(as_of(ROWS, DAY), MEMBERS).parties["B"].depth == 1


def test_an_rm_and_a_branch_sum_their_members_referrals() -> None:
    book = fission_book(as_of(ROWS, DAY), MEMBERS)
    rm01 = book.rms["RM01"]
    assert (rm01.made, rm01.converted, rm01.customers) == (4, 3, 2)
    assert rm01.k_factor == 1.5
    assert rm01.median_days_to_convert == 20.0  # 10, 20, 30
    assert rm01.depth == 2
    branch = book.branches["BR01"]
    assert (branch.made, branch.converted, branch.customers) == (5, 3, 3)
    assert branch.k_factor == 1.0
    assert branch.conversion_rate == pytest.approx(3 / 5)


def test_a_group_without_referrals_or_customers_has_no_rates() -> None:
    book = fission_book(as_of(ROWS, DAY), MEMBERS)
    x = book.branches["BR02"]
    assert (x.made, x.converted, x.depth) == (0, 0, 0)
    assert x.conversion_rate is None
    assert x.k_factor is None  # no customer to divide by
    assert x.median_days_to_convert is None


def test_a_conversion_without_a_date_counts_but_has_no_time_to_convert() -> None:
    made = as_of([("A", "B", on(0), True, None)], DAY)
    shown = figures(made, customers=1, depth=1)
    assert shown.converted == 1
    assert shown.median_days_to_convert is None
