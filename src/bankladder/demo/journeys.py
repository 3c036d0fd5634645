"""Latent journeys: the rung each party has reached by ``as_of`` and when it got there.

A journey is drawn first; every row of the party's history is then generated to agree with
it, so that evaluating the ladder at earlier month-ends shows advances, and some parties show
regressions (a complaint, a closed product, money moved out) and stalls (no contact for
90+ days). Dates are working days within the 18 months before ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from enum import StrEnum

HISTORY_DAYS = 540  # 18 months
STAGE_MIX = {0: 0.05, 1: 0.22, 2: 0.20, 3: 0.20, 4: 0.16, 5: 0.10, 6: 0.07}
# Days between reaching rung k-1 and rung k: (least, most). Rung 4 needs 6 months as customer.
STEP_DAYS = {2: (10, 80), 3: (20, 120), 4: (185, 275), 5: (30, 120)}


class Course(StrEnum):
    """How a party's relationship with the bank has gone."""

    LISTED = "listed"  # on a prospect list, never contacted
    COLD = "cold"  # contacted, never came to an event of the bank
    LEFT = "left"  # came to one event over a year ago, then drifted off the ladder
    STALLED = "stalled"  # stuck on rung 1, no contact for 90+ days
    WARM = "warm"  # on rung 1 and in touch, no need found yet
    LAPSED = "lapsed"  # had reached rung 2 or 3; contact stopped 90+ days ago
    CLIMBING = "climbing"  # a steady climb to its rung
    COMPLAINT = "complaint"  # an unresolved complaint of the last 60 days pulls it back to 2
    UNCARED = "uncared"  # opened a product but was never looked after: stuck on rung 2
    CLOSED = "closed"  # closed a product family: one rung back
    MOVED_OUT = "moved_out"  # moved money to another bank: one rung back


COURSES: dict[int, tuple[tuple[Course, float], ...]] = {
    0: ((Course.LISTED, 0.4), (Course.COLD, 0.3), (Course.LEFT, 0.3)),
    1: ((Course.STALLED, 0.35), (Course.LAPSED, 0.2), (Course.WARM, 0.45)),
    2: ((Course.CLIMBING, 0.7), (Course.COMPLAINT, 0.15), (Course.UNCARED, 0.15)),
    3: ((Course.CLIMBING, 0.8), (Course.CLOSED, 0.1), (Course.MOVED_OUT, 0.1)),
    4: ((Course.CLIMBING, 0.85), (Course.CLOSED, 0.075), (Course.MOVED_OUT, 0.075)),
    5: ((Course.CLIMBING, 1.0),),
    6: ((Course.CLIMBING, 1.0),),
}


@dataclass(frozen=True)
class Journey:
    rung: int  # where the party stands at as_of (0: not yet on the ladder)
    peak: int  # the highest rung it ever reached
    course: Course
    reached: tuple[dt.date, ...]  # when rungs 1..min(peak, 5) were reached; 6 comes from referrals
    first_contact_on: dt.date | None = None
    customer_since: dt.date | None = None
    quiet_since: dt.date | None = None  # the last contact, for parties that went quiet
    setback_on: dt.date | None = None  # the complaint, closure or outflow that pulled it back

    def reached_on(self, rung: int) -> dt.date | None:
        return self.reached[rung - 1] if 0 < rung <= len(self.reached) else None


@dataclass(frozen=True)
class Calendar:
    as_of: dt.date

    @property
    def start(self) -> dt.date:
        return self.as_of - dt.timedelta(days=HISTORY_DAYS)

    @property
    def last_working_day(self) -> dt.date:
        """The last day contacts are logged: the day before ``as_of``."""
        return working_day(self.as_of - dt.timedelta(days=1))

    def days_before(self, days: int) -> dt.date:
        return working_day(self.as_of - dt.timedelta(days=days))

    def snapshot_days(self, since: dt.date) -> list[dt.date]:
        """Month-ends on or after ``since`` and before ``as_of``, then ``as_of`` itself."""
        days: list[dt.date] = []
        month = dt.date(since.year, since.month, 1)
        while True:
            following = (month + dt.timedelta(days=32)).replace(day=1)
            month_end = following - dt.timedelta(days=1)
            if month_end >= self.as_of:
                return [*days, self.as_of]
            days.append(month_end)
            month = following


def working_day(day: dt.date) -> dt.date:
    """The day itself, or the Friday before it when it falls on a weekend."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A working day between two dates (both included); ``first`` if the span is empty."""
    span = (last - first).days
    return working_day(first + dt.timedelta(days=rng.randint(0, span))) if span > 0 else first


def plan_rungs(parties: int, rng: random.Random) -> list[int]:
    """The rung each party stands on at as_of, in the proportions of ``STAGE_MIX``."""
    quotas = {rung: share * parties for rung, share in STAGE_MIX.items()}
    counts = {rung: int(quota) for rung, quota in quotas.items()}
    by_remainder = sorted(quotas, key=lambda rung: counts[rung] - quotas[rung])
    for rung in by_remainder[: parties - sum(counts.values())]:
        counts[rung] += 1
    rungs = [rung for rung, count in counts.items() for _ in range(count)]
    rng.shuffle(rungs)
    return rungs


def climb(peak: int, earliest: dt.date, latest: dt.date, rng: random.Random) -> tuple[dt.date, ...]:
    """Dates on which rungs 1..peak were reached, all between ``earliest`` and ``latest``."""
    steps = [(rng.uniform(*STEP_DAYS[k]), STEP_DAYS[k][0]) for k in range(2, min(peak, 5) + 1)]
    room = (latest - earliest).days
    least = sum(low for _, low in steps)
    spare = sum(s - low for s, low in steps)
    shrink = min(1.0, max(0.0, room - least) / spare) if spare else 1.0
    gaps = [low + (s - low) * shrink for s, low in steps]
    offset = rng.uniform(0, max(0.0, room - sum(gaps)))
    days: list[float] = [offset]
    for gap in gaps:
        days.append(days[-1] + gap)
    return tuple(working_day(earliest + dt.timedelta(days=round(d))) for d in days)
