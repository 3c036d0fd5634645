"""Use cases: one party's reciprocity ledger (masked by default, unmasked with a stated
reason), and recording a favour the bank gave.

Recording a favour does not re-evaluate the party: the favour is the bank's side of the
ledger, and no rung's criteria read it today (``benefits_given_365d`` is a fact for a
playbook to use; the next evaluation picks it up). It adds a row and leaves the party itself,
and so its version, unchanged, as recording a need or a referral does. The caller owns the
transaction; services flush, never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.audit import service as audit
from bankladder.config import Settings
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import VipTiers
from bankladder.privacy.masking import MASKED_AMOUNT, mask_person_name, party_name
from bankladder.reciprocity import repository
from bankladder.reciprocity.approvals import gift_limit_refusal
from bankladder.reciprocity.checks import CheckedBenefit, checked_benefit
from bankladder.reciprocity.gifts import PENDING, first_status
from bankladder.reciprocity.ledger import (
    Brought,
    Favour,
    Window,
    contribution,
    favours_by_kind,
)
from bankladder.reciprocity.schemas import (
    BenefitRecorded,
    BenefitRefused,
    BenefitShown,
    BroughtShown,
    GiftLimitsShown,
    Given,
    KindShown,
    Ledger,
    NewBenefit,
    PartyShown,
    Problem,
)
from bankladder.reciprocity.statement import Sides, statement
from bankladder.store.models import Party
from bankladder.store.vocabulary import BenefitKind, BenefitStatus, PartyKind

WIN_WIN_RANK = 5
REASON_MIN, REASON_MAX = 5, 500
UNMASK_EVENT = "reciprocity.unmask"
RECORD_EVENT = "benefit.record"


def ledger(
    session: Session,
    settings: Settings,
    principal: Principal | None,
    party_id: str,
    as_of: dt.date,
    *,
    unmasked: bool = False,
) -> Ledger:
    """Both sides of the party's relationship over the twelve months up to ``as_of``, the VIP
    tier by the bank's playbook; NotFound when the party is out of the principal's scope."""
    party = repository.party(session, principal, party_id)
    bank = bank_ladder(session, settings)
    vip = bank.vip
    window = Window(as_of)
    rows = repository.benefits(session, principal, party.id, window)
    inflow, months = repository.settlements(session, principal, party.id, window)
    brought = _brought(session, principal, party.id, window, inflow)
    worth = contribution(brought.balance, brought.settlement_inflow)
    stage_id, rank = repository.standing(session, principal, party.id, as_of)
    given = _given(session, principal, rows, unmasked)
    shown = _brought_shown(brought, months, unmasked)
    return Ledger(
        party=_party(party, stage_id, rank, unmasked),
        as_of=as_of,
        starts_after=window.starts_after,
        given=given,
        brought=shown,
        contribution=money(worth, unmasked),
        vip_tier=_tier(party, worth, vip),
        win_win=rank >= WIN_WIN_RANK,
        statement=statement(_sides(given, shown)),
        unmasked=unmasked,
        masked_fields=_c2_fields(party, given),
        gift_limits=GiftLimitsShown(
            f"{bank.gifts.per_gift:,.2f}",
            f"{bank.gifts.per_party_year:,.2f}",
            f"{bank.gifts.without_approval:,.2f}",
        ),
    )


def unmask(
    session: Session,
    settings: Settings,
    principal: Principal | None,
    party_id: str,
    as_of: dt.date,
    reason: str,
    now: dt.datetime,
) -> Ledger:
    """The ledger with its amounts and notes in full, for this answer only; records who
    unmasked (None: the command line's operator), why and which fields (never their values)."""
    repository.party(session, principal, party_id)  # out of scope: NotFound before the reason
    stated = reason.strip()
    if not REASON_MIN <= len(stated) <= REASON_MAX:
        raise InvalidInput(
            f"the reason must be {REASON_MIN} to {REASON_MAX} characters long",
            where="reason",
            fix="say why you need to see this party's amounts",
        )
    view = ledger(session, settings, principal, party_id, as_of, unmasked=True)
    detail = {"fields": list(view.masked_fields), "as_of": as_of.isoformat()}
    audit.record(
        session, principal, UNMASK_EVENT, "party", view.party.id, now, reason=stated, detail=detail
    )
    return view


def record_benefit(
    session: Session,
    principal: Principal,
    party_id: str,
    new: NewBenefit,
    now: dt.datetime,
    *,
    settings: Settings,
) -> BenefitRecorded:
    """Record what the bank gave the party; an introduced party must be in scope too. A gift
    is weighed against the bank's limits (refused with the reason, nothing written); a gift or
    VIP service above what an RM gives alone is recorded as requested, for a checker."""
    party = repository.party(session, principal, party_id)
    checked, problems = checked_benefit(new, party.id, now.date())
    other = None if checked is None else checked.counterpart_id
    if other is not None and not repository.visible_ids(session, principal, [other]):
        problems.append(Problem("counterpart_id", "party", "no such party among yours"))
    if checked is None or problems:
        raise BenefitRefused(problems)
    status = _weighed(session, settings, party.id, checked)
    benefit = repository.add_benefit(
        session,
        party.id,
        principal.rm_id or party.rm_id,
        checked,
        status=status,
        maker_id=principal.user_id,
    )
    detail: dict[str, Any] = {
        "party_id": party.id,
        "kind": checked.kind.value,
        "given_on": checked.given_on.isoformat(),
        "valued": checked.worth is not None,  # whether, never how much (C2)
        "counterpart_id": checked.counterpart_id,
        "status": status.value,
    }
    audit.record(session, principal, RECORD_EVENT, "benefit", str(benefit.id), now, detail=detail)
    return BenefitRecorded(benefit.id, party.id, status.value)


def _weighed(
    session: Session, settings: Settings, party_id: str, checked: CheckedBenefit
) -> BenefitStatus:
    """The favour's first status; a gift over one of the bank's limits is refused in words."""
    limits = bank_ladder(session, settings).gifts
    if checked.kind is BenefitKind.GIFT and checked.worth is not None:
        over = gift_limit_refusal(session, limits, party_id, checked.worth, checked.given_on)
        if over is not None:
            raise BenefitRefused([Problem("worth", over.code, over.reason.en, over.reason)])
    return first_status(limits, checked.kind, checked.worth)


def money(amount: Decimal, unmasked: bool) -> str:
    return f"{amount:,.2f}" if unmasked else MASKED_AMOUNT


def _brought(
    session: Session,
    principal: Principal | None,
    party_id: str,
    window: Window,
    inflow: Decimal,
) -> Brought:
    made, converted = repository.referrals(session, principal, party_id, window)
    return Brought(
        balance=repository.balance_on(session, principal, party_id, window.as_of),
        balance_year_ago=repository.balance_on(session, principal, party_id, window.starts_after),
        settlement_inflow=inflow,
        referrals_made=made,
        referrals_converted=converted,
        products_held=repository.products_held(session, principal, party_id, window.as_of),
    )


def _brought_shown(brought: Brought, months: int, unmasked: bool) -> BroughtShown:
    change = brought.balance_change
    return BroughtShown(
        balance=money(brought.balance, unmasked),
        balance_year_ago=money(brought.balance_year_ago, unmasked),
        balance_change=(f"{change:+,.2f}" if unmasked else MASKED_AMOUNT),
        settlement_inflow=money(brought.settlement_inflow, unmasked),
        settlement_months=months,
        referrals_made=brought.referrals_made,
        referrals_converted=brought.referrals_converted,
        products_held=brought.products_held,
    )


def _given(
    session: Session, principal: Principal | None, rows: Sequence[Row[Any]], unmasked: bool
) -> Given:
    given = [row for row in rows if row.Benefit.status is BenefitStatus.GIVEN]
    pending = [row for row in rows if row.Benefit.status in PENDING]
    favours = [Favour(row.Benefit.kind, row.Benefit.given_on, row.Benefit.worth) for row in given]
    totals = favours_by_kind(favours)
    others = {row.Benefit.counterpart_id for row in rows if row.Benefit.counterpart_id}
    visible = repository.visible_ids(session, principal, others)
    return Given(
        count=len(favours),
        worth=money(sum((t.worth for t in totals), Decimal("0.00")), unmasked),
        by_kind=tuple(KindShown(t.kind.value, t.count, money(t.worth, unmasked)) for t in totals),
        benefits=tuple(_benefit(row, visible, unmasked) for row in given),
        pending=tuple(_benefit(row, visible, unmasked) for row in pending),
    )


def _benefit(row: Row[Any], visible: set[str], unmasked: bool) -> BenefitShown:
    benefit = row.Benefit
    other_name = None
    if row.other_name is not None:
        person = row.other_kind is PartyKind.PERSON
        other_name = mask_person_name(row.other_name) if person else row.other_name
    return BenefitShown(
        id=benefit.id,
        given_on=benefit.given_on,
        kind=benefit.kind.value,
        worth=None if benefit.worth is None else money(benefit.worth, unmasked),
        counterpart_id=benefit.counterpart_id,
        counterpart_name=other_name,
        counterpart_visible=benefit.counterpart_id in visible,
        rm_id=benefit.rm_id,
        has_note=bool(benefit.note),
        note=benefit.note if unmasked else None,
        status=benefit.status.value,
        version=benefit.version,
        maker_id=benefit.maker_id,
    )


def _party(party: Party, stage_id: str | None, rank: int, unmasked: bool) -> PartyShown:
    name = party.name if unmasked else party_name(party.name, party.kind.value)
    return PartyShown(party.id, party.kind.value, name, party.rm_id, stage_id, rank)


def _tier(party: Party, worth: Decimal, vip: VipTiers) -> int:
    return vip.tier(float(worth), enterprise=party.kind is PartyKind.ENTERPRISE)


def _sides(given: Given, brought: BroughtShown) -> Sides:
    return Sides(
        favours=given.count,
        favours_worth=given.worth,
        balance=brought.balance,
        balance_change=brought.balance_change,
        settlement_inflow=brought.settlement_inflow,
        referrals_made=brought.referrals_made,
        referrals_converted=brought.referrals_converted,
        products_held=brought.products_held,
    )


def _c2_fields(party: Party, given: Given) -> tuple[str, ...]:
    """The personal (C2) fields the ledger holds: what an unmasking shows in full."""
    fields = ["name"] if party.kind is PartyKind.PERSON else []
    fields += ["balance", "settlement_inflow", "contribution"]
    shown = given.benefits + given.pending
    if any(b.worth is not None for b in shown):
        fields.append("benefit.worth")
    if any(b.has_note for b in shown):
        fields.append("benefit.note")
    return tuple(fields)
