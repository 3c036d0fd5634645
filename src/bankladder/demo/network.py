"""Referrals and relationships between parties: how intermediaries bring in new customers.

A party on rung 6 either referred someone who then opened an account (the referral converted
on the referee's ``customer_since``) or, for an enterprise, has a supply-chain partner on our
books. Supply-chain edges are drawn so that no one else reaches rung 6 by accident: a party
that has ever stood on rung 5 only trades with prospects.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from bankladder.demo.book import PartyFile
from bankladder.demo.journeys import Calendar, day_between
from bankladder.store.vocabulary import ReferralStatus, RelationshipKind

DAY = dt.timedelta(days=1)
NOT_CONVERTED = (ReferralStatus.INTRODUCED, ReferralStatus.CONTACTED, ReferralStatus.LOST)
TRADE = (RelationshipKind.SUPPLIER_OF, RelationshipKind.BUYER_OF)


def fits_as_trade_partner(party: PartyFile) -> bool:
    """A firm whose customer partner would not lift it to rung 6 unplanned."""
    journey = party.journey
    return not party.persona.is_person and (journey.peak < 5 or journey.rung == 6)


def may_trade_with(party: PartyFile, other: PartyFile) -> bool:
    """True unless a customer partner would lift ``party`` to rung 6 unplanned."""
    journey = party.journey
    return journey.peak < 5 or journey.rung == 6 or other.customer_since is None


class Network:
    def __init__(self, parties: list[PartyFile], calendar: Calendar, rng: random.Random) -> None:
        self.parties, self.calendar, self.rng = parties, calendar, rng
        self.customers = sorted(
            ((m.customer_since, i) for i, m in enumerate(parties) if m.customer_since),
            key=lambda pair: pair[0],
        )
        self.enterprises = [m for m in parties if not m.persona.is_person]
        self.persons = [m for m in parties if m.persona.is_person]
        self.referrals: list[dict[str, Any]] = []
        self.edges: dict[tuple[str, str, RelationshipKind], dt.date | None] = {}

    def weave(self) -> None:
        for party in self.parties:
            if party.journey.rung == 6:
                self._intermediary(party)
            elif party.journey.rung == 5 and self.rng.random() < 0.3:
                self._refer_prospect(party)
        self._supply_chains()
        self._households_and_owners()

    def relationship_rows(self) -> list[dict[str, Any]]:
        return [
            {"from_party_id": a, "to_party_id": b, "kind": kind, "since": since}
            for (a, b, kind), since in self.edges.items()
        ]

    def _intermediary(self, party: PartyFile) -> None:
        rung_5 = party.journey.reached_on(5) or self.calendar.start
        partner = None
        if not party.persona.is_person and self.rng.random() < 0.5:
            partner = self._newer_customer(party, rung_5, fits_as_trade_partner)
        if partner is not None:
            since = day_between(self.rng, self.calendar.start - 700 * DAY, rung_5)
            self._trade(party, partner, since)
        else:
            referee = self._newer_customer(party, rung_5, lambda _: True)
            if referee is not None:
                self._converted(party, referee, rung_5)
        for _ in range(self.rng.choice((0, 1, 1, 2))):
            self._refer_prospect(party)

    def _newer_customer(
        self, party: PartyFile, after: dt.date, accept: Callable[[PartyFile], bool]
    ) -> PartyFile | None:
        """A customer who opened its first account a week or more after ``after``."""
        count = len(self.customers)
        first = bisect.bisect_left(self.customers, (after + 7 * DAY, -1))
        for _ in range(30):
            if count == 0:
                return None
            _, index = self.customers[self.rng.randrange(first if first < count else 0, count)]
            other = self.parties[index]
            if other is not party and accept(other):
                return other
        return None

    def _converted(self, referrer: PartyFile, referee: PartyFile, rung_5: dt.date) -> None:
        opened = referee.customer_since or self.calendar.as_of
        referred = max(rung_5, opened - self.rng.randint(7, 60) * DAY)
        self._refer(referrer, referee, min(referred, opened), ReferralStatus.CONVERTED, opened)

    def _refer_prospect(self, referrer: PartyFile) -> None:
        prospects = self.persons if referrer.persona.is_person else self.parties
        referee = self.rng.choice(prospects)
        since = referrer.journey.reached_on(5) or self.calendar.start
        if referee is referrer or referee.customer_since is not None:
            return
        referred = day_between(self.rng, since, self.calendar.last_working_day)
        self._refer(referrer, referee, referred, self.rng.choice(NOT_CONVERTED), None)

    def _refer(
        self,
        referrer: PartyFile,
        referee: PartyFile,
        referred: dt.date,
        status: ReferralStatus,
        converted: dt.date | None,
    ) -> None:
        self.referrals.append(
            {
                "referrer_id": referrer.persona.id,
                "referee_id": referee.persona.id,
                "referred_on": referred,
                "status": status,
                "converted_on": converted,
            }
        )

    def _trade(self, a: PartyFile, b: PartyFile, since: dt.date | None) -> None:
        if a is b or not (may_trade_with(a, b) and may_trade_with(b, a)):
            return
        supplier, buyer = (a, b) if self.rng.random() < 0.5 else (b, a)
        kind = self.rng.choice(TRADE)
        ends = (supplier, buyer) if kind == RelationshipKind.SUPPLIER_OF else (buyer, supplier)
        self.edges.setdefault((ends[0].persona.id, ends[1].persona.id, kind), since)

    def _supply_chains(self) -> None:
        if len(self.enterprises) < 2:
            return
        for firm in self.enterprises:
            for _ in range(self.rng.choice((0, 0, 1, 1, 2))):
                since = day_between(self.rng, self.calendar.start - 900 * DAY, self.calendar.as_of)
                self._trade(firm, self.rng.choice(self.enterprises), since)

    def _households_and_owners(self) -> None:
        """Family ties between people, employers and shareholders of firms."""
        rng = self.rng
        if not self.persons or not self.enterprises:
            return
        for person in self.persons:
            draw = rng.random()
            if draw < 0.1:
                other = rng.choice(self.persons)
                if other is not person:
                    self._link(person, other, RelationshipKind.FAMILY)
            elif draw < 0.25:
                self._link(rng.choice(self.enterprises), person, RelationshipKind.EMPLOYER_OF)
            elif draw < 0.32:
                self._link(person, rng.choice(self.enterprises), RelationshipKind.SHAREHOLDER_OF)

    def _link(self, a: PartyFile, b: PartyFile, kind: RelationshipKind) -> None:
        since = day_between(self.rng, self.calendar.start - 3000 * DAY, self.calendar.as_of)
        self.edges.setdefault((a.persona.id, b.persona.id, kind), since)
