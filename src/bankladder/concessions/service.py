"""Use cases of price talks: request a concession for a party in scope, decide it (approve,
reject, withdraw; the version checked and raised in one UPDATE), a party's requests, the
queue, and the pending requests of a checker's approvals inbox.

Requesting needs ``parties.work`` (the route's permission); deciding is the workflow's call:
a checker (``approvals.decide``) within their role's authority, never the maker; withdrawing
is the maker's. An approved concession becomes a ``price_concession`` favour of the
reciprocity ledger. Audit events name the role and the size, never the rates. The caller
owns the transaction; services flush, never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NoReturn

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Permission, Principal
from bankladder.audit import service as audit
from bankladder.concessions import repository, shown
from bankladder.concessions.checks import checked_request
from bankladder.concessions.schemas import (
    NOTE_MAX,
    ConcessionDetail,
    ConcessionShown,
    DecisionRefused,
    NewConcession,
    PartyConcessions,
    ProductChoice,
    Queue,
    Requested,
    Standing,
)
from bankladder.concessions.workflow import (
    Actor,
    Concession,
    Decision,
    MoveRefused,
    Size,
    allowed,
    required_role,
    size_of,
)
from bankladder.concessions.workflow import (
    decide as workflow_decide,
)
from bankladder.config import Settings
from bankladder.errors import InvalidInput, StaleVersion
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.policies import Authorities
from bankladder.privacy.masking import party_name
from bankladder.store.models import PriceConcession
from bankladder.store.vocabulary import (
    ConcessionDecisionKind,
    ConcessionStatus,
    UserRole,
)

OBJECT = "price_concession"


def actor(principal: Principal) -> Actor:
    return Actor(
        principal.user_id, principal.role.value, principal.may(Permission.APPROVALS_DECIDE)
    )


def request_concession(
    session: Session,
    settings: Settings,
    principal: Principal,
    party_id: str,
    new: NewConcession,
    now: dt.datetime,
) -> Requested:
    """Ask for a concession for a party in scope; ConcessionRefused names each refused field."""
    party = repository.party(session, principal, party_id)
    authorities = bank_ladder(session, settings).authorities
    known = repository.product(session, new.product_code.strip()) is not None
    kind, standard, requested, justification = checked_request(new, known, authorities)
    size = size_of(kind, standard, requested)
    role = required_role(size, authorities) or ""  # check_terms refused one beyond every role
    values: dict[str, Any] = {"party_id": party.id, "product_code": new.product_code.strip()}
    values |= {"kind": kind}
    values |= {"standard": standard, "requested": requested, "justification": justification}
    values |= {"status": ConcessionStatus.REQUESTED, "required_role": UserRole(role)}
    values |= {"rm_id": party.rm_id, "maker_id": principal.user_id, "requested_at": now}
    concession_id = repository.add_concession(session, values)
    _keep(session, concession_id, principal, ConcessionDecisionKind.REQUEST, now, None)
    detail = {"party_id": party.id, "product_code": values["product_code"], "kind": kind.value}
    _audit(session, principal, "concession.request", concession_id, now, detail | _size(size, role))
    return Requested(concession_id, party.id, role, size.shown)


def decide(
    session: Session,
    settings: Settings,
    principal: Principal,
    concession_id: int,
    version: int,
    move: ConcessionDecisionKind,
    note: str | None,
    now: dt.datetime,
) -> int:
    """Take ``move`` on a request in scope, based on ``version``: the new version.
    NotFound out of scope, StaleVersion after another change, DecisionRefused when the
    workflow refuses the caller this move (with the reason)."""
    row = repository.concession(session, principal, concession_id)
    found: PriceConcession = row.PriceConcession
    if found.version != version:
        _stale(concession_id, version)
    said = _note(note)
    authorities = bank_ladder(session, settings).authorities
    try:
        after = workflow_decide(_state(found), actor(principal), move, authorities, now, said)
    except MoveRefused as refused:
        raise DecisionRefused(refused.code, refused.said) from None
    if not repository.move(session, concession_id, version, after.status, now):
        _stale(concession_id, version)
    session.expire(found)  # the UPDATE raised its version and status in the store
    _keep(session, concession_id, principal, move, now, said)
    if after.status is ConcessionStatus.APPROVED:
        _favour(session, found, principal, now)
    detail = {"party_id": found.party_id, "decided_by": principal.role.value}
    detail |= _size(after.size, found.required_role.value)
    _audit(session, principal, f"concession.{move.value}", concession_id, now, detail)
    return version + 1


def version_of(session: Session, principal: Principal, concession_id: int) -> int:
    """The request's version; NotFound when absent or out of scope."""
    return int(repository.concession(session, principal, concession_id).PriceConcession.version)


def detail(
    session: Session,
    settings: Settings,
    principal: Principal | None,
    concession_id: int,
    day: dt.date,
) -> ConcessionDetail:
    """One request with its history, the moves the caller may take and the party's standing."""
    row = repository.concession(session, principal, concession_id)
    authorities = bank_ladder(session, settings).authorities
    history = repository.history(session, [concession_id])[concession_id]
    standing = shown.standing(session, settings, principal, row.PriceConcession.party_id, day)
    return _detail(row, history, principal, authorities, standing)


def of_party(
    session: Session, settings: Settings, principal: Principal | None, party_id: str, day: dt.date
) -> PartyConcessions:
    """A party's requests, newest first, with their histories and the party's standing."""
    party = repository.party(session, principal, party_id)
    rows = repository.of_party(session, principal, party.id)
    authorities = bank_ladder(session, settings).authorities
    histories = repository.history(session, [row.PriceConcession.id for row in rows])
    standing = shown.standing(session, settings, principal, party.id, day)
    details = tuple(
        _detail(row, histories[row.PriceConcession.id], principal, authorities, standing)
        for row in rows
    )
    name = party_name(party.name, party.kind.value)
    return PartyConcessions(party.id, name, details, standing)


def queue(session: Session, settings: Settings, principal: Principal, day: dt.date) -> Queue:
    """For a checker the requests they may decide; for a maker their own waiting ones; for a
    reader who does neither, every waiting request in scope (read only)."""
    to_decide = tuple(pending_for(session, principal, settings))
    mine = _masked(repository.made_by(session, principal, ConcessionStatus.REQUESTED))
    reads_only = not principal.may(Permission.APPROVALS_DECIDE) and not principal.may(
        Permission.PARTIES_WORK
    )
    watching = _masked(repository.waiting(session, principal)) if reads_only else ()
    parties = sorted({c.party_id for c in (*to_decide, *mine, *watching)})
    standings = {p: shown.standing(session, settings, principal, p, day) for p in parties}
    return Queue(to_decide, mine, watching, standings)


def _masked(rows: Sequence[Row[Any]]) -> tuple[ConcessionShown, ...]:
    return tuple(shown.concession(row, unmasked=False) for row in rows)


def pending_for(
    session: Session, principal: Principal, settings: Settings | None = None
) -> list[ConcessionShown]:
    """The waiting requests ``principal`` may approve now, oldest first (masked): their
    role's authority covers the size, they did not make it, its party is in their scope.
    ``settings``: the app's, for the bank's playbook (default: the environment's)."""
    if not principal.may(Permission.APPROVALS_DECIDE):
        return []
    authorities = bank_ladder(session, settings or Settings()).authorities
    me = actor(principal)
    return [
        shown.concession(row, unmasked=False)
        for row in repository.waiting(session, principal)
        if ConcessionDecisionKind.APPROVE in allowed(_state(row.PriceConcession), me, authorities)
    ]


def listing(session: Session, status: ConcessionStatus | None) -> list[ConcessionShown]:
    """Every request of the store, masked: the command line, as the store's operator."""
    return [shown.concession(row, unmasked=False) for row in repository.listed(session, status)]


def catalogue(session: Session) -> list[ProductChoice]:
    """The products a request may name."""
    return [ProductChoice(p.code, p.name_zh, p.name_en) for p in repository.catalogue(session)]


def _detail(
    row: Row[Any],
    history: list[Row[Any]],
    principal: Principal | None,
    authorities: Authorities,
    standing: Standing,
) -> ConcessionDetail:
    state = _state(row.PriceConcession)
    moves = () if principal is None else allowed(state, actor(principal), authorities)
    takes_part = principal is not None and (
        state.maker_id == principal.user_id or principal.may(Permission.APPROVALS_DECIDE)
    )
    return ConcessionDetail(
        concession=shown.concession(row, unmasked=takes_part),
        history=shown.decisions(history, unmasked=takes_part),
        moves=tuple(m.value for m in moves),
        standing=standing,
    )


def _state(found: PriceConcession) -> Concession:
    """The stored request as the workflow sees it (its history is not needed to decide)."""
    first = Decision(ConcessionDecisionKind.REQUEST, found.maker_id, "", found.requested_at)
    return Concession(found.maker_id, shown.size(found), found.status, (first,))


def _note(note: str | None) -> str | None:
    said = (note or "").strip() or None
    if said is not None and len(said) > NOTE_MAX:
        raise InvalidInput(f"a note has at most {NOTE_MAX} characters", where="note")
    return said


def _favour(
    session: Session, found: PriceConcession, principal: Principal, now: dt.datetime
) -> None:
    """The approved concession as a favour given, in the party's RM's name."""
    party = repository.party(session, None, found.party_id)
    repository.add_concession_benefit(session, found, party.rm_id, principal.user_id, now)


def _keep(
    session: Session,
    concession_id: int,
    principal: Principal,
    move: ConcessionDecisionKind,
    at: dt.datetime,
    note: str | None,
) -> None:
    values = {"concession_id": concession_id, "decision": move, "user_id": principal.user_id}
    repository.add_decision(session, values | {"role": principal.role, "at": at, "note": note})


def _size(size: Size, role: str) -> dict[str, Any]:
    return {
        "size": str(size.amount.quantize(Decimal("0.01"))),
        "unit": size.unit.value,
        "required_role": role,
    }


def _audit(
    session: Session,
    principal: Principal,
    event: str,
    concession_id: int,
    at: dt.datetime,
    detail: dict[str, Any],
) -> None:
    audit.record(session, principal, event, OBJECT, str(concession_id), at, detail=detail)


def _stale(concession_id: int, version: int) -> NoReturn:
    raise StaleVersion(
        f"price concession {concession_id} changed after version {version}",
        fix="open it again and decide on what it says now",
    )
