"""Every query of the industry focus. Party queries go through ``access.scope`` for a user;
``principal`` None is the command line, which reads the whole store as the store's operator.
Target industries and specialisations are the bank's configuration, not personal data."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, case, delete, false, func, or_, select
from sqlalchemy.orm import Session

from bankladder.access.principal import Permission, Principal
from bankladder.access.scope import scope_parties
from bankladder.store.models import (
    Assessment,
    Party,
    RelationshipManager,
    RmSpecialisation,
    TargetIndustry,
)
from bankladder.store.vocabulary import PartyKind, UserRole


def _scoped(query: Select[Any], principal: Principal | None) -> Select[Any]:
    return query if principal is None else scope_parties(query, principal)


def targets(session: Session) -> Sequence[TargetIndustry]:
    query = select(TargetIndustry).order_by(TargetIndustry.priority, TargetIndustry.code)
    return session.scalars(query).all()


def target(session: Session, code: str) -> TargetIndustry | None:
    return session.get(TargetIndustry, code)


def add_target(session: Session, found: TargetIndustry) -> None:
    session.add(found)
    session.flush()


def remove_target(session: Session, found: TargetIndustry) -> None:
    session.delete(found)
    session.flush()


def rm(session: Session, rm_id: str) -> RelationshipManager | None:
    return session.get(RelationshipManager, rm_id)


def all_rms(session: Session) -> Sequence[RelationshipManager]:
    return session.scalars(select(RelationshipManager).order_by(RelationshipManager.id)).all()


def rm_condition(principal: Principal | None) -> ColumnElement[bool]:
    """The RMs whose books the principal reads: an RM their own, a manager their branch's,
    the head office (auditor, approver) and the command line every one; nobody else any."""
    if principal is None:
        return RelationshipManager.id.is_not(None)
    if not principal.may(Permission.PARTIES_READ):
        return false()
    if principal.role in (UserRole.AUDITOR, UserRole.APPROVER):
        return RelationshipManager.id.is_not(None)
    if principal.role is UserRole.RM and principal.rm_id is not None:
        return RelationshipManager.id == principal.rm_id
    if principal.role is UserRole.MANAGER and principal.branch_id is not None:
        return RelationshipManager.branch_id == principal.branch_id
    return false()


def rms_in_scope(session: Session, principal: Principal | None) -> Sequence[RelationshipManager]:
    query = select(RelationshipManager).where(rm_condition(principal))
    return session.scalars(query.order_by(RelationshipManager.id)).all()


def specialisations(session: Session, rm_ids: Collection[str]) -> dict[str, list[str]]:
    """Each RM's industry codes, in code order."""
    if not rm_ids:
        return {}
    query = (
        select(RmSpecialisation.rm_id, RmSpecialisation.industry_code)
        .where(RmSpecialisation.rm_id.in_(sorted(rm_ids)))
        .order_by(RmSpecialisation.rm_id, RmSpecialisation.industry_code)
    )
    found: dict[str, list[str]] = {}
    for rm_id, code in session.execute(query).tuples():
        found.setdefault(rm_id, []).append(code)
    return found


def replace_specialisations(session: Session, rm_id: str, codes: Sequence[str]) -> None:
    session.execute(delete(RmSpecialisation).where(RmSpecialisation.rm_id == rm_id))
    session.add_all(RmSpecialisation(rm_id=rm_id, industry_code=code) for code in codes)
    session.flush()


def book_counts(
    session: Session, principal: Principal | None, rm_ids: Collection[str]
) -> Sequence[Row[tuple[str, str | None, int]]]:
    """Per RM and industry code, how many enterprise customers of theirs the principal sees."""
    if not rm_ids:
        return []
    query = (
        select(Party.rm_id, Party.industry_code, func.count())
        .where(
            Party.rm_id.in_(sorted(rm_ids)),
            Party.kind == PartyKind.ENTERPRISE,
            Party.customer_since.is_not(None),
        )
        .group_by(Party.rm_id, Party.industry_code)
    )
    return session.execute(_scoped(query, principal)).all()


def _prospects_of(principal: Principal | None, code: str, region: str | None) -> Select[tuple[str]]:
    query = select(Party.id).where(
        Party.customer_since.is_(None),
        Party.kind == PartyKind.ENTERPRISE,
        Party.industry_code.startswith(code, autoescape=True),
    )
    if region is not None:
        query = query.where(Party.region == region)
    return _scoped(query, principal)


def _targeted(codes: Sequence[str]) -> ColumnElement[int]:
    """0 for a party whose industry one of ``codes`` covers, 1 otherwise (sorts first)."""
    if not codes:
        return case((false(), 0), else_=1)
    covered = or_(*(Party.industry_code.startswith(c, autoescape=True) for c in codes))
    return case((covered, 0), else_=1)


def prospects(
    session: Session,
    principal: Principal | None,
    code: str,
    region: str | None,
    target_codes: Sequence[str],
    limit: int,
) -> tuple[int, Sequence[Row[Any]]]:
    """How many prospects match, and the first ``limit``: targeted industries first, then
    the highest rung at their newest assessment, then by number."""
    ids = _prospects_of(principal, code, region)
    total = int(session.scalar(select(func.count()).select_from(ids.subquery())) or 0)
    newest = (
        select(Assessment.party_id, func.max(Assessment.as_of).label("as_of"))
        .where(Assessment.party_id.in_(ids))
        .group_by(Assessment.party_id)
        .subquery()
    )
    targeted = _targeted(target_codes)
    query = (
        select(Party, Assessment.stage_id, Assessment.stage_rank, targeted.label("untargeted"))
        .outerjoin(newest, newest.c.party_id == Party.id)
        .outerjoin(
            Assessment,
            and_(Assessment.party_id == Party.id, Assessment.as_of == newest.c.as_of),
        )
        .where(Party.id.in_(ids))
        .order_by(targeted, func.coalesce(Assessment.stage_rank, 0).desc(), Party.id)
        .limit(limit)
    )
    return total, session.execute(query).all()


def regions(session: Session, principal: Principal | None) -> list[str]:
    """The regions of the enterprise prospects the principal sees, for a list to choose from."""
    query = (
        select(Party.region)
        .where(
            Party.customer_since.is_(None),
            Party.kind == PartyKind.ENTERPRISE,
            Party.region.is_not(None),
        )
        .distinct()
    )
    return sorted(str(r) for r in session.scalars(_scoped(query, principal)))
