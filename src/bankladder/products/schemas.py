"""What product fit works on and what it answers: the catalogue as the bank keeps it, a party's
picture as fit reads it, and the suggestions, wallet and idle cash as pages show them.

Money (C2) in the shown records is already masked unless the view was asked for unmasked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bankladder.ladder.model import Text


@dataclass(frozen=True)
class SellingPointShown:
    """Why our product beats ``competitor`` (a kind of bank, or a bank by name)."""

    competitor: str
    competitor_name: Text
    point: Text


@dataclass(frozen=True)
class ProductCard:
    """A product of the catalogue: who it is for, the needs it answers, what must be held
    first (any one of ``prerequisites``), and its selling points."""

    code: str
    name: Text
    family: str
    target_segments: tuple[str, ...]
    target_industries: tuple[str, ...]
    need_kinds: tuple[str, ...]
    prerequisites: tuple[str, ...]
    summary: Text | None
    selling_points: tuple[SellingPointShown, ...]


@dataclass(frozen=True)
class PartyProfile:
    """What fit needs to know of the party itself."""

    kind: str  # person | enterprise
    segment: str | None
    industry_code: str | None


@dataclass(frozen=True)
class OpenNeed:
    """A need recorded and not yet won (identified or presented)."""

    kind: str
    competitor_bank: str | None


@dataclass(frozen=True)
class PeerShare:
    """How many parties of the peer group hold a product."""

    product_code: str
    holders: int
    peers: int

    @property
    def share(self) -> float:
        return self.holders / self.peers if self.peers else 0.0


@dataclass(frozen=True)
class WalletGap:
    """The newest wallet estimate of the party: its share with us and what lies elsewhere."""

    as_of: dt.date
    at_bank: Decimal
    wallet: Decimal
    share: float
    opportunity: Decimal
    peer_group: str
    peers: int
    method: str


@dataclass(frozen=True)
class IdleCash:
    """Money that never left the party's demand accounts: the lowest month-end balance over
    the last ``months`` months, all of them at or above the threshold."""

    amount: Decimal
    months: int
    since: dt.date  # the first month-end of the run


class Source(StrEnum):
    """Where a suggestion comes from, and the rung at which the RM works with it."""

    NEED = "need"  # rung 2: a recorded need
    WALLET = "wallet"  # rung 4: money kept with other banks
    PEERS = "peers"  # rung 4: what similar customers hold
    IDLE_CASH = "idle_cash"  # rung 4: an enterprise's idle cash
    PREREQUISITE = "prerequisite"  # to hold first, before a product suggested for the above

    @property
    def rung(self) -> int:
        return 2 if self is Source.NEED else 4


@dataclass(frozen=True)
class Reason:
    source: Source
    text: Text


@dataclass(frozen=True)
class Suggestion:
    """A product to put before the party, why, and what to say against its other bank.
    ``unlocks``: products it is the prerequisite of."""

    product_code: str
    name: Text
    family: str
    score: float
    reasons: tuple[Reason, ...]
    selling_points: tuple[SellingPointShown, ...]
    rung: int  # the lowest rung among its reasons' sources: where the RM raises it
    unlocks: tuple[str, ...] = ()


@dataclass(frozen=True)
class WalletShown:
    as_of: dt.date
    at_bank: str
    wallet: str
    share: float
    opportunity: str
    peer_group: str
    peers: int
    method: str


@dataclass(frozen=True)
class IdleCashShown:
    amount: str
    months: int
    since: dt.date


@dataclass(frozen=True)
class PartyProducts:
    """The resource-mining view of one party."""

    party_id: str
    name: str
    kind: str
    segment: str | None
    industry_code: str | None
    stage_rank: int  # 0: not placed
    held: tuple[str, ...]
    wallet: WalletShown | None
    idle_cash: IdleCashShown | None
    suggestions: tuple[Suggestion, ...]
    competitors: tuple[str, ...]  # the banks its needs name, newest first
    unmasked: bool
