"""Every query of price talks. With a user (web, API) each goes through ``access.scope``;
``principal`` None is the command line, which reads the whole store as the store's operator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Row, Select, insert, select, update
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_party_owned, visible_party
from bankladder.errors import NotFound
from bankladder.store.models import (
    Benefit,
    ConcessionDecision,
    Party,
    PriceConcession,
    Product,
    UserAccount,
)
from bankladder.store.vocabulary import BenefitKind, BenefitStatus, ConcessionStatus

Query = TypeVar("Query", bound=Select[Any])
LISTED = 200  # the most requests a list shows


def _scoped(query: Query, principal: Principal | None) -> Query:
    party_id: ColumnElement[Any] = PriceConcession.party_id.expression
    return query if principal is None else scope_party_owned(query, party_id, principal)


def party(session: Session, principal: Principal | None, party_id: str) -> Party:
    """The party, if the principal may see it; NotFound as for an unknown id otherwise."""
    if principal is not None:
        return visible_party(session, principal, party_id)
    found = session.get(Party, party_id)
    if found is None:
        raise NotFound(f"no party {party_id!r}", fix="check the party number")
    return found


def product(session: Session, code: str) -> Product | None:
    return session.get(Product, code)


def catalogue(session: Session) -> Sequence[Product]:
    return session.scalars(select(Product).order_by(Product.family, Product.code)).all()


def _listing() -> Select[Any]:
    return (
        select(PriceConcession, Party.name.label("party_name"), Party.kind.label("party_kind"))
        .add_columns(Product.name_zh, Product.name_en, UserAccount.username.label("maker"))
        .join(Party, Party.id == PriceConcession.party_id)
        .join(Product, Product.code == PriceConcession.product_code)
        .join(UserAccount, UserAccount.id == PriceConcession.maker_id)
    )


def concession(session: Session, principal: Principal | None, concession_id: int) -> Row[Any]:
    """One request with its party and product; NotFound when absent or out of scope."""
    query = _scoped(_listing().where(PriceConcession.id == concession_id), principal)
    row = session.execute(query).first()
    if row is None:
        raise NotFound(f"no price concession {concession_id}", fix="check the request's number")
    return row


def of_party(session: Session, principal: Principal | None, party_id: str) -> Sequence[Row[Any]]:
    query = _scoped(_listing().where(PriceConcession.party_id == party_id), principal)
    return session.execute(_newest_first(query)).all()


def waiting(session: Session, principal: Principal | None) -> Sequence[Row[Any]]:
    """Requests waiting for a decision, in scope, oldest first (the queue's order)."""
    query = _listing().where(PriceConcession.status == ConcessionStatus.REQUESTED)
    query = _scoped(query, principal).order_by(PriceConcession.requested_at, PriceConcession.id)
    return session.execute(query.limit(LISTED)).all()


def made_by(
    session: Session, principal: Principal, status: ConcessionStatus | None
) -> Sequence[Row[Any]]:
    query = _listing().where(PriceConcession.maker_id == principal.user_id)
    if status is not None:
        query = query.where(PriceConcession.status == status)
    return session.execute(_newest_first(_scoped(query, principal))).all()


def listed(session: Session, status: ConcessionStatus | None) -> Sequence[Row[Any]]:
    """Every request of the store (the command line), newest first."""
    query = _listing()
    if status is not None:
        query = query.where(PriceConcession.status == status)
    return session.execute(_newest_first(query)).all()


def _newest_first(query: Query) -> Query:
    return query.order_by(PriceConcession.requested_at.desc(), PriceConcession.id.desc()).limit(
        LISTED
    )


def history(session: Session, concession_ids: Collection[int]) -> dict[int, list[Row[Any]]]:
    """Each request's decisions in the order they were taken, with the user's name."""
    found: dict[int, list[Row[Any]]] = {i: [] for i in concession_ids}
    if not concession_ids:
        return found
    query = (
        select(ConcessionDecision, UserAccount.username)
        .join(UserAccount, UserAccount.id == ConcessionDecision.user_id)
        .where(ConcessionDecision.concession_id.in_(sorted(concession_ids)))
        .order_by(ConcessionDecision.at, ConcessionDecision.id)
    )
    for row in session.execute(query):
        found[row.ConcessionDecision.concession_id].append(row)
    return found


def add_concession(session: Session, values: dict[str, Any]) -> int:
    concession = PriceConcession(**values)
    session.add(concession)
    session.flush()
    return concession.id


def add_decision(session: Session, values: dict[str, Any]) -> None:
    session.execute(insert(ConcessionDecision).values(**values))


def move(
    session: Session, concession_id: int, version: int, status: ConcessionStatus, at: dt.datetime
) -> bool:
    """Move a waiting request if it still has ``version``, raising the version in the same
    UPDATE; False when another change came first."""
    changed = session.execute(
        update(PriceConcession)
        .where(
            PriceConcession.id == concession_id,
            PriceConcession.version == version,
            PriceConcession.status == ConcessionStatus.REQUESTED,
        )
        .values(status=status, decided_at=at, version=PriceConcession.version + 1)
        .execution_options(synchronize_session=False)
    )
    return getattr(changed, "rowcount", 0) == 1


def add_concession_benefit(
    session: Session,
    concession: PriceConcession,
    rm_id: str | None,
    checker_id: int,
    at: dt.datetime,
) -> None:
    """The approved concession as a favour the bank gave: the reciprocity ledger shows it."""
    session.execute(
        insert(Benefit).values(
            party_id=concession.party_id,
            given_on=at.date(),
            kind=BenefitKind.PRICE_CONCESSION,
            worth=None,
            rm_id=rm_id,
            status=BenefitStatus.GIVEN,
            maker_id=concession.maker_id,
            checker_id=checker_id,
            decided_at=at,
        )
    )
