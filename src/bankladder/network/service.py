"""Use cases: a party's network (its neighbourhood, prospects, intermediary rank and fission
figures), the prospect lists and the intermediary ranking, read from the newest network run.

What a user sees follows ``access.scope``: the introducers and intermediaries of their scope.
Every other party met on the way (a prospect, a party along a path, a neighbour) is named,
masked as ``privacy.masking.party_name`` (persons 张*, enterprises whole), when it is in
their scope or is a customer (a linked party, named as the party 360 page names one, with no
link to its page); a prospect outside their scope is kept but not identified: "a party in a
colleague's book" (or "in no RM's book"), with no id. Such a prospect still shows its rank,
hops and path, so the RM knows whom to ask and which colleague to talk to, without learning
who it is; the list counts them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import visible_party
from bankladder.ladder.model import Text
from bankladder.network import repository
from bankladder.network.paths import Shown, path_in_words
from bankladder.network.schemas import (
    IntermediaryRanking,
    IntermediaryShown,
    NetworkEdge,
    NetworkGraph,
    NetworkNode,
    PartyNetwork,
    ProspectList,
    ProspectShown,
)
from bankladder.privacy.masking import party_name
from bankladder.referrals.service import party_fission
from bankladder.store.models import NetworkProspect

LIST_SIZE = 50
"""Prospects or intermediaries listed at most, unless the caller asks for another number."""
NOT_IDENTIFIED = {
    True: Text(zh="同事名下的客户", en="a party in a colleague's book"),
    False: Text(zh="尚无客户经理的客户", en="a party in no RM's book"),
}
"""How a party outside the user's scope is shown, by whether an RM serves it."""
RING_ONE, RING_TWO = 12, 24
"""Parties drawn at one and at two hops at most: more would not read on a phone."""


@dataclass(frozen=True)
class ShownParties:
    """Parties as the user may see them: ``visible`` in scope (a link to their page),
    ``named`` in scope or customers; per locale (``zh_CN``, ``en``), id -> (name as shown,
    kind), for ``paths.path_in_words``."""

    visible: frozenset[str]
    named: frozenset[str]
    zh: dict[str, Shown]
    en: dict[str, Shown]
    customer_since: dict[str, dt.date | None]

    def customer(self, party_id: str, today: dt.date) -> bool:
        since = self.customer_since.get(party_id)
        return since is not None and since <= today

    def name(self, party_id: str) -> Text:
        return Text(zh=self.zh.get(party_id, ("", ""))[0], en=self.en.get(party_id, ("", ""))[0])


def party_network(
    session: Session, principal: Principal, party_id: str, today: dt.date
) -> PartyNetwork:
    """Everything the party's network page shows; NotFound out of scope."""
    party = visible_party(session, principal, party_id)
    ranking = intermediary_ranking(session, principal, party_id=party.id, limit=1)
    return PartyNetwork(
        party_id=party.id,
        name=party_name(party.name, party.kind.value),
        kind=party.kind.value,
        graph=neighbourhood(session, principal, party.id, today),
        prospects=prospect_list(session, principal, party_id=party.id),
        intermediary=ranking.intermediaries[0] if ranking.intermediaries else None,
        fission=party_fission(session, principal, party.id, today),
        fission_as_of=today,
    )


def prospect_list(
    session: Session, principal: Principal, *, party_id: str | None = None, limit: int = LIST_SIZE
) -> ProspectList:
    """The newest run's prospects of one introducer (NotFound out of scope) or of every
    introducer in scope, ranked."""
    if party_id is not None:
        visible_party(session, principal, party_id)
    as_of = repository.newest_prospects_run(session)
    if as_of is None:
        return ProspectList(None, (), 0)
    rows = repository.prospects(session, principal, as_of, party_id, limit)
    ids = {row.party_id for row in rows} | {row.prospect_id for row in rows}
    ids |= {end for row in rows for edge in row.path for end in (edge["from_id"], edge["to_id"])}
    shown = shown_parties(session, principal, ids)
    prospects = tuple(_prospect(row, shown) for row in rows)
    hidden = sum(not p.identified for p in prospects)
    return ProspectList(as_of, prospects, hidden)


def intermediary_ranking(
    session: Session, principal: Principal, *, party_id: str | None = None, limit: int = LIST_SIZE
) -> IntermediaryRanking:
    """The newest run's intermediaries in scope, best first (ranks are the bank's)."""
    as_of = repository.newest_intermediaries_run(session)
    if as_of is None:
        return IntermediaryRanking(None, ())
    rows = repository.intermediaries(session, principal, as_of, party_id, limit)
    return IntermediaryRanking(
        as_of,
        tuple(
            IntermediaryShown(
                rank=row.IntermediaryScore.rank,
                party_id=row.IntermediaryScore.party_id,
                name=party_name(row.name, row.kind.value),
                kind=row.kind.value,
                score=row.IntermediaryScore.score,
                reach=row.IntermediaryScore.reach,
            )
            for row in rows
        ),
    )


def shown_parties(
    session: Session, principal: Principal, party_ids: Collection[str]
) -> ShownParties:
    """The parties named (masked) in scope or as customers, not identified otherwise."""
    visible = repository.visible_names(session, principal, party_ids)
    names = repository.customer_names(session, set(party_ids) - set(visible)) | visible
    shown = ShownParties(frozenset(visible), frozenset(names), {}, {}, {})
    for fact in repository.party_facts(session, party_ids):
        kind = fact.kind.value
        shown.customer_since[fact.id] = fact.customer_since
        if fact.id in names:
            masked = party_name(names[fact.id][0], kind)
            shown.zh[fact.id] = shown.en[fact.id] = (masked, kind)
        else:
            hidden = NOT_IDENTIFIED[bool(fact.served)]
            shown.zh[fact.id], shown.en[fact.id] = (hidden.zh, kind), (hidden.en, kind)
    return shown


def _prospect(row: NetworkProspect, shown: ShownParties) -> ProspectShown:
    identified = row.prospect_id in shown.visible
    return ProspectShown(
        introducer_id=row.party_id,
        introducer_name=shown.name(row.party_id).zh,
        rank=row.rank,
        prospect_id=row.prospect_id if identified else None,
        name=shown.name(row.prospect_id),
        kind=shown.zh[row.prospect_id][1] if row.prospect_id in shown.zh else None,
        hops=row.hops,
        path=Text(
            zh=path_in_words(row.path, row.party_id, shown.zh, "zh_CN"),
            en=path_in_words(row.path, row.party_id, shown.en, "en"),
        ),
        strength=row.strength,
        potential=row.potential,
        score=row.score,
    )


def neighbourhood(
    session: Session, principal: Principal, party_id: str, today: dt.date
) -> NetworkGraph:
    """The party, the parties one link away and those two links away (relationships and
    referrals), at most ``RING_ONE`` and ``RING_TWO`` of them, chosen by id so that the same
    store always draws the same picture."""
    first = repository.links(session, {party_id})
    ring_one = sorted(_ends(first) - {party_id})
    drawn_one = ring_one[:RING_ONE]
    second = [
        link for link in repository.links(session, drawn_one) if _ends([link]) & set(drawn_one)
    ]
    ring_two = sorted(_ends(second) - {party_id} - set(ring_one))
    drawn_two = ring_two[:RING_TWO]
    hops = {party_id: 0, **dict.fromkeys(drawn_one, 1), **dict.fromkeys(drawn_two, 2)}
    shown = shown_parties(session, principal, hops)
    keys = {p: p if p in shown.named else f"n{i}" for i, p in enumerate(hops)}
    nodes = tuple(
        NetworkNode(keys[p], shown.name(p), hop, shown.customer(p, today), p in shown.named)
        for p, hop in hops.items()
    )
    edges = {
        NetworkEdge(keys[link.from_id], keys[link.to_id], str(link.kind))
        for link in [*first, *second]
        if link.from_id in hops and link.to_id in hops
    }
    left_out = len(ring_one) - len(drawn_one) + len(ring_two) - len(drawn_two)
    order = sorted(edges, key=lambda e: (e.from_key, e.to_key, e.kind))
    return NetworkGraph(nodes, tuple(order), left_out)


def _ends(links: Sequence[Row[Any]]) -> set[str]:
    return {end for link in links for end in (link.from_id, link.to_id)}
