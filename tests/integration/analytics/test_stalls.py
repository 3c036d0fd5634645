"""Stalls per RM and the stalled parties' list on a hand-made book (end 30 June 2026): the
thresholds worked out by hand with Kaplan-Meier, a move the day after the end ignored, the
fallback that flags nobody, filters, the 500-row cut and an empty snapshot."""

from __future__ import annotations

import pytest

from bankladder.analytics import stalled, stalls
from bankladder.analytics.schemas import Chart, ChartKind, Filters
from bankladder.analytics.snapshot import Snapshot
from tests.analytics_support import day, moves, party, snapshot

pytestmark = pytest.mark.integration

HALF_YEAR = Filters(start=day("2026-01-01"), end=day("2026-06-30"))

RMS = [("RM1", "Li", "B1"), ("RM2", "Wang", "B1"), ("RM3", "Zhao", "B2")]

TRANSITIONS = [
    # RM1's book. Q1..Q5 stayed 10, 20, 30, 40, 50 days on rung 1, then left the ladder.
    *moves("Q1", ("2026-01-05", 1), ("2026-01-15", 0)),
    *moves("Q2", ("2026-01-05", 1), ("2026-01-25", 0)),
    *moves("Q3", ("2026-01-05", 1), ("2026-02-04", 0)),  # 26 + 4 = 30
    *moves("Q4", ("2026-01-05", 1), ("2026-02-14", 0)),  # 26 + 14 = 40
    *moves("Q5", ("2026-01-05", 1), ("2026-02-24", 0)),  # 26 + 24 = 50
    # S1 on rung 1 since 1 Apr: 29 + 31 + 30 = 90 days at the end (its move on 1 Jul, the day
    # after, is not known yet)
    *moves("S1", ("2026-04-01", 1), ("2026-07-01", 2)),
    *moves("S2", ("2026-06-20", 1)),  # 10 days
    # RM2's book. S3 on rung 1 since 26 May: 5 + 30 = 35 days.
    *moves("S3", ("2026-05-26", 1)),
    # T1 on rung 2 since 31 Jan: 28 + 31 + 30 + 31 + 30 = 150 days
    *moves("T1", ("2026-01-30", 1), ("2026-01-31", 2)),
    # T2..T5 stayed 5, 8, 12, 15 days on rung 2, then left the ladder
    *moves("T2", ("2026-02-01", 2), ("2026-02-06", 0)),
    *moves("T3", ("2026-03-01", 2), ("2026-03-09", 0)),
    *moves("T4", ("2026-03-01", 2), ("2026-03-13", 0)),
    *moves("T5", ("2026-04-01", 2), ("2026-04-16", 0)),
]
# Rung 1 stays: 1e (T1), 10e, 10c (S2), 20e, 30e, 35c (S3), 40e, 50e, 90c (S1); 9 at risk.
# S(1) = 8/9; S(10) = 8/9 x 7/8 = 7/9, then S2 censored: 6 at risk;
# S(20) = 7/9 x 5/6 = 0.648; S(30) = 0.648 x 4/5 = 0.519; 35c: 3 at risk;
# S(40) = 0.519 x 2/3 = 0.346; S(50) = 0.346 x 1/2 = 0.173 <= 0.2: threshold 50 days.
# Rung 2 stays: 5e, 8e, 12e, 15e, 150c (T1). S(5) = 4/5, S(8) = 3/5, S(12) = 2/5,
# S(15) = 1/5 = 0.2 (exactly: reached): threshold 15 days.
# Stalled: S1 (90 > 50, 40 over) and T1 (150 > 15, 135 over); S2 (10) and S3 (35) are not.
# S1's rung-2 stay begins on 1 Jul, after the end: no stay of the thresholds.

PARTIES = [
    *(party(p, "RM1", "B1", industry_code="C13") for p in ("Q1", "Q2", "Q3", "Q4", "Q5")),
    party("S1", "RM1", "B1", industry_code="C13", name="S**"),
    party("S2", "RM1", "B1", industry_code="C13"),
    party("S3", "RM2", "B1", segment="private", industry_code="F51"),
    *(party(p, "RM2", "B1", segment="private") for p in ("T1", "T2", "T3", "T4", "T5")),
    party("R1", "RM3", "B2"),  # never on the ladder
]


@pytest.fixture
def book() -> Snapshot:
    return snapshot(parties=PARTIES, transitions=TRANSITIONS, rms=RMS)


def test_stalls_per_rm(book: Snapshot) -> None:
    table = stalls.view(book, HALF_YEAR)
    assert [
        (r["rm"], r["rm_name"], r["parties"], r["on_ladder"], r["stalled"], r["share"])
        for r in table.rows
    ] == [
        ("RM1", "Li", 7, 2, 1, 0.5),  # S1 stalled of S1, S2 on the ladder
        ("RM2", "Wang", 6, 2, 1, 0.5),  # T1 stalled of S3, T1
        ("RM3", "Zhao", 1, 0, 0, None),  # nobody on the ladder: no share
    ]
    assert [r["longest_over_days"] for r in table.rows] == [40, 135, None]
    assert table.view == "stalls"
    assert table.chart == Chart(ChartKind.BAR, x="rm", y=("stalled",))


def test_the_stalled_parties_longest_overdue_first(book: Snapshot) -> None:
    table = stalled.view(book, HALF_YEAR)
    assert table.rows == [
        {
            "party_id": "T1",
            "name": "T1",
            "rm": "RM2",
            "stage": 2,
            "days_in_stage": 150,
            "threshold_days": 15,
            "days_over": 135,
        },
        {
            "party_id": "S1",
            "name": "S**",  # the snapshot's masked name
            "rm": "RM1",
            "stage": 1,
            "days_in_stage": 90,
            "threshold_days": 50,
            "days_over": 40,
        },
    ]
    assert table.view == "stalled-parties"
    assert table.chart is None


def test_thresholds_follow_the_filters(book: Snapshot) -> None:
    # RM2's parties only: rung 1 has S3's stay alone (35 days, censored): KM never falls, the
    # threshold is the longest stay (35) and S3 (35 days) is not over it. Rung 2 as before.
    filters = Filters(start=HALF_YEAR.start, end=HALF_YEAR.end, rm="RM2")
    assert [(r["rm"], r["on_ladder"], r["stalled"]) for r in stalls.view(book, filters).rows] == [
        ("RM2", 2, 1)
    ]
    assert [r["party_id"] for r in stalled.view(book, filters).rows] == ["T1"]


@pytest.mark.parametrize(
    ("chosen", "rms"),
    [
        ({"branch": "B2"}, ["RM3"]),
        ({"segment": "private"}, ["RM2"]),
        ({"industry": "C"}, ["RM1"]),  # the section covers C13
    ],
)
def test_filters_choose_the_books(book: Snapshot, chosen: dict[str, str], rms: list[str]) -> None:
    filters = Filters(start=HALF_YEAR.start, end=HALF_YEAR.end, **chosen)
    assert [r["rm"] for r in stalls.view(book, filters).rows] == rms


def test_an_earlier_end_sees_the_book_as_it_was(book: Snapshot) -> None:
    # On 31 Mar: rung 1 stays 1e, 10e, 20e, 30e, 40e, 50e (all of Q and T1's day): S(50) = 0,
    # threshold 50; S1, S2, S3 not begun. Rung 2: T2 5e, T3 8e, T4 12e, T1 since 31 Jan:
    # 28 + 31 = 59 days censored. S(5) = 3/4, S(8) = 2/4, S(12) = 1/4 > 0.2: not reached, the
    # longest stay (59) is the threshold and T1 is not flagged.
    march = Filters(start=day("2026-01-01"), end=day("2026-03-31"))
    assert stalled.view(book, march).rows == []
    assert [(r["rm"], r["on_ladder"], r["stalled"]) for r in stalls.view(book, march).rows] == [
        ("RM1", 0, 0),
        ("RM2", 1, 0),
        ("RM3", 0, 0),
    ]


def test_the_list_stops_at_500_and_says_so() -> None:
    # 2,100 stays of one day each and 502 parties on rung 1 since 1 Jun (29 days, censored):
    # S(1) = 502 / 2,602 = 0.193 <= 0.2, threshold 1 day; the 502 are 28 days over, all equal,
    # so listed by party id
    quick = [
        row for i in range(2100) for row in moves(f"A{i}", ("2026-01-05", 1), ("2026-01-06", 0))
    ]
    slow = [row for i in range(502) for row in moves(f"Z{i:03d}", ("2026-06-01", 1))]
    parties = [party(f"A{i}") for i in range(2100)] + [party(f"Z{i:03d}") for i in range(502)]
    many = snapshot(parties=parties, transitions=quick + slow)
    table = stalled.view(many, HALF_YEAR)
    assert len(table.rows) == 500
    assert table.rows[0]["party_id"] == "Z000"
    assert table.rows[-1]["party_id"] == "Z499"
    assert {r["days_over"] for r in table.rows} == {28}
    assert table.note is not None
    assert "500" in table.note.en
    assert "500" in table.note.zh
    assert stalls.view(many, HALF_YEAR).rows[0]["stalled"] == 502


def test_an_empty_snapshot_has_no_rows() -> None:
    empty = snapshot()
    assert stalls.view(empty, HALF_YEAR).rows == []
    assert stalled.view(empty, HALF_YEAR).rows == []
