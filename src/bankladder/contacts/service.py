"""Use cases: log a contact with a party, then re-evaluate the party at once.

Logging and re-evaluating are two transactions. The contact (with its audit event) is written
in the caller's unit of work, which the caller commits; the party is then re-evaluated from
the store by ``evaluation.reevaluate_party``, the batch's compiled rules run in place on the
store, which records the assessment, the transition and the actions in a transaction of its
own. (The engine reads the store through its own connection, so it sees only committed rows:
on SQLite the caller's open write would even block it.) A failed re-evaluation leaves the
contact logged and the previous assessment in place; the next evaluation places the party.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import visible_party
from bankladder.audit import service as audit
from bankladder.config import Settings
from bankladder.contacts import repository
from bankladder.contacts.schemas import (
    DEFAULT_OUTCOME,
    NOTE_MAX,
    OUTCOMES,
    ContactLogged,
    NewContact,
    Standing,
)
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.evaluation.service import reevaluate_party
from bankladder.party360.schemas import Party360
from bankladder.party360.service import party_360
from bankladder.store.database import unit_of_work
from bankladder.store.vocabulary import InteractionKind

LOG_EVENT = "interaction.log"
PROBLEMS = {
    "kind": f"the kind of contact must be one of {', '.join(k.value for k in InteractionKind)}",
    "time": "the time of the contact is missing or not a date and time",
    "future": "the contact cannot have happened in the future",
    "outcome": f"the outcome must be one of {', '.join(OUTCOMES)}",
    "note": f"the note is longer than {NOTE_MAX} characters",
}
"""Each problem a contact can have, in words (the page shows them translated by code)."""


class ContactInvalid(InvalidInput):
    """A contact that cannot be logged; ``problems`` are codes of ``PROBLEMS``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "; ".join(PROBLEMS[p] for p in problems), fix="correct the fields named and send again"
        )


def read_contact(
    kind: str,
    occurred_at: dt.datetime | None,
    outcome: str | None,
    note: str | None,
    now: dt.datetime,
    zone: str,
) -> NewContact:
    """The contact a form or a request describes, or ``ContactInvalid`` with every problem;
    ``now`` and the stored time are on the bank's wall clock, in time zone ``zone``."""
    problems = []
    if kind not in {k.value for k in InteractionKind}:
        problems.append("kind")
    if occurred_at is None:
        problems.append("time")
    elif _on_bank_clock(occurred_at, zone) > now:
        problems.append("future")
    chosen = outcome or DEFAULT_OUTCOME
    if chosen not in OUTCOMES:
        problems.append("outcome")
    text = (note or "").strip() or None
    if text is not None and len(text) > NOTE_MAX:
        problems.append("note")
    if problems:
        raise ContactInvalid(problems)
    assert occurred_at is not None
    return NewContact(InteractionKind(kind), _on_bank_clock(occurred_at, zone), chosen, text)


def _on_bank_clock(moment: dt.datetime, zone: str) -> dt.datetime:
    """The store keeps naive times on the bank's wall clock (``bank_timezone``), as the bank's
    extracts do: a naive time is taken as such, an aware one is converted to the bank's zone."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def log_contact(
    session: Session, principal: Principal, party_id: str, contact: NewContact, now: dt.datetime
) -> tuple[int, Standing]:
    """Insert the contact for a party in scope (for its RM) with its audit event; the new
    interaction's id and where the party stood before. The caller commits."""
    party = visible_party(session, principal, party_id)
    interaction_id = repository.add_interaction(
        session, party, contact.kind.value, contact.occurred_at, contact.outcome, contact.note
    )
    audit.record(
        session,
        principal,
        LOG_EVENT,
        "party",
        party.id,
        now,
        detail={
            "interaction_id": interaction_id,
            "kind": contact.kind.value,
            "with_note": contact.note is not None,
        },
    )
    return interaction_id, _standing(session, principal, party.id)


def reevaluate(
    store: Engine,
    settings: Settings,
    principal: Principal,
    party_id: str,
    logged: tuple[int, Standing],
    today: dt.date,
) -> ContactLogged:
    """Re-evaluate the party as of today (or the store's newest evaluation date, if later,
    so the result is the party's latest assessment) once its contact is committed."""
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, settings)
        newest = repository.latest_assessment_date(session)
    as_of = max(today, newest) if newest is not None else today
    reevaluate_party(store, ladder, party_id, as_of, quiet_days=settings.dismissed_quiet_days)
    with unit_of_work(store) as session:
        after = _standing(session, principal, party_id)
    interaction_id, before = logged
    return ContactLogged(party_id, interaction_id, before, after, as_of)


def view(store: Engine, settings: Settings, principal: Principal, party_id: str) -> Party360:
    """The party's 360 view (masked) read afresh, after a re-evaluation."""
    with unit_of_work(store) as session:
        return party_360(session, settings, principal, party_id)


def _standing(session: Session, principal: Principal, party_id: str) -> Standing:
    found = repository.latest_standing(session, principal, party_id)
    return Standing(None, 0) if found is None else Standing(*found)
