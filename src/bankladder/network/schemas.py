"""The network's read model as the service returns it: a party's prospects with the
introducer's path in words, the intermediary ranking, and the neighbourhood the page draws.

Names are already as they may be shown: a party in the user's scope by its name masked as
``privacy.masking.party_name`` (persons 张*, enterprises whole); a party outside the scope is
not identified at all (no id, no name: "a party in a colleague's book").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bankladder.ladder.model import Text
from bankladder.referrals.figures import Fission


@dataclass(frozen=True)
class ProspectShown:
    """A prospect within two hops of an introducer, as ranked by the newest network run.

    ``prospect_id`` is None when the prospect is outside the user's scope: it stays in the
    list (its rank, hops, strength and path tell the RM whom to ask and which colleague to
    talk to) but is named only as "a party in a colleague's book"."""

    introducer_id: str
    introducer_name: str
    rank: int
    prospect_id: str | None
    name: Text
    kind: str | None
    hops: int
    path: Text
    strength: float
    potential: float
    score: float

    @property
    def identified(self) -> bool:
        return self.prospect_id is not None


@dataclass(frozen=True)
class ProspectList:
    as_of: dt.date | None  # the newest network run; None: never run
    prospects: tuple[ProspectShown, ...]
    not_identified: int  # of them, prospects outside the user's scope


@dataclass(frozen=True)
class IntermediaryShown:
    """A party's reach into non-customers (personalised PageRank) and its rank in the bank."""

    rank: int
    party_id: str
    name: str
    kind: str
    score: float
    reach: int


@dataclass(frozen=True)
class IntermediaryRanking:
    as_of: dt.date | None
    intermediaries: tuple[IntermediaryShown, ...]


@dataclass(frozen=True)
class NetworkNode:
    """A party on the network drawing: ``hops`` 0 (the party), 1 or 2; ``key`` is its id
    when identified, else an opaque "n3"."""

    key: str
    name: Text
    hops: int
    customer: bool
    identified: bool


@dataclass(frozen=True)
class NetworkEdge:
    from_key: str
    to_key: str
    kind: str  # a relationship kind or "referred"


@dataclass(frozen=True)
class NetworkGraph:
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
    left_out: int  # parties within two hops not drawn (beyond the rings' capacity)


@dataclass(frozen=True)
class PartyNetwork:
    """One party's network page: its neighbourhood, its prospects, its intermediary rank and
    its fission figures."""

    party_id: str
    name: str
    kind: str
    graph: NetworkGraph
    prospects: ProspectList
    intermediary: IntermediaryShown | None
    fission: Fission
    fission_as_of: dt.date
