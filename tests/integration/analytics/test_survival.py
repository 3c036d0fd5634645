"""Time in stage on a hand-made history (period January to June 2026): Kaplan-Meier medians
and 80% marks worked out by hand with censored stays, a curve that never falls (not reached),
the thresholds behind the stalls with their fallback, filters and an empty snapshot."""

from __future__ import annotations

import pytest

from bankladder.analytics import survival
from bankladder.analytics.schemas import Chart, ChartKind, Filters
from bankladder.analytics.snapshot import Snapshot
from tests.analytics_support import day, moves, party, snapshot

pytestmark = pytest.mark.integration

HALF_YEAR = Filters(start=day("2026-01-01"), end=day("2026-06-30"))

TRANSITIONS = [
    # rung 1, six stays begun in the period, two still running at the end (censored):
    *moves("A", ("2026-01-05", 1), ("2026-01-15", 2)),  # 10 days, up
    *moves("F", ("2026-01-10", 1), ("2026-01-12", 0)),  # 2 days, off the ladder
    *moves("B", ("2026-06-10", 1), ("2026-07-01", 2)),  # left the day after: censored at 20
    *moves("C", ("2026-02-01", 1), ("2026-03-03", 2)),  # 28 + 2 = 30 days
    *moves("D", ("2026-05-21", 1)),  # still there: censored at 10 + 30 = 40 days
    *moves("E", ("2026-03-01", 1), ("2026-04-20", 2)),  # 31 + 19 = 50 days
    # begun before the period: not in the view, in the thresholds (20 Dec -> 10 Jan: 21 days)
    *moves("G", ("2025-12-20", 1), ("2026-01-10", 0)),
]
# Rung 2: A (15 Jan), C (3 Mar), E (20 Apr) all still there on 30 Jun: censored at
# 16 + 28 + 31 + 30 + 31 + 30 = 166, 28 + 30 + 31 + 30 = 119 and 10 + 31 + 30 = 71 days.

PARTIES = [
    *(party(p, "RM1", "B1", industry_code="C13") for p in "ABC"),
    *(party(p, "RM2", "B2", industry_code="F51") for p in "DEFG"),
]


@pytest.fixture
def history() -> Snapshot:
    return snapshot(parties=PARTIES, transitions=TRANSITIONS)


def test_kaplan_meier_median_and_80_percent_mark_with_censoring(history: Snapshot) -> None:
    table = survival.view(history, HALF_YEAR)
    rung_one = table.rows[0]
    assert rung_one["stage"] == 1
    assert (rung_one["spells"], rung_one["ended"], rung_one["censored"]) == (6, 4, 2)
    # Lengths in order: 2 ended, 10 ended, 20 censored, 30 ended, 40 censored, 50 ended.
    # S(2) = 5/6 = 0.833; S(10) = 0.833 x 4/5 = 0.667; 20 censored leaves 3 at risk;
    # S(30) = 0.667 x 2/3 = 0.444 <= 0.5: the median is 30 days;
    # 40 censored leaves 1; S(50) = 0.444 x 0/1 = 0 <= 0.2: 80% have left by day 50.
    assert rung_one["median_days"] == 30
    assert rung_one["p80_days"] == 50


def test_censoring_changes_the_answer() -> None:
    # Five stays: 10, 30, 50 ended; 20 and 40 still running at the end (censored).
    # Ignoring the censoring, the median of the five lengths is 30. Kaplan-Meier:
    # S(10) = 4/5 = 0.8; 20 censored: 3 at risk; S(30) = 0.8 x 2/3 = 0.533 (> 0.5);
    # 40 censored: 1 at risk; S(50) = 0: the median is 50 days.
    five = [t for t in TRANSITIONS if t[0] in "ABCDE"]
    history = snapshot(parties=PARTIES, transitions=five)
    rung_one = survival.view(history, HALF_YEAR).rows[0]
    assert (rung_one["spells"], rung_one["censored"]) == (5, 2)
    assert rung_one["median_days"] == 50


def test_a_curve_that_never_falls_far_enough_is_not_reached(history: Snapshot) -> None:
    rows = survival.view(history, HALF_YEAR).rows
    rung_two = rows[1]
    # A, C and E are all still on rung 2: nobody has left, no median
    assert (rung_two["spells"], rung_two["ended"], rung_two["censored"]) == (3, 0, 3)
    assert rung_two["median_days"] is None
    assert rung_two["p80_days"] is None
    # nobody ever stood on rungs 3 and 4
    assert [(r["stage"], r["spells"], r["median_days"]) for r in rows[2:]] == [
        (3, 0, None),
        (4, 0, None),
    ]
    note = survival.view(history, HALF_YEAR).note
    assert note is not None
    assert "not reached" in note.en
    assert "未达到" in note.zh


def test_the_chart_compares_median_and_80_percent_per_stage(history: Snapshot) -> None:
    table = survival.view(history, HALF_YEAR)
    assert table.view == "time-in-stage"
    assert table.chart == Chart(ChartKind.BAR, x="stage", y=("median_days", "p80_days"))


def test_thresholds_use_every_stay_begun_by_the_end(history: Snapshot) -> None:
    # Rung 1 adds G (21 days, ended, begun before the period): 2e, 10e, 20c, 21e, 30e, 40c, 50e.
    # S(2) = 6/7; S(10) = 6/7 x 5/6 = 5/7; 20c: 4 at risk; S(21) = 5/7 x 3/4 = 0.536;
    # S(30) = 0.536 x 2/3 = 0.357; 40c: 1 at risk; S(50) = 0 <= 0.2: 50 days.
    # Rung 2 never falls (all censored): the longest stay seen, A's 166 days.
    assert survival.thresholds(history, HALF_YEAR) == {1: 50, 2: 166}


def test_thresholds_ignore_stays_begun_after_the_end(history: Snapshot) -> None:
    # ending on 31 Jan: rung 1 stays A (10e), F (2e), G (21e), C not yet begun; the rest later.
    # S(2) = 2/3, S(10) = 1/3, S(21) = 0 <= 0.2: 21 days.
    # Rung 2: A since 15 Jan, 16 days, still there: the longest seen.
    january = Filters(start=day("2026-01-01"), end=day("2026-01-31"))
    assert survival.thresholds(history, january) == {1: 21, 2: 16}


@pytest.mark.parametrize(
    ("chosen", "spells"),
    [
        ({"rm": "RM1"}, 3),  # A, B, C
        ({"branch": "B2"}, 3),  # D, E, F (G's stay began before the period)
        ({"industry": "C"}, 3),  # the section covers C13
        ({"industry": "F5"}, 3),
        ({"segment": "private"}, 0),
    ],
)
def test_filters_choose_the_parties(history: Snapshot, chosen: dict[str, str], spells: int) -> None:
    filters = Filters(start=HALF_YEAR.start, end=HALF_YEAR.end, **chosen)
    assert survival.view(history, filters).rows[0]["spells"] == spells


def test_an_empty_snapshot_gives_empty_stages() -> None:
    empty = snapshot()
    rows = survival.view(empty, HALF_YEAR).rows
    assert [(r["stage"], r["spells"], r["median_days"]) for r in rows] == [
        (rank, 0, None) for rank in (1, 2, 3, 4)
    ]
    assert survival.thresholds(empty, HALF_YEAR) == {}


def test_a_rung_entered_only_on_the_last_day() -> None:
    # one stay on rung 1, begun on the end day: 0 days, still there (censored); the curve is
    # a single point at 1.0: no median, and the threshold falls back to the longest stay, 0
    history = snapshot(parties=[party("A")], transitions=moves("A", ("2026-06-30", 1)))
    rung_one = survival.view(history, HALF_YEAR).rows[0]
    assert (rung_one["spells"], rung_one["censored"]) == (1, 1)
    assert rung_one["median_days"] is None
    assert survival.thresholds(history, HALF_YEAR) == {1: 0}
