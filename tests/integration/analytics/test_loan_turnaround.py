"""Loan turnaround on hand-made applications received in February and March 2026: outcomes as
of the period's end, calendar days from the day received to the decision and to disbursal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bankladder.analytics import loan_turnaround
from bankladder.analytics.schemas import Chart, ChartKind, Filters
from bankladder.analytics.snapshot import Snapshot
from tests.analytics_support import day, party, snapshot

pytestmark = pytest.mark.integration

PERIOD = Filters(start=day("2026-02-01"), end=day("2026-03-31"))
FEB, MAR = day("2026-02-01"), day("2026-03-01")

PARTIES = [party("A", "RM1", "B1"), party("B", "RM2", "B2")]


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def application(
    app: str, owner: str, received: str, *steps: tuple[str, str]
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """A ``loans`` row (status: its last step) and its ``loan_moves``, starting with the
    registration (received, from no status)."""
    moved, before = [(app, None, "received", at(received))], "received"
    for status, when in steps:
        moved.append((app, before, status, at(when)))
        before = status
    last = at(steps[-1][1]) if steps else at(received)
    return (app, owner, "RM1", before, at(received), last), moved


APPLICATIONS = [
    application("L1", "A", "2026-01-31 23:00"),  # received before the start
    application(  # decision 02-01 -> 02-05: 4 days; disbursed 02-09: 8 days
        "L2",
        "A",
        "2026-02-01 09:00",
        ("documents_complete", "2026-02-02 10:00"),
        ("credit_review", "2026-02-03 10:00"),
        ("approved", "2026-02-05 10:00"),
        ("disbursed", "2026-02-09 15:00"),
    ),
    application(  # declined 02-10 16:00 -> 02-20 09:00: 10 calendar days (9.7 in hours)
        "L3",
        "A",
        "2026-02-10 16:00",
        ("documents_complete", "2026-02-11 10:00"),
        ("credit_review", "2026-02-12 10:00"),
        ("declined", "2026-02-20 09:00"),
    ),
    application("L4", "B", "2026-02-15 10:00", ("withdrawn", "2026-02-16 10:00")),
    application(  # approved in 1 day, disbursed after the end: still open at 03-31
        "L5",
        "B",
        "2026-02-20 08:00",
        ("documents_complete", "2026-02-20 09:00"),
        ("credit_review", "2026-02-20 10:00"),
        ("approved", "2026-02-21 10:00"),
        ("disbursed", "2026-04-02 10:00"),
    ),
    application("L6", "A", "2026-03-31 18:00"),  # received on the last day, open
    application("L7", "A", "2026-04-01 09:00"),  # after the end
    application(  # decision in 2 days, disbursal in 7
        "L8",
        "A",
        "2026-03-05 09:00",
        ("documents_complete", "2026-03-05 11:00"),
        ("credit_review", "2026-03-06 10:00"),
        ("approved", "2026-03-07 10:00"),
        ("disbursed", "2026-03-12 10:00"),
    ),
]


@pytest.fixture
def book() -> Snapshot:
    return snapshot(
        parties=PARTIES,
        loans=[row for row, _ in APPLICATIONS],
        loan_moves=[move for _, moved in APPLICATIONS for move in moved],
    )


def counts(row: dict[str, Any]) -> tuple[int, ...]:
    keys = ("received", "decided", "approved", "declined", "disbursed", "withdrawn", "open")
    return tuple(row[key] for key in keys)


def days(row: dict[str, Any]) -> tuple[float | None, ...]:
    keys = (
        "median_days_to_decision",
        "p80_days_to_decision",
        "median_days_to_disbursal",
        "p80_days_to_disbursal",
    )
    return tuple(row[key] for key in keys)


def test_outcomes_and_days_per_month_of_receipt(book: Snapshot) -> None:
    table = loan_turnaround.view(book, PERIOD)
    feb, mar = table.rows
    assert (feb["month"], mar["month"]) == (FEB, MAR)
    # Feb: L2 L3 L4 L5 received; decided L2 (approved), L3 (declined), L5 (approved); L2
    # disbursed (L5 only on 04-02); L4 withdrawn; open 4 - 1 - 1 - 1 = 1 (L5).
    assert counts(feb) == (4, 3, 2, 1, 1, 1, 1)
    # Days to decision 1 (L5), 4 (L2), 10 (L3): median 4; 80th percentile at 0.8 * 2 = 1.6
    # between 4 and 10: 4 + 0.6 * 6 = 7.6. Days to disbursal: L2 alone, 8.
    assert days(feb) == (4, pytest.approx(7.6), 8, 8)
    # Mar: L6 and L8 (L7 on 04-01 is out); L8 approved in 2 days, disbursed in 7; L6 open.
    assert counts(mar) == (2, 1, 1, 0, 1, 0, 1)
    assert days(mar) == (2, 2, 7, 7)
    assert table.chart == Chart(
        ChartKind.LINE, x="month", y=("median_days_to_decision", "median_days_to_disbursal")
    )


def test_outcomes_are_read_as_of_the_period_s_end(book: Snapshot) -> None:
    # Ending 02-19: L5 (received 02-20) is out; L3 is declined only on 02-20, so still open.
    # Received L2 L3 L4; decided L2; disbursed L2; withdrawn L4; open L3.
    (feb,) = loan_turnaround.view(book, Filters(FEB, day("2026-02-19"))).rows
    assert counts(feb) == (3, 1, 1, 0, 1, 1, 1)
    assert days(feb) == (4, 4, 8, 8)


def test_filters_choose_the_parties(book: Snapshot) -> None:
    # Branch B2 is B: L4 withdrawn, L5 approved in 1 day and open; no disbursal yet.
    feb, mar = loan_turnaround.view(book, Filters(PERIOD.start, PERIOD.end, branch="B2")).rows
    assert counts(feb) == (2, 1, 1, 0, 0, 1, 1)
    assert days(feb) == (1, 1, None, None)
    assert counts(mar) == (0, 0, 0, 0, 0, 0, 0)
    assert days(mar) == (None, None, None, None)


def test_an_empty_snapshot_lists_the_months_with_zeros() -> None:
    rows = loan_turnaround.view(snapshot(), PERIOD).rows
    assert [row["month"] for row in rows] == [FEB, MAR]
    assert [counts(row) for row in rows] == [(0,) * 7, (0,) * 7]
    assert [days(row) for row in rows] == [(None,) * 4, (None,) * 4]
