"""Building the demo bank: a seeded, plausible city commercial bank in an empty store.

Everything is drawn from generators seeded by ``seed`` (one per concern, so that changing
how notes are written does not move balances) and dated relative to ``as_of``: the same seed
and date give the same rows. Rows go in with Core bulk inserts through the caller's
connection; the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from faker import Faker
from sqlalchemy import Connection, literal, select

from bankladder.demo import rows
from bankladder.demo.book import Streams, draw_book
from bankladder.demo.journeys import Calendar
from bankladder.demo.loader import Loader, Progress
from bankladder.demo.names import BANK_NAME, BANK_PROFILE, CITY
from bankladder.demo.population import staff
from bankladder.errors import InvalidInput
from bankladder.store.models import Bank, Branch, Party, Product, RelationshipManager


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
    aml_flags: int
    benefits: int
    settlements: int

    def counts(self) -> dict[str, int]:
        """Rows per table (and prospects among the parties)."""
        return {k: v for k, v in asdict(self).items() if isinstance(v, int) and k != "seed"}


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
    streams = Streams(seed)
    rms = staff(fake, streams("staff"))
    loader.reference(rms)
    book = draw_book(parties, calendar, fake, rms, streams)
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
        prospects=sum(1 for c in book if c.customer_since is None),
        **counts,
    )


def _quiet(step: str, done: int, total: int) -> None:
    """No progress to show."""


def _require_empty(connection: Connection) -> None:
    for model in (Bank, Branch, RelationshipManager, Product, Party):
        if connection.execute(select(literal(1)).select_from(model).limit(1)).first():
            raise InvalidInput(
                f"the store already holds rows in table {model.__tablename__!r}; "
                "the demo bank needs an empty store",
                fix="point the demo at a new database file",
            )
