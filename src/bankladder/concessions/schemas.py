"""What the concession use cases take and return.

A party's rates and fees are C2 (JR/T 0171: its price with the bank): the standard and the
requested price are shown as the mask in lists, the API's lists and the command line. The size
(30 bp, 12.5%) is shown to everyone who sees the request: it is the bank's departure from its
own price list, not an amount of the party, and a checker needs it to know whose decision it
is. The terms in full, the justification and the decision notes (free text, C2) are shown on
one request's page to those who take part in it: its maker and the checkers who decide it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bankladder.concessions.workflow import Problem
from bankladder.errors import InvalidInput
from bankladder.ladder.model import Text

JUSTIFICATION_MIN, JUSTIFICATION_MAX = 10, 1000
NOTE_MAX = 500


@dataclass(frozen=True)
class NewConcession:
    """A request as typed: the service checks every field."""

    product_code: str
    kind: str
    standard: Decimal | str | None
    requested: Decimal | str | None
    justification: str


class ConcessionRefused(InvalidInput):
    """One or more fields of a request cannot be accepted; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        fields = ", ".join(p.field for p in problems)
        super().__init__(
            "the concession cannot be requested: "
            + "; ".join(f"{p.field}: {p.said.en}" for p in problems),
            where=fields,
            fix="correct the fields named and send again",
        )

    def by_field(self) -> dict[str, Text]:
        return {p.field: p.said for p in self.problems}


class DecisionRefused(InvalidInput):
    """A move the caller may not take on the request as it stands (answered 409: the request's
    state or the caller's authority refuses it, not the form)."""

    def __init__(self, code: str, said: Text) -> None:
        self.code = code
        self.said = said
        super().__init__(
            said.en, where="decision", fix="open the request again to see what you may do"
        )


@dataclass(frozen=True)
class ProductChoice:
    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Requested:
    id: int
    party_id: str
    required_role: str
    size: str


@dataclass(frozen=True)
class DecisionShown:
    decision: str  # request, approve, reject, withdraw
    username: str
    role: str
    at: dt.datetime
    note: str | None  # shown only to those who take part; else None
    has_note: bool


@dataclass(frozen=True)
class ConcessionShown:
    id: int
    party_id: str
    party_name: str  # a person's name masked
    product_code: str
    product_zh: str
    product_en: str
    kind: str
    standard: str  # masked unless shown in full (see the module's docstring)
    requested: str
    size: str  # 30 bp, 12.5%: shown to all who see the request
    size_amount: Decimal
    unit: str
    status: str
    required_role: str
    rm_id: str | None
    maker: str  # the maker's username (staff, not a party)
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    version: int
    justification: str | None  # None unless shown in full
    unmasked: bool


@dataclass(frozen=True)
class Standing:
    """The party's reciprocity beside a request, from the reciprocity ledger (masked)."""

    contribution: str
    vip_tier: int
    win_win: bool
    statement: Text


@dataclass(frozen=True)
class ConcessionDetail:
    concession: ConcessionShown
    history: tuple[DecisionShown, ...]
    moves: tuple[str, ...]  # what the caller may do now
    standing: Standing


@dataclass(frozen=True)
class PartyConcessions:
    party_id: str
    party_name: str
    concessions: tuple[ConcessionDetail, ...]
    standing: Standing


@dataclass(frozen=True)
class Queue:
    """For a checker, the requests they may decide; for a maker, their own waiting ones; for
    a reader who does neither (the auditor), every waiting request in scope."""

    to_decide: tuple[ConcessionShown, ...]
    mine: tuple[ConcessionShown, ...]
    watching: tuple[ConcessionShown, ...]
    standings: dict[str, Standing]  # by party id
