"""The concession workflow under random makers, checkers, roles, sizes and moves: only legal
moves succeed, the maker never decides, approval stays within the role's authority, a final
state stays final, and the history has one entry per move."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from bankladder.concessions.workflow import (
    Actor,
    Concession,
    MoveRefused,
    Size,
    Unit,
    decide,
    request,
)
from bankladder.ladder.policies import DEFAULT_AUTHORITIES as AUTHORITIES
from bankladder.store.vocabulary import ConcessionDecisionKind as Move
from bankladder.store.vocabulary import ConcessionStatus

pytestmark = pytest.mark.unit
AT = dt.datetime(2026, 6, 30, 10, 0)
LIMIT_BP = {"manager": Decimal(30), "approver": Decimal(150)}  # the default authority, by hand
LIMIT_PCT = {"manager": Decimal(30), "approver": Decimal(100)}
CHECKERS = {"manager", "approver"}
actors = st.builds(
    lambda user, role: Actor(user, role, checker=role in CHECKERS),
    st.integers(1, 4),
    st.sampled_from(["rm", "manager", "approver", "auditor"]),
)
sizes = st.builds(
    Size,
    st.decimals(Decimal("0.01"), Decimal(150), places=2),
    st.sampled_from(list(Unit)),
)


@dataclass
class Tracked:
    state: Concession
    moves: int = 0
    final_at: int | None = field(default=None)


def legal(c: Concession, actor: Actor, move: Move) -> bool:
    """The rules, restated independently of the code under test."""
    if c.status is not ConcessionStatus.REQUESTED or move is Move.REQUEST:
        return False
    if move is Move.WITHDRAW:
        return actor.user_id == c.maker_id
    if actor.role not in CHECKERS or actor.user_id == c.maker_id:
        return False
    limit = (LIMIT_BP if c.size.unit is Unit.BP else LIMIT_PCT)[actor.role]
    return move is Move.REJECT or c.size.amount <= limit


class ConcessionWorkflow(RuleBasedStateMachine):
    concessions = Bundle("concessions")

    def __init__(self) -> None:
        super().__init__()
        self.all: list[Tracked] = []

    @rule(target=concessions, maker=actors, size=sizes)
    def ask(self, maker: Actor, size: Size) -> Tracked:
        tracked = Tracked(request(maker, size, AT))
        self.all.append(tracked)
        return tracked

    @rule(tracked=concessions, actor=actors, move=st.sampled_from(list(Move)))
    def try_a_move(self, tracked: Tracked, actor: Actor, move: Move) -> None:
        before = tracked.state
        expected = legal(before, actor, move)
        try:
            after = decide(before, actor, move, AUTHORITIES, AT, "note")
        except MoveRefused:
            assert not expected, f"{actor} was refused {move} on {before}"
            assert tracked.state == before
            return
        assert expected, f"{actor} took {move} on {before}"
        tracked.state, tracked.moves = after, tracked.moves + 1
        assert after.history[-1].kind is move
        assert after.history[-1].user_id == actor.user_id

    @invariant()
    def histories_have_one_entry_per_move(self) -> None:
        for tracked in self.all:
            history = tracked.state.history
            assert len(history) == 1 + tracked.moves
            assert history[0].kind is Move.REQUEST
            assert history[0].user_id == tracked.state.maker_id

    @invariant()
    def the_maker_never_decides_and_approvals_stay_within_authority(self) -> None:
        for tracked in self.all:
            state = tracked.state
            for entry in state.history[1:]:
                if entry.kind in (Move.APPROVE, Move.REJECT):
                    assert entry.user_id != state.maker_id
                    assert entry.role in CHECKERS
                if entry.kind is Move.APPROVE:
                    limits = LIMIT_BP if state.size.unit is Unit.BP else LIMIT_PCT
                    assert state.size.amount <= limits[entry.role]
                if entry.kind is Move.WITHDRAW:
                    assert entry.user_id == state.maker_id

    @invariant()
    def final_states_are_final(self) -> None:
        for tracked in self.all:
            assert tracked.moves <= 1
            waiting = tracked.state.status is ConcessionStatus.REQUESTED
            assert waiting == (tracked.moves == 0)


ConcessionWorkflow.TestCase.settings = settings(
    max_examples=150, stateful_step_count=30, deadline=None
)
test_the_concession_workflow = ConcessionWorkflow.TestCase
