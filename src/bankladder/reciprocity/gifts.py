"""Gifts and the favours that need a checker, pure: the limits of the bank's ``gifts:`` rules
and the workflow of a favour that waits for approval.

A gift states its worth. It is refused when it is worth more than ``per_gift``, or when the
party's gifts of the same calendar year (given, approved and requested ones) and this one
together pass ``per_party_year``; each refusal says, in both languages, the limit, what is used
and what is left. A gift, or a VIP service with a worth, above ``without_approval`` is
``requested`` and waits for a checker; any other favour is ``given`` at once.

The workflow: requested -> approved | refused (a checker: not the maker, and for an approval
the role's ``gift`` authority covers the worth); approved -> given (the maker or the party's
RM side hands it over; the limits are checked again then); requested | approved -> cancelled
(the maker). Given, refused and cancelled are final.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bankladder.ladder.model import Text
from bankladder.ladder.policies import Authorities, GiftLimits
from bankladder.store.vocabulary import BenefitKind, BenefitStatus

ZERO = Decimal("0.00")
LIVE = frozenset({BenefitStatus.REQUESTED, BenefitStatus.APPROVED, BenefitStatus.GIVEN})
"""The statuses that use up a party's yearly gift limit."""
PENDING = frozenset({BenefitStatus.REQUESTED, BenefitStatus.APPROVED})
FINAL = frozenset({BenefitStatus.GIVEN, BenefitStatus.REFUSED, BenefitStatus.CANCELLED})
CHECKED_KINDS = frozenset({BenefitKind.GIFT, BenefitKind.VIP_SERVICE})


class Move(StrEnum):
    """What a user does to a favour that waits."""

    APPROVE = "approve"
    REFUSE = "refuse"
    HANDOVER = "handover"
    CANCEL = "cancel"


class RefusalReason(StrEnum):
    """Why a checker refuses a favour (said in words by ``approvals.REASON_WORDS``)."""

    BUDGET = "budget"
    PROPORTION = "proportion"
    COMPLIANCE = "compliance"
    OTHER = "other"


FROM: dict[Move, frozenset[BenefitStatus]] = {
    Move.APPROVE: frozenset({BenefitStatus.REQUESTED}),
    Move.REFUSE: frozenset({BenefitStatus.REQUESTED}),
    Move.HANDOVER: frozenset({BenefitStatus.APPROVED}),
    Move.CANCEL: PENDING,
}
TO: dict[Move, BenefitStatus] = {
    Move.APPROVE: BenefitStatus.APPROVED,
    Move.REFUSE: BenefitStatus.REFUSED,
    Move.HANDOVER: BenefitStatus.GIVEN,
    Move.CANCEL: BenefitStatus.CANCELLED,
}


@dataclass(frozen=True)
class Refusal:
    """Why a gift or a move is refused: a code for programs and the reason in words."""

    code: str
    reason: Text


@dataclass(frozen=True)
class Counted:
    """One favour as the yearly limit counts it."""

    id: int
    kind: BenefitKind
    status: BenefitStatus
    given_on: dt.date
    worth: Decimal | None


@dataclass(frozen=True)
class Actor:
    """Who moves a favour: the user, their role's value and what the role may do."""

    user_id: int
    role: str
    may_decide: bool  # Permission.APPROVALS_DECIDE
    may_work: bool  # Permission.PARTIES_WORK (the party in their scope: the RM side)


@dataclass(frozen=True)
class Waiting:
    """A favour that waits: its status, kind, worth and maker."""

    status: BenefitStatus
    kind: BenefitKind
    worth: Decimal | None
    maker_id: int | None


def used_in_year(
    favours: Iterable[Counted], year: int, *, leaving_out: int | None = None
) -> Decimal:
    """The worth of the gifts of ``year`` that use up the limit (all but one, if named)."""
    return sum(
        (
            f.worth or ZERO
            for f in favours
            if f.kind is BenefitKind.GIFT
            and f.status in LIVE
            and f.given_on.year == year
            and f.id != leaving_out
        ),
        ZERO,
    )


def gift_refusal(limits: GiftLimits, worth: Decimal, used: Decimal, year: int) -> Refusal | None:
    """None when a gift of ``worth`` fits both limits with ``used`` already counted in ``year``."""
    if worth > limits.per_gift:
        return Refusal("per_gift", _per_gift(worth, limits.per_gift))
    if used + worth > limits.per_party_year:
        return Refusal("per_party_year", _per_year(worth, used, limits.per_party_year, year))
    return None


def needs_checker(limits: GiftLimits, kind: BenefitKind, worth: Decimal | None) -> bool:
    return kind in CHECKED_KINDS and worth is not None and worth > limits.without_approval


def first_status(limits: GiftLimits, kind: BenefitKind, worth: Decimal | None) -> BenefitStatus:
    return BenefitStatus.REQUESTED if needs_checker(limits, kind, worth) else BenefitStatus.GIVEN


def move_refusal(
    move: Move, favour: Waiting, actor: Actor, authorities: Authorities
) -> Refusal | None:
    """None when ``actor`` may make ``move`` on ``favour``; the reason in words otherwise
    (the yearly limit of a hand-over is checked apart, with the year's figures)."""
    if favour.status not in FROM[move]:
        return Refusal("status", _status(move, favour.status))
    if move in (Move.APPROVE, Move.REFUSE):
        return _checker_refusal(move, favour, actor, authorities)
    if move is Move.CANCEL and actor.user_id != favour.maker_id:
        return Refusal("not_maker", Text("只有申请人可以撤销。", "Only its maker may cancel it."))
    if move is Move.HANDOVER and not (actor.user_id == favour.maker_id or actor.may_work):
        return Refusal(
            "not_rm_side",
            Text(
                "只有申请人或客户经理一方可以交付。",
                "Only its maker or the party's RM side hand it over.",
            ),
        )
    return None


def _checker_refusal(
    move: Move, favour: Waiting, actor: Actor, authorities: Authorities
) -> Refusal | None:
    if not actor.may_decide:
        return Refusal("not_checker", Text("您无审批权限。", "Your role does not decide."))
    if actor.user_id == favour.maker_id:
        return Refusal(
            "maker", Text("申请人不能审批自己的申请。", "The maker of a request never decides it.")
        )
    authority = authorities.of(actor.role)
    worth = favour.worth or ZERO
    if move is Move.APPROVE and (authority is None or worth > authority.gift):
        cap = ZERO if authority is None else authority.gift
        return Refusal("authority", _authority(worth, cap))
    return None


def _per_gift(worth: Decimal, limit: Decimal) -> Text:
    return Text(
        zh=f"礼品价值人民币{worth:,.2f}元，超过单件礼品上限{limit:,.2f}元。",
        en=f"The gift is worth CNY {worth:,.2f}, more than the limit of CNY {limit:,.2f} a gift.",
    )


def _per_year(worth: Decimal, used: Decimal, limit: Decimal, year: int) -> Text:
    left = max(limit - used, ZERO)
    return Text(
        zh=(
            f"该客户{year}年的礼品（含待审批）已用人民币{used:,.2f}元，年度上限{limit:,.2f}元，"
            f"尚余{left:,.2f}元；本次{worth:,.2f}元超出年度上限。"
        ),
        en=(
            f"The party's gifts of {year} (waiting ones included) use CNY {used:,.2f} of the "
            f"yearly limit of CNY {limit:,.2f}; CNY {left:,.2f} is left, and this gift of "
            f"CNY {worth:,.2f} would go over it."
        ),
    )


def _authority(worth: Decimal, cap: Decimal) -> Text:
    return Text(
        zh=f"价值人民币{worth:,.2f}元，超出您所在角色的审批权限（{cap:,.2f}元），请提交上级审批。",
        en=(
            f"Worth CNY {worth:,.2f}: beyond your role's authority of CNY {cap:,.2f}; "
            "a higher level decides it."
        ),
    )


STATUS_WORDS = {
    BenefitStatus.REQUESTED: Text("待审批", "waiting for a checker"),
    BenefitStatus.APPROVED: Text("已批准", "approved"),
    BenefitStatus.GIVEN: Text("已交付", "given"),
    BenefitStatus.REFUSED: Text("已拒绝", "refused"),
    BenefitStatus.CANCELLED: Text("已撤销", "cancelled"),
}


def _status(move: Move, status: BenefitStatus) -> Text:
    said = STATUS_WORDS[status]
    return Text(
        zh=f"该权益当前状态为“{said.zh}”，不能执行此操作。",
        en=f"This favour is {said.en}: it cannot be {TO[move].value} now.",
    )
