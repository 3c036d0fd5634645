"""Referral growth on hand-made referrals: a period from 15 January to 20 March 2026 (partial
first and last months), made by the day referred, converted by the day converted."""

from __future__ import annotations

import pytest

from bankladder.analytics import referral_growth
from bankladder.analytics.schemas import Chart, ChartKind, Filters
from bankladder.analytics.snapshot import Snapshot
from tests.analytics_support import day, party, snapshot

pytestmark = pytest.mark.integration

PERIOD = Filters(start=day("2026-01-15"), end=day("2026-03-20"))
MONTHS = [day("2026-01-01"), day("2026-02-01"), day("2026-03-01")]

PARTIES = [party("A", "RM1", "B1"), party("B", "RM2", "B2"), party("C", "RM1", "B1")]


def referral(referrer: str, referee: str, on: str, converted: str | None) -> tuple[object, ...]:
    status = "converted" if converted else "introduced"
    return (referrer, referee, day(on), day(converted) if converted else None, status)


REFERRALS = [
    referral("A", "X", "2026-01-14", "2026-01-20"),  # #1 made before the start, converted in Jan
    referral("A", "Y", "2026-01-15", "2026-02-10"),  # #2 made Jan (first day), converted Feb
    referral("A", "Z", "2026-01-31", "2026-03-21"),  # #3 made Jan, converted after the end
    referral("A", "S", "2026-01-20", None),  # #4 made Jan
    referral("B", "W", "2026-02-01", None),  # #5 made Feb
    referral("B", "V", "2026-02-28", "2026-03-20"),  # #6 made Feb, converted Mar (last day)
    referral("C", "R", "2026-02-14", "2026-02-15"),  # #7 made and converted Feb
    referral("A", "U", "2026-03-20", None),  # #8 made Mar (last day)
    referral("C", "T", "2026-03-21", None),  # #9 after the end
    referral("Q", "K", "2026-02-05", "2026-02-06"),  # #10 Q is not a chosen party
]


@pytest.fixture
def book() -> Snapshot:
    return snapshot(parties=PARTIES, referrals=REFERRALS)


def test_referrals_made_and_converted_per_month(book: Snapshot) -> None:
    table = referral_growth.view(book, PERIOD)
    # Jan: made #2 #3 #4 = 3, all by A (1 referrer); converted #1; of the month's 3, #2
    #      converted by 03-20 (#3 only on 03-21): 1/3.
    # Feb: made #5 #6 #7 = 3 by B and C (2 referrers); converted #2 #7 = 2; of the 3, #6 and #7
    #      converted by the end: 2/3.
    # Mar: made #8 = 1 (A); converted #6; #8 not converted: 0/1.
    # To date: made 3, 6, 7; converted 1, 3, 4.
    assert table.rows == [
        {
            "month": MONTHS[0],
            "made": 3,
            "converted": 1,
            "made_to_date": 3,
            "converted_to_date": 1,
            "referrers": 1,
            "conversion": pytest.approx(1 / 3),
        },
        {
            "month": MONTHS[1],
            "made": 3,
            "converted": 2,
            "made_to_date": 6,
            "converted_to_date": 3,
            "referrers": 2,
            "conversion": pytest.approx(2 / 3),
        },
        {
            "month": MONTHS[2],
            "made": 1,
            "converted": 1,
            "made_to_date": 7,
            "converted_to_date": 4,
            "referrers": 1,
            "conversion": 0,
        },
    ]
    assert table.chart == Chart(ChartKind.LINE, x="month", y=("made", "converted"))


def test_only_the_chosen_referrers_count(book: Snapshot) -> None:
    # RM2's book is B: Feb made #5 #6 (1 referrer, 1/2 converted by the end: #6), Mar
    # converted #6; nothing in Jan.
    rows = referral_growth.view(book, Filters(PERIOD.start, PERIOD.end, rm="RM2")).rows
    assert [(r["made"], r["converted"], r["referrers"], r["conversion"]) for r in rows] == [
        (0, 0, 0, None),
        (2, 0, 1, 0.5),
        (0, 1, 0, None),
    ]
    assert [(r["made_to_date"], r["converted_to_date"]) for r in rows] == [(0, 0), (2, 0), (2, 1)]


def test_a_later_end_sees_the_late_conversion(book: Snapshot) -> None:
    # Ending 03-21: #3 converts on the end day, so Jan's rate is 2/3 and March converts #6 and
    # #3; #9 (03-21) is made in March too, by C: 2 referrers.
    rows = referral_growth.view(book, Filters(PERIOD.start, day("2026-03-21"))).rows
    assert rows[0]["conversion"] == pytest.approx(2 / 3)
    assert (rows[2]["made"], rows[2]["converted"], rows[2]["referrers"]) == (2, 2, 2)


def test_an_empty_snapshot_lists_the_months_with_zeros() -> None:
    rows = referral_growth.view(snapshot(), PERIOD).rows
    assert [r["month"] for r in rows] == MONTHS
    assert all(r["made"] == r["converted"] == r["made_to_date"] == 0 for r in rows)
    assert all(r["conversion"] is None for r in rows)


def test_a_period_within_one_month_has_one_row(book: Snapshot) -> None:
    # 10-20 Feb: #7 made 02-14 and converted 02-15, #2 converted 02-10.
    rows = referral_growth.view(book, Filters(day("2026-02-10"), day("2026-02-20"))).rows
    assert [(r["month"], r["made"], r["converted"]) for r in rows] == [(MONTHS[1], 1, 2)]
