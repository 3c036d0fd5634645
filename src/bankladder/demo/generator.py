"""Building the demo bank: a seeded, plausible city commercial bank in an empty store.

Everything is drawn from generators seeded by ``seed`` (one per concern, so that changing
how notes are written does not move balances) and dated relative to ``as_of``: the same seed
and date give the same rows. Rows go in with Core bulk inserts through the caller's
connection; the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass

from faker import Faker
from sqlalchemy import Connection, func, select

from bankladder.demo import rows
from bankladder.demo.courses import draw_journey
from bankladder.demo.holdings import AccountBook, HoldingPlan
from bankladder.demo.journeys import Calendar, plan_rungs
from bankladder.demo.loader import Loader, Progress
from bankladder.demo.names import BANK_NAME, BANK_PROFILE, CITY
from bankladder.demo.network import Member
from bankladder.demo.population import Census, RelationshipManagerCard, staff
from bankladder.errors import InvalidInput
from bankladder.store.models import Party


@dataclass(frozen=True)
class DemoSummary:
    """What was built: the bank and the number of rows per table."""

    bank_name: str
    profile: str
    city: str
    seed: int
    as_of: dt.date
    branches: int
    rms: int
    products: int
    parties: int
    prospects: int
    holdings: int
    balances: int
    interactions: int
    needs: int
    referrals: int
    relationships: int

    def counts(self) -> dict[str, int]:
        """Rows per table (and prospects among the parties)."""
        return {k: v for k, v in asdict(self).items() if isinstance(v, int) and k != "seed"}


@dataclass(frozen=True)
class Customer:
    """One party's plans: who it is, its journey and its holdings."""

    member: Member
    holdings: list[HoldingPlan]


def build_demo_bank(
    connection: Connection,
    *,
    parties: int = 20_000,
    seed: int = 42,
    as_of: dt.date,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty store with a demo city commercial bank of ``parties`` parties."""
    if parties < 1:
        raise InvalidInput(f"the demo bank needs at least one party, not {parties}")
    _require_empty(connection)
    loader = Loader(connection, progress or _quiet)
    calendar = Calendar(as_of)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    streams = _Streams(seed)
    rms = staff(fake, streams("staff"))
    loader.reference(rms)
    book = _draw_book(parties, calendar, fake, rms, streams)
    counts = loader.customers(book, calendar, streams)
    return DemoSummary(
        bank_name=BANK_NAME,
        profile=BANK_PROFILE,
        city=CITY,
        seed=seed,
        as_of=as_of,
        branches=len(rows.branch_rows()),
        rms=len(rms),
        products=len(rows.product_rows()),
        prospects=sum(1 for c in book if c.member.customer_since is None),
        **counts,
    )


class _Streams:
    """Independent random generators, one per concern, all derived from the seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def __call__(self, concern: str) -> random.Random:
        return random.Random(f"bankladder-demo:{self.seed}:{concern}")  # noqa: S311 - not crypto


def _quiet(step: str, done: int, total: int) -> None:
    """No progress to show."""


def _require_empty(connection: Connection) -> None:
    found = connection.execute(select(func.count()).select_from(Party)).scalar_one()
    if found:
        raise InvalidInput(
            f"the store already holds {found} parties; the demo bank needs an empty store",
            fix="point the demo at a new database file",
        )


def _draw_book(
    parties: int,
    calendar: Calendar,
    fake: Faker,
    rms: list[RelationshipManagerCard],
    streams: _Streams,
) -> list[Customer]:
    """Every party's journey, persona and holdings."""
    journeys_rng = streams("journeys")
    journeys = [
        draw_journey(r, calendar, journeys_rng) for r in plan_rungs(parties, streams("ladder"))
    ]
    census = Census(fake, streams("census"), rms, calendar.as_of)
    accounts = AccountBook(calendar, streams("holdings"))
    book = []
    for number, journey in enumerate(journeys, start=1):
        persona = census.persona(number, journey.peak)
        book.append(Customer(Member(persona, journey), accounts.holdings(persona, journey)))
    return book
