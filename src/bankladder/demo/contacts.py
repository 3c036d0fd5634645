"""The contacts an RM had with a party, following its journey.

Cadences are chosen so the ladder's windows hold while a rung is held: an event at least
every 300 days (rung 1 needs one in 365), a contact at least every 40 days from rung 2 (two in
90), every 28 days from rung 5 (three in 90), care or service every 150 days from rung 3 (one
in 180). Nothing is logged on ``as_of`` itself.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, NamedTuple

from bankladder.demo.journeys import Calendar, Course, Journey, day_between, working_day
from bankladder.demo.notes import ENTERPRISE_NOTES, OUTCOMES, PERSON_NOTES
from bankladder.demo.odds import Odds, between
from bankladder.demo.population import Persona
from bankladder.store.vocabulary import InteractionKind as K

DAY = dt.timedelta(days=1)
EVENT_GAP = (120, 300)
TOUCH_GAP = (25, 110)
CADENCE_GAP = (12, 38)
CLOSE_CADENCE_GAP = (8, 26)
CARE_GAP = (40, 150)
TOUCH_KINDS = Odds({K.CALL: 0.5, K.MESSAGE: 0.3, K.VISIT: 0.2})
CADENCE_KINDS = Odds({K.VISIT: 0.45, K.CALL: 0.35, K.MESSAGE: 0.2})
CARE_KINDS = Odds({K.CARE: 0.55, K.SERVICE: 0.45})
OUTCOME_ODDS = {kind: Odds(outcomes) for kind, outcomes in OUTCOMES.items()}


class Contact(NamedTuple):
    day: dt.date
    kind: K
    resolved_after: int | None = None  # complaints: days to resolve; None while still open


def plan_contacts(journey: Journey, calendar: Calendar, rng: random.Random) -> list[Contact]:
    """Every contact of the party with its RM up to the day before ``as_of``, in order."""
    if journey.first_contact_on is None:
        return []
    end = journey.quiet_since or calendar.last_working_day
    contacts = [
        *_introduction(journey, rng),
        *_events(journey, end, rng),
        *_touches(journey, end, rng),
        *_cadence(journey, end, rng),
        *_care(journey, end, rng),
        *_complaints(journey, calendar, end, rng),
    ]
    return sorted(contacts, key=lambda contact: contact.day)


def _series(
    first: dt.date, last: dt.date, gap: tuple[int, int], rng: random.Random
) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        days.append(working_day(day))
        day += between(rng, *gap) * DAY
    return days


def _introduction(journey: Journey, rng: random.Random) -> list[Contact]:
    """The first contact, unless it was the first event the party came to."""
    first, rung_1 = journey.first_contact_on, journey.reached_on(1)
    if first is None or first == rung_1:
        return []
    return [Contact(first, rng.choice((K.VISIT, K.CALL)))]


def _events(journey: Journey, end: dt.date, rng: random.Random) -> list[Contact]:
    rung_1 = journey.reached_on(1)
    if rung_1 is None:
        return []
    if journey.course == Course.LEFT:
        return [Contact(rung_1, K.EVENT)]
    days = _series(rung_1, end, EVENT_GAP, rng)
    if journey.quiet_since is not None:  # the last the RM saw of them was at an event
        days.append(journey.quiet_since)
    return [Contact(day, K.EVENT) for day in sorted(set(days))]


def _touches(journey: Journey, end: dt.date, rng: random.Random) -> list[Contact]:
    """Occasional calls and messages before any need is found."""
    since = journey.reached_on(1) or journey.first_contact_on
    rung_2 = journey.reached_on(2)
    if since is None:
        return []
    until = rung_2 - 25 * DAY if rung_2 else end
    days = _series(since + between(rng, *TOUCH_GAP) * DAY, until, TOUCH_GAP, rng)
    return [Contact(day, TOUCH_KINDS.draw(rng)) for day in days]


def _cadence(journey: Journey, end: dt.date, rng: random.Random) -> list[Contact]:
    """From rung 2 a regular rhythm, closer still from rung 5."""
    rung_2, rung_5 = journey.reached_on(2), journey.reached_on(5)
    if rung_2 is None:
        return []
    closer_from = rung_5 - 60 * DAY if rung_5 else dt.date.max
    before_need = working_day(rung_2 - rng.randint(3, 20) * DAY)
    contacts = [
        Contact(max(journey.reached[0], before_need), CADENCE_KINDS.draw(rng)),
        Contact(rung_2, K.VISIT),  # the visit at which the first need was found
    ]
    day = rung_2
    while True:
        day += between(rng, *(CLOSE_CADENCE_GAP if day >= closer_from else CADENCE_GAP)) * DAY
        if day > end:
            return contacts
        contacts.append(Contact(working_day(day), CADENCE_KINDS.draw(rng)))


def _care(journey: Journey, end: dt.date, rng: random.Random) -> list[Contact]:
    """From the first product on: a service at opening, then care and service."""
    since = journey.customer_since
    if since is None or journey.course == Course.UNCARED or since > end:
        return []
    later = _series(since + between(rng, *CARE_GAP) * DAY, end, CARE_GAP, rng)
    return [Contact(since, K.SERVICE)] + [Contact(d, CARE_KINDS.draw(rng)) for d in later]


def _complaints(
    journey: Journey, calendar: Calendar, end: dt.date, rng: random.Random
) -> list[Contact]:
    """The open complaint of a pulled-back party; a few complaints resolved within days."""
    complaints = []
    if journey.course == Course.COMPLAINT and journey.setback_on is not None:
        complaints.append(Contact(journey.setback_on, K.COMPLAINT))
    since = journey.customer_since
    if since is not None and rng.random() < 0.08:
        day = day_between(rng, since, min(end, calendar.as_of - 30 * DAY))
        day = working_day(day.replace(day=rng.randint(5, 20)))  # resolved before month-end
        if since <= day <= end:
            complaints.append(Contact(day, K.COMPLAINT, resolved_after=rng.randint(0, 5)))
    return complaints


def interaction_rows(
    persona: Persona, contacts: list[Contact], rng: random.Random
) -> list[dict[str, Any]]:
    """The contacts as interaction rows by the party's RM, in working hours, with a note."""
    notes = PERSON_NOTES if persona.is_person else ENTERPRISE_NOTES
    rows = []
    for contact in contacts:
        complaint = contact.kind == K.COMPLAINT
        rows.append(
            {
                "party_id": persona.id,
                "rm_id": persona.rm_id,
                "kind": contact.kind,
                "occurred_at": _at(contact.day, between(rng, 9, 11) if complaint else None, rng),
                "outcome": OUTCOME_ODDS[contact.kind].draw(rng),
                "note": rng.choice(notes[contact.kind]),
                "resolved_at": _resolution(contact, rng) if complaint else None,
            }
        )
    return rows


def _at(day: dt.date, hour: int | None, rng: random.Random) -> dt.datetime:
    """A time in working hours (9:00 to 16:55) on ``day``."""
    minute = 5 * int(rng.random() * 12)
    return dt.datetime.combine(day, dt.time(hour or between(rng, 9, 16), minute))


def _resolution(complaint: Contact, rng: random.Random) -> dt.datetime | None:
    if complaint.resolved_after is None:
        return None
    return _at(complaint.day + complaint.resolved_after * DAY, between(rng, 14, 16), rng)
