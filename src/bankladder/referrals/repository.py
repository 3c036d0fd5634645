"""Every query the fission figures make of the store; the members through ``access.scope``.

The converted referrals of the whole bank are read for the depth of referral trees alone: a
chain that runs on through a colleague's book makes a member's tree deeper, yet only ids are
read and no party outside the scope is named or counted in any group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_parties, scope_party_owned
from bankladder.store.models import Branch, Party, Referral, RelationshipManager
from bankladder.store.vocabulary import ReferralStatus

ReferralRow = tuple[str, str, dt.date, bool, dt.date | None]


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


def referrals_made(session: Session, principal: Principal, day: dt.date) -> list[ReferralRow]:
    """Referrals made on or before ``day`` by parties in scope."""
    query = select(
        Referral.referrer_id,
        Referral.referee_id,
        Referral.referred_on,
        Referral.status == ReferralStatus.CONVERTED,
        Referral.converted_on,
    ).where(Referral.referred_on <= day)
    scoped = scope_party_owned(query, Referral.referrer_id.expression, principal)
    return [tuple(row) for row in session.execute(scoped)]


def converted_chain(session: Session, day: dt.date) -> list[ReferralRow]:
    """Every referral converted on or before ``day`` (ids only): the trees' depth."""
    query = select(
        Referral.referrer_id,
        Referral.referee_id,
        Referral.referred_on,
        Referral.status == ReferralStatus.CONVERTED,
        Referral.converted_on,
    ).where(Referral.referred_on <= day, Referral.status == ReferralStatus.CONVERTED)
    return [tuple(row) for row in session.execute(query)]


def rm_names(session: Session, rm_ids: Sequence[str]) -> dict[str, str]:
    query = select(RelationshipManager.id, RelationshipManager.name)
    found = session.execute(query.where(RelationshipManager.id.in_(sorted(rm_ids))))
    return dict(found.tuples().all())


def branch_names(session: Session, branch_ids: Sequence[str]) -> dict[str, str]:
    query = select(Branch.id, Branch.name).where(Branch.id.in_(sorted(branch_ids)))
    return dict(session.execute(query).tuples().all())
