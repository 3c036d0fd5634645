"""The one place that scopes queries to the parties a principal may see.

Every repository query of a party, or of an object a party owns (holding, interaction, need,
referral, action...), goes through ``scope_parties`` or ``scope_party_owned``. An object out of
scope is treated as absent: the caller answers 404, never the data, and never 403 (which would
confirm that the id exists).
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.orm import Session

from bankladder.access.principal import Permission, Principal
from bankladder.errors import NotFound
from bankladder.store.models import Party, RelationshipManager
from bankladder.store.vocabulary import UserRole

Query = TypeVar("Query", bound=Select[Any])


def party_condition(principal: Principal) -> ColumnElement[bool]:
    """A condition on ``Party`` that holds for exactly the parties in the principal's scope."""
    if not principal.may(Permission.PARTIES_READ):
        return false()
    if principal.role in (UserRole.AUDITOR, UserRole.APPROVER):  # the head office reads all
        return true()
    if principal.role is UserRole.RM and principal.rm_id is not None:
        return Party.rm_id == principal.rm_id
    if principal.role is UserRole.MANAGER and principal.branch_id is not None:
        branch_rms = select(RelationshipManager.id).where(
            RelationshipManager.branch_id == principal.branch_id
        )
        return Party.rm_id.in_(branch_rms)
    return false()


def scope_parties(query: Query, principal: Principal) -> Query:
    """``query`` (which selects from ``Party``) narrowed to the principal's parties."""
    return query.where(party_condition(principal))


def scope_party_owned(query: Query, party_id: ColumnElement[Any], principal: Principal) -> Query:
    """``query`` narrowed to rows whose ``party_id`` column names a party in scope."""
    return query.where(party_id.in_(scope_parties(select(Party.id), principal)))


def parties_in_scope(principal: Principal) -> Select[tuple[Party]]:
    return scope_parties(select(Party), principal)


def visible_party(session: Session, principal: Principal, party_id: str) -> Party:
    """The party, if the principal may see it; otherwise the same NotFound as for an unknown id."""
    party = session.scalar(parties_in_scope(principal).where(Party.id == party_id))
    if party is None:
        raise NotFound(f"no party {party_id!r}")
    return party
