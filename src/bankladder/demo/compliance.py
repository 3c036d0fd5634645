"""The demo bank's anti-money-laundering alerts: about one party in two hundred has had one
in the last year, half of them cleared since; an open alert holds every marketing step of
its party back (the guard rails), so My day shows what that looks like."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from bankladder.demo.book import PartyFile
from bankladder.demo.journeys import Calendar

ALERT_ODDS = 1 / 200
CLEARED_ODDS = 0.5
Rows = list[dict[str, Any]]


def aml_flag_rows(book: list[PartyFile], calendar: Calendar, rng: random.Random) -> Iterator[Rows]:
    """Per party, its alert (none for most): raised on a day of the last year, cleared 10-60
    days later when cleared and that day has come."""
    for number, party in enumerate(book, start=1):
        if rng.random() >= ALERT_ODDS:
            yield []
            continue
        raised = calendar.as_of - dt.timedelta(days=rng.randint(1, 360))
        cleared = raised + dt.timedelta(days=rng.randint(10, 60))
        closed = rng.random() < CLEARED_ODDS and cleared <= calendar.as_of
        yield [
            {
                "party_id": party.persona.id,
                "raised_on": raised,
                "cleared_on": cleared if closed else None,
                "reference": f"AML-{raised.year}-{number:06d}",
            }
        ]
