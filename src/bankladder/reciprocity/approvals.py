"""Use cases of the favours that wait for a checker: a gift weighed against the bank's limits,
a checker's decision, the hand-over and the maker's cancellation, and the inbox of a checker.

Each move reads the favour through the caller's scope (out of scope: NotFound), refuses in
words what the workflow of ``gifts.py`` forbids, and changes the status only at the version the
user saw (``StaleVersion`` otherwise), with an audit event in the same transaction whose detail
names statuses, never an amount or a note. The caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Permission, Principal
from bankladder.audit import service as audit
from bankladder.config import Settings
from bankladder.errors import StaleVersion
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.ladder.policies import GiftLimits
from bankladder.privacy.masking import MASKED_AMOUNT, party_name
from bankladder.reciprocity import repository
from bankladder.reciprocity.gifts import (
    TO,
    Actor,
    Move,
    Refusal,
    RefusalReason,
    Waiting,
    gift_refusal,
    move_refusal,
    used_in_year,
)
from bankladder.reciprocity.schemas import BenefitMoved, MoveRefused, PendingGift
from bankladder.store.models import Benefit
from bankladder.store.vocabulary import BenefitKind

NOTE_MAX = 200
EVENT = {
    Move.APPROVE: "benefit.approve",
    Move.REFUSE: "benefit.refuse",
    Move.HANDOVER: "benefit.give",
    Move.CANCEL: "benefit.cancel",
}


def gift_limit_refusal(
    session: Session,
    limits: GiftLimits,
    party_id: str,
    worth: Decimal,
    day: dt.date,
    *,
    leaving_out: int | None = None,
) -> Refusal | None:
    """Whether a gift of ``worth`` on ``day`` fits the party's limits; the party's row is held
    until the transaction ends, so two requests are weighed one after the other."""
    repository.lock_party(session, party_id)
    year = repository.gifts_of_year(session, party_id, day.year)
    used = used_in_year(year, day.year, leaving_out=leaving_out)
    return gift_refusal(limits, worth, used, day.year)


def act(
    session: Session,
    settings: Settings,
    principal: Principal,
    benefit_id: int,
    version: int,
    action: str,
    now: dt.datetime,
    *,
    reason: str | None = None,
    note: str | None = None,
) -> BenefitMoved:
    """One move by name: ``approve`` or ``refuse`` (a checker), ``handover``, ``cancel``. What
    the user's role may not do is refused in words (``MoveRefused``), as a wrong status is."""
    move = _action(action)
    if move is Move.HANDOVER:
        return hand_over(session, settings, principal, benefit_id, version, now)
    if move is Move.CANCEL:
        return cancel(session, settings, principal, benefit_id, version, now)
    return decide(
        session, settings, principal, benefit_id, version, move.value, now, reason=reason, note=note
    )


def decide(
    session: Session,
    settings: Settings,
    principal: Principal,
    benefit_id: int,
    version: int,
    decision: str,
    now: dt.datetime,
    *,
    reason: str | None = None,
    note: str | None = None,
) -> BenefitMoved:
    """A checker approves or refuses a requested favour; a refusal names its reason."""
    move = _decision(decision)
    said = _note(note)
    detail: dict[str, Any] = {}
    if move is Move.REFUSE:
        detail["refusal"] = _refusal_reason(reason).value
    values = {"checker_id": principal.user_id, "decided_at": now}
    return _move(session, settings, principal, benefit_id, version, move, now, values, said, detail)


def hand_over(
    session: Session,
    settings: Settings,
    principal: Principal,
    benefit_id: int,
    version: int,
    now: dt.datetime,
) -> BenefitMoved:
    """An approved favour handed to the party today: a gift is weighed again against the limits
    of today's year (the limits may have changed, the year may have turned)."""
    values = {"given_on": now.date()}
    return _move(session, settings, principal, benefit_id, version, Move.HANDOVER, now, values)


def cancel(
    session: Session,
    settings: Settings,
    principal: Principal,
    benefit_id: int,
    version: int,
    now: dt.datetime,
) -> BenefitMoved:
    """The maker withdraws a favour not given yet."""
    return _move(session, settings, principal, benefit_id, version, Move.CANCEL, now, {})


def party_of(session: Session, principal: Principal, benefit_id: int) -> str:
    """The party of a favour in the principal's scope (NotFound otherwise)."""
    return repository.benefit(session, principal, benefit_id).party_id


def pending_for(session: Session, settings: Settings, principal: Principal) -> list[PendingGift]:
    """The favours in the principal's scope they may decide: requested, made by someone else,
    within their role's authority. Empty for a role that does not decide."""
    if not principal.may(Permission.APPROVALS_DECIDE):
        return []
    authority = bank_ladder(session, settings).authorities.of(principal.role.value)
    if authority is None:
        return []
    return [
        _pending(row)
        for row in repository.requested(session, principal)
        if row.Benefit.maker_id != principal.user_id
        and (row.Benefit.worth or Decimal(0)) <= authority.gift
    ]


def _pending(row: Row[Any]) -> PendingGift:
    gift = row.Benefit
    return PendingGift(
        id=gift.id,
        party_id=gift.party_id,
        party_name=party_name(row.party_name, row.party_kind.value),
        kind=gift.kind.value,
        given_on=gift.given_on,
        worth=MASKED_AMOUNT,
        rm_id=gift.rm_id,
        maker_id=gift.maker_id,
        version=gift.version,
    )


def _move(
    session: Session,
    settings: Settings,
    principal: Principal,
    benefit_id: int,
    version: int,
    move: Move,
    now: dt.datetime,
    values: dict[str, Any],
    note: str | None = None,
    detail: dict[str, Any] | None = None,
) -> BenefitMoved:
    gift = repository.benefit(session, principal, benefit_id)
    if gift.version != version:
        raise StaleVersion(f"favour {benefit_id} changed since you saw it: reload it")
    refused = _refusal(session, settings, principal, gift, move, now.date())
    if refused is not None:
        raise MoveRefused(refused.code, refused.reason)
    before, party_id, kind = gift.status, gift.party_id, gift.kind
    status = TO[move]
    raised = repository.move_benefit(session, benefit_id, version, status=status, **values)
    if raised is None:
        raise StaleVersion(f"favour {benefit_id} changed since you saw it: reload it")
    shown = {"party_id": party_id, "kind": kind.value, "from": before.value, "to": status.value}
    shown |= detail or {}
    audit.record(
        session, principal, EVENT[move], "benefit", str(benefit_id), now, reason=note, detail=shown
    )
    return BenefitMoved(benefit_id, party_id, status.value, raised)


def _refusal(
    session: Session,
    settings: Settings,
    principal: Principal,
    gift: Benefit,
    move: Move,
    day: dt.date,
) -> Refusal | None:
    """What the workflow refuses, then, for a gift handed over, the limits of ``day``'s year."""
    ladder = bank_ladder(session, settings)
    refused = move_refusal(move, _waiting(gift), _actor(principal), ladder.authorities)
    if refused is not None or move is not Move.HANDOVER or gift.kind is not BenefitKind.GIFT:
        return refused
    worth = gift.worth or Decimal(0)
    return gift_limit_refusal(session, ladder.gifts, gift.party_id, worth, day, leaving_out=gift.id)


def _waiting(gift: Benefit) -> Waiting:
    return Waiting(gift.status, gift.kind, gift.worth, gift.maker_id)


def _actor(principal: Principal) -> Actor:
    return Actor(
        principal.user_id,
        principal.role.value,
        may_decide=principal.may(Permission.APPROVALS_DECIDE),
        may_work=principal.may(Permission.PARTIES_WORK),
    )


def _action(action: str) -> Move:
    try:
        return Move(action.strip())
    except ValueError:
        choices = ", ".join(move.value for move in Move)
        said = Text(f"请选择操作：{choices}。", f"Choose the action: one of {choices}.")
        raise MoveRefused("action", said) from None


def _decision(decision: str) -> Move:
    chosen = decision.strip()
    if chosen not in (Move.APPROVE.value, Move.REFUSE.value):
        said = Text("请选择批准或拒绝。", "Choose approve or refuse.")
        raise MoveRefused("action", said)
    return Move(chosen)


def _refusal_reason(reason: str | None) -> RefusalReason:
    try:
        return RefusalReason((reason or "").strip())
    except ValueError:
        said = Text("拒绝时请选择理由。", "A refusal names its reason: choose one from the list.")
        raise MoveRefused("reason", said) from None


def _note(note: str | None) -> str | None:
    said = (note or "").strip() or None
    if said is not None and len(said) > NOTE_MAX:
        words = Text(
            f"意见最多{NOTE_MAX}个字。", f"The note is at most {NOTE_MAX} characters long."
        )
        raise MoveRefused("note", words)
    return said


def refusal_words(code: str | None) -> Text | None:
    """A checker's reason for a refusal, in words (None for a code not known)."""
    try:
        return REASON_WORDS[RefusalReason(code or "")]
    except ValueError:
        return None


REASON_WORDS = {
    RefusalReason.BUDGET: Text("超出营销费用预算", "beyond the marketing budget"),
    RefusalReason.PROPORTION: Text(
        "与客户贡献不相称", "out of proportion to the party's contribution"
    ),
    RefusalReason.COMPLIANCE: Text("不符合廉洁从业规定", "against the bank's conduct rules"),
    RefusalReason.OTHER: Text("其他原因", "another reason"),
}
