"""Use cases: add a prospect met in the field (after a look for likely duplicates), edit a
prospect's details, record a need, a referral or a relationship, and search the user's parties.

The caller owns the transaction: these functions flush, never commit. Each change records an
audit event in the same transaction; events name fields, never personal values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import visible_party
from bankladder.audit.service import record
from bankladder.errors import InvalidInput, StaleVersion
from bankladder.parties.identifiers import is_credit_code, is_resident_id, normalise_mobile
from bankladder.parties.repository import parties_by_identifiers
from bankladder.parties.resolution import PartyRecord, Rule, decide, normalise_id_number
from bankladder.privacy.masking import mask_id_number, mask_mobile, party_name
from bankladder.prospects import repository
from bankladder.prospects.checks import checked_fields, checked_prospect, text
from bankladder.prospects.schemas import (
    EDITABLE,
    Candidate,
    FieldsRefused,
    Found,
    LikelyDuplicates,
    NewProspect,
    PartyView,
    Problem,
    SearchResults,
)
from bankladder.store.models import Interaction, Party
from bankladder.store.vocabulary import InteractionKind, UserRole

NEW_PARTY_PREFIX = "PN"
"""A party added in the workbench: PN, the day (YYYYMMDD), a 4-digit sequence of that day."""
ID_ATTEMPTS = 20
MATCHED_ON = {
    Rule.SAME_ID_NUMBER: "id_number",
    Rule.SAME_UNCHECKED_ID_NUMBER: "id_number",
    Rule.SAME_NAME_AND_MOBILE: "mobile",
    Rule.SHARED_MOBILE: "mobile",
}


def party_view(party: Party) -> PartyView:
    kind = party.kind.value
    return PartyView(
        id=party.id,
        kind=kind,
        name=party_name(party.name, kind),
        mobile=mask_mobile(party.mobile),
        id_number=mask_id_number(party.id_number),
        prospect_group=party.prospect_group,
        segment=party.segment,
        region=party.region,
        rm_id=party.rm_id,
        first_contact_on=party.first_contact_on,
        customer_since=party.customer_since,
        version=party.version,
    )


def open_party(session: Session, principal: Principal, party_id: str) -> PartyView:
    """The party, masked, if in scope (else NotFound, as for an unknown id)."""
    return party_view(visible_party(session, principal, party_id))


def rm_choices(session: Session, principal: Principal) -> list[tuple[str, str]]:
    """The RMs a manager may give a new prospect to (an RM's prospects are their own)."""
    if principal.role is UserRole.MANAGER and principal.branch_id is not None:
        return repository.branch_rms(session, principal.branch_id)
    return []


# ---- adding a prospect ------------------------------------------------------------------


def add_prospect(
    session: Session,
    principal: Principal,
    new: NewProspect,
    now: dt.datetime,
    *,
    confirm_new: bool = False,
) -> PartyView:
    """Check, look for likely duplicates (unless confirmed new), then save the prospect in the
    book of the RM (an RM's own; the RM a manager chose among their branch's)."""
    owner, owner_problem = _owner(session, principal, new.rm_id)
    checked, problems = checked_prospect(new, now.date())
    problems += [owner_problem] if owner_problem else []
    if problems:
        raise FieldsRefused(problems)
    assert owner is not None
    return create_party(session, principal, checked, owner, now, confirm_new, via="field")


def create_party(
    session: Session,
    principal: Principal,
    checked: NewProspect,
    owner: str,
    now: dt.datetime,
    confirm_new: bool,
    *,
    via: str,
) -> PartyView:
    """Save a checked prospect: a new party id, first contact today, the note as a visit."""
    if not confirm_new:
        candidates = likely_duplicates(session, principal, checked)
        if candidates:
            raise LikelyDuplicates(candidates)
    values: dict[str, Any] = {
        "kind": checked.kind,
        "name": checked.name,
        "mobile": checked.mobile,
        "id_number": checked.id_number,
        "prospect_group": checked.prospect_group,
        "rm_id": owner,
        "first_contact_on": now.date(),
        "customer_since": None,
        "created_at": now,
    }
    party_id = _insert_with_new_id(session, values, now.date())
    if checked.note:
        session.add(
            Interaction(
                party_id=party_id,
                rm_id=owner,
                kind=InteractionKind.VISIT,
                occurred_at=now,
                note=checked.note,
            )
        )
    given = sorted(name for name, value in values.items() if value is not None)
    detail: dict[str, Any] = {"kind": checked.kind.value, "rm_id": owner, "via": via}
    detail |= {"fields": given, "confirmed_new": confirm_new, "note": checked.note is not None}
    record(session, principal, "party.create", "party", party_id, now, detail=detail)
    session.flush()
    return open_party(session, principal, party_id)


def _owner(
    session: Session, principal: Principal, chosen: str | None
) -> tuple[str | None, Problem | None]:
    chosen = text(chosen)
    if principal.role is UserRole.RM and principal.rm_id is not None:
        if chosen in (None, principal.rm_id):
            return principal.rm_id, None
        return None, Problem("rm_id", "own_book", "an RM adds prospects to their own book")
    if chosen in {rm_id for rm_id, _ in rm_choices(session, principal)}:
        return chosen, None
    return None, Problem("rm_id", "rm", "choose an RM of your branch")


def _insert_with_new_id(session: Session, values: dict[str, Any], today: dt.date) -> str:
    prefix = f"{NEW_PARTY_PREFIX}{today:%Y%m%d}"
    for _ in range(ID_ATTEMPTS):
        taken = repository.ids_starting_with(session, prefix)
        numbers = [int(i[len(prefix) :]) for i in taken if i[len(prefix) :].isdigit()]
        party_id = f"{prefix}{max(numbers, default=0) + 1:04d}"
        if repository.insert_party_unless_taken(session, {**values, "id": party_id}):
            return party_id
    raise InvalidInput("too many prospects are being added at once", fix="send it again")


def likely_duplicates(
    session: Session, principal: Principal, prospect: NewProspect
) -> list[Candidate]:
    """Parties of the whole bank that are or may be this prospect (same mobile or same ID
    number, under the resolution rules). Those out of scope say only what matched."""
    new = PartyRecord("", prospect.kind.value, prospect.name, prospect.id_number, prospect.mobile)
    numbers = [prospect.id_number] if prospect.id_number else []
    mobiles = [prospect.mobile] if prospect.mobile else []
    matches = []
    for stored in parties_by_identifiers(session, numbers, mobiles):
        match = decide(new, stored)
        if match is not None and match.rule in MATCHED_ON:
            matches.append((match, stored))
    visible = repository.visible_ids(session, principal, (s.id for _, s in matches))
    mine = [_candidate(m.rule, m.verdict.value, s) for m, s in matches if s.id in visible]
    theirs = sorted({MATCHED_ON[m.rule] for m, s in matches if s.id not in visible})
    return sorted(mine, key=lambda c: c.party_id or "") + [Candidate(on) for on in theirs]


def _candidate(rule: Rule, verdict: str, stored: PartyRecord) -> Candidate:
    return Candidate(
        matched_on=MATCHED_ON[rule],
        party_id=stored.id,
        verdict=verdict,
        kind=stored.kind,
        name=party_name(stored.name, stored.kind),
        mobile=mask_mobile(stored.mobile),
        id_number=mask_id_number(stored.id_number),
    )


# ---- editing a prospect -----------------------------------------------------------------


def edit_prospect(
    session: Session,
    principal: Principal,
    party_id: str,
    version: int,
    changes: Mapping[str, str | None],
    now: dt.datetime,
) -> PartyView:
    """Change the editable fields of a prospect, based on ``version`` (else StaleVersion)."""
    party = visible_party(session, principal, party_id)
    if party.customer_since is not None:
        raise InvalidInput(
            f"party {party_id} is a customer: its details come from the core banking extract",
            fix="correct them in the core banking system; the next import brings them here",
        )
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InvalidInput(f"these fields cannot be changed here: {', '.join(unknown)}")
    cleaned, problems = checked_fields(changes, party.kind, now.date())
    if problems:
        raise FieldsRefused(problems)
    changed = {name: value for name, value in cleaned.items() if getattr(party, name) != value}
    if not changed:
        if party.version != version:
            raise StaleVersion(f"party {party_id} changed since version {version}")
        return party_view(party)
    if not repository.update_party(session, principal, party_id, version, changed):
        raise StaleVersion(f"party {party_id} changed since version {version}")
    detail = {"fields": sorted(changed)}
    record(session, principal, "party.update", "party", party_id, now, detail=detail)
    session.flush()
    session.refresh(party)
    return party_view(party)


# ---- search -----------------------------------------------------------------------------


def search_parties(session: Session, principal: Principal, query: str | None) -> SearchResults:
    """The user's parties by mobile (exact, normalised), ID number (exact) or name (part of
    it) or party number (exact); at most ``SEARCH_LIMIT``, masked."""
    words = text(query)
    if words is None:
        return SearchResults()
    mobile = normalise_mobile(words)
    number = normalise_id_number(words)
    if mobile is not None:
        by, condition = "mobile", repository.by_values(Party.mobile, {words, mobile})
    elif number is not None and (is_resident_id(number) or is_credit_code(number)):
        by, condition = "id_number", repository.by_values(Party.id_number, {words, number})
    else:
        by = "name"
        condition = repository.by_name(words) | (Party.id == words)
    found = repository.search(session, principal, condition)
    limit = repository.SEARCH_LIMIT
    return SearchResults([_found(p) for p in found[:limit]], len(found) > limit, by)


def _found(party: Party) -> Found:
    kind = party.kind.value
    return Found(
        party_id=party.id,
        kind=kind,
        name=party_name(party.name, kind),
        mobile=mask_mobile(party.mobile),
        prospect_group=party.prospect_group,
        prospect=party.customer_since is None,
    )
