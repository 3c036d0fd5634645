"""The bank's working days and the SLA of a loan application measured on them (pure).

A working day is Monday to Friday, unless the calendar's exceptions say otherwise: a public
holiday on a weekday (not working) or a weekend made a working day (调休, working). Working time
is counted in whole days of 24 hours on working days: an application received on a Friday at
15:00 has used 0.375 of a working day by the end of Friday, and nothing over the weekend.
The SLA deadline is the instant its working time reaches the product's ``sla_working_days``:
received Friday 15:00 with an SLA of 2 and Monday a holiday, it is due Wednesday 15:00.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

DAY = dt.timedelta(days=1)
SATURDAY = 5


class SlaState(StrEnum):
    ON_TRACK = "on_track"
    NEAR_BREACH = "near_breach"  # open, less than the near-breach share of the SLA left
    BREACHED = "breached"  # open, past its deadline
    MET = "met"  # finished by its deadline
    MISSED = "missed"  # finished after its deadline


ALERTS = frozenset({SlaState.NEAR_BREACH, SlaState.BREACHED})


@dataclass(frozen=True)
class WorkingCalendar:
    """Monday-Friday, with ``exceptions``: day -> whether it is a working day."""

    exceptions: Mapping[dt.date, bool] = field(default_factory=dict)

    def is_working(self, day: dt.date) -> bool:
        return self.exceptions.get(day, day.weekday() < SATURDAY)

    def deadline(self, start: dt.datetime, working_days: float) -> dt.datetime:
        """The instant ``working_days`` of working time after ``start``."""
        left = working_days * DAY
        cursor = start
        while True:
            midnight = _next_midnight(cursor)
            if self.is_working(cursor.date()):
                if left <= midnight - cursor:
                    return cursor + left
                left -= midnight - cursor
            cursor = midnight

    def working_days(self, start: dt.datetime, end: dt.datetime) -> float:
        """Working time from ``start`` to ``end`` in working days (0 when end is not later)."""
        spent = dt.timedelta(0)
        cursor = start
        while cursor < end:
            midnight = min(_next_midnight(cursor), end)
            if self.is_working(cursor.date()):
                spent += midnight - cursor
            cursor = midnight
        return spent / DAY


def _next_midnight(at: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(at.date() + DAY, dt.time())


@dataclass(frozen=True)
class Sla:
    """An application's SLA as of now: its deadline, the working days used and the state."""

    target: int
    deadline: dt.datetime
    used: float
    state: SlaState

    @property
    def left(self) -> float:
        return self.target - self.used


def sla(
    calendar: WorkingCalendar,
    received_at: dt.datetime,
    target: int | None,
    now: dt.datetime,
    *,
    finished_at: dt.datetime | None = None,
    near_share: float = 0.25,
) -> Sla | None:
    """The SLA of an application received at ``received_at`` (None without a target): open,
    measured up to ``now``; finished (a final move at ``finished_at``), met or missed."""
    if target is None:
        return None
    deadline = calendar.deadline(received_at, target)
    end = finished_at if finished_at is not None else now
    used = calendar.working_days(received_at, end)
    return Sla(target, deadline, used, _state(deadline, end, used, target, finished_at, near_share))


def _state(
    deadline: dt.datetime,
    end: dt.datetime,
    used: float,
    target: int,
    finished_at: dt.datetime | None,
    near_share: float,
) -> SlaState:
    late = end > deadline
    if finished_at is not None:
        return SlaState.MISSED if late else SlaState.MET
    if late:
        return SlaState.BREACHED
    return SlaState.NEAR_BREACH if target - used < near_share * target else SlaState.ON_TRACK
