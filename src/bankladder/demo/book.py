"""The bank's book of parties: for each, who it is, its journey and its holdings."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from faker import Faker

from bankladder.demo.balances import highest_floor
from bankladder.demo.courses import draw_journey
from bankladder.demo.holdings import AccountBook, HoldingPlan
from bankladder.demo.journeys import Calendar, Journey, plan_rungs
from bankladder.demo.population import Census, Persona, RelationshipManagerCard
from bankladder.demo.wallets import plan_wallet


@dataclass(frozen=True)
class PartyFile:
    """Everything planned for one party before any row is written."""

    persona: Persona
    journey: Journey
    holdings: tuple[HoldingPlan, ...]

    @property
    def customer_since(self) -> dt.date | None:
        return self.journey.customer_since


class Streams:
    """Independent random generators, one per concern, all derived from the seed.

    Changing how one concern draws (say, the notes of interactions) leaves the others alone.
    """

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def __call__(self, concern: str) -> random.Random:
        return random.Random(f"bankladder-demo:{self.seed}:{concern}")  # noqa: S311 - not crypto


def draw_book(
    parties: int,
    calendar: Calendar,
    fake: Faker,
    rms: list[RelationshipManagerCard],
    streams: Streams,
) -> list[PartyFile]:
    """Every party's journey first, then a persona to fit it (with its true wallet), then its
    holdings."""
    rng = streams("journeys")
    journeys = [draw_journey(r, calendar, rng) for r in plan_rungs(parties, streams("ladder"))]
    census = Census(fake, streams("census"), rms, calendar.as_of)
    accounts = AccountBook(calendar, streams("holdings"))
    wallets = streams("wallets")
    book = []
    for number, journey in enumerate(journeys, start=1):
        persona = census.persona(number, journey.peak)
        floor = highest_floor(persona, journey)
        plan = plan_wallet(persona, journey, floor, calendar.as_of, wallets)
        persona = replace(persona, wallet=plan)
        book.append(PartyFile(persona, journey, tuple(accounts.holdings(persona, journey))))
    return book
