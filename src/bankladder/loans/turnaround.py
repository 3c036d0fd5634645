"""Turnaround of loan applications on the working-day calendar (pure).

Per application: the working days from received to disbursed (to its final move when it was
declined or withdrawn; to now while open). Per RM: how many applications and their median
turnaround. Per step: the working days each application spent in the step (from entering it to
the next move, or to now while it still waits there); the median, the total and the share of
all the time: the bottleneck is the step that eats the most.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from bankladder.loans.calendar import WorkingCalendar
from bankladder.loans.workflow import FINAL, OPEN, ORDER
from bankladder.store.vocabulary import LoanStatus


@dataclass(frozen=True)
class Move:
    to: LoanStatus
    at: dt.datetime


@dataclass(frozen=True)
class Journey:
    """One application as turnaround reads it: received, its moves in time order, its status."""

    application_id: str
    rm_id: str | None
    received_at: dt.datetime
    status: LoanStatus
    moves: tuple[Move, ...] = ()

    @property
    def finished_at(self) -> dt.datetime | None:
        if self.status not in FINAL:
            return None
        final = [m.at for m in self.moves if m.to in FINAL]
        return max(final) if final else None

    def stays(self, now: dt.datetime) -> list[tuple[LoanStatus, dt.datetime, dt.datetime]]:
        """(step, entered, left) for each step the application waited in."""
        stays = []
        status, since = LoanStatus.RECEIVED, self.received_at
        for move in sorted(self.moves, key=lambda m: (m.at, ORDER.index(m.to))):
            if move.to is LoanStatus.RECEIVED:  # the registration itself
                continue
            stays.append((status, since, move.at))
            status, since = move.to, move.at
        if status not in FINAL:
            stays.append((status, since, max(now, since)))
        return [stay for stay in stays if stay[0] in OPEN]


@dataclass(frozen=True)
class RmTurnaround:
    rm_id: str | None
    count: int
    open: int
    median_days: float


@dataclass(frozen=True)
class StepTime:
    step: LoanStatus
    count: int  # applications that waited in the step
    median_days: float
    total_days: float
    share: float  # of all the time spent in steps, 0..1


def turnaround(calendar: WorkingCalendar, journey: Journey, now: dt.datetime) -> float:
    """Working days from received to the final move, or to now while open."""
    end = journey.finished_at or max(now, journey.received_at)
    return calendar.working_days(journey.received_at, end)


def per_rm(
    calendar: WorkingCalendar, journeys: Iterable[Journey], now: dt.datetime
) -> list[RmTurnaround]:
    """Count, open and median turnaround per RM, fastest first (then by RM)."""
    days: dict[str | None, list[float]] = defaultdict(list)
    still_open: dict[str | None, int] = defaultdict(int)
    for journey in journeys:
        days[journey.rm_id].append(turnaround(calendar, journey, now))
        still_open[journey.rm_id] += journey.status not in FINAL
    found = [RmTurnaround(rm, len(d), still_open[rm], median(d)) for rm, d in days.items()]
    return sorted(found, key=lambda r: (r.median_days, r.rm_id or ""))


def per_step(
    calendar: WorkingCalendar, journeys: Iterable[Journey], now: dt.datetime
) -> list[StepTime]:
    """Time spent in each step, in the pipeline's order (steps nobody waited in left out)."""
    days: dict[LoanStatus, list[float]] = defaultdict(list)
    for journey in journeys:
        for step, entered, left in journey.stays(now):
            days[step].append(calendar.working_days(entered, left))
    everything = sum(sum(d) for d in days.values())
    return [
        StepTime(step, len(d), median(d), sum(d), sum(d) / everything if everything else 0.0)
        for step in OPEN
        if (d := days.get(step))
    ]


def bottleneck(steps: Sequence[StepTime]) -> StepTime | None:
    """The step that eats the most time (the earlier on a tie); None without any time."""
    timed = [step for step in steps if step.total_days > 0]
    return max(timed, key=lambda s: s.total_days) if timed else None
