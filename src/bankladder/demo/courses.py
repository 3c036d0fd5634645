"""Drawing a party's journey along one of its possible courses."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import replace

from bankladder.demo.journeys import (
    COURSES,
    Calendar,
    Course,
    Journey,
    climb,
    day_between,
)

DAY = dt.timedelta(days=1)


def draw_journey(rung: int, calendar: Calendar, rng: random.Random) -> Journey:
    """A journey that leaves the party on ``rung`` at ``calendar.as_of``."""
    courses, weights = zip(*COURSES[rung], strict=True)
    course = rng.choices(courses, weights)[0]
    return DRAWERS[course](rung, course, calendar, rng)


def _first_contact(first_rung_on: dt.date, calendar: Calendar, rng: random.Random) -> dt.date:
    return day_between(rng, max(calendar.start, first_rung_on - 45 * DAY), first_rung_on)


def _ascent(
    rung: int,
    peak: int,
    course: Course,
    latest: dt.date,
    calendar: Calendar,
    rng: random.Random,
) -> Journey:
    """A journey up to ``peak`` that ends before ``latest``; customers from rung 3 on."""
    reached = climb(peak, calendar.start, latest, rng)
    return Journey(
        rung=rung,
        peak=peak,
        course=course,
        reached=reached,
        first_contact_on=_first_contact(reached[0], calendar, rng),
        customer_since=reached[2] if peak >= 3 else None,
    )


def _listed(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    return Journey(rung=0, peak=0, course=course, reached=())


def _cold(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    first = day_between(rng, calendar.start, calendar.last_working_day)
    last = day_between(rng, first, calendar.last_working_day)
    return Journey(
        rung=0, peak=0, course=course, reached=(), first_contact_on=first, quiet_since=last
    )


def _left(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    journey = _ascent(0, 1, course, calendar.days_before(400), calendar, rng)
    went_quiet = day_between(rng, journey.reached[0], journey.reached[0] + 150 * DAY)
    return replace(journey, quiet_since=went_quiet)


def _stalled(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    went_quiet = calendar.days_before(rng.randint(91, 300))
    return replace(_ascent(1, 1, course, went_quiet, calendar, rng), quiet_since=went_quiet)


def _warm(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    return _ascent(1, 1, course, calendar.last_working_day, calendar, rng)


def _lapsed(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    peak = 3 if rng.random() < 0.3 else 2
    went_quiet = calendar.days_before(rng.randint(91, 240))
    latest = went_quiet - 20 * DAY
    return replace(_ascent(1, peak, course, latest, calendar, rng), quiet_since=went_quiet)


def _climbing(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    # An intermediary needs time after rung 5 for someone it referred to open an account.
    latest = calendar.days_before(60 if rung == 6 else 1)
    journey = _ascent(rung, min(rung, 5), course, latest, calendar, rng)
    return replace(journey, peak=rung)


def _complaint(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    peak = rng.choices((3, 4, 5), (0.6, 0.3, 0.1))[0]
    complained = calendar.days_before(rng.randint(3, 55))
    latest = complained - 35 * DAY
    return replace(_ascent(2, peak, course, latest, calendar, rng), setback_on=complained)


def _uncared(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    journey = _ascent(2, 2, course, calendar.days_before(30), calendar, rng)
    opened = day_between(rng, journey.reached[1] + 10 * DAY, calendar.last_working_day)
    return replace(journey, customer_since=opened)


def _pulled_back(rung: int, course: Course, calendar: Calendar, rng: random.Random) -> Journey:
    setback = calendar.days_before(rng.randint(5, 120))
    latest = setback - 35 * DAY
    return replace(_ascent(rung, rung + 1, course, latest, calendar, rng), setback_on=setback)


Drawer = Callable[[int, Course, Calendar, random.Random], Journey]
DRAWERS: dict[Course, Drawer] = {
    Course.LISTED: _listed,
    Course.COLD: _cold,
    Course.LEFT: _left,
    Course.STALLED: _stalled,
    Course.WARM: _warm,
    Course.LAPSED: _lapsed,
    Course.CLIMBING: _climbing,
    Course.COMPLAINT: _complaint,
    Course.UNCARED: _uncared,
    Course.CLOSED: _pulled_back,
    Course.MOVED_OUT: _pulled_back,
}
