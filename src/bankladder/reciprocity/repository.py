"""Every query of the reciprocity ledger. With a user (web, API) each one goes through
``access.scope``; ``principal`` None is the command line, which reads the whole store as the
other commands do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Row, Select, and_, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_parties, scope_party_owned, visible_party
from bankladder.errors import NotFound
from bankladder.reciprocity.checks import CheckedBenefit
from bankladder.reciprocity.gifts import Counted
from bankladder.reciprocity.ledger import ZERO, Window
from bankladder.store.models import (
    Assessment,
    AuditEvent,
    BalanceSnapshot,
    Benefit,
    Holding,
    Party,
    Referral,
    RelationshipManager,
    Settlement,
)
from bankladder.store.vocabulary import BenefitKind, BenefitStatus, ReferralStatus

Query = TypeVar("Query", bound=Select[Any])


def _scoped(query: Query, party_id: ColumnElement[Any], principal: Principal | None) -> Query:
    return query if principal is None else scope_party_owned(query, party_id, principal)


def party(session: Session, principal: Principal | None, party_id: str) -> Party:
    """The party, if the principal may see it; NotFound as for an unknown id otherwise."""
    if principal is not None:
        return visible_party(session, principal, party_id)
    found = session.get(Party, party_id)
    if found is None:
        raise NotFound(f"no party {party_id!r}", fix="check the party number")
    return found


def visible_ids(
    session: Session, principal: Principal | None, party_ids: Collection[str]
) -> set[str]:
    """Those of ``party_ids`` that exist and the principal may open."""
    if not party_ids:
        return set()
    query = select(Party.id).where(Party.id.in_(sorted(party_ids)))
    return set(session.scalars(query if principal is None else scope_parties(query, principal)))


def standing(
    session: Session, principal: Principal | None, party_id: str, as_of: dt.date
) -> tuple[str | None, int]:
    """The rung (id, rank) of the party's latest assessment on or before ``as_of``."""
    query = select(Assessment.stage_id, Assessment.stage_rank).where(
        Assessment.party_id == party_id, Assessment.as_of <= as_of
    )
    query = _scoped(query, Assessment.party_id.expression, principal)
    row = session.execute(query.order_by(Assessment.as_of.desc()).limit(1)).first()
    return (None, 0) if row is None else (row.stage_id, int(row.stage_rank))


def benefits(
    session: Session, principal: Principal | None, party_id: str, window: Window
) -> Sequence[Row[Any]]:
    """The favours of the window, newest first, with the introduced party's name and kind."""
    other = aliased(Party)
    query = (
        select(Benefit, other.name.label("other_name"), other.kind.label("other_kind"))
        .outerjoin(other, other.id == Benefit.counterpart_id)
        .where(
            Benefit.party_id == party_id,
            Benefit.given_on > window.starts_after,
            Benefit.given_on <= window.as_of,
        )
    )
    query = _scoped(query, Benefit.party_id.expression, principal)
    return session.execute(query.order_by(Benefit.given_on.desc(), Benefit.id.desc())).all()


def _held_on(day: dt.date) -> ColumnElement[bool]:
    return and_(Holding.opened_on <= day, or_(Holding.closed_on.is_(None), Holding.closed_on > day))


def balance_on(
    session: Session, principal: Principal | None, party_id: str, day: dt.date
) -> Decimal:
    """The party's total balance on its holdings open on ``day``: each holding's latest
    snapshot on or before it (the engine's ``total_balance``)."""
    latest = (
        select(BalanceSnapshot.holding_id, func.max(BalanceSnapshot.snapshot_on).label("on"))
        .join(Holding, Holding.id == BalanceSnapshot.holding_id)
        .where(Holding.party_id == party_id, BalanceSnapshot.snapshot_on <= day)
        .group_by(BalanceSnapshot.holding_id)
        .subquery()
    )
    query = (
        select(func.sum(BalanceSnapshot.amount))
        .join(latest, latest.c.holding_id == BalanceSnapshot.holding_id)
        .join(Holding, Holding.id == BalanceSnapshot.holding_id)
        .where(BalanceSnapshot.snapshot_on == latest.c.on, _held_on(day))
    )
    total = session.scalar(_scoped(query, Holding.party_id.expression, principal))
    return ZERO if total is None else Decimal(total)


def products_held(
    session: Session, principal: Principal | None, party_id: str, day: dt.date
) -> int:
    query = (
        select(func.count()).select_from(Holding).where(Holding.party_id == party_id, _held_on(day))
    )
    return int(session.scalar(_scoped(query, Holding.party_id.expression, principal)) or 0)


def settlements(
    session: Session, principal: Principal | None, party_id: str, window: Window
) -> tuple[Decimal, int]:
    """Inflows over the months whose first day lies in the window, and how many months."""
    query = select(func.sum(Settlement.inflow), func.count()).where(
        Settlement.party_id == party_id,
        Settlement.month > window.starts_after,
        Settlement.month <= window.as_of,
    )
    row = session.execute(_scoped(query, Settlement.party_id.expression, principal)).one()
    return (ZERO if row[0] is None else Decimal(row[0])), int(row[1])


def referrals(
    session: Session, principal: Principal | None, party_id: str, window: Window
) -> tuple[int, int]:
    """Referrals the party made in the window, and those of them converted by its end."""
    converted = and_(
        Referral.status == ReferralStatus.CONVERTED,
        or_(Referral.converted_on.is_(None), Referral.converted_on <= window.as_of),
    )
    query = select(func.count(), func.count().filter(converted)).where(
        Referral.referrer_id == party_id,
        Referral.referred_on > window.starts_after,
        Referral.referred_on <= window.as_of,
    )
    row = session.execute(_scoped(query, Referral.referrer_id.expression, principal)).one()
    return int(row[0]), int(row[1])


def add_benefit(
    session: Session,
    party_id: str,
    rm_id: str | None,
    checked: CheckedBenefit,
    *,
    status: BenefitStatus = BenefitStatus.GIVEN,
    maker_id: int | None = None,
) -> Benefit:
    benefit = Benefit(
        party_id=party_id,
        given_on=checked.given_on,
        kind=checked.kind,
        worth=checked.worth,
        counterpart_id=checked.counterpart_id,
        rm_id=rm_id,
        note=checked.note,
        status=status,
        maker_id=maker_id,
        version=1,
    )
    session.add(benefit)
    session.flush()
    return benefit


def lock_party(session: Session, party_id: str) -> None:
    """Hold the party's row until the transaction ends: two gifts for one party are weighed
    against the yearly limit one after the other (PostgreSQL; SQLite has one writer)."""
    session.execute(select(Party.id).where(Party.id == party_id).with_for_update())


def gifts_of_year(session: Session, party_id: str, year: int) -> list[Counted]:
    """The party's gifts dated in the calendar year ``year``, whatever their status."""
    query = select(Benefit).where(
        Benefit.party_id == party_id,
        Benefit.kind == BenefitKind.GIFT,
        Benefit.given_on >= dt.date(year, 1, 1),
        Benefit.given_on <= dt.date(year, 12, 31),
    )
    return [Counted(b.id, b.kind, b.status, b.given_on, b.worth) for b in session.scalars(query)]


def benefit(session: Session, principal: Principal | None, benefit_id: int) -> Benefit:
    """The favour, if its party is in the principal's scope; NotFound as for an unknown id."""
    query = select(Benefit).where(Benefit.id == benefit_id)
    found = session.scalar(_scoped(query, Benefit.party_id.expression, principal))
    if found is None:
        raise NotFound(f"no favour {benefit_id}", fix="check the favour's number")
    return found


def move_benefit(session: Session, benefit_id: int, version: int, **values: Any) -> int | None:
    """Set ``values`` and raise the version in one UPDATE, only at ``version``: the new
    version, or None when someone changed the favour first."""
    done = session.execute(
        update(Benefit)
        .where(Benefit.id == benefit_id, Benefit.version == version)
        .values(version=Benefit.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if getattr(done, "rowcount", 0) != 1:
        return None
    session.expire_all()
    return version + 1


def requested(session: Session, principal: Principal) -> Sequence[Row[Any]]:
    """The favours waiting for a checker in the principal's scope, oldest first."""
    query = (
        select(Benefit, Party.name.label("party_name"), Party.kind.label("party_kind"))
        .join(Party, Party.id == Benefit.party_id)
        .where(Benefit.status == BenefitStatus.REQUESTED)
    )
    query = scope_party_owned(query, Benefit.party_id.expression, principal)
    return session.execute(query.order_by(Benefit.given_on, Benefit.id)).all()


def gifts_for_report(
    session: Session,
    principal: Principal | None,
    year: int,
    branch_id: str | None,
    rm_id: str | None,
) -> Sequence[Row[Any]]:
    """Every gift dated in ``year`` with its party's name and kind and its RM's branch."""
    query = (
        select(
            Benefit,
            Party.name.label("party_name"),
            Party.kind.label("party_kind"),
            RelationshipManager.branch_id.label("branch_id"),
        )
        .join(Party, Party.id == Benefit.party_id)
        .outerjoin(RelationshipManager, RelationshipManager.id == Benefit.rm_id)
        .where(
            Benefit.kind == BenefitKind.GIFT,
            Benefit.given_on >= dt.date(year, 1, 1),
            Benefit.given_on <= dt.date(year, 12, 31),
        )
    )
    if branch_id:
        query = query.where(RelationshipManager.branch_id == branch_id)
    if rm_id:
        query = query.where(Benefit.rm_id == rm_id)
    query = _scoped(query, Benefit.party_id.expression, principal)
    return session.execute(query.order_by(Benefit.given_on, Benefit.id)).all()


def refusal_codes(session: Session, benefit_ids: Collection[int]) -> dict[int, str | None]:
    """The reason code each refused favour's checker gave (from its ``benefit.refuse`` event)."""
    found: dict[int, str | None] = {}
    for chunk in _chunks(sorted(benefit_ids)):
        query = select(AuditEvent.object_id, AuditEvent.detail).where(
            AuditEvent.event == "benefit.refuse",
            AuditEvent.object_type == "benefit",
            AuditEvent.object_id.in_([str(i) for i in chunk]),
        )
        for object_id, detail in session.execute(query):
            found[int(object_id)] = (detail or {}).get("refusal")
    return found


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
