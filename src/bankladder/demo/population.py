"""The people and firms of the demo city, and the RMs whose books they are in."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from faker import Faker

from bankladder.demo import identity
from bankladder.demo.names import (
    BRANCHES,
    BRAND_CHARACTERS,
    CITY_SHORT,
    COMPANY_SUFFIXES,
    CORPORATE_SUFFIX,
    DISTRICTS,
    INDUSTRIES,
    OTHER_BIRTHPLACES,
    PROSPECT_GROUPS,
    RMS_PER_BRANCH,
    District,
    Industry,
)
from bankladder.store.vocabulary import PartyKind

if TYPE_CHECKING:
    from bankladder.demo.wallets import WalletPlan

PERSON_SHARE = 0.7
SEGMENT_ODDS: dict[tuple[PartyKind, int], dict[str, float]] = {
    (PartyKind.PERSON, 3): {"mass": 0.75, "affluent": 0.22, "private": 0.03},
    (PartyKind.PERSON, 4): {"mass": 0.35, "affluent": 0.58, "private": 0.07},
    (PartyKind.PERSON, 5): {"affluent": 0.72, "private": 0.28},
    (PartyKind.ENTERPRISE, 3): {"micro": 0.6, "sme": 0.35, "corporate": 0.05},
    (PartyKind.ENTERPRISE, 4): {"micro": 0.3, "sme": 0.55, "corporate": 0.15},
    (PartyKind.ENTERPRISE, 5): {"sme": 0.55, "corporate": 0.45},
}


@dataclass(frozen=True)
class Persona:
    """Who a party is, apart from its history with the bank."""

    id: str
    kind: PartyKind
    name: str
    segment: str
    district: District
    rm_id: str
    prospect_group: str | None
    industry_code: str | None
    id_number: str
    mobile: str | None
    wallet: WalletPlan | None = None  # the truth about its money (``wallets``), never stored

    @property
    def is_person(self) -> bool:
        return self.kind == PartyKind.PERSON


@dataclass(frozen=True)
class RelationshipManagerCard:
    id: str
    name: str
    branch_id: str
    book_weight: float  # the size of the book the RM can carry, relative to colleagues


def staff(fake: Faker, rng: random.Random) -> list[RelationshipManagerCard]:
    """Six RMs per branch, ``RM0101`` being the first RM of ``BR01``."""
    return [
        RelationshipManagerCard(
            id=f"RM{branch.id[2:]}{number:02d}",
            name=_person_name(fake, male=rng.random() < 0.5),
            branch_id=branch.id,
            book_weight=rng.uniform(0.85, 1.2),
        )
        for branch in BRANCHES
        for number in range(1, RMS_PER_BRANCH + 1)
    ]


class Census:
    """Draws personas, keeping ID numbers, mobiles and firm names unique."""

    def __init__(
        self, fake: Faker, rng: random.Random, rms: list[RelationshipManagerCard], as_of: dt.date
    ) -> None:
        self.fake, self.rng, self.as_of = fake, rng, as_of
        self.books = {b.id: [rm for rm in rms if rm.branch_id == b.id] for b in BRANCHES}
        self.taken: set[str] = set()
        self.load: Counter[str] = Counter()

    def persona(self, number: int, peak: int) -> Persona:
        """Party number ``number``; richer segments for parties that climb higher."""
        rng = self.rng
        kind = PartyKind.PERSON if rng.random() < PERSON_SHARE else PartyKind.ENTERPRISE
        district = rng.choices(DISTRICTS, [d.weight for d in DISTRICTS])[0]
        odds = SEGMENT_ODDS[kind, min(max(peak, 3), 5)]
        segment = rng.choices(list(odds), list(odds.values()))[0]
        person = kind == PartyKind.PERSON
        name, id_number, industry = (
            self._person(district) if person else self._firm(district, segment)
        )
        return Persona(
            id=f"P{number:08d}",
            kind=kind,
            name=name,
            segment=segment,
            district=district,
            rm_id=self._assign(district),
            prospect_group=self._group(district, industry),
            industry_code=industry,
            id_number=id_number,
            mobile=self._unique(self._mobile) if person or rng.random() < 0.7 else None,
        )

    def _assign(self, district: District) -> str:
        """The RM of the district's branch whose book is emptiest for the time they have."""
        book = self.books[district.branch_id]
        rm = min(book, key=lambda r: (self.load[r.id] + 1) / r.book_weight)
        self.load[rm.id] += 1
        return rm.id

    def _group(self, district: District, industry: str | None) -> str | None:
        """The market, park or community nearby where the RM met the party, if any."""
        nearby = [
            g.name
            for g in PROSPECT_GROUPS
            if g.district == district.name
            and (g.persons if industry is None else industry[0] in g.trades)
        ]
        return self.rng.choice(nearby) if nearby and self.rng.random() < 0.85 else None

    def _person(self, district: District) -> tuple[str, str, None]:
        """Name and resident ID of a man or a woman, born here or elsewhere."""
        rng = self.rng
        male = rng.random() < 0.5
        area = district.code if rng.random() < 0.75 else rng.choice(OTHER_BIRTHPLACES)
        born_on = self.as_of - dt.timedelta(days=rng.randint(22 * 365, 75 * 365))
        id_number = self._unique(lambda: identity.resident_id(rng, area, born_on, male=male))
        return _person_name(self.fake, male=male), id_number, None

    def _firm(self, district: District, segment: str) -> tuple[str, str, str]:
        """Name, unified social credit code and industry of a firm."""
        rng = self.rng
        industry = rng.choices(INDUSTRIES, [i.weight for i in INDUSTRIES])[0]
        individual = segment == "micro" and rng.random() < 0.7
        name = self._unique(lambda: firm_name(rng, industry, segment, district))
        code = self._unique(
            lambda: identity.credit_code(rng, district.code, individual_business=individual)
        )
        return name, code, industry.code

    def _mobile(self) -> str:
        return identity.mobile(self.rng)

    def _unique(self, draw: Callable[[], str]) -> str:
        value = draw()
        while value in self.taken:
            value = draw()
        self.taken.add(value)
        return value


def firm_name(rng: random.Random, industry: Industry, segment: str, district: District) -> str:
    """A trade name in the local style: city, brand, trade and legal form."""
    brand = "".join(rng.sample(BRAND_CHARACTERS, 2))
    if segment == "micro":
        return f"{district.name[:2]}{brand}{industry.shop_word}"
    suffix = CORPORATE_SUFFIX if segment == "corporate" else rng.choice(COMPANY_SUFFIXES)
    return f"{CITY_SHORT}{brand}{rng.choice(industry.trade_words)}{suffix}"


def _person_name(fake: Faker, *, male: bool) -> str:
    first = fake.first_name_male() if male else fake.first_name_female()
    return f"{fake.last_name()}{first}"
