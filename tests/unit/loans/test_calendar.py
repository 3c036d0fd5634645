"""The working-day calendar and the SLA on it, with dates worked by hand.

The calendar used here (the tests' own, close to China's 2026 schedule): National Day
2026-10-01 (Thursday) to 10-07 (Wednesday) off, Sunday 2026-09-27 and Saturday 2026-10-10
worked (调休); Monday 2026-06-22 a holiday for the example of a long weekend.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bankladder.loans.calendar import SlaState, WorkingCalendar, sla

pytestmark = pytest.mark.unit

NATIONAL_DAY = {dt.date(2026, 10, d): False for d in range(1, 8)}
MAKE_UP = {dt.date(2026, 9, 27): True, dt.date(2026, 10, 10): True}
CALENDAR = WorkingCalendar({**NATIONAL_DAY, **MAKE_UP, dt.date(2026, 6, 22): False})


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute)


def state_at(now: dt.datetime, near_share: float = 0.25) -> SlaState:
    found = sla(CALENDAR, at(6, 19, 15), 2, now, near_share=near_share)
    assert found is not None
    return found.state


def test_weekdays_work_weekends_rest_and_exceptions_win() -> None:
    assert CALENDAR.is_working(dt.date(2026, 6, 19))  # a Friday
    assert not CALENDAR.is_working(dt.date(2026, 6, 20))  # a Saturday
    assert not CALENDAR.is_working(dt.date(2026, 6, 22))  # a Monday, holiday
    assert CALENDAR.is_working(dt.date(2026, 9, 27))  # a Sunday worked (调休)
    assert not CALENDAR.is_working(dt.date(2026, 10, 5))  # a Monday of National Day


def test_friday_afternoon_with_monday_off_is_due_wednesday_afternoon() -> None:
    # Fri 15:00-24:00 = 0.375; Sat, Sun, Mon (holiday) nothing; Tue 1.0; Wed 0.625 at 15:00
    assert CALENDAR.deadline(at(6, 19, 15), 2) == at(6, 24, 15)


def test_a_day_received_on_a_weekend_starts_on_the_next_working_day() -> None:
    assert CALENDAR.deadline(at(6, 20, 10), 1) == at(6, 24, 0)  # Tue 00:00 to Wed 00:00


def test_national_day_is_skipped_and_the_make_up_saturday_counts() -> None:
    # Wed 09-30 12:00: 0.5 that day; 10-01..10-07 off; Thu 10-08 1.0; Fri 10-09 1.0;
    # Sat 10-10 (worked) the last 0.5 at noon
    assert CALENDAR.deadline(at(9, 30, 12), 3) == at(10, 10, 12)
    # Fri 09-25 18:00: 0.25; Sat off; Sun 09-27 worked: 1.0; Mon 09-28 the last 0.75 at 18:00
    assert CALENDAR.deadline(at(9, 25, 18), 2) == at(9, 28, 18)


def test_elapsed_working_time_leaves_out_weekends_and_holidays() -> None:
    assert CALENDAR.working_days(at(6, 19, 15), at(6, 23, 12)) == pytest.approx(0.875)
    assert CALENDAR.working_days(at(9, 30, 0), at(10, 9, 6)) == pytest.approx(2.25)
    assert CALENDAR.working_days(at(6, 20), at(6, 21, 23)) == 0
    assert CALENDAR.working_days(at(6, 23), at(6, 19)) == 0


def test_an_open_application_is_on_track_near_breach_or_breached() -> None:
    received = at(6, 19, 15)  # due Wed 06-24 15:00, SLA 2
    assert state_at(at(6, 23, 9)) is SlaState.ON_TRACK  # 0.75 used
    near = sla(CALENDAR, received, 2, at(6, 24, 8))  # 1.708 used, 0.29 left < 0.5
    assert near is not None
    assert near.state is SlaState.NEAR_BREACH
    assert near.left == pytest.approx(2 - (0.375 + 1 + 8 / 24))
    assert state_at(at(6, 24, 16)) is SlaState.BREACHED


def test_the_near_breach_share_is_a_setting() -> None:
    received = at(6, 19, 15)
    found = sla(CALENDAR, received, 2, at(6, 23, 22), near_share=0.5)  # 1.29 used, 0.71 left
    assert found is not None
    assert found.state is SlaState.NEAR_BREACH
    assert state_at(at(6, 23, 22)) is SlaState.ON_TRACK


def test_a_finished_application_met_or_missed_its_deadline() -> None:
    received, later = at(6, 19, 15), at(7, 30)
    met = sla(CALENDAR, received, 2, later, finished_at=at(6, 24, 15))
    missed = sla(CALENDAR, received, 2, later, finished_at=at(6, 24, 15, 1))
    assert met is not None
    assert met.state is SlaState.MET
    assert met.used == pytest.approx(2)
    assert missed is not None
    assert missed.state is SlaState.MISSED


def test_no_target_no_sla() -> None:
    assert sla(CALENDAR, at(6, 19), None, at(6, 30)) is None
