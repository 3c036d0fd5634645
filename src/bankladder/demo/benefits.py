"""What the bank gave its customers: the bank's side of the reciprocity ledger (win-win).

Every party that reached the win-win rung got one to four favours, at least one of them in
the last twelve months: business introductions to another customer of the same RM, knowledge
sessions, price concessions worth something a year, VIP services. A few customers lower on
the ladder got one favour too (a seminar, a VIP lounge visit). Notes name no person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from bankladder.demo.book import PartyFile
from bankladder.demo.journeys import Calendar, day_between
from bankladder.store.vocabulary import BenefitKind

Row = dict[str, Any]
WIN_WIN = 5
LOWER_SHARE = 0.04  # customers on rungs 3 and 4 who got a favour all the same
KIND_ODDS = {
    BenefitKind.INTRODUCTION: 0.3,
    BenefitKind.KNOWLEDGE: 0.25,
    BenefitKind.PRICE_CONCESSION: 0.25,
    BenefitKind.VIP_SERVICE: 0.15,
    BenefitKind.OTHER: 0.05,
}
# Yearly worth (CNY, least and most) of a price concession, per segment; of a VIP service.
CONCESSION = {
    "affluent": (800, 5_000),
    "private": (5_000, 30_000),
    "micro": (2_000, 10_000),
    "sme": (10_000, 80_000),
    "corporate": (50_000, 500_000),
}
VIP_SERVICE = (300, 3_000)
NOTES = {
    BenefitKind.INTRODUCTION: ("引荐上下游合作方", "介绍潜在客户洽谈合作", "商会活动中牵线"),
    BenefitKind.KNOWLEDGE: ("财税政策讲座", "企业现金管理培训", "家庭资产配置沙龙"),
    BenefitKind.PRICE_CONCESSION: ("贷款利率下浮", "结算手续费减免", "存款利率上浮"),
    BenefitKind.VIP_SERVICE: ("贵宾厅服务", "机场绿色通道", "健康体检"),
    BenefitKind.OTHER: ("节日关怀", "年度客户答谢会"),
}


class Favours:
    """Plans the favours of the whole book; introductions point at another customer of the
    same RM, so an RM can open both parties."""

    def __init__(self, book: list[PartyFile], calendar: Calendar, rng: random.Random) -> None:
        self.calendar, self.rng = calendar, rng
        self.customers_of: dict[str, list[str]] = defaultdict(list)
        for party in book:
            if party.customer_since is not None:
                self.customers_of[party.persona.rm_id].append(party.persona.id)

    def rows(self, book: list[PartyFile]) -> Iterator[list[Row]]:
        for party in book:
            yield self.plan(party)

    def plan(self, party: PartyFile) -> list[Row]:
        if party.customer_since is None:
            return []
        if party.journey.peak >= WIN_WIN:
            count = self.rng.randint(1, 4)
        elif party.journey.rung >= 3 and self.rng.random() < LOWER_SHARE:
            count = 1
        else:
            return []
        days = self._days(party, count)
        return [self._favour(party, day) for day in days]

    def _days(self, party: PartyFile, count: int) -> list[dt.date]:
        """``count`` days since the party became a customer, the first in the last year."""
        as_of = self.calendar.as_of
        since = max(party.customer_since or as_of, as_of - dt.timedelta(days=540))
        recent = max(since, as_of - dt.timedelta(days=364))
        last = as_of - dt.timedelta(days=1)
        days = [day_between(self.rng, recent, last)]
        days += [day_between(self.rng, since, last) for _ in range(count - 1)]
        return days

    def _favour(self, party: PartyFile, day: dt.date) -> Row:
        rng = self.rng
        kind = rng.choices(list(KIND_ODDS), list(KIND_ODDS.values()))[0]
        counterpart = None
        if kind is BenefitKind.INTRODUCTION:
            others = [p for p in self._some_customers(party) if p != party.persona.id]
            if not others:
                kind = BenefitKind.KNOWLEDGE
            else:
                counterpart = rng.choice(others)
        return {
            "party_id": party.persona.id,
            "given_on": day,
            "kind": kind,
            "worth": self._worth(party, kind),
            "counterpart_id": counterpart,
            "rm_id": party.persona.rm_id,
            "note": rng.choice(NOTES[kind]),
        }

    def _some_customers(self, party: PartyFile) -> list[str]:
        pool = self.customers_of[party.persona.rm_id]
        return [pool[self.rng.randrange(len(pool))] for _ in range(3)] if pool else []

    def _worth(self, party: PartyFile, kind: BenefitKind) -> Decimal | None:
        if kind is BenefitKind.PRICE_CONCESSION:
            least, most = CONCESSION.get(party.persona.segment, CONCESSION["affluent"])
        elif kind is BenefitKind.VIP_SERVICE:
            least, most = VIP_SERVICE
        else:
            return None
        return Decimal(f"{self.rng.uniform(least, most):.2f}")
