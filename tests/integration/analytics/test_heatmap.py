"""The industry x stage heat map on hand-made enterprises: GB/T 4754 sections from the store's
codes, each enterprise on its rung at the period's end, persons left out."""

from __future__ import annotations

from typing import Any

import pytest

from bankladder.analytics import heatmap
from bankladder.analytics.schemas import Chart, ChartKind, Filters
from bankladder.analytics.snapshot import Snapshot
from tests.analytics_support import day, moves, party, snapshot

pytestmark = pytest.mark.integration

Q1 = Filters(start=day("2026-01-01"), end=day("2026-03-31"))

PARTIES = [
    party("E1", "RM1", "B1", kind="enterprise", industry_code="C13"),
    party("E2", "RM1", "B1", kind="enterprise", industry_code="C"),  # the section alone
    party("E3", "RM2", "B2", kind="enterprise", industry_code="C36"),  # never on the ladder
    party("E4", "RM2", "B2", kind="enterprise", industry_code="F51"),
    party("E5", "RM1", "B1", kind="enterprise", industry_code=None),  # no code
    party("E6", "RM1", "B1", kind="enterprise", industry_code="Z99"),  # not a GB/T 4754 code
    party("E7", "RM1", "B1", kind="enterprise", industry_code="F13"),  # 13 is under C, not F
    party("P1", "RM1", "B1", kind="person", industry_code="C13"),  # a person: left out
]

TRANSITIONS = [
    *moves("E1", ("2026-01-31", 1), ("2026-03-31", 2), ("2026-04-30", 3)),  # 2 at 03-31
    *moves("E2", ("2026-02-28", 2)),
    *moves("E4", ("2026-03-01", 1)),
    *moves("E5", ("2026-03-01", 4)),
    *moves("E7", ("2026-01-31", 3), ("2026-03-15", 0)),  # left the ladder: 0
    *moves("P1", ("2026-01-31", 4)),
]


@pytest.fixture
def book() -> Snapshot:
    return snapshot(parties=PARTIES, transitions=TRANSITIONS)


def grid(rows: list[dict[str, Any]]) -> list[tuple[str, int, int, float]]:
    return [(r["section"], r["stage"], r["parties"], r["share_of_section"]) for r in rows]


def test_enterprises_per_section_and_rung_at_the_period_s_end(book: Snapshot) -> None:
    table = heatmap.view(book, Q1)
    # C: E3 on 0; E1 (2 since 03-31, the 04-30 move is after the end) and E2 on 2: 3 in all.
    # F: E4 on 1. Unknown (?): E6 on 0, E7 on 0 (left on 03-15), E5 on 4: 3 in all.
    # Every rung 0..4 listed per section; C first, F, unknown last.
    assert grid(table.rows) == [
        ("C", 0, 1, pytest.approx(1 / 3)),
        ("C", 1, 0, 0),
        ("C", 2, 2, pytest.approx(2 / 3)),
        ("C", 3, 0, 0),
        ("C", 4, 0, 0),
        ("F", 0, 0, 0),
        ("F", 1, 1, 1),
        ("F", 2, 0, 0),
        ("F", 3, 0, 0),
        ("F", 4, 0, 0),
        ("?", 0, 2, pytest.approx(2 / 3)),
        ("?", 1, 0, 0),
        ("?", 2, 0, 0),
        ("?", 3, 0, 0),
        ("?", 4, 1, pytest.approx(1 / 3)),
    ]
    first, last = table.rows[0], table.rows[-1]
    assert (first["section_zh"], first["section_en"]) == ("制造业", "Manufacturing")
    assert (last["section_zh"], last["section_en"]) == ("未填行业", "No industry recorded")
    assert table.chart == Chart(ChartKind.HEATMAP, x="stage", y=("parties",), series="section")


def test_an_earlier_end_reads_earlier_rungs(book: Snapshot) -> None:
    # At 02-28: E1 on 1 (03-31 not yet), E2 on 2, E3 on 0; E4 and E5 not yet on the ladder;
    # E7 still on 3.
    rows = grid(heatmap.view(book, Filters(day("2026-01-01"), day("2026-02-28"))).rows)
    counts = {(section, stage): parties for section, stage, parties, _ in rows if parties}
    assert counts == {
        ("C", 0): 1,
        ("C", 1): 1,
        ("C", 2): 1,
        ("F", 0): 1,
        ("?", 0): 2,
        ("?", 3): 1,
    }


def test_a_section_filter_covers_its_divisions(book: Snapshot) -> None:
    # "C" covers C13, C and C36 (E1, E2, E3); "C13" only E1.
    section = grid(heatmap.view(book, Filters(Q1.start, Q1.end, industry="C")).rows)
    assert [(s, stage, n) for s, stage, n, _ in section if n] == [("C", 0, 1), ("C", 2, 2)]
    division = grid(heatmap.view(book, Filters(Q1.start, Q1.end, industry="C13")).rows)
    assert [(s, stage, n, share) for s, stage, n, share in division if n] == [("C", 2, 1, 1)]


def test_rm_and_branch_filters(book: Snapshot) -> None:
    # RM2 holds E3 (C, 0) and E4 (F, 1); branch B2 the same two.
    for chosen in (Filters(Q1.start, Q1.end, rm="RM2"), Filters(Q1.start, Q1.end, branch="B2")):
        rows = grid(heatmap.view(book, chosen).rows)
        assert [(s, stage, n) for s, stage, n, _ in rows if n] == [("C", 0, 1), ("F", 1, 1)]


def test_no_enterprise_no_rows() -> None:
    assert heatmap.view(snapshot(), Q1).rows == []
    persons = snapshot(parties=[party("P1", industry_code="C13")])
    assert heatmap.view(persons, Q1).rows == []
