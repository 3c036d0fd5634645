"""Use cases: the fission figures a user may see, as of a date, and one party's own.

Scope (``access.principal``): an RM sees their book's parties and their own figures; a
manager, their branch's parties, its RMs and the branch; the auditor, every party, RM and
branch; an administrator, nothing (no party is in their scope).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import visible_party
from bankladder.privacy.masking import party_name
from bankladder.referrals import repository
from bankladder.referrals.figures import (
    Fission,
    FissionBook,
    Member,
    ReferralRecord,
    as_of,
    fission_book,
)
from bankladder.referrals.schemas import FissionReport, FissionRow
from bankladder.store.vocabulary import UserRole


def fission(session: Session, principal: Principal, day: dt.date) -> FissionReport:
    """Figures per party (those that made a referral), per RM and per branch, as of ``day``."""
    rows = repository.members(session, principal)
    book = _book(session, principal, rows, day)
    names = {row.id: party_name(row.name, row.kind.value) for row in rows}
    parties = tuple(
        FissionRow(party_id, names[party_id], figures)
        for party_id, figures in book.parties.items()
        if figures.made
    )
    rms = _named(book.rms, repository.rm_names(session, list(book.rms)))
    branches = _named(_whole_branches(session, principal, book), {})
    branch_names = repository.branch_names(session, [row.id for row in branches])
    return FissionReport(
        as_of=day,
        parties=parties,
        rms=rms,
        branches=tuple(FissionRow(r.id, branch_names.get(r.id, r.id), r.figures) for r in branches),
    )


def party_fission(session: Session, principal: Principal, party_id: str, day: dt.date) -> Fission:
    """One party's own figures as of ``day``; NotFound out of scope."""
    party = visible_party(session, principal, party_id)
    member = Member(party.id, party.rm_id, None, _customer(party.customer_since, day))
    referrals = _records(session, principal, day)
    return fission_book(referrals, [member]).parties[party.id]


def _book(
    session: Session, principal: Principal, rows: Sequence[Row[Any]], day: dt.date
) -> FissionBook:
    members = [
        Member(row.id, row.rm_id, row.branch_id, _customer(row.customer_since, day)) for row in rows
    ]
    return fission_book(_records(session, principal, day), members)


def _records(session: Session, principal: Principal, day: dt.date) -> list[ReferralRecord]:
    """The referrals in scope, with the bank's converted ones for the depth (each once)."""
    made = repository.referrals_made(session, principal, day)
    seen = set(made)
    chain = [row for row in repository.converted_chain(session, day) if row not in seen]
    return as_of([*made, *chain], day)


def _whole_branches(
    session: Session, principal: Principal, book: FissionBook
) -> dict[str, Fission]:
    """Branches only where the user sees all of them: a manager's own, every one for the
    auditor; an RM's book is not a branch."""
    if principal.role is UserRole.AUDITOR:
        return dict(book.branches)
    branch = principal.branch_id
    if principal.role is UserRole.MANAGER and branch is not None and branch in book.branches:
        return {branch: book.branches[branch]}
    return {}


def _named(figures: Mapping[str, Fission], names: Mapping[str, str]) -> tuple[FissionRow, ...]:
    return tuple(FissionRow(key, names.get(key, key), value) for key, value in figures.items())


def _customer(customer_since: dt.date | None, day: dt.date) -> bool:
    return customer_since is not None and customer_since <= day
