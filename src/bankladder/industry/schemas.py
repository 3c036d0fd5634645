"""What the industry use cases take and return. Nothing here is personal but a party's name,
which a prospect list shows as the rest of the workbench does (an enterprise's whole, a
person's masked)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bankladder.errors import InvalidInput
from bankladder.industry.concentration import Concentration


@dataclass(frozen=True)
class Industry:
    """A GB/T 4754-2017 section or division with its names; ``zh``/``en`` empty for a code
    the standard does not know (one imported from an extract, say)."""

    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class SectionShown:
    code: str
    zh: str
    en: str
    divisions: tuple[Industry, ...]


@dataclass(frozen=True)
class Target:
    """One of the bank's target industries (1: aimed at first)."""

    industry: Industry
    priority: int
    since: dt.date | None
    note: str | None


@dataclass(frozen=True)
class Specialisation:
    """The industries one RM specialises in."""

    rm_id: str
    rm_name: str
    branch_id: str
    industries: tuple[Industry, ...]


@dataclass(frozen=True)
class BookConcentration:
    """One RM's enterprise customers spread across industries."""

    rm_id: str
    rm_name: str
    branch_id: str
    specialisations: tuple[Industry, ...]
    concentration: Concentration


@dataclass(frozen=True)
class Prospect:
    """A party not yet a customer, in the user's scope, of the industry asked."""

    party_id: str
    name: str  # as shown: an enterprise's whole, a person's masked
    kind: str
    industry: Industry
    region: str | None
    rm_id: str | None
    stage_id: str | None  # at its newest assessment; None: not yet on the ladder
    stage_rank: int
    targeted: bool  # its industry is one of the bank's targets


@dataclass(frozen=True)
class ProspectList:
    industry: Industry
    region: str | None
    targeted: bool  # the code asked is itself covered by a target
    total: int  # how many match, of which the first ``limit`` are listed
    prospects: tuple[Prospect, ...]


@dataclass(frozen=True)
class Problem:
    """Why one field was refused: ``code`` for a page to say in words, ``detail`` in English."""

    field: str
    code: str
    detail: str
    zh: str = ""  # the same in Chinese, for a page in Chinese

    def in_(self, locale: str) -> str:
        return self.zh if locale == "zh-CN" and self.zh else self.detail


class IndustryRefused(InvalidInput):
    """A code or another field cannot be accepted; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            "; ".join(p.detail for p in problems),
            where=", ".join(sorted({p.field for p in problems})),
            fix="use a GB/T 4754-2017 section letter (C) or section and division (C13)",
        )

    def by_field(self, locale: str = "en") -> dict[str, str]:
        return {p.field: p.in_(locale) for p in self.problems}
