"""Every query the party 360 view makes of the store; each one goes through ``access.scope``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_parties, scope_party_owned
from bankladder.store.models import (
    Action,
    Assessment,
    BalanceSnapshot,
    Holding,
    Interaction,
    Need,
    Party,
    Product,
    Referral,
    Relationship,
    RelationshipManager,
    WalletEstimate,
)
from bankladder.store.vocabulary import ActionStatus

TIMELINE = 20
"""Contacts shown on the timeline, newest first."""
LIVE = (ActionStatus.OPEN, ActionStatus.SNOOZED)


def rm_name(session: Session, rm_id: str | None) -> str | None:
    if rm_id is None:
        return None
    return session.scalar(select(RelationshipManager.name).where(RelationshipManager.id == rm_id))


def latest_assessment(session: Session, principal: Principal, party_id: str) -> Assessment | None:
    query = select(Assessment).where(Assessment.party_id == party_id)
    query = scope_party_owned(query, Assessment.party_id.expression, principal)
    return session.scalar(query.order_by(Assessment.as_of.desc()).limit(1))


def newest_wallet(session: Session, principal: Principal, party_id: str) -> WalletEstimate | None:
    query = select(WalletEstimate).where(WalletEstimate.party_id == party_id)
    query = scope_party_owned(query, WalletEstimate.party_id.expression, principal)
    return session.scalar(query.order_by(WalletEstimate.as_of.desc()).limit(1))


def holdings(session: Session, principal: Principal, party_id: str) -> Sequence[Row[Any]]:
    """The party's holdings with their product and latest balance snapshot, if any."""
    latest = (
        select(BalanceSnapshot.holding_id, func.max(BalanceSnapshot.snapshot_on).label("on"))
        .join(Holding, Holding.id == BalanceSnapshot.holding_id)
        .where(Holding.party_id == party_id)
        .group_by(BalanceSnapshot.holding_id)
        .subquery()
    )
    query = (
        select(
            Holding.product_code,
            Holding.account_no,
            Holding.opened_on,
            Holding.closed_on,
            Product.name_zh,
            Product.name_en,
            Product.family,
            BalanceSnapshot.amount,
            BalanceSnapshot.snapshot_on,
        )
        .outerjoin(Product, Product.code == Holding.product_code)
        .outerjoin(latest, latest.c.holding_id == Holding.id)
        .outerjoin(
            BalanceSnapshot,
            and_(
                BalanceSnapshot.holding_id == Holding.id,
                BalanceSnapshot.snapshot_on == latest.c.on,
            ),
        )
        .where(Holding.party_id == party_id)
        .order_by(Holding.closed_on.is_not(None), Holding.opened_on.desc(), Holding.id)
    )
    return session.execute(scope_party_owned(query, Holding.party_id.expression, principal)).all()


def needs(session: Session, principal: Principal, party_id: str) -> Sequence[Need]:
    query = select(Need).where(Need.party_id == party_id)
    query = scope_party_owned(query, Need.party_id.expression, principal)
    return session.scalars(query.order_by(Need.identified_on.desc(), Need.id.desc())).all()


def interactions(session: Session, principal: Principal, party_id: str) -> Sequence[Interaction]:
    query = select(Interaction).where(Interaction.party_id == party_id)
    query = scope_party_owned(query, Interaction.party_id.expression, principal)
    newest = query.order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    return session.scalars(newest.limit(TIMELINE)).all()


def relationships(session: Session, principal: Principal, party_id: str) -> Sequence[Row[Any]]:
    """Each relationship of the party, with the other party's id, name and kind."""
    outgoing = Relationship.from_party_id == party_id
    other_id = case((outgoing, Relationship.to_party_id), else_=Relationship.from_party_id)
    return _with_other(
        session,
        principal,
        party_id,
        select(
            Relationship.kind,
            Relationship.since.label("on"),
            outgoing.label("outgoing"),
            literal(None).label("status"),
        ).where(or_(outgoing, Relationship.to_party_id == party_id)),
        other_id,
        order=(Relationship.kind,),
    )


def referrals(session: Session, principal: Principal, party_id: str) -> Sequence[Row[Any]]:
    """Referrals the party made (outgoing) or came by (incoming), with the other party."""
    outgoing = Referral.referrer_id == party_id
    other_id = case((outgoing, Referral.referee_id), else_=Referral.referrer_id)
    return _with_other(
        session,
        principal,
        party_id,
        select(
            literal("referral").label("kind"),
            Referral.referred_on.label("on"),
            outgoing.label("outgoing"),
            Referral.status,
        ).where(or_(outgoing, Referral.referee_id == party_id)),
        other_id,
        order=(Referral.referred_on.desc(),),
    )


def _with_other(
    session: Session,
    principal: Principal,
    party_id: str,
    query: Select[Any],
    other_id: ColumnElement[Any],
    order: tuple[Any, ...],
) -> Sequence[Row[Any]]:
    """``query`` of links of the party, with the other end's id, name and kind; the party's
    own end is in the principal's scope (it was checked, and the query says so again)."""
    other = aliased(Party)
    joined = query.add_columns(
        other.id.label("other_id"), other.name.label("other_name"), other.kind.label("other_kind")
    ).join(other, other.id == other_id)
    scoped = scope_party_owned(joined, literal(party_id), principal)
    return session.execute(scoped.order_by(*order, other.id)).all()


def visible_ids(session: Session, principal: Principal, party_ids: Collection[str]) -> set[str]:
    """Those of ``party_ids`` the principal may open."""
    if not party_ids:
        return set()
    query = scope_parties(select(Party.id), principal).where(Party.id.in_(sorted(party_ids)))
    return set(session.scalars(query))


def open_actions(session: Session, principal: Principal, party_id: str) -> Sequence[Action]:
    query = select(Action).where(Action.party_id == party_id, Action.status.in_(LIVE))
    query = scope_party_owned(query, Action.party_id.expression, principal)
    return session.scalars(query.order_by(Action.priority.desc(), Action.id)).all()
