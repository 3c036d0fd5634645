"""What the wallet feature returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class EstimateRun:
    """What one estimation did, for the operator."""

    as_of: dt.date
    parties: int
    customers: int
    peer_groups: int
    quantile: float
    min_peers: int
    seconds: float


@dataclass(frozen=True)
class PartyWallet:
    """A party's estimated wallet as of a date and the peer group that explains it."""

    party_id: str
    name: str
    kind: str
    as_of: dt.date
    at_bank: Decimal
    wallet: Decimal
    share: float
    opportunity: Decimal
    peer_group: str
    peers: int
    method: str
