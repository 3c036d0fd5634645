"""The gift workflow under random makers, checkers, roles, worths, days and moves: only legal
moves succeed, the maker never decides, an approval stays within the role's authority, a final
state stays final, and whatever the sequence, no year's live gifts pass the party's limit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from bankladder.ladder.policies import Authorities, Authority, GiftLimits
from bankladder.reciprocity.gifts import (
    FINAL,
    TO,
    Actor,
    Counted,
    Move,
    Waiting,
    first_status,
    gift_refusal,
    move_refusal,
    used_in_year,
)
from bankladder.store.vocabulary import BenefitKind, BenefitStatus

pytestmark = pytest.mark.unit
LIMITS = GiftLimits()  # 300 a gift, 1000 a party and year, 100 without a checker
GIFT_AUTHORITY = {"manager": Decimal(150), "approver": Decimal(300)}
AUTHORITIES = Authorities(
    {
        role: Authority(Decimal(0), Decimal(0), Decimal(0), cap)
        for role, cap in GIFT_AUTHORITY.items()
    }
)
DECIDES = {"manager", "approver"}
WORKS = {"rm", "manager"}
DAYS = [dt.date(2025, 12, 30), dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 1, 2)]
actors = st.builds(
    lambda user, role: Actor(user, role, may_decide=role in DECIDES, may_work=role in WORKS),
    st.integers(1, 3),
    st.sampled_from(["rm", "manager", "approver", "auditor"]),
)
worths = st.one_of(  # the boundaries often, so the yearly limit is reached in a few steps
    st.sampled_from([Decimal("100.00"), Decimal("100.01"), Decimal("300.00"), Decimal("300.01")]),
    st.decimals(Decimal(1), Decimal(400), places=2),
)


@dataclass(frozen=True)
class Gift:
    id: int
    status: BenefitStatus
    given_on: dt.date
    worth: Decimal
    maker_id: int

    def counted(self) -> Counted:
        return Counted(self.id, BenefitKind.GIFT, self.status, self.given_on, self.worth)


def legal(gift: Gift, actor: Actor, move: Move) -> bool:
    """The workflow, restated apart from the code under test (limits left to the caller)."""
    if move in (Move.APPROVE, Move.REFUSE):
        covered = gift.worth <= GIFT_AUTHORITY.get(actor.role, Decimal(-1))
        return (
            gift.status is BenefitStatus.REQUESTED
            and actor.role in DECIDES
            and actor.user_id != gift.maker_id
            and (move is Move.REFUSE or covered)
        )
    if move is Move.CANCEL:
        pending = (BenefitStatus.REQUESTED, BenefitStatus.APPROVED)
        return gift.status in pending and actor.user_id == gift.maker_id
    return gift.status is BenefitStatus.APPROVED and (
        actor.user_id == gift.maker_id or actor.role in WORKS
    )


class GiftBook(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.gifts: dict[int, Gift] = {}
        self.finals: dict[int, BenefitStatus] = {}

    def used(self, year: int, leaving_out: int | None = None) -> Decimal:
        counted = [g.counted() for g in self.gifts.values()]
        return used_in_year(counted, year, leaving_out=leaving_out)

    @rule(maker=actors, worth=worths, day=st.sampled_from(DAYS))
    def request(self, maker: Actor, worth: Decimal, day: dt.date) -> None:
        used = self.used(day.year)
        refused = gift_refusal(LIMITS, worth, used, day.year)
        fits = worth <= Decimal(300) and used + worth <= Decimal(1000)
        assert (refused is None) == fits
        if refused is not None:
            assert str(day.year) in refused.reason.en or refused.code == "per_gift"
            return
        status = first_status(LIMITS, BenefitKind.GIFT, worth)
        expected = BenefitStatus.REQUESTED if worth > 100 else BenefitStatus.GIVEN
        assert status is expected
        new_id = len(self.gifts) + 1
        self.gifts[new_id] = Gift(new_id, status, day, worth, maker.user_id)
        if status in FINAL:
            self.finals[new_id] = status

    @rule(
        data=st.data(), actor=actors, move=st.sampled_from(list(Move)), today=st.sampled_from(DAYS)
    )
    def move(self, data: st.DataObject, actor: Actor, move: Move, today: dt.date) -> None:
        if not self.gifts:
            return
        gift = self.gifts[data.draw(st.sampled_from(sorted(self.gifts)))]
        waiting = Waiting(gift.status, BenefitKind.GIFT, gift.worth, gift.maker_id)
        refused = move_refusal(move, waiting, actor, AUTHORITIES)
        assert (refused is None) == legal(gift, actor, move), (gift, actor, move, refused)
        if refused is not None:
            return
        day = gift.given_on
        if move is Move.HANDOVER:
            used = self.used(today.year, leaving_out=gift.id)
            if gift_refusal(LIMITS, gift.worth, used, today.year) is not None:
                assert used + gift.worth > Decimal(1000)
                return
            day = today
        self.gifts[gift.id] = replace(gift, status=TO[move], given_on=day)
        if TO[move] in FINAL:
            self.finals[gift.id] = TO[move]

    @invariant()
    def no_year_passes_the_limit(self) -> None:
        for year in {day.year for day in DAYS}:
            assert self.used(year) <= LIMITS.per_party_year

    @invariant()
    def a_final_state_stays_final(self) -> None:
        for gift_id, status in self.finals.items():
            assert self.gifts[gift_id].status is status


GiftBook.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestGiftWorkflow = GiftBook.TestCase
