"""Writing the demo bank into the store with Core bulk inserts, step by step."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import DeclarativeBase

from bankladder.demo import industries, rows
from bankladder.demo.balances import snapshots, wealth_path
from bankladder.demo.benefits import Favours
from bankladder.demo.book import PartyFile
from bankladder.demo.compliance import aml_flag_rows
from bankladder.demo.contacts import interaction_rows, plan_contacts
from bankladder.demo.journeys import Calendar
from bankladder.demo.loans import with_loans_after
from bankladder.demo.needs import plan_needs
from bankladder.demo.network import Network
from bankladder.demo.population import RelationshipManagerCard
from bankladder.demo.settlements import settlement_rows
from bankladder.store.models import (
    AmlFlag,
    BalanceSnapshot,
    Bank,
    Benefit,
    Branch,
    Holding,
    Interaction,
    Need,
    Party,
    Product,
    Referral,
    Relationship,
    RelationshipManager,
    SellingPoint,
    Settlement,
)

Progress = Callable[[str, int, int], None]
Streams = Callable[[str], random.Random]
BATCH_ROWS = 10_000
Row = dict[str, Any]
Rows = list[Row]


class Loader:
    """Inserts rows in batches through the caller's connection; never commits."""

    def __init__(self, connection: Connection, progress: Progress) -> None:
        self.connection, self.progress = connection, progress

    def reference(self, rms: list[RelationshipManagerCard]) -> None:
        """The bank, its branches, RMs, products and their selling points."""
        tables = (
            (Bank, rows.bank_rows()),
            (Branch, rows.branch_rows()),
            (RelationshipManager, rows.rm_rows(rms)),
            (Product, rows.product_rows()),
            (SellingPoint, rows.selling_point_rows()),
        )
        for done, (model, table_rows) in enumerate(tables, start=1):
            self.connection.execute(insert(model), table_rows)
            self.progress("bank", done, len(tables))
        industries.load(self.connection, rms)  # target industries, RM specialisations

    def customers(
        self, book: list[PartyFile], calendar: Calendar, streams: Streams
    ) -> dict[str, int]:
        """Parties and their histories; returns the rows written per table."""
        network = Network(book, calendar, streams("network"))
        network.weave()
        steps: tuple[tuple[str, type[DeclarativeBase], Iterable[Rows], int], ...] = (
            ("parties", Party, self._parties(book, calendar, streams("parties")), len(book)),
            ("holdings", Holding, self._holdings(book), len(book)),
            (
                "balances",
                BalanceSnapshot,
                self._balances(book, calendar, streams("balances")),
                len(book),
            ),
            (
                "interactions",
                Interaction,
                self._contacts(book, calendar, streams("interactions")),
                len(book),
            ),
            ("needs", Need, self._needs(book, calendar, streams("needs")), len(book)),
            ("referrals", Referral, [network.referrals], 1),
            ("relationships", Relationship, [network.relationship_rows()], 1),
            ("aml_flags", AmlFlag, aml_flag_rows(book, calendar, streams("aml")), len(book)),
            *self._reciprocity(book, calendar, streams),
        )
        return {
            step: self._load(step, model, per_party, total)
            for step, model, per_party, total in steps
        }

    def _reciprocity(
        self, book: list[PartyFile], calendar: Calendar, streams: Streams
    ) -> tuple[tuple[str, type[DeclarativeBase], Iterable[Rows], int], ...]:
        """What the bank gave (benefits) and the monthly settlement flows, both lazy: the
        flows read the balances loaded before them."""
        favours = Favours(book, calendar, streams("benefits")).rows(book)
        flows = settlement_rows(self.connection, book, calendar, streams("settlements"))
        flows = with_loans_after(flows, self.connection, calendar.as_of, streams("loans"))
        return (
            ("benefits", Benefit, favours, len(book)),
            ("settlements", Settlement, flows, len(book)),
        )

    @staticmethod
    def _parties(book: list[PartyFile], calendar: Calendar, rng: random.Random) -> Iterator[Rows]:
        for c in book:
            yield [rows.party_row(c.persona, c.journey, calendar.as_of, rng)]

    @staticmethod
    def _holdings(book: list[PartyFile]) -> Iterator[Rows]:
        for c in book:
            yield rows.holding_rows(c.persona, c.holdings)

    @staticmethod
    def _contacts(book: list[PartyFile], calendar: Calendar, rng: random.Random) -> Iterator[Rows]:
        for c in book:
            yield interaction_rows(c.persona, plan_contacts(c.journey, calendar, rng), rng)

    @staticmethod
    def _needs(book: list[PartyFile], calendar: Calendar, rng: random.Random) -> Iterator[Rows]:
        for c in book:
            yield plan_needs(c.persona, c.journey, c.holdings, calendar, rng)

    def _balances(
        self, book: list[PartyFile], calendar: Calendar, rng: random.Random
    ) -> Iterator[Rows]:
        """Month-end snapshots of every holding, keyed to the ids the store gave them."""
        ids = dict(self.connection.execute(select(Holding.account_no, Holding.id)).tuples().all())
        for party in book:
            path = wealth_path(party.persona, party.journey, calendar.as_of, rng)
            yield [
                {"holding_id": ids[account], "snapshot_on": day, "amount": amount}
                for account, day, amount in snapshots(party.holdings, path, calendar, rng)
            ]

    def _load(
        self,
        step: str,
        model: type[DeclarativeBase],
        per_party: Iterable[Rows],
        total: int,
    ) -> int:
        """Insert the rows in batches, reporting progress as parties are done."""
        batch: list[Row] = []
        written = 0
        for done, party_rows in enumerate(per_party, start=1):
            batch.extend(party_rows)
            if len(batch) >= BATCH_ROWS:
                written += self._insert(model, batch)
                batch = []
                self.progress(step, done, total)
        written += self._insert(model, batch)
        self.progress(step, total, total)
        return written

    def _insert(self, model: type[DeclarativeBase], batch: list[Row]) -> int:
        if batch:
            self.connection.execute(insert(model), batch)
        return len(batch)
