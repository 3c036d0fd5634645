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
    BookCustomers,
    Fission,
    FissionBook,
    Member,
    ReferralRecord,
    as_of,
    fission_book,
)
from bankladder.referrals.schemas import FissionReport, FissionRow
from bankladder.store.vocabulary import UserRole

PARTIES_LISTED = 50
"""Parties listed by a report, those with the most converted referrals first."""


def fission(
    session: Session, principal: Principal, day: dt.date, *, parties: int = PARTIES_LISTED
) -> FissionReport:
    """Figures per RM and per branch, and of the ``parties`` parties with the most converted
    referrals, as of ``day``."""
    rows = repository.referrers(session, principal, day)
    book = _book(session, principal, rows, day)
    names = {row.id: party_name(row.name, row.kind.value) for row in rows}
    ranked = sorted(book.parties.items(), key=lambda item: (-item[1].converted, -item[1].made))
    rms = _named(book.rms, repository.rm_names(session, list(book.rms)))
    branches = _whole_branches(principal, book)
    branch_names = repository.branch_names(session, list(branches))
    return FissionReport(
        as_of=day,
        parties=tuple(FissionRow(key, names[key], value) for key, value in ranked[:parties]),
        more_parties=max(len(ranked) - parties, 0),
        rms=rms,
        branches=_named(branches, branch_names),
    )


def party_fission(session: Session, principal: Principal, party_id: str, day: dt.date) -> Fission:
    """One party's own figures as of ``day``; NotFound out of scope."""
    party = visible_party(session, principal, party_id)
    member = Member(party.id, party.rm_id, None, _customer(party.customer_since, day))
    made = repository.referrals_made(session, principal, day, referrer_id=party.id)
    return fission_book(_with_chains(session, made, day), [member]).parties[party.id]


def _book(
    session: Session, principal: Principal, rows: Sequence[Row[Any]], day: dt.date
) -> FissionBook:
    members = [
        Member(row.id, row.rm_id, row.branch_id, _customer(row.customer_since, day)) for row in rows
    ]
    rms: dict[str, int] = {}
    branches: dict[str, int] = {}
    for row in repository.customers_per_book(session, principal, day):
        rms[row.rm_id] = row.customers
        branches[row.branch_id] = branches.get(row.branch_id, 0) + row.customers
    customers = BookCustomers(rms, branches)
    made = repository.referrals_made(session, principal, day)
    return fission_book(_with_chains(session, made, day), members, customers)


def _with_chains(
    session: Session, made: list[repository.ReferralRow], day: dt.date
) -> list[ReferralRecord]:
    """The referrals made, with the converted ones further down their chains (each once)."""
    seen = set(made)
    starts = {row[0] for row in made}
    chains = repository.converted_chains(session, starts, day)
    return as_of([*made, *(row for row in chains if row not in seen)], day)


def _whole_branches(principal: Principal, book: FissionBook) -> dict[str, Fission]:
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
