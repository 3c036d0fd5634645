"""The loan workflow's rules: legal moves only, no step skipped, nothing leaves a final state,
maker never checker, the credit decision within the role's authority. Examples, then a
Hypothesis state machine that tries every move by every kind of user."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from bankladder.loans.workflow import FINAL, NEXT, STEPS, File, Mover, is_legal, moves_for, refusal
from bankladder.store.vocabulary import LoanStatus as S

pytestmark = pytest.mark.unit

RM = Mover(1, works_party=True, decides=False, authority=None)
MANAGER = Mover(2, works_party=True, decides=True, authority=Decimal(3_000_000))
APPROVER = Mover(3, works_party=False, decides=True, authority=Decimal(50_000_000))
AUDITOR = Mover(4, works_party=False, decides=False, authority=None)


def in_review(amount: int, registered: int = 1, submitted: int = 1) -> File:
    return File(S.CREDIT_REVIEW, Decimal(amount), registered, submitted)


def test_the_rm_side_moves_the_file_along_one_step_at_a_time() -> None:
    assert refusal(File(S.RECEIVED, Decimal(1)), S.DOCUMENTS_COMPLETE, RM) is None
    skipped = refusal(File(S.RECEIVED, Decimal(1)), S.CREDIT_REVIEW, RM)
    assert skipped is not None
    assert "跳过" in skipped.zh
    assert "skipped" in skipped.en
    assert refusal(File(S.DOCUMENTS_COMPLETE, Decimal(1)), S.RECEIVED, RM) is not None
    assert refusal(File(S.RECEIVED, Decimal(1)), S.DOCUMENTS_COMPLETE, AUDITOR) is not None


def test_documents_complete_needs_every_required_document() -> None:
    file = File(S.RECEIVED, Decimal(1), missing=("LICENCE", "STATEMENTS"))
    why = refusal(file, S.DOCUMENTS_COMPLETE, RM)
    assert why is not None
    assert "LICENCE, STATEMENTS" in why.en
    assert "必备资料" in why.zh
    assert refusal(file, S.WITHDRAWN, RM) is None  # withdrawing needs no documents


def test_the_credit_decision_is_a_checkers_within_authority() -> None:
    assert refusal(in_review(3_000_000), S.APPROVED, MANAGER) is None
    beyond = refusal(in_review(3_000_001), S.APPROVED, MANAGER)
    assert beyond is not None
    assert "authority" in beyond.en
    assert refusal(in_review(3_000_001), S.DECLINED, MANAGER) is None  # decline: no limit
    assert refusal(in_review(3_000_001), S.APPROVED, APPROVER) is None
    assert refusal(in_review(1), S.APPROVED, RM) is not None  # no permission


def test_the_maker_is_never_the_checker() -> None:
    for file in (in_review(1, registered=2), in_review(1, submitted=2)):
        for decision in (S.APPROVED, S.DECLINED):
            why = refusal(file, decision, MANAGER)
            assert why is not None
            assert "maker" in why.en


def test_nothing_leaves_a_final_state() -> None:
    for final in FINAL:
        for to in S:
            assert refusal(File(final, Decimal(1)), to, MANAGER) is not None
            assert moves_for(File(final, Decimal(1)), APPROVER) == ()


def test_moves_offered_to_each_user() -> None:
    assert moves_for(in_review(1), APPROVER) == (S.APPROVED, S.DECLINED)
    assert moves_for(in_review(1), RM) == (S.WITHDRAWN,)
    assert moves_for(File(S.APPROVED, Decimal(1)), RM) == (S.DISBURSED, S.WITHDRAWN)


MOVERS = st.sampled_from([RM, MANAGER, APPROVER, AUDITOR])
AMOUNTS = st.sampled_from([Decimal(1), Decimal(3_000_000), Decimal(3_000_001), Decimal(60_000_000)])


class Application(RuleBasedStateMachine):
    """One application, and every user trying every move: the rules' answer is checked
    against the policy restated, and the path taken only ever follows the pipeline."""

    def __init__(self) -> None:
        super().__init__()
        self.file = File(S.RECEIVED, Decimal(1), registered_by=1)
        self.path = [S.RECEIVED]
        self.decider: Mover | None = None

    @rule(amount=AMOUNTS, missing=st.booleans())
    def reset(self, amount: Decimal, missing: bool) -> None:
        self.file = File(S.RECEIVED, amount, 1, missing=("LICENCE",) if missing else ())
        self.path = [S.RECEIVED]
        self.decider = None

    @rule(document=st.just("LICENCE"))
    def receive(self, document: str) -> None:
        f = self.file
        left = tuple(code for code in f.missing if code != document)
        self.file = File(f.status, f.amount, f.registered_by, f.submitted_by, left)

    @rule(pick=st.integers(0, 2), who=MOVERS)
    def advance(self, pick: int, who: Mover) -> None:
        """Try one of the next legal steps (the path forward would be rare otherwise)."""
        ahead = sorted(NEXT.get(self.file.status, ()), key=list(S).index)
        if ahead:
            self.move(ahead[pick % len(ahead)], who)

    @rule(to=st.sampled_from(list(S)), who=MOVERS)
    def move(self, to: S, who: Mover) -> None:
        allowed = refusal(self.file, to, who) is None
        assert allowed == self.expected(to, who)
        if allowed:
            f = self.file
            submitted = who.user_id if to is S.CREDIT_REVIEW else f.submitted_by
            self.file = File(to, f.amount, f.registered_by, submitted, f.missing)
            self.path.append(to)
            self.decider = who if to in (S.APPROVED, S.DECLINED) else self.decider

    def expected(self, to: S, who: Mover) -> bool:
        f = self.file
        if f.status in FINAL or not is_legal(f.status, to):
            return False
        if to is S.DOCUMENTS_COMPLETE and f.missing:
            return False
        if to in (S.APPROVED, S.DECLINED):
            checker = who.decides and who.user_id not in (f.registered_by, f.submitted_by)
            covered = who.authority is not None and f.amount <= who.authority
            return checker and (to is S.DECLINED or covered)
        return who.works_party

    @invariant()
    def no_step_skipped(self) -> None:
        main = [s for s in self.path if s in STEPS]
        assert main == list(STEPS[: len(main)])
        ends = [s for s in self.path if s in (S.DECLINED, S.WITHDRAWN)]
        assert len(ends) <= 1
        assert not ends or self.path[-1] == ends[0]
        if S.DECLINED in self.path:
            assert self.path[-2] is S.CREDIT_REVIEW

    @precondition(lambda self: self.decider is not None)
    @invariant()
    def decided_by_a_checker_not_the_maker(self) -> None:
        f, checker = self.file, self.decider
        assert checker is not None
        assert checker.decides
        assert checker.user_id not in (f.registered_by, f.submitted_by)
        if S.APPROVED in self.path:
            assert checker.authority is not None
            assert f.amount <= checker.authority


TestApplication = Application.TestCase
TestApplication.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)


def test_the_machines_rules_walk_every_path() -> None:
    """The machine's own rules reach approval, disbursement and a decline (so its invariants
    are not only ever checked on refusals)."""
    machine = Application()
    machine.reset(Decimal(1), missing=True)
    machine.advance(0, RM)  # refused: a document is missing
    machine.receive("LICENCE")
    for pick, who in ((0, RM), (0, RM), (0, MANAGER), (0, RM)):
        machine.advance(pick, who)
    assert machine.path == [S.RECEIVED, *STEPS[1:]]
    machine.decided_by_a_checker_not_the_maker()
    machine.reset(Decimal(60_000_000), missing=False)
    for pick, who in ((0, MANAGER), (0, MANAGER), (0, MANAGER), (1, MANAGER), (1, APPROVER)):
        machine.advance(pick, who)
    assert machine.path[-2:] == [S.CREDIT_REVIEW, S.DECLINED]
    machine.no_step_skipped()
