"""Every query product fit makes of the store. Each query of a party's own rows goes through
``access.scope`` (the party itself is found with ``visible_party`` by the service); the
catalogue and the peer groups' holdings are the bank's, not personal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_party_owned, visible_party
from bankladder.errors import NotFound
from bankladder.store.models import (
    Assessment,
    BalanceSnapshot,
    Holding,
    Need,
    Party,
    PeerHolding,
    Product,
    SellingPoint,
    WalletEstimate,
)
from bankladder.store.vocabulary import NeedStatus

OPEN_NEEDS = (NeedStatus.IDENTIFIED, NeedStatus.PRESENTED)


def products(session: Session) -> Sequence[Product]:
    return session.scalars(select(Product).order_by(Product.family, Product.code)).all()


def selling_points(session: Session) -> Sequence[SellingPoint]:
    query = select(SellingPoint).order_by(SellingPoint.product_code, SellingPoint.competitor)
    return session.scalars(query).all()


def _owned(query: Select[Any], column: Any, principal: Principal | None) -> Select[Any]:
    """Scoped to the principal's parties; the command line (no principal) reads the store."""
    return query if principal is None else scope_party_owned(query, column, principal)


def open_holdings(
    session: Session, principal: Principal | None, party_id: str
) -> Sequence[tuple[int, str]]:
    """(holding id, product code) of the holdings the party has not closed."""
    query = select(Holding.id, Holding.product_code).where(
        Holding.party_id == party_id, Holding.closed_on.is_(None)
    )
    return session.execute(_owned(query, Holding.party_id, principal)).tuples().all()


def open_needs(session: Session, principal: Principal | None, party_id: str) -> Sequence[Need]:
    """Needs recorded and not yet won (nor lost), newest first."""
    query = (
        select(Need)
        .where(Need.party_id == party_id, Need.status.in_(OPEN_NEEDS))
        .order_by(Need.identified_on.desc(), Need.id.desc())
    )
    return session.scalars(_owned(query, Need.party_id, principal)).all()


def newest_wallet(
    session: Session, principal: Principal | None, party_id: str
) -> WalletEstimate | None:
    query = (
        select(WalletEstimate)
        .where(WalletEstimate.party_id == party_id)
        .order_by(WalletEstimate.as_of.desc())
        .limit(1)
    )
    return session.scalars(_owned(query, WalletEstimate.party_id, principal)).first()


def peer_holdings(session: Session, peer_group: str, as_of: dt.date) -> Sequence[PeerHolding]:
    """What the peer group held at its newest count up to ``as_of``."""
    counted = aliased(PeerHolding)
    newest = (
        select(func.max(counted.as_of))
        .where(counted.peer_group == peer_group, counted.as_of <= as_of)
        .scalar_subquery()
    )
    query = select(PeerHolding).where(
        PeerHolding.peer_group == peer_group, PeerHolding.as_of == newest
    )
    return session.scalars(query).all()


def balances_since(
    session: Session, principal: Principal | None, holding_ids: Collection[int], since: dt.date
) -> Sequence[tuple[int, dt.date, Decimal]]:
    """(holding id, day, amount) of the holdings' snapshots from ``since`` on."""
    if not holding_ids:
        return []
    query = (
        select(BalanceSnapshot.holding_id, BalanceSnapshot.snapshot_on, BalanceSnapshot.amount)
        .join(Holding, Holding.id == BalanceSnapshot.holding_id)
        .where(BalanceSnapshot.holding_id.in_(holding_ids), BalanceSnapshot.snapshot_on >= since)
    )
    return session.execute(_owned(query, Holding.party_id, principal)).tuples().all()


def newest_snapshot_day(
    session: Session, principal: Principal | None, holding_ids: Collection[int]
) -> dt.date | None:
    if not holding_ids:
        return None
    query = (
        select(BalanceSnapshot.snapshot_on)
        .join(Holding, Holding.id == BalanceSnapshot.holding_id)
        .where(BalanceSnapshot.holding_id.in_(holding_ids))
        .order_by(BalanceSnapshot.snapshot_on.desc())
        .limit(1)
    )
    return session.scalars(_owned(query, Holding.party_id, principal)).first()


def stage_rank(session: Session, principal: Principal | None, party_id: str) -> int:
    """The rung of the party's newest assessment; 0 when never placed."""
    query = (
        select(Assessment.stage_rank)
        .where(Assessment.party_id == party_id)
        .order_by(Assessment.as_of.desc())
        .limit(1)
    )
    return session.scalars(_owned(query, Assessment.party_id, principal)).first() or 0


def party(session: Session, principal: Principal | None, party_id: str) -> Party:
    """The party, if the principal may see it (the command line sees every party); else the
    same NotFound as for an unknown id."""
    if principal is not None:
        return visible_party(session, principal, party_id)
    found = session.get(Party, party_id)
    if found is None:
        raise NotFound(f"no party {party_id!r}", where="--party", fix="check the party id")
    return found
