"""Gift limits at their boundaries, the calendar year, the reason in words, and who may move a
favour that waits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bankladder.ladder.policies import DEFAULT_AUTHORITIES, GiftLimits
from bankladder.reciprocity.checks import checked_benefit
from bankladder.reciprocity.gifts import (
    Actor,
    Counted,
    Move,
    Refusal,
    Waiting,
    first_status,
    gift_refusal,
    move_refusal,
    used_in_year,
)
from bankladder.reciprocity.schemas import NewBenefit
from bankladder.store.vocabulary import BenefitKind, BenefitStatus

pytestmark = pytest.mark.unit
LIMITS = GiftLimits()
D = Decimal
RM = Actor(1, "rm", may_decide=False, may_work=True)
MANAGER = Actor(2, "manager", may_decide=True, may_work=True)
APPROVER = Actor(3, "approver", may_decide=True, may_work=False)
AUDITOR = Actor(4, "auditor", may_decide=False, may_work=False)


def gift(n: int, worth: str, day: dt.date, status: BenefitStatus = BenefitStatus.GIVEN) -> Counted:
    return Counted(n, BenefitKind.GIFT, status, day, D(worth))


def test_a_gift_of_exactly_the_limit_is_allowed_and_a_cent_more_refused() -> None:
    assert gift_refusal(LIMITS, D("300.00"), D(0), 2026) is None
    refused = gift_refusal(LIMITS, D("300.01"), D(0), 2026)
    assert refused is not None
    assert refused.code == "per_gift"
    assert "300.01" in refused.reason.en
    assert "300.00" in refused.reason.en
    assert "单件礼品上限300.00元" in refused.reason.zh


def test_the_yearly_limit_counts_given_approved_and_requested_gifts_only() -> None:
    day = dt.date(2026, 3, 1)
    year = [
        gift(1, "300", day),
        gift(2, "250", day, BenefitStatus.APPROVED),
        gift(3, "200", day, BenefitStatus.REQUESTED),
        gift(4, "300", day, BenefitStatus.REFUSED),
        gift(5, "300", day, BenefitStatus.CANCELLED),
        Counted(6, BenefitKind.VIP_SERVICE, BenefitStatus.GIVEN, day, D(300)),
    ]
    used = used_in_year(year, 2026)
    assert used == D("750.00")
    assert gift_refusal(LIMITS, D("250.00"), used, 2026) is None  # exactly 1000
    refused = gift_refusal(LIMITS, D("250.01"), used, 2026)
    assert refused is not None
    assert refused.code == "per_party_year"
    assert "CNY 750.00" in refused.reason.en
    assert "CNY 250.00 is left" in refused.reason.en
    assert "尚余250.00元" in refused.reason.zh
    assert "2026年" in refused.reason.zh


def test_the_year_turns_between_december_31_and_january_1() -> None:
    year = [gift(1, "300", dt.date(2025, 12, 31)), gift(2, "300", dt.date(2025, 12, 30))]
    year += [gift(3, "300", dt.date(2025, 12, 29))]
    assert used_in_year(year, 2025) == D("900.00")
    assert used_in_year(year, 2026) == D("0.00")
    assert gift_refusal(LIMITS, D(200), used_in_year(year, 2025), 2025) is not None
    assert gift_refusal(LIMITS, D(200), used_in_year(year, 2026), 2026) is None
    assert used_in_year(year, 2025, leaving_out=1) == D("600.00")


def test_a_gift_or_valued_vip_service_above_100_waits_for_a_checker() -> None:
    assert first_status(LIMITS, BenefitKind.GIFT, D("100.00")) is BenefitStatus.GIVEN
    assert first_status(LIMITS, BenefitKind.GIFT, D("100.01")) is BenefitStatus.REQUESTED
    assert first_status(LIMITS, BenefitKind.VIP_SERVICE, D(800)) is BenefitStatus.REQUESTED
    assert first_status(LIMITS, BenefitKind.VIP_SERVICE, None) is BenefitStatus.GIVEN
    assert first_status(LIMITS, BenefitKind.PRICE_CONCESSION, D(9000)) is BenefitStatus.GIVEN


def test_a_gift_must_state_its_worth() -> None:
    _, problems = checked_benefit(NewBenefit("gift", "2026-06-01"), "P1", dt.date(2026, 6, 30))
    assert [(p.field, p.code) for p in problems] == [("worth", "gift_worth")]


def code(refusal: Refusal | None) -> str | None:
    return None if refusal is None else refusal.code


def waiting(status: BenefitStatus, worth: str = "200", maker: int = 1) -> Waiting:
    return Waiting(status, BenefitKind.GIFT, D(worth), maker)


def test_a_checker_decides_what_someone_else_made_within_the_authority() -> None:
    requested = waiting(BenefitStatus.REQUESTED)
    assert move_refusal(Move.APPROVE, requested, MANAGER, DEFAULT_AUTHORITIES) is None
    assert move_refusal(Move.REFUSE, requested, APPROVER, DEFAULT_AUTHORITIES) is None
    mine = waiting(BenefitStatus.REQUESTED, maker=2)
    assert code(move_refusal(Move.APPROVE, mine, MANAGER, DEFAULT_AUTHORITIES)) == "maker"
    assert code(move_refusal(Move.APPROVE, requested, RM, DEFAULT_AUTHORITIES)) == "not_checker"
    big = waiting(BenefitStatus.REQUESTED, "300.01")
    beyond = move_refusal(Move.APPROVE, big, MANAGER, DEFAULT_AUTHORITIES)
    assert beyond is not None
    assert beyond.code == "authority"
    assert "300.00" in beyond.reason.en


def test_only_legal_moves_from_each_status() -> None:
    approved = waiting(BenefitStatus.APPROVED)
    assert move_refusal(Move.HANDOVER, approved, RM, DEFAULT_AUTHORITIES) is None
    assert move_refusal(Move.HANDOVER, approved, MANAGER, DEFAULT_AUTHORITIES) is None
    assert move_refusal(Move.HANDOVER, approved, AUDITOR, DEFAULT_AUTHORITIES) is not None
    assert move_refusal(Move.CANCEL, approved, RM, DEFAULT_AUTHORITIES) is None
    assert code(move_refusal(Move.CANCEL, approved, MANAGER, DEFAULT_AUTHORITIES)) == "not_maker"
    assert code(move_refusal(Move.APPROVE, approved, MANAGER, DEFAULT_AUTHORITIES)) == "status"
    requested = waiting(BenefitStatus.REQUESTED)
    assert code(move_refusal(Move.HANDOVER, requested, RM, DEFAULT_AUTHORITIES)) == "status"
    for final in (BenefitStatus.GIVEN, BenefitStatus.REFUSED, BenefitStatus.CANCELLED):
        for move in Move:
            refused = move_refusal(move, waiting(final), MANAGER, DEFAULT_AUTHORITIES)
            assert refused is not None
            assert refused.code == "status"
