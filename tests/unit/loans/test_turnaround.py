"""Turnaround per application, per RM and per step, on hand-worked journeys.

All on plain weeks of June 2026 (no holidays): Mon 06-01 .. Fri 06-05, Mon 06-08 ...
"""

from __future__ import annotations

import datetime as dt

import pytest

from bankladder.loans.calendar import WorkingCalendar
from bankladder.loans.turnaround import Journey, Move, bottleneck, per_rm, per_step, turnaround
from bankladder.store.vocabulary import LoanStatus as S

pytestmark = pytest.mark.unit

CALENDAR = WorkingCalendar()
NOW = dt.datetime(2026, 6, 12, 0, 0)  # Friday 06-12 00:00


def at(day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour)


# A: received Mon 06-01 00:00, documents Tue 00:00, review Wed 00:00, approved Fri 00:00,
#    disbursed Mon 06-08 12:00: 1 + 1 + 2 + 1.5 = 5.5 working days
A = Journey(
    "A",
    "RM01",
    at(1),
    S.DISBURSED,
    (
        Move(S.RECEIVED, at(1)),
        Move(S.DOCUMENTS_COMPLETE, at(2)),
        Move(S.CREDIT_REVIEW, at(3)),
        Move(S.APPROVED, at(5)),
        Move(S.DISBURSED, at(8, 12)),
    ),
)
# B: received Wed 06-03 12:00, documents Thu 06-04 00:00 (0.5), review since then, still open:
#    Thu, Fri, Mon..Thu 06-11 = 6 working days in review by Fri 06-12 00:00; 6.5 in all
B = Journey(
    "B",
    "RM01",
    at(3, 12),
    S.CREDIT_REVIEW,
    (Move(S.DOCUMENTS_COMPLETE, at(4)), Move(S.CREDIT_REVIEW, at(4))),
)
# C: received Mon 06-08 00:00, withdrawn Tue 06-09 06:00 (1.25 in received)
C = Journey("C", "RM02", at(8), S.WITHDRAWN, (Move(S.WITHDRAWN, at(9, 6)),))


def test_turnaround_runs_to_the_final_move_or_to_now() -> None:
    assert turnaround(CALENDAR, A, NOW) == pytest.approx(5.5)
    assert turnaround(CALENDAR, B, NOW) == pytest.approx(6.5)
    assert turnaround(CALENDAR, C, NOW) == pytest.approx(1.25)


def test_per_rm_counts_and_median_fastest_first() -> None:
    lines = per_rm(CALENDAR, [A, B, C], NOW)
    assert [(r.rm_id, r.count, r.open) for r in lines] == [("RM02", 1, 0), ("RM01", 2, 1)]
    assert lines[0].median_days == pytest.approx(1.25)
    assert lines[1].median_days == pytest.approx(6.0)  # median of 5.5 and 6.5


def test_per_step_median_total_and_share() -> None:
    steps = {s.step: s for s in per_step(CALENDAR, [A, B, C], NOW)}
    # received: A 1, B 0.5, C 1.25; documents: A 1, B 0; review: A 2, B 6; approved: A 1.5
    assert steps[S.RECEIVED].total_days == pytest.approx(2.75)
    assert steps[S.RECEIVED].median_days == pytest.approx(1.0)
    assert steps[S.DOCUMENTS_COMPLETE].count == 2
    assert steps[S.DOCUMENTS_COMPLETE].median_days == pytest.approx(0.5)
    assert steps[S.CREDIT_REVIEW].total_days == pytest.approx(8)
    assert steps[S.APPROVED].total_days == pytest.approx(1.5)
    assert steps[S.CREDIT_REVIEW].share == pytest.approx(8 / 13.25)
    assert sum(s.share for s in steps.values()) == pytest.approx(1)


def test_the_bottleneck_is_the_step_that_eats_the_most_time() -> None:
    worst = bottleneck(per_step(CALENDAR, [A, B, C], NOW))
    assert worst is not None
    assert worst.step is S.CREDIT_REVIEW
    assert bottleneck(per_step(CALENDAR, [C], NOW)).step is S.RECEIVED  # type: ignore[union-attr]
    assert bottleneck([]) is None


def test_moves_at_the_same_instant_are_read_in_the_pipelines_order() -> None:
    reversed_moves = Journey("B2", "RM01", B.received_at, B.status, tuple(reversed(B.moves)))
    assert per_step(CALENDAR, [reversed_moves], NOW) == per_step(CALENDAR, [B], NOW)
