"""Conversion by entry-month cohort on a hand-made history (period January to June 2026, a
ladder of four rungs): two rung-1 cohorts worked out by hand, the 90-day rule on its edges, a
change the day after the end left out, filters and an empty snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from bankladder.analytics import conversion
from bankladder.analytics.schemas import Chart, ChartKind, Filters
from bankladder.analytics.snapshot import Snapshot
from tests.analytics_support import day, moves, party, snapshot

pytestmark = pytest.mark.integration

HALF_YEAR = Filters(start=day("2026-01-01"), end=day("2026-06-30"))

PARTIES = [
    party("A", "RM1", "B1", industry_code="C13"),
    *(party(p, "RM2", "B2", segment="private", industry_code="F51") for p in "BCDEFGHI"),
]

TRANSITIONS = [
    # January, rung 1: A, B, C
    *moves("A", ("2026-01-10", 1), ("2026-02-15", 2)),  # up after 36 days: converted, in 90
    # B: up to 3 on the last day, 161 days after 20 Jan: converted, not within 90 days; B
    # re-enters rung 1 on 5 Mar (March cohort): up after 117 days, again not within 90
    *moves("B", ("2026-01-20", 1), ("2026-02-01", 0), ("2026-03-05", 1), ("2026-06-30", 3)),
    *moves("C", ("2026-01-25", 1)),  # stays: not converted
    # March, rung 1: B, D, E, F
    *moves("D", ("2026-03-01", 1), ("2026-07-01", 2)),  # up the day after the end: ignored
    *moves("E", ("2026-03-10", 1), ("2026-04-10", 2)),  # up after 31 days
    # F enters rung 1 twice in March (counts once), up 37 days after the second entry
    *moves("F", ("2026-03-15", 1), ("2026-03-20", 0), ("2026-03-25", 1), ("2026-05-01", 2)),
    # G entered rung 1 before the period (no cohort), rung 2 on 5 Jan, stays
    *moves("G", ("2025-12-20", 1), ("2026-01-05", 2)),
    # February, rung 1: H up exactly 90 days later (1 Feb + 90 = 2 May): within the window;
    # I up 91 days later (2 Feb + 90 = 3 May, up on 4 May): converted, not within it
    *moves("H", ("2026-02-01", 1), ("2026-05-02", 2)),
    *moves("I", ("2026-02-02", 1), ("2026-05-04", 2)),
]


@pytest.fixture
def history() -> Snapshot:
    return snapshot(parties=PARTIES, transitions=TRANSITIONS)


def rows_by_cohort(rows: list[dict[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    return {(r["month"].isoformat()[:7], r["stage"]): r for r in rows}


def test_each_month_of_the_period_has_a_row_per_rung_below_the_top(history: Snapshot) -> None:
    table = conversion.view(history, HALF_YEAR)
    # six months x rungs 1, 2, 3 (rung 4, the top, has nowhere higher to go)
    assert len(table.rows) == 6 * 3
    assert {r["stage"] for r in table.rows} == {1, 2, 3}
    assert table.view == "conversion"
    assert table.chart == Chart(ChartKind.LINE, x="month", y=("rate",), series="stage")


def test_two_rung_one_cohorts_counted_by_hand(history: Snapshot) -> None:
    cohorts = rows_by_cohort(conversion.view(history, HALF_YEAR).rows)
    january = cohorts[("2026-01", 1)]
    # A, B, C entered; A and B went higher by the end; only A within 90 days
    assert (january["entered"], january["converted"], january["converted_90d"]) == (3, 2, 1)
    assert january["rate"] == pytest.approx(2 / 3)
    assert january["rate_90d"] == pytest.approx(1 / 3)
    march = cohorts[("2026-03", 1)]
    # B, D, E, F entered (F twice, once counted); B, E, F went higher (D only after the end);
    # E (31 days) and F (37 days) within 90, B (117 days) not
    assert (march["entered"], march["converted"], march["converted_90d"]) == (4, 3, 2)
    assert march["rate"] == pytest.approx(0.75)
    assert march["rate_90d"] == pytest.approx(0.5)


def test_the_90th_day_counts_and_the_91st_does_not(history: Snapshot) -> None:
    february = rows_by_cohort(conversion.view(history, HALF_YEAR).rows)[("2026-02", 1)]
    # H up on day 90, I on day 91: both converted, one within 90 days
    assert (february["entered"], february["converted"], february["converted_90d"]) == (2, 2, 1)


def test_cohorts_whose_90_days_have_not_passed_get_no_90_day_figure(history: Snapshot) -> None:
    cohorts = rows_by_cohort(conversion.view(history, HALF_YEAR).rows)
    # March: 31 Mar + 90 days = 29 Jun, on or before the end (30 Jun): counted
    assert cohorts[("2026-03", 2)]["converted_90d"] == 0
    # April: 30 Apr + 90 days = 29 Jul, after the end: unknown, not zero
    april = cohorts[("2026-04", 2)]  # E entered rung 2 on 10 Apr
    assert (april["entered"], april["converted"]) == (1, 0)
    assert april["converted_90d"] is None
    assert april["rate_90d"] is None
    note = conversion.view(history, HALF_YEAR).note
    assert note is not None
    assert "90" in note.en
    assert "90" in note.zh


def test_the_later_rungs_and_an_entry_on_the_last_day(history: Snapshot) -> None:
    cohorts = rows_by_cohort(conversion.view(history, HALF_YEAR).rows)
    assert cohorts[("2026-01", 2)]["entered"] == 1  # G (rung 2 on 5 Jan), stays
    assert cohorts[("2026-01", 2)]["rate"] == 0
    assert cohorts[("2026-02", 2)]["entered"] == 1  # A
    assert cohorts[("2026-05", 2)]["entered"] == 3  # F (1 May), H (2 May), I (4 May)
    assert cohorts[("2026-06", 3)]["entered"] == 1  # B on the last day
    # nobody entered rung 1 in April: no rate rather than a zero rate
    assert cohorts[("2026-04", 1)]["entered"] == 0
    assert cohorts[("2026-04", 1)]["rate"] is None


def test_a_shorter_period_leaves_later_changes_out(history: Snapshot) -> None:
    # ending on 31 Mar: B's move of 30 Jun and E's of 10 Apr are not known yet
    march = Filters(start=day("2026-03-01"), end=day("2026-03-31"))
    (row,) = [r for r in conversion.view(history, march).rows if r["stage"] == 1]
    assert (row["entered"], row["converted"]) == (4, 0)
    assert row["converted_90d"] is None


@pytest.mark.parametrize(
    ("chosen", "entered"),
    [
        ({"industry": "C"}, 1),  # the section covers A's C13
        ({"industry": "C13"}, 1),
        ({"industry": "F"}, 2),  # B, C
        ({"rm": "RM1"}, 1),
        ({"branch": "B2"}, 2),
        ({"segment": "private"}, 2),
        ({"segment": "mass", "rm": "RM2"}, 0),
    ],
)
def test_filters_choose_the_parties(
    history: Snapshot, chosen: dict[str, str], entered: int
) -> None:
    filters = Filters(start=HALF_YEAR.start, end=HALF_YEAR.end, **chosen)
    january = rows_by_cohort(conversion.view(history, filters).rows)[("2026-01", 1)]
    assert january["entered"] == entered


def test_an_empty_snapshot_gives_empty_cohorts() -> None:
    table = conversion.view(snapshot(), HALF_YEAR)
    assert len(table.rows) == 18
    assert all(r["entered"] == 0 and r["rate"] is None for r in table.rows)
