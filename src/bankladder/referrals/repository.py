"""Every query the fission figures make of the store; the members through ``access.scope``.

Converted referrals beyond the scope are read for the depth of referral trees alone, along
the chains that start at a referrer in scope: a chain that runs on through a colleague's book
makes a member's tree deeper, yet only ids are read and no party outside the scope is named or
counted in any group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Row, Select, func, or_, select
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_parties, scope_party_owned
from bankladder.store.models import Branch, Party, Referral, RelationshipManager
from bankladder.store.vocabulary import ReferralStatus

ReferralRow = tuple[str, str, dt.date, bool, dt.date | None]
CHUNK, WALKED_CHUNKS = 1000, 20
"""Referrers per IN list when walking the chains; beyond 20 lists, every chain is read."""


def referrers(session: Session, principal: Principal, day: dt.date) -> Sequence[Row[Any]]:
    """The parties in scope that made a referral on or before ``day``: id, name, kind, RM,
    the RM's branch, customer since."""
    made = select(Referral.id).where(Referral.referrer_id == Party.id, Referral.referred_on <= day)
    query = (
        select(
            Party.id,
            Party.name,
            Party.kind,
            Party.rm_id,
            RelationshipManager.branch_id,
            Party.customer_since,
        )
        .outerjoin(RelationshipManager, RelationshipManager.id == Party.rm_id)
        .where(made.exists())
    )
    return session.execute(scope_parties(query, principal).order_by(Party.id)).all()


def customers_per_book(session: Session, principal: Principal, day: dt.date) -> Sequence[Row[Any]]:
    """(RM, branch, customers on ``day``) for the RMs of the parties in scope."""
    query = (
        select(Party.rm_id, RelationshipManager.branch_id, func.count().label("customers"))
        .join(RelationshipManager, RelationshipManager.id == Party.rm_id)
        .where(Party.customer_since <= day)
        .group_by(Party.rm_id, RelationshipManager.branch_id)
    )
    return session.execute(scope_parties(query, principal)).all()


def referrals_made(
    session: Session, principal: Principal, day: dt.date, referrer_id: str | None = None
) -> list[ReferralRow]:
    """Referrals made on or before ``day`` by parties in scope (by one, if ``referrer_id``)."""
    query = _rows().where(Referral.referred_on <= day)
    if referrer_id is not None:
        query = query.where(Referral.referrer_id == referrer_id)
    scoped = scope_party_owned(query, Referral.referrer_id.expression, principal)
    return [tuple(row) for row in session.execute(scoped)]


def converted_chains(session: Session, starts: Collection[str], day: dt.date) -> list[ReferralRow]:
    """The referrals converted by ``day`` on every chain that starts at ``starts`` (ids only,
    for the trees' depth), walked a generation at a time; each party is walked from once."""
    converted = _rows().where(
        Referral.referred_on <= day,
        Referral.status == ReferralStatus.CONVERTED,
        or_(Referral.converted_on.is_(None), Referral.converted_on <= day),
    )
    if len(starts) > CHUNK * WALKED_CHUNKS:  # the whole bank, or nearly: one read is faster
        return [tuple(row) for row in session.execute(converted)]
    found: list[ReferralRow] = []
    seen = set(starts)
    generation = sorted(seen)
    while generation:
        step: list[ReferralRow] = []
        for at in range(0, len(generation), CHUNK):
            chunk = generation[at : at + CHUNK]
            step += [
                tuple(row)
                for row in session.execute(converted.where(Referral.referrer_id.in_(chunk)))
            ]
        found += step
        generation = sorted({row[1] for row in step} - seen)
        seen.update(generation)
    return found


def _rows() -> Select[Any]:
    return select(
        Referral.referrer_id,
        Referral.referee_id,
        Referral.referred_on,
        Referral.status == ReferralStatus.CONVERTED,
        Referral.converted_on,
    )


def rm_names(session: Session, rm_ids: Sequence[str]) -> dict[str, str]:
    query = select(RelationshipManager.id, RelationshipManager.name)
    found = session.execute(query.where(RelationshipManager.id.in_(sorted(rm_ids))))
    return dict(found.tuples().all())


def branch_names(session: Session, branch_ids: Sequence[str]) -> dict[str, str]:
    query = select(Branch.id, Branch.name).where(Branch.id.in_(sorted(branch_ids)))
    return dict(session.execute(query).tuples().all())
