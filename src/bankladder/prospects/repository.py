"""Every query the prospects feature makes. Party reads go through ``access.scope``; the one
bank-wide read is the duplicate lookup (``parties.repository``), whose results the service
reveals only for parties in scope."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import party_condition, scope_parties
from bankladder.store.models import Party, PartyAlias, Product, Relationship, RelationshipManager

SEARCH_LIMIT = 50


def branch_rms(session: Session, branch_id: str) -> list[tuple[str, str]]:
    """(id, name) of the active RMs of a branch, by name."""
    query = (
        select(RelationshipManager.id, RelationshipManager.name)
        .where(RelationshipManager.branch_id == branch_id, RelationshipManager.active)
        .order_by(RelationshipManager.name, RelationshipManager.id)
    )
    return [(rm_id, name) for rm_id, name in session.execute(query)]


def ids_starting_with(session: Session, prefix: str) -> list[str]:
    """Party ids, and aliases (ids merged away), that start with ``prefix``."""
    pattern = prefix.replace("%", r"\%").replace("_", r"\_") + "%"
    found = list(session.scalars(select(Party.id).where(Party.id.like(pattern, escape="\\"))))
    aliases = select(PartyAlias.alias_id).where(PartyAlias.alias_id.like(pattern, escape="\\"))
    return found + list(session.scalars(aliases))


def insert_party_unless_taken(session: Session, values: dict[str, Any]) -> bool:
    """Insert the party; False when its id was taken meanwhile (a concurrent insert on
    PostgreSQL waits for the other transaction, then does nothing: no error, no savepoint).
    RETURNING says whether a row was written (an ORM insert's rowcount is not reliable)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(Party)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[Party.id])
        .returning(Party.id)
    )
    return session.execute(statement).first() is not None


def visible_ids(session: Session, principal: Principal, ids: Iterable[str]) -> set[str]:
    """Those of ``ids`` that name a party in the principal's scope."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    query = scope_parties(select(Party.id).where(Party.id.in_(wanted)), principal)
    return set(session.scalars(query))


def update_party(
    session: Session, principal: Principal, party_id: str, version: int, values: dict[str, Any]
) -> bool:
    """Change the party and raise its version in one UPDATE that checks the version it is
    based on (and the scope): False when another change came first."""
    statement = (
        update(Party)
        .where(Party.id == party_id, Party.version == version, party_condition(principal))
        .values(**values, version=Party.version + 1)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(session.execute(statement), "rowcount", 0) or 0) == 1


def product_families(session: Session) -> list[str]:
    return list(session.scalars(select(Product.family).distinct().order_by(Product.family)))


def relationship_exists(session: Session, from_id: str, to_id: str, kind: str) -> bool:
    query = select(
        exists().where(
            Relationship.from_party_id == from_id,
            Relationship.to_party_id == to_id,
            Relationship.kind == kind,
        )
    )
    return bool(session.scalar(query))


def search(session: Session, principal: Principal, condition: ColumnElement[bool]) -> list[Party]:
    """Parties in scope meeting ``condition``, at most one more than the limit."""
    query: Select[tuple[Party]] = (
        select(Party).where(condition).order_by(Party.name, Party.id).limit(SEARCH_LIMIT + 1)
    )
    return list(session.scalars(scope_parties(query, principal)))


def by_name(words: str) -> ColumnElement[bool]:
    return Party.name.contains(words, autoescape=True)


def by_values(column: Any, values: Iterable[str]) -> ColumnElement[bool]:
    return or_(*(column == value for value in sorted(set(values))))
