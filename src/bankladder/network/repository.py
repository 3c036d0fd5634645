"""Every query the network's pages and reports make of the store.

Results (``network_prospect``, ``intermediary_score``) are read through ``access.scope`` on
the introducer or the intermediary. Parties met along a path or in a neighbourhood are named
through ``visible_names`` (scoped) or, for a customer out of scope, ``customer_names`` (a
linked customer is named, masked, as the party 360 page names it); ``party_facts`` reads only
what the drawing needs and names no one: its kind, whether it has an RM, since when it is a
customer. A prospect out of scope is never named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Row, String, func, literal, select, type_coerce, union_all
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_parties, scope_party_owned
from bankladder.store.models import (
    IntermediaryScore,
    NetworkProspect,
    Party,
    Referral,
    Relationship,
)

LINKS_READ = 500
"""At most this many links of one party are read for its drawing (the rings hold fewer)."""


def newest_prospects_run(session: Session) -> dt.date | None:
    return session.scalar(select(func.max(NetworkProspect.as_of)))


def newest_intermediaries_run(session: Session) -> dt.date | None:
    return session.scalar(select(func.max(IntermediaryScore.as_of)))


def prospects(
    session: Session, principal: Principal, as_of: dt.date, party_id: str | None, limit: int
) -> Sequence[NetworkProspect]:
    """The run's prospects of introducers in scope (of one introducer, if ``party_id``),
    in rank order per introducer."""
    query = select(NetworkProspect).where(NetworkProspect.as_of == as_of)
    if party_id is not None:
        query = query.where(NetworkProspect.party_id == party_id)
    query = scope_party_owned(query, NetworkProspect.party_id.expression, principal)
    ordered = query.order_by(NetworkProspect.party_id, NetworkProspect.rank)
    return session.scalars(ordered.limit(limit)).all()


def intermediaries(
    session: Session, principal: Principal, as_of: dt.date, party_id: str | None, limit: int
) -> Sequence[Row[Any]]:
    """The run's intermediaries in scope, best first, with their name and kind."""
    query = (
        select(IntermediaryScore, Party.name, Party.kind)
        .join(Party, Party.id == IntermediaryScore.party_id)
        .where(IntermediaryScore.as_of == as_of)
    )
    if party_id is not None:
        query = query.where(IntermediaryScore.party_id == party_id)
    query = scope_parties(query, principal)
    ordered = query.order_by(IntermediaryScore.rank, IntermediaryScore.party_id)
    return session.execute(ordered.limit(limit)).all()


def visible_names(
    session: Session, principal: Principal, party_ids: Collection[str]
) -> dict[str, tuple[str, str]]:
    """Id -> (name, kind) of those of ``party_ids`` in the principal's scope."""
    if not party_ids:
        return {}
    query = select(Party.id, Party.name, Party.kind).where(Party.id.in_(sorted(party_ids)))
    rows = session.execute(scope_parties(query, principal))
    return {row.id: (row.name, row.kind.value) for row in rows}


def customer_names(session: Session, party_ids: Collection[str]) -> dict[str, tuple[str, str]]:
    """Id -> (name, kind) of those of ``party_ids`` that are customers, in scope or not: the
    caller masks them and gives no link to a party out of scope."""
    if not party_ids:
        return {}
    query = select(Party.id, Party.name, Party.kind).where(
        Party.id.in_(sorted(party_ids)), Party.customer_since.is_not(None)
    )
    return {row.id: (row.name, row.kind.value) for row in session.execute(query)}


def party_facts(session: Session, party_ids: Collection[str]) -> Sequence[Row[Any]]:
    """Id, kind, whether it has an RM, and since when it is a customer: no names."""
    if not party_ids:
        return []
    query = select(
        Party.id, Party.kind, Party.rm_id.is_not(None).label("served"), Party.customer_since
    ).where(Party.id.in_(sorted(party_ids)))
    return session.execute(query).all()


def links(session: Session, party_ids: Collection[str]) -> Sequence[Row[Any]]:
    """Relationships and referrals touching ``party_ids``: (from_id, to_id, kind), ids only."""
    if not party_ids:
        return []
    ids = sorted(party_ids)
    relationships = select(
        Relationship.from_party_id.label("from_id"),
        Relationship.to_party_id.label("to_id"),
        type_coerce(Relationship.kind, String).label("kind"),  # one type with "referred"
    ).where(Relationship.from_party_id.in_(ids) | Relationship.to_party_id.in_(ids))
    referrals = select(
        Referral.referrer_id.label("from_id"),
        Referral.referee_id.label("to_id"),
        literal("referred", String).label("kind"),
    ).where(Referral.referrer_id.in_(ids) | Referral.referee_id.in_(ids))
    both = union_all(relationships, referrals).subquery()
    query = select(both.c.from_id, both.c.to_id, both.c.kind).order_by(
        both.c.from_id, both.c.to_id, both.c.kind
    )
    return session.execute(query.limit(LINKS_READ)).all()
