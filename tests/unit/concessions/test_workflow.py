"""The size of a concession, the role that decides it, and the moves a request may make."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bankladder.concessions.workflow import (
    Actor,
    MoveRefused,
    Size,
    Unit,
    allowed,
    check_terms,
    decide,
    request,
    required_role,
    size_of,
)
from bankladder.ladder.policies import DEFAULT_AUTHORITIES as AUTHORITIES
from bankladder.store.vocabulary import ConcessionDecisionKind as Move
from bankladder.store.vocabulary import ConcessionKind, ConcessionStatus

pytestmark = pytest.mark.unit
D = Decimal
AT = dt.datetime(2026, 6, 30, 10, 0)
WANG = Actor(1, "rm", checker=False)
ZHAO = Actor(2, "manager", checker=True)
QIAN = Actor(3, "approver", checker=True)
SHEN = Actor(4, "auditor", checker=False)


def codes(kind: ConcessionKind, standard: str, requested: str) -> dict[str, str]:
    return {p.field: p.code for p in check_terms(kind, D(standard), D(requested), AUTHORITIES)}


def test_a_loan_rate_lowered_from_4_35_to_4_05_is_30_basis_points() -> None:
    assert size_of(ConcessionKind.LOAN_RATE, D("4.35"), D("4.05")) == Size(D("30.00"), Unit.BP)


def test_a_deposit_rate_is_a_concession_when_raised() -> None:
    assert size_of(ConcessionKind.DEPOSIT_RATE, D("1.55"), D("1.75")).amount == D(20)
    assert size_of(ConcessionKind.DEPOSIT_RATE, D("1.75"), D("1.55")).amount == D(-20)


def test_a_fee_is_measured_in_percent_of_the_standard_fee() -> None:
    size = size_of(ConcessionKind.FEE, D("800"), D("600"))
    assert (size.amount, size.unit, size.shown) == (D(25), Unit.PCT, "25%")
    assert size_of(ConcessionKind.FEE, D("3"), D("2")).shown == "33.33%"


def test_exactly_30_bp_is_the_managers_and_one_more_the_approvers() -> None:
    assert (
        required_role(size_of(ConcessionKind.LOAN_RATE, D("4.35"), D("4.05")), AUTHORITIES)
        == "manager"
    )
    assert (
        required_role(size_of(ConcessionKind.LOAN_RATE, D("4.35"), D("4.04")), AUTHORITIES)
        == "approver"
    )
    assert required_role(Size(D("0.01"), Unit.BP), AUTHORITIES) == "manager"


def test_exactly_150_bp_is_the_approvers_and_beyond_it_goes_to_the_pricing_committee() -> None:
    assert required_role(Size(D(150), Unit.BP), AUTHORITIES) == "approver"
    assert required_role(Size(D("150.01"), Unit.BP), AUTHORITIES) is None
    [problem] = check_terms(ConcessionKind.LOAN_RATE, D("4.35"), D("2.84"), AUTHORITIES)
    assert problem.code == "beyond_authority"
    assert problem.said.en == "beyond the head office's authority: take it to the pricing committee"
    assert "定价委员会" in problem.said.zh


def test_a_fee_waived_in_full_is_the_approvers_and_30_percent_the_managers() -> None:
    assert required_role(size_of(ConcessionKind.FEE, D("1000"), D("700")), AUTHORITIES) == "manager"
    assert required_role(size_of(ConcessionKind.FEE, D("1000"), D("0")), AUTHORITIES) == "approver"


def test_no_concession_a_negative_and_an_absurd_value_are_refused_in_words() -> None:
    assert codes(ConcessionKind.LOAN_RATE, "4.35", "4.35") == {"requested": "not_a_concession"}
    assert codes(ConcessionKind.LOAN_RATE, "4.35", "4.50") == {"requested": "not_a_concession"}
    assert codes(ConcessionKind.DEPOSIT_RATE, "1.55", "1.50") == {"requested": "not_a_concession"}
    assert codes(ConcessionKind.LOAN_RATE, "-1", "4") == {"standard": "negative"}
    assert codes(ConcessionKind.LOAN_RATE, "435", "4.05") == {"standard": "absurd"}
    assert codes(ConcessionKind.DEPOSIT_RATE, "1.5", "36.01") == {"requested": "absurd"}
    assert codes(ConcessionKind.FEE, "800", "-1") == {"requested": "negative"}
    assert codes(ConcessionKind.FEE, "0", "0") == {"standard": "no_fee"}
    assert codes(ConcessionKind.LOAN_RATE, "4.35", "4.00001") == {"requested": "places"}
    assert codes(ConcessionKind.LOAN_RATE, "36", "35.7") == {}


def test_the_maker_never_decides_and_only_the_maker_withdraws() -> None:
    made_by_zhao = request(ZHAO, Size(D(10), Unit.BP), AT)
    with pytest.raises(MoveRefused) as refused:
        decide(made_by_zhao, ZHAO, Move.APPROVE, AUTHORITIES, AT)
    assert refused.value.code == "maker"
    assert allowed(made_by_zhao, ZHAO, AUTHORITIES) == (Move.WITHDRAW,)
    assert allowed(made_by_zhao, WANG, AUTHORITIES) == ()
    assert allowed(made_by_zhao, QIAN, AUTHORITIES) == (Move.APPROVE, Move.REJECT)


def test_a_manager_rejects_but_cannot_approve_100_bp_and_the_approver_can() -> None:
    asked = request(WANG, Size(D(100), Unit.BP), AT)
    assert allowed(asked, ZHAO, AUTHORITIES) == (Move.REJECT,)
    with pytest.raises(MoveRefused, match="authority"):
        decide(asked, ZHAO, Move.APPROVE, AUTHORITIES, AT)
    approved = decide(asked, QIAN, Move.APPROVE, AUTHORITIES, AT, "结算量大")
    assert approved.status is ConcessionStatus.APPROVED
    assert [(d.kind, d.user_id, d.role) for d in approved.history] == [
        (Move.REQUEST, 1, "rm"),
        (Move.APPROVE, 3, "approver"),
    ]


def test_an_auditor_and_an_rm_decide_nothing() -> None:
    asked = request(ZHAO, Size(D(5), Unit.BP), AT)
    assert allowed(asked, SHEN, AUTHORITIES) == ()
    with pytest.raises(MoveRefused) as refused:
        decide(asked, WANG, Move.REJECT, AUTHORITIES, AT)
    assert refused.value.code == "not_checker"


def test_a_decision_is_final() -> None:
    asked = request(WANG, Size(D(10), Unit.BP), AT)
    for move, actor in [(Move.APPROVE, ZHAO), (Move.REJECT, QIAN), (Move.WITHDRAW, WANG)]:
        done = decide(asked, actor, move, AUTHORITIES, AT)
        assert all(allowed(done, a, AUTHORITIES) == () for a in (WANG, ZHAO, QIAN))
        with pytest.raises(MoveRefused, match="final"):
            decide(done, QIAN, Move.REJECT, AUTHORITIES, AT)


def test_a_request_is_not_made_again_by_a_move() -> None:
    with pytest.raises(MoveRefused) as refused:
        decide(request(WANG, Size(D(10), Unit.BP), AT), ZHAO, Move.REQUEST, AUTHORITIES, AT)
    assert refused.value.code == "move"
