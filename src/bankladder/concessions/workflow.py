"""The price concession (议价) workflow, pure: the size of a concession, the lowest role whose
authority covers it, and the moves a request may make.

Sizes: a loan's rate lowered or a deposit's rate raised is measured in basis points (rates are
percent a year: 4.35 -> 4.05 is 30 bp); a fee lowered in percent of the standard fee. A
request goes to the lowest role in ``Authorities.levels`` whose authority covers its size;
one beyond every role is refused when it is asked for.

Moves: requested -> approved | rejected (by a checker, never the maker; approval only within
the authority of the checker's role), requested -> withdrawn (by the maker only). The other
states are final. Every move appends one decision to the history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from bankladder.ladder.model import Text
from bankladder.ladder.policies import Authorities, Authority
from bankladder.store.vocabulary import (
    ConcessionDecisionKind,
    ConcessionKind,
    ConcessionStatus,
)

HUNDRED = Decimal(100)
RATE_MAX = Decimal(36)  # percent a year: beyond it, a typo (and beyond the legal ceiling)
FEE_MAX = Decimal("1000000000")  # CNY: beyond it, a typo
PLACES = 4  # the store keeps rates and fees to 4 decimals
MOVES = (
    ConcessionDecisionKind.APPROVE,
    ConcessionDecisionKind.REJECT,
    ConcessionDecisionKind.WITHDRAW,
)
STATUS_AFTER = {
    ConcessionDecisionKind.APPROVE: ConcessionStatus.APPROVED,
    ConcessionDecisionKind.REJECT: ConcessionStatus.REJECTED,
    ConcessionDecisionKind.WITHDRAW: ConcessionStatus.WITHDRAWN,
}


class Unit(StrEnum):
    BP = "bp"  # basis points of a rate
    PCT = "pct"  # percent of the standard fee


@dataclass(frozen=True)
class Size:
    """How far a concession departs from the standard price (> 0 for a concession)."""

    amount: Decimal
    unit: Unit

    @property
    def shown(self) -> str:
        return f"{_plain(self.amount)} bp" if self.unit is Unit.BP else f"{_plain(self.amount)}%"


@dataclass(frozen=True)
class Problem:
    """Why one field was refused: a ``code`` for programs, the reason in both languages."""

    field: str
    code: str
    said: Text


@dataclass(frozen=True)
class Actor:
    """Who tries a move: their user id, role, and whether the role decides as a checker."""

    user_id: int
    role: str
    checker: bool


@dataclass(frozen=True)
class Decision:
    """One entry of the history: the move, who took it in which role, when, and a note."""

    kind: ConcessionDecisionKind
    user_id: int
    role: str
    at: dt.datetime
    note: str | None = None


@dataclass(frozen=True)
class Concession:
    """A concession as the workflow sees it: who made it, its size, where it stands."""

    maker_id: int
    size: Size
    status: ConcessionStatus
    history: tuple[Decision, ...]


class MoveRefused(Exception):
    """A move the actor may not take on the concession as it stands, with the reason."""

    def __init__(self, code: str, said: Text) -> None:
        super().__init__(said.en)
        self.code = code
        self.said = said


def _plain(amount: Decimal) -> str:
    rounded = amount.quantize(Decimal("0.01"))
    return f"{rounded.normalize():f}" if rounded == rounded.to_integral() else f"{rounded:f}"


def size_of(kind: ConcessionKind, standard: Decimal, requested: Decimal) -> Size:
    """The size: basis points for a rate (lower loan rate, higher deposit rate), percent of
    the standard fee for a fee. Zero or less is no concession."""
    if kind is ConcessionKind.LOAN_RATE:
        return Size((standard - requested) * HUNDRED, Unit.BP)
    if kind is ConcessionKind.DEPOSIT_RATE:
        return Size((requested - standard) * HUNDRED, Unit.BP)
    if standard <= 0:
        return Size(Decimal(0), Unit.PCT)
    return Size((standard - requested) / standard * HUNDRED, Unit.PCT)


def covers(authority: Authority | None, size: Size) -> bool:
    """Whether a role's authority reaches this size (a role without authority decides none)."""
    if authority is None:
        return False
    limit = authority.rate_bp if size.unit is Unit.BP else authority.fee_pct
    return size.amount <= limit


def required_role(size: Size, authorities: Authorities) -> str | None:
    """The lowest role whose authority covers the size; None when none does."""
    return next((r for r in authorities.levels if covers(authorities.of(r), size)), None)


def check_terms(
    kind: ConcessionKind, standard: Decimal, requested: Decimal, authorities: Authorities
) -> list[Problem]:
    """Why these terms cannot be requested (empty when they can)."""
    problems = [
        p for p in (_value("standard", kind, standard), _value("requested", kind, requested)) if p
    ]
    if problems:
        return problems
    if kind is ConcessionKind.FEE and standard == 0:
        return [Problem("standard", "no_fee", NO_FEE)]
    size = size_of(kind, standard, requested)
    if size.amount <= 0:
        return [Problem("requested", "not_a_concession", NOT_A_CONCESSION[kind])]
    if required_role(size, authorities) is None:
        return [Problem("requested", "beyond_authority", BEYOND_EVERY_ROLE)]
    return []


def _value(field: str, kind: ConcessionKind, value: Decimal) -> Problem | None:
    if not value.is_finite() or value < 0:
        return Problem(field, "negative", NEGATIVE)
    if -value.as_tuple().exponent > PLACES:  # type: ignore[operator]
        return Problem(field, "places", TOO_PRECISE)
    if kind is ConcessionKind.FEE:
        return Problem(field, "absurd", FEE_ABSURD) if value > FEE_MAX else None
    return Problem(field, "absurd", RATE_ABSURD) if value > RATE_MAX else None


def request(maker: Actor, size: Size, at: dt.datetime, note: str | None = None) -> Concession:
    """A new request; its history starts with the maker's request."""
    first = Decision(ConcessionDecisionKind.REQUEST, maker.user_id, maker.role, at, note)
    return Concession(maker.user_id, size, ConcessionStatus.REQUESTED, (first,))


def refusal(
    concession: Concession, actor: Actor, move: ConcessionDecisionKind, authorities: Authorities
) -> MoveRefused | None:
    """Why ``actor`` may not take ``move`` now; None when they may."""
    if move not in MOVES:
        return MoveRefused("move", NOT_A_MOVE)
    if concession.status is not ConcessionStatus.REQUESTED:
        return MoveRefused("final", FINAL)
    if move is ConcessionDecisionKind.WITHDRAW:
        return None if actor.user_id == concession.maker_id else MoveRefused("not_maker", NOT_MAKER)
    if not actor.checker:
        return MoveRefused("not_checker", NOT_CHECKER)
    if actor.user_id == concession.maker_id:
        return MoveRefused("maker", MAKER)
    if move is ConcessionDecisionKind.APPROVE and not covers(
        authorities.of(actor.role), concession.size
    ):
        return MoveRefused("authority", BEYOND_ROLE)
    return None


def allowed(
    concession: Concession, actor: Actor, authorities: Authorities
) -> tuple[ConcessionDecisionKind, ...]:
    """The moves ``actor`` may take now, in the order a page offers them."""
    return tuple(m for m in MOVES if refusal(concession, actor, m, authorities) is None)


def decide(
    concession: Concession,
    actor: Actor,
    move: ConcessionDecisionKind,
    authorities: Authorities,
    at: dt.datetime,
    note: str | None = None,
) -> Concession:
    """The concession after ``move``, with the decision appended; MoveRefused otherwise."""
    refused = refusal(concession, actor, move, authorities)
    if refused is not None:
        raise refused
    entry = Decision(move, actor.user_id, actor.role, at, note)
    return replace(concession, status=STATUS_AFTER[move], history=(*concession.history, entry))


NEGATIVE = Text(
    "不能为负数，请填写年利率（%）或费用金额。",
    "cannot be negative: give the rate (percent a year) or the fee",
)
TOO_PRECISE = Text("最多保留4位小数。", "at most 4 decimal places")
RATE_ABSURD = Text(
    "利率须在0%至36%之间（年利率，百分数）。", "a rate lies between 0 and 36 percent a year"
)
FEE_ABSURD = Text("费用金额不合理，请核对。", "this fee is beyond any real one: check it")
NO_FEE = Text("标准费用为0，无可减免。", "a standard fee of 0 leaves nothing to waive")
NOT_A_CONCESSION = {
    ConcessionKind.LOAN_RATE: Text(
        "申请的贷款利率须低于标准利率，否则不是优惠。",
        "not a concession: the requested loan rate must be below the standard one",
    ),
    ConcessionKind.DEPOSIT_RATE: Text(
        "申请的存款利率须高于标准利率，否则不是优惠。",
        "not a concession: the requested deposit rate must be above the standard one",
    ),
    ConcessionKind.FEE: Text(
        "申请的费用须低于标准费用，否则不是优惠。",
        "not a concession: the requested fee must be below the standard one",
    ),
}
BEYOND_EVERY_ROLE = Text(
    "超出总行审批权限：请提交定价委员会审议。",
    "beyond the head office's authority: take it to the pricing committee",
)
NOT_A_MOVE = Text("只能批准、拒绝或撤回。", "a request is approved, rejected or withdrawn")
FINAL = Text(
    "该申请已有结论，不能再更改。", "this request was already decided: a decision is final"
)
NOT_MAKER = Text("只有申请人本人可以撤回。", "only its maker withdraws a request")
NOT_CHECKER = Text(
    "只有审批人（支行行长或总行审批人）可以审批。",
    "only a checker (a branch manager or a head-office approver) decides a request",
)
MAKER = Text("申请人不能审批自己的申请。", "the maker of a request never decides it")
BEYOND_ROLE = Text(
    "超出您的审批权限，请由更高一级审批。",
    "beyond your role's authority: a higher level decides it",
)
