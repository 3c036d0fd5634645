"""Use cases: record a need of a party, a referral it made (of a party already known, or of a
new prospect added in the same step) and a relationship with another party. Both ends must be
in the user's scope; an end out of scope is answered as unknown (``OtherPartyNotFound``).

The caller owns the transaction; each record writes its audit event with it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import visible_party
from bankladder.audit.service import record
from bankladder.errors import NotFound
from bankladder.prospects import repository
from bankladder.prospects.checks import checked_prospect, text, too_long
from bankladder.prospects.schemas import (
    FieldsRefused,
    NewNeed,
    NewReferral,
    NewRelationship,
    PartyView,
    Problem,
    Recorded,
)
from bankladder.prospects.service import create_party
from bankladder.store.models import Need, Referral, Relationship
from bankladder.store.vocabulary import NeedStatus, ReferralStatus


class OtherPartyNotFound(NotFound):
    """The other end of a referral or relationship is unknown or out of the user's scope."""

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__("no such party among yours", where=field)


def product_families(session: Session) -> list[str]:
    """The product families a need may name (those of the bank's catalogue)."""
    return repository.product_families(session)


def record_need(
    session: Session, principal: Principal, party_id: str, new: NewNeed, now: dt.datetime
) -> Recorded:
    party = visible_party(session, principal, party_id)
    kind, competitor = text(new.kind), text(new.competitor_bank)
    families = repository.product_families(session)
    problems = [p for p in (too_long("competitor_bank", competitor),) if p]
    if kind is None or (families and kind not in families) or len(kind) > 32:
        problems.append(Problem("kind", "family", f"choose one of: {', '.join(families)}"))
    if problems:
        raise FieldsRefused(problems)
    assert kind is not None
    need = Need(
        party_id=party.id,
        kind=kind,
        nature=new.nature,
        competitor_bank=competitor,
        status=NeedStatus.IDENTIFIED,
        identified_on=now.date(),
    )
    session.add(need)
    session.flush()
    detail = {"party_id": party.id, "kind": kind, "nature": new.nature.value}
    record(session, principal, "need.record", "need", str(need.id), now, detail=detail)
    return Recorded(need.id, party.id)


def record_referral(
    session: Session,
    principal: Principal,
    party_id: str,
    new: NewReferral,
    now: dt.datetime,
    *,
    confirm_new: bool = False,
) -> Recorded:
    """The party introduced a referee: a party in scope, or a new prospect given to the
    referrer's RM (with the same look for likely duplicates as any new prospect)."""
    referrer = visible_party(session, principal, party_id)
    created = _referee(session, principal, referrer.id, referrer.rm_id, new, now, confirm_new)
    referee_id = created.id if created else _other_end(session, principal, referrer.id, new)
    referral = Referral(
        referrer_id=referrer.id,
        referee_id=referee_id,
        referred_on=now.date(),
        status=ReferralStatus.INTRODUCED,
    )
    session.add(referral)
    session.flush()
    detail = {"referrer_id": referrer.id, "referee_id": referee_id, "new": created is not None}
    record(session, principal, "referral.record", "referral", str(referral.id), now, detail=detail)
    return Recorded(referral.id, referrer.id, created)


def _referee(
    session: Session,
    principal: Principal,
    referrer_id: str,
    owner: str | None,
    new: NewReferral,
    now: dt.datetime,
    confirm_new: bool,
) -> PartyView | None:
    if new.new_referee is None:
        return None
    if text(new.referee_id) is not None:
        raise FieldsRefused([Problem("referee_id", "one_referee", "name one referee, not two")])
    checked, problems = checked_prospect(new.new_referee, now.date())
    if problems:
        raise FieldsRefused(problems)
    assert owner is not None  # a party in the scope of an RM or a manager has an RM
    return create_party(session, principal, checked, owner, now, confirm_new, via="referral")


def _other_end(session: Session, principal: Principal, party_id: str, new: NewReferral) -> str:
    other = text(new.referee_id)
    if other is None:
        raise FieldsRefused([Problem("referee_id", "required", "name the referee")])
    if other == party_id:
        raise FieldsRefused([Problem("referee_id", "same_party", "a party cannot refer itself")])
    if not repository.visible_ids(session, principal, [other]):
        raise OtherPartyNotFound("referee_id")
    return other


def record_relationship(
    session: Session,
    principal: Principal,
    party_id: str,
    new: NewRelationship,
    now: dt.datetime,
) -> Recorded:
    """This party is ``kind`` of the other party (both in scope); recorded once."""
    party = visible_party(session, principal, party_id)
    other = text(new.other_party_id)
    if other is None or other == party.id:
        code = "required" if other is None else "same_party"
        raise FieldsRefused([Problem("other_party_id", code, "name another party")])
    if not repository.visible_ids(session, principal, [other]):
        raise OtherPartyNotFound("other_party_id")
    if new.since is not None and new.since > now.date():
        raise FieldsRefused([Problem("since", "future", "a relationship cannot start later")])
    if repository.relationship_exists(session, party.id, other, new.kind.value):
        raise FieldsRefused([Problem("other_party_id", "exists", "already recorded")])
    edge = Relationship(from_party_id=party.id, to_party_id=other, kind=new.kind, since=new.since)
    session.add(edge)
    session.flush()
    detail = {"from_party_id": party.id, "to_party_id": other, "kind": new.kind.value}
    record(
        session, principal, "relationship.record", "relationship", str(edge.id), now, detail=detail
    )
    return Recorded(edge.id, party.id)
