"""Use cases: one party's 360 view (masked by default), and unmasking it with a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import visible_party
from bankladder.audit import service as audit
from bankladder.config import Settings, today
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.evaluation.shown import MONEY, shown_reason
from bankladder.ladder.model import Ladder, Text
from bankladder.party360 import repository
from bankladder.party360.evidence import shown_criteria
from bankladder.party360.schemas import (
    MASK,
    ActionShown,
    CriterionShown,
    HoldingShown,
    Identity,
    InteractionShown,
    LinkShown,
    NeedShown,
    Party360,
    Rung,
    WalletShown,
)
from bankladder.privacy.masking import (
    mask_account,
    mask_id_number,
    mask_mobile,
    mask_person_name,
    party_name,
)
from bankladder.store.models import Party
from bankladder.store.vocabulary import PartyKind
from bankladder.worklist.chances import latest_chances

REASON_MIN, REASON_MAX = 5, 500
"""Length of the reason a user states to unmask (characters, spaces trimmed)."""
UNMASK_EVENT = "party.unmask"


def party_360(
    session: Session,
    settings: Settings,
    principal: Principal,
    party_id: str,
    *,
    unmasked: bool = False,
    on: dt.date | None = None,
) -> Party360:
    """The party's whole picture as of ``on`` (default: the bank's today), its personal values
    masked unless ``unmasked``; NotFound when the party is out of the principal's scope."""
    party = visible_party(session, principal, party_id)
    ladder = bank_ladder(session, settings)
    assessment = repository.latest_assessment(session, principal, party.id)
    rank = 0 if assessment is None else assessment.stage_rank
    rungs = tuple(Rung(s.id, s.rank, s.name, s.rank == rank) for s in ladder.stages)
    met, gap = (
        ((), ())
        if assessment is None
        else shown_criteria(ladder, assessment.evidence, rank, unmasked=unmasked)
    )
    holdings = _holdings(session, principal, party.id, unmasked)
    interactions = _interactions(session, principal, party.id, unmasked)
    return Party360(
        identity=_identity(session, party, unmasked),
        ladder=rungs,
        stage=rungs[rank - 1] if rank > 0 else None,
        next_stage=rungs[rank] if rank < len(rungs) else None,
        assessed_on=None if assessment is None else assessment.as_of,
        evidence=met,
        gap=gap,
        tactics=ladder.stages[max(rank, 1) - 1].tactics,
        holdings=holdings,
        needs=_needs(session, principal, party.id),
        interactions=interactions,
        relationships=_links(
            session, principal, repository.relationships(session, principal, party.id)
        ),
        referrals=_links(session, principal, repository.referrals(session, principal, party.id)),
        actions=_actions(session, principal, ladder, party.id, unmasked),
        unmasked=unmasked,
        masked_fields=_c2_fields(party, holdings, interactions, met + gap),
        wallet=_wallet(session, principal, party.id),
        chance=latest_chances(session, {party.id}, on or today(settings)).get(party.id),
    )


def _wallet(session: Session, principal: Principal, party_id: str) -> WalletShown | None:
    found = repository.newest_wallet(session, principal, party_id)
    if found is None:
        return None
    return WalletShown(found.share, found.peer_group, found.peers, found.as_of)


def unmask(
    session: Session,
    settings: Settings,
    principal: Principal,
    party_id: str,
    reason: str,
    now: dt.datetime,
) -> Party360:
    """The 360 view with the party's personal values in full, for this answer only; records
    who unmasked, why, and which fields were shown (never their values)."""
    stated = reason.strip()
    if not REASON_MIN <= len(stated) <= REASON_MAX:
        raise InvalidInput(
            f"the reason must be {REASON_MIN} to {REASON_MAX} characters long",
            where="reason",
            fix="say why you need to see this party's personal data",
        )
    view = party_360(session, settings, principal, party_id, unmasked=True, on=now.date())
    audit.record(
        session,
        principal,
        UNMASK_EVENT,
        "party",
        view.identity.id,
        now,
        reason=stated,
        detail={"fields": list(view.masked_fields)},
    )
    return view


def _identity(session: Session, party: Party, unmasked: bool) -> Identity:
    return Identity(
        id=party.id,
        kind=party.kind.value,
        name=party.name if unmasked else party_name(party.name, party.kind.value),
        id_number=party.id_number if unmasked else mask_id_number(party.id_number),
        mobile=party.mobile if unmasked else mask_mobile(party.mobile),
        segment=party.segment,
        industry_code=party.industry_code,
        region=party.region,
        prospect_group=party.prospect_group,
        rm_id=party.rm_id,
        rm_name=repository.rm_name(session, party.rm_id),
        first_contact_on=party.first_contact_on,
        customer_since=party.customer_since,
        kyc_expires_on=party.kyc_expires_on,
        version=party.version,
    )


def _holdings(
    session: Session, principal: Principal, party_id: str, unmasked: bool
) -> tuple[HoldingShown, ...]:
    shown = []
    for row in repository.holdings(session, principal, party_id):
        amount = None if row.amount is None else f"{row.amount:,.2f}"
        shown.append(
            HoldingShown(
                product_code=row.product_code,
                product=Text(
                    zh=row.name_zh or row.product_code, en=row.name_en or row.product_code
                ),
                family=row.family,
                account_no=row.account_no if unmasked else mask_account(row.account_no),
                opened_on=row.opened_on,
                closed_on=row.closed_on,
                balance=amount if unmasked or amount is None else MASK,
                balance_on=row.snapshot_on,
            )
        )
    return tuple(shown)


def _needs(session: Session, principal: Principal, party_id: str) -> tuple[NeedShown, ...]:
    return tuple(
        NeedShown(
            kind=need.kind,
            nature=need.nature.value,
            competitor_bank=need.competitor_bank,
            status=need.status.value,
            identified_on=need.identified_on,
            presented_on=need.presented_on,
        )
        for need in repository.needs(session, principal, party_id)
    )


def _interactions(
    session: Session, principal: Principal, party_id: str, unmasked: bool
) -> tuple[InteractionShown, ...]:
    return tuple(
        InteractionShown(
            occurred_at=contact.occurred_at,
            kind=contact.kind.value,
            outcome=contact.outcome,
            has_note=bool(contact.note),
            note=contact.note if unmasked else None,
            resolved_at=contact.resolved_at,
        )
        for contact in repository.interactions(session, principal, party_id)
    )


def _links(
    session: Session, principal: Principal, found: Sequence[Row[Any]]
) -> tuple[LinkShown, ...]:
    visible = repository.visible_ids(session, principal, {row.other_id for row in found})
    return tuple(
        LinkShown(
            party_id=row.other_id,
            name=_other_name(row.other_name, row.other_kind),
            kind=str(row.kind),
            outgoing=bool(row.outgoing),
            on=row.on,
            status=None if row.status is None else str(row.status),
            visible=row.other_id in visible,
        )
        for row in found
    )


def _other_name(name: str, kind: PartyKind) -> str:
    """Another party's name is always masked here, even in an unmasked view: unmasking is for
    the party of the page, not for everyone it knows."""
    return mask_person_name(name) if kind is PartyKind.PERSON else name


def _actions(
    session: Session, principal: Principal, ladder: Ladder, party_id: str, unmasked: bool
) -> tuple[ActionShown, ...]:
    return tuple(
        ActionShown(
            id=action.id,
            kind=action.kind,
            criterion_id=action.criterion_id,
            target_stage=action.target_stage,
            reason=shown_reason(
                ladder,
                action.target_stage,
                action.criterion_id,
                Text(zh=action.reason_zh, en=action.reason_en),
                unmasked=unmasked,
            ),
            due_on=action.due_on,
            status=action.status.value,
            priority=action.priority,
            version=action.version,
        )
        for action in repository.open_actions(session, principal, party_id)
    )


def _c2_fields(
    party: Party,
    holdings: tuple[HoldingShown, ...],
    interactions: tuple[InteractionShown, ...],
    criteria: tuple[CriterionShown, ...],
) -> tuple[str, ...]:
    """The personal (C2) fields this view holds: what an unmasking shows in full."""
    fields = []
    if party.kind is PartyKind.PERSON:
        fields.append("name")
    fields += [name for name in ("id_number", "mobile") if getattr(party, name)]
    if any(h.account_no for h in holdings):
        fields.append("holding.account_no")
    if any(h.balance is not None for h in holdings):
        fields.append("holding.balance")
    if any(i.has_note for i in interactions):
        fields.append("interaction.note")
    if any(fact.name in MONEY for c in criteria for fact in c.facts):
        fields.append("evidence.amounts")
    return tuple(fields)


def identity(session: Session, principal: Principal, party_id: str) -> Identity:
    """Who the party is, masked (for a form's heading); NotFound out of scope."""
    return _identity(session, visible_party(session, principal, party_id), unmasked=False)
