"""RM activity on a hand-made book: contacts, answers and ladder moves in March 2026 credited to
the party's RM, the days on the period's edges included, the day either side left out."""

from __future__ import annotations

from typing import Any

import pytest

from bankladder.analytics import team
from bankladder.analytics.schemas import Chart, ChartKind, Filters
from bankladder.analytics.snapshot import Snapshot
from tests.analytics_support import day, moves, party, snapshot

pytestmark = pytest.mark.integration

MARCH = Filters(start=day("2026-03-01"), end=day("2026-03-31"))

RMS = [("RM1", "Li", "B1"), ("RM2", "Wang", "B1"), ("RM3", "Zhao", "B2")]

PARTIES = [
    party("P1", "RM1", "B1"),
    party("P2", "RM1", "B1", segment="private"),
    party("P3", "RM2", "B1"),
    party("P4", "RM3", "B2"),
    ("P5", "person", "P5", None, "B1", "mass", None, None),  # no RM: left out
]

CONTACTS = [
    ("P1", "RM1", "visit", day("2026-02-28")),  # the day before: out
    ("P1", "RM1", "visit", day("2026-03-01")),  # first day: in
    ("P1", "RM2", "call", day("2026-03-15")),  # logged by RM2, still RM1's book
    ("P1", "RM1", "call", day("2026-03-31")),  # last day: in
    ("P1", "RM1", "call", day("2026-04-01")),  # the day after: out
    ("P3", "RM2", "visit", day("2026-03-10")),
    ("P4", "RM3", "visit", day("2026-03-05")),
    ("P4", "RM3", "message", day("2026-03-06")),
    ("P5", "RM1", "visit", day("2026-03-05")),  # a party without an RM
]

ANSWERS = [
    ("P1", "RM1", "done", day("2026-03-02")),
    ("P1", "RM1", "not_relevant", day("2026-03-03")),
    ("P1", "RM1", "snoozed", day("2026-03-04")),  # neither done nor dismissed
    ("P1", "RM1", "done", day("2026-02-27")),  # before the period
    ("P2", "RM1", "done", day("2026-03-31")),
    ("P3", "RM2", "not_relevant", day("2026-04-01")),  # after the period
]

TRANSITIONS = [
    *moves("P1", ("2026-01-31", 1), ("2026-03-31", 2)),  # 1 -> 2 on the last day: an advance
    # P2 enters (0 -> 1), advances 1 -> 3, regresses 3 -> 2, all in March
    *moves("P2", ("2026-03-01", 1), ("2026-03-20", 3), ("2026-03-25", 2)),
    *moves("P3", ("2026-02-28", 2), ("2026-03-31", 0)),  # 2 -> 0: left
    *moves("P4", ("2026-01-31", 1), ("2026-03-10", 2), ("2026-04-01", 3)),  # one advance in March
]


@pytest.fixture
def book() -> Snapshot:
    return snapshot(
        rms=RMS, parties=PARTIES, contacts=CONTACTS, answers=ANSWERS, transitions=TRANSITIONS
    )


def by_rm(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["rm"]: row for row in rows}


def test_each_rm_is_credited_with_the_book_s_activity_in_the_period(book: Snapshot) -> None:
    table = team.view(book, MARCH)
    rows = by_rm(table.rows)
    assert list(rows) == ["RM1", "RM2", "RM3"]
    # RM1: P1 and P2. Contacts: P1's on 03-01, 03-15 (logged by RM2) and 03-31 = 3, one party.
    # Answers: done 03-02 (P1) + 03-31 (P2) = 2; dismissed 03-03 = 1; snoozed not counted.
    # Moves: P1 1->2 (advance); P2 0->1 (entered), 1->3 (advance), 3->2 (regression).
    # Advances per 100 contacts: 100 * 2 / 3 = 66.67.
    assert rows["RM1"] == {
        "rm": "RM1",
        "rm_name": "Li",
        "parties": 2,
        "contacts": 3,
        "parties_contacted": 1,
        "answers_done": 2,
        "answers_dismissed": 1,
        "entered": 1,
        "advances": 2,
        "regressions": 1,
        "left": 0,
        "advances_per_100_contacts": pytest.approx(200 / 3),
    }
    # RM2: P3, one contact, its dismissal falls on 04-01 (out); 2 -> 0 on 03-31: left.
    assert rows["RM2"]["contacts"] == 1
    assert rows["RM2"]["answers_dismissed"] == 0
    assert (rows["RM2"]["advances"], rows["RM2"]["regressions"], rows["RM2"]["left"]) == (0, 0, 1)
    assert rows["RM2"]["advances_per_100_contacts"] == 0
    # RM3: P4, two contacts, 1 -> 2 on 03-10 (the 04-01 advance is out): 100 * 1 / 2 = 50.
    assert (rows["RM3"]["contacts"], rows["RM3"]["parties_contacted"]) == (2, 1)
    assert rows["RM3"]["advances"] == 1
    assert rows["RM3"]["advances_per_100_contacts"] == 50
    assert table.chart == Chart(ChartKind.BAR, x="rm", y=("advances", "regressions"))


def test_the_period_moves_the_counts(book: Snapshot) -> None:
    # February: P1's contact on 02-28 and its done answer on 02-27; P3 enters 0 -> 2 on 02-28.
    february = Filters(start=day("2026-02-01"), end=day("2026-02-28"))
    rows = by_rm(team.view(book, february).rows)
    assert (rows["RM1"]["contacts"], rows["RM1"]["answers_done"]) == (1, 1)
    assert (rows["RM1"]["advances"], rows["RM1"]["entered"]) == (0, 0)
    assert (rows["RM2"]["entered"], rows["RM2"]["advances"]) == (1, 0)
    # no contacts: no rate rather than a division by zero
    assert rows["RM2"]["advances_per_100_contacts"] is None


@pytest.mark.parametrize(
    ("chosen", "rms"),
    [
        (Filters(MARCH.start, MARCH.end, rm="RM2"), ["RM2"]),
        (Filters(MARCH.start, MARCH.end, branch="B2"), ["RM3"]),
        (Filters(MARCH.start, MARCH.end, branch="B9"), []),
    ],
)
def test_filters_choose_the_books(book: Snapshot, chosen: Filters, rms: list[str]) -> None:
    assert [row["rm"] for row in team.view(book, chosen).rows] == rms


def test_a_segment_keeps_only_its_parties_in_the_book(book: Snapshot) -> None:
    # Only P2 is private: RM1's book is P2 alone, never contacted, one done answer (03-31),
    # entered, advanced and regressed once.
    rows = team.view(book, Filters(MARCH.start, MARCH.end, segment="private")).rows
    assert rows == [
        {
            "rm": "RM1",
            "rm_name": "Li",
            "parties": 1,
            "contacts": 0,
            "parties_contacted": 0,
            "answers_done": 1,
            "answers_dismissed": 0,
            "entered": 1,
            "advances": 1,
            "regressions": 1,
            "left": 0,
            "advances_per_100_contacts": None,
        }
    ]


def test_an_rm_missing_from_the_rms_is_still_listed_without_a_name() -> None:
    held = snapshot(rms=RMS, parties=[party("P9", "RM9")])
    assert [(r["rm"], r["rm_name"], r["parties"]) for r in team.view(held, MARCH).rows] == [
        ("RM9", None, 1)
    ]


def test_an_empty_snapshot_has_no_rows() -> None:
    table = team.view(snapshot(), MARCH)
    assert table.rows == []
    assert table.view == "team"
