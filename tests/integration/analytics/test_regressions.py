"""Regressions and drop-outs on a hand-made history over March and April 2026: each change
away from a rung counted by month and rung left, the period's edges, filters, an empty
snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from bankladder.analytics import regressions
from bankladder.analytics.schemas import Chart, ChartKind, Filters
from tests.analytics_support import day, moves, party, snapshot

pytestmark = pytest.mark.integration

SPRING = Filters(start=day("2026-03-01"), end=day("2026-04-30"))

HISTORY = [
    # P1: 1 -> 2 on the first day (an advance from 1), 2 -> 1 (a regression from 2), 1 -> 0 on
    # the last day (a drop-out from 1)
    *moves("P1", ("2026-01-31", 1), ("2026-03-01", 2), ("2026-03-15", 1), ("2026-04-30", 0)),
    # P2: placed on 3 in February (before the period, and a placement is no move away from a
    # rung), 3 -> 1 on 31 Mar (a regression from 3), 1 -> 4 the day after the end: ignored
    *moves("P2", ("2026-02-28", 3), ("2026-03-31", 1), ("2026-05-01", 4)),
    # P3: on 4 since February, off the ladder on 2 Apr (a drop-out from 4)
    *moves("P3", ("2026-02-27", 4), ("2026-04-02", 0)),
]


def counts(rows: list[dict[str, Any]]) -> dict[tuple[str, int], tuple[int, int, int]]:
    """(month, rung left) -> (advanced, regressed, left), the rows with any move only."""
    return {
        (r["month"].isoformat()[:7], r["stage"]): (r["advanced"], r["regressed"], r["left"])
        for r in rows
        if r["advanced"] or r["regressed"] or r["left"]
    }


def test_moves_away_from_each_rung_by_month() -> None:
    history = snapshot(parties=[party("P1"), party("P2"), party("P3")], transitions=HISTORY)
    table = regressions.view(history, SPRING)
    # two months x four rungs
    assert len(table.rows) == 8
    assert counts(table.rows) == {
        ("2026-03", 1): (1, 0, 0),  # P1 up from 1
        ("2026-03", 2): (0, 1, 0),  # P1 down from 2
        ("2026-03", 3): (0, 1, 0),  # P2 down from 3
        ("2026-04", 1): (0, 0, 1),  # P1 off from 1 on the last day
        ("2026-04", 4): (0, 0, 1),  # P3 off from 4
    }
    assert table.view == "regressions"
    assert table.chart == Chart(ChartKind.STACKED, x="month", y=("regressed", "left"))


def test_a_party_counts_once_per_move() -> None:
    # down 3 -> 2 -> 1 in one month: two regressions, one from each rung
    history = snapshot(
        parties=[party("P1")],
        transitions=moves("P1", ("2026-02-01", 3), ("2026-03-05", 2), ("2026-03-06", 1)),
    )
    assert counts(regressions.view(history, SPRING).rows) == {
        ("2026-03", 3): (0, 1, 0),
        ("2026-03", 2): (0, 1, 0),
    }


FILTERED_PARTIES = [
    party("P1", "RM1", "B1", segment="mass", industry_code="C13"),
    party("P2", "RM2", "B1", segment="private", industry_code="C26"),
    party("P3", "RM3", "B2", segment="mass", industry_code="F51"),
]


@pytest.mark.parametrize(
    ("chosen", "regressed"),
    [
        ({}, 3),
        ({"rm": "RM1"}, 1),
        ({"branch": "B1"}, 2),
        ({"segment": "mass"}, 2),
        ({"industry": "C"}, 2),  # C13 and C26
        ({"industry": "C13"}, 1),
        ({"industry": "c13 "}, 1),  # normalised
        ({"branch": "B2", "rm": "RM1"}, 0),
    ],
)
def test_filters_choose_the_parties(chosen: dict[str, str], regressed: int) -> None:
    # each party regresses 2 -> 1 once in March
    history = snapshot(
        parties=FILTERED_PARTIES,
        transitions=[
            row
            for p in ("P1", "P2", "P3")
            for row in moves(p, ("2026-01-15", 2), ("2026-03-10", 1))
        ],
    )
    filters = Filters(start=SPRING.start, end=SPRING.end, **chosen).normalised()
    rows = regressions.view(history, filters).rows
    assert sum(r["regressed"] for r in rows) == regressed


def test_an_empty_snapshot_gives_zero_rows() -> None:
    rows = regressions.view(snapshot(), SPRING).rows
    assert len(rows) == 8
    assert all(r["advanced"] == r["regressed"] == r["left"] == 0 for r in rows)
