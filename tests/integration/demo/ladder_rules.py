"""A plain-Python reading of the ladder's rules, to check the demo bank's stage mix.

It restates the entry criteria of the six rungs (young-bank variant) so the
stage mix can be checked before, and independently of, the engine.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from bankladder.store.database import connect
from bankladder.store.models import (
    BalanceSnapshot,
    Holding,
    Interaction,
    Need,
    Party,
    Product,
    Referral,
    Relationship,
)

AS_OF = dt.date(2026, 3, 18)
PARTIES = 2_000
SEED = 7
VIP_TIERS = ((6_000_000, 3), (500_000, 2), (50_000, 1))


def new_store(folder: Path) -> Engine:
    return connect("sqlite:///" + str(folder / "demo.db"))


@dataclass
class PartyHistory:
    """Everything the ladder's criteria look at for one party."""

    kind: str
    customer_since: dt.date | None
    contacts: list[tuple[dt.date, str, dt.date | None]] = field(default_factory=list)
    needs: list[dt.date] = field(default_factory=list)
    holdings: list[tuple[str, dt.date, dt.date | None, list[tuple[dt.date, Decimal]]]] = field(
        default_factory=list
    )
    conversions: list[dt.date] = field(default_factory=list)
    partners: set[str] = field(default_factory=set)


class LadderReader:
    """Computes each party's rung as of a date, from the rows in the store."""

    def __init__(self, connection: Connection) -> None:
        self.parties = _histories(connection)

    def rung(self, party_id: str, day: dt.date) -> int:
        history = self.parties[party_id]
        rung = 0
        for number, criterion in enumerate(RUNGS, start=1):
            if not criterion(self, history, day):
                return rung
            rung = number
        return rung

    def rungs(self, day: dt.date) -> dict[str, int]:
        return {party_id: self.rung(party_id, day) for party_id in self.parties}

    def partners_on_books(self, history: PartyHistory, day: dt.date) -> int:
        return sum(
            1
            for other in history.partners
            if (since := self.parties[other].customer_since) is not None and since <= day
        )


def _in_window(when: dt.date, day: dt.date, days: int) -> bool:
    return day - dt.timedelta(days=days - 1) <= when <= day


def _contacts(history: PartyHistory, day: dt.date, days: int, kinds: set[str] | None = None) -> int:
    return sum(
        1
        for when, kind, _ in history.contacts
        if _in_window(when, day, days) and (kinds is None or kind in kinds)
    )


def _held(history: PartyHistory, day: dt.date) -> list[tuple[str, Decimal]]:
    """(family, latest balance) of the holdings open on ``day``."""
    held = []
    for family, opened, closed, balances in history.holdings:
        if opened <= day and (closed is None or closed > day):
            latest = [amount for on, amount in balances if on <= day]
            held.append((family, latest[-1] if latest else Decimal(0)))
    return held


def _vip_tier(history: PartyHistory, total: Decimal) -> int:
    scale = 1 if history.kind == "person" else 10
    return next((tier for least, tier in VIP_TIERS if total >= least * scale), 0)


def acquaintance(reader: LadderReader, h: PartyHistory, day: dt.date) -> bool:
    known = any(when <= day for when, _, _ in h.contacts)
    return known and _contacts(h, day, 365, {"event"}) >= 1


def discovery(reader: LadderReader, h: PartyHistory, day: dt.date) -> bool:
    return _contacts(h, day, 90) >= 2 and any(found <= day for found in h.needs)


def goodwill(reader: LadderReader, h: PartyHistory, day: dt.date) -> bool:
    open_complaints = sum(
        1
        for when, kind, resolved in h.contacts
        if kind == "complaint" and when <= day and (resolved is None or resolved > day)
    )
    cared = _contacts(h, day, 180, {"care", "service"}) >= 1
    return bool(_held(h, day)) and cared and open_complaints == 0


def resource_mining(reader: LadderReader, h: PartyHistory, day: dt.date) -> bool:
    held = _held(h, day)
    opened = [o for _, o, _, _ in h.holdings if o <= day]
    months = (day - min(opened)).days // 30 if opened else 0
    families = {family for family, _ in held}
    return len(families) >= 2 and sum(a for _, a in held) >= 50_000 and months >= 6


def win_win(reader: LadderReader, h: PartyHistory, day: dt.date) -> bool:
    held = _held(h, day)
    tier = _vip_tier(h, sum((a for _, a in held), Decimal(0)))
    return tier >= 2 and len({f for f, _ in held}) >= 3 and _contacts(h, day, 90) >= 3


def intermediary(reader: LadderReader, h: PartyHistory, day: dt.date) -> bool:
    converted = sum(1 for on in h.conversions if on <= day)
    return converted >= 1 or reader.partners_on_books(h, day) >= 1


RUNGS = (acquaintance, discovery, goodwill, resource_mining, win_win, intermediary)


def _histories(connection: Connection) -> dict[str, PartyHistory]:
    parties = {
        pid: PartyHistory(kind, since)
        for pid, kind, since in connection.execute(
            select(Party.id, Party.kind, Party.customer_since)
        )
    }
    for pid, kind, at, resolved in connection.execute(
        select(
            Interaction.party_id, Interaction.kind, Interaction.occurred_at, Interaction.resolved_at
        )
    ):
        parties[pid].contacts.append((at.date(), kind, resolved.date() if resolved else None))
    for pid, found in connection.execute(select(Need.party_id, Need.identified_on)):
        parties[pid].needs.append(found)
    _add_holdings(connection, parties)
    for referrer, status, converted in connection.execute(
        select(Referral.referrer_id, Referral.status, Referral.converted_on)
    ):
        if status == "converted" and converted is not None:
            parties[referrer].conversions.append(converted)
    for a, b, kind in connection.execute(
        select(Relationship.from_party_id, Relationship.to_party_id, Relationship.kind)
    ):
        if kind in ("supplier_of", "buyer_of"):
            parties[a].partners.add(b)
            parties[b].partners.add(a)
    return parties


def _add_holdings(connection: Connection, parties: dict[str, PartyHistory]) -> None:
    balances: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for hid, on, amount in connection.execute(
        select(
            BalanceSnapshot.holding_id, BalanceSnapshot.snapshot_on, BalanceSnapshot.amount
        ).order_by(BalanceSnapshot.holding_id, BalanceSnapshot.snapshot_on)
    ):
        balances[hid].append((on, amount))
    for hid, pid, family, opened, closed in connection.execute(
        select(
            Holding.id, Holding.party_id, Product.family, Holding.opened_on, Holding.closed_on
        ).join(Product, Product.code == Holding.product_code)
    ):
        parties[pid].holdings.append((family, opened, closed, balances[hid]))


def month_ends(before: dt.date, count: int) -> list[dt.date]:
    """The last ``count`` month-ends before ``before``, oldest first."""
    ends, day = [], before.replace(day=1) - dt.timedelta(days=1)
    for _ in range(count):
        ends.append(day)
        day = day.replace(day=1) - dt.timedelta(days=1)
    return ends[::-1]


@dataclass(frozen=True)
class LadderHistory:
    now: dict[str, int]
    month_ends: dict[dt.date, dict[str, int]]
    reader: LadderReader
