"""What the reciprocity use cases take and return. Money (C2) is a shown string: the amount
with two decimals, or the mask unless the user unmasked with a reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bankladder.errors import InvalidInput
from bankladder.ladder.model import Text


@dataclass(frozen=True)
class NewBenefit:
    """A favour the bank gave, as typed: the service checks every field."""

    kind: str
    given_on: dt.date | str | None = None  # None or empty: today
    worth: Decimal | str | None = None  # CNY a year, when known
    counterpart_id: str | None = None  # the party introduced (introductions)
    note: str | None = None


@dataclass(frozen=True)
class Problem:
    """Why one field was refused: ``code`` is said in words by the page, ``detail`` by the API."""

    field: str
    code: str
    detail: str
    said: Text | None = None  # a reason in words with its figures (a gift over a limit)


class BenefitRefused(InvalidInput):
    """One or more fields of a favour cannot be accepted; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            "the favour cannot be recorded: " + ", ".join(p.field for p in problems),
            where=", ".join(p.field for p in problems),
            fix="correct the fields named and send again",
        )

    def by_field(self) -> dict[str, str]:
        return {p.field: p.code for p in self.problems}


@dataclass(frozen=True)
class BenefitRecorded:
    id: int
    party_id: str
    status: str = "given"  # or "requested": a checker decides it first


@dataclass(frozen=True)
class PartyShown:
    id: str
    kind: str
    name: str  # a person's name masked unless unmasked
    rm_id: str | None
    stage_id: str | None  # at the latest assessment on or before the ledger's date
    stage_rank: int


@dataclass(frozen=True)
class BenefitShown:
    id: int
    given_on: dt.date
    kind: str
    worth: str | None  # None: not valued
    counterpart_id: str | None
    counterpart_name: str | None  # always masked for a person: unmasking is for this party
    counterpart_visible: bool  # in the user's scope: the page may link to it
    rm_id: str | None
    has_note: bool
    note: str | None  # only when unmasked
    status: str = "given"
    version: int = 1
    maker_id: int | None = None


@dataclass(frozen=True)
class KindShown:
    kind: str
    count: int
    worth: str


@dataclass(frozen=True)
class Given:
    """The bank's side over the twelve months."""

    count: int
    worth: str
    by_kind: tuple[KindShown, ...]
    benefits: tuple[BenefitShown, ...]  # given ones only: the figures count these
    pending: tuple[BenefitShown, ...] = ()  # requested or approved: not counted yet


@dataclass(frozen=True)
class BroughtShown:
    """The party's side: balances now and a year before, flows and referrals."""

    balance: str
    balance_year_ago: str
    balance_change: str
    settlement_inflow: str
    settlement_months: int
    referrals_made: int
    referrals_converted: int
    products_held: int


@dataclass(frozen=True)
class Ledger:
    """One party's reciprocity ledger as of a date: both sides, contribution and VIP tier."""

    party: PartyShown
    as_of: dt.date
    starts_after: dt.date
    given: Given
    brought: BroughtShown
    contribution: str
    vip_tier: int
    win_win: bool  # the party stands on rung 5 or above: the ledger matters most now
    statement: Text
    unmasked: bool
    masked_fields: tuple[str, ...]
    gift_limits: GiftLimitsShown | None = None


@dataclass(frozen=True)
class GiftLimitsShown:
    """The bank's gift limits in CNY (policy, not personal)."""

    per_gift: str
    per_party_year: str
    without_approval: str


class MoveRefused(InvalidInput):
    """A move of a favour that waits (or a hand-over over a limit) is refused; nothing changed."""

    def __init__(self, code: str, reason: Text) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason.en, where="benefit", fix="read the reason; nothing was changed")


@dataclass(frozen=True)
class BenefitMoved:
    id: int
    party_id: str
    status: str
    version: int


@dataclass(frozen=True)
class PendingGift:
    """A favour a checker may decide: for an approvals inbox."""

    id: int
    party_id: str
    party_name: str  # masked for a person
    kind: str
    given_on: dt.date
    worth: str  # masked
    rm_id: str | None
    maker_id: int | None
    version: int


@dataclass(frozen=True)
class PartyGifts:
    """One party's gifts of the year: counts and the share of the limit in full, the party's
    amounts masked (C2)."""

    party_id: str
    party_name: str
    rm_id: str | None
    given: int
    given_total: str
    pending_total: str
    limit_used_pct: str
    refused: int


@dataclass(frozen=True)
class RmGifts:
    """One RM's gifts of the year (the total masked: with one party it is that party's)."""

    rm_id: str | None
    branch_id: str | None
    parties: int
    given: int
    given_total: str
    refused: int


@dataclass(frozen=True)
class RefusedGift:
    id: int
    party_id: str
    party_name: str
    rm_id: str | None
    given_on: dt.date
    worth: str  # masked
    reason: Text | None  # the checker's reason in words (None: not stated)


@dataclass(frozen=True)
class GiftReport:
    """The auditor's gifts of one calendar year, filtered by branch or RM."""

    year: int
    branch_id: str | None
    rm_id: str | None
    per_gift: str  # the bank's limits: policy, not personal
    per_party_year: str
    without_approval: str
    parties: tuple[PartyGifts, ...]
    rms: tuple[RmGifts, ...]
    refused: tuple[RefusedGift, ...]
