"""The concession workflow through the service on a real SQLite store, under random makers,
checkers, sizes, moves and stale versions: the store holds what the rules allow and nothing
else, one decision row per move, one audit event per change, one favour per approval."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule
from sqlalchemy import Engine, func, select

from bankladder.access.principal import Principal
from bankladder.concessions import service
from bankladder.concessions.schemas import ConcessionRefused, DecisionRefused
from bankladder.config import Settings
from bankladder.errors import StaleVersion
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import AuditEvent, Benefit, ConcessionDecision, PriceConcession
from bankladder.store.vocabulary import ConcessionDecisionKind as Move
from bankladder.store.vocabulary import UserRole
from tests.integration.concessions.seed import NOW, PARTY, loan_rate, seed
from tests.workbench import ACCOUNT_EVENTS, add_user, small_bank

pytestmark = pytest.mark.integration
SETTINGS = Settings()
LIMIT = {"manager": 30, "approver": 150}
NAMES = ("wang", "zhao", "sun", "qian", "shen")


@cache
def template() -> tuple[Path, dict[str, Principal]]:
    """A migrated store with the staff, made once; each example works on a copy."""
    path = Path(tempfile.mkdtemp(prefix="concessions-machine-")) / "store.db"
    engine = small_bank(f"sqlite:///{path}")
    people = {a.username: a.principal for a in seed(engine).values()}
    people["sun"] = add_user(engine, "sun", UserRole.MANAGER, branch_id="BR01").principal
    engine.dispose()
    return path, people


@dataclass
class Tracked:
    id: int
    maker: str
    bp: int
    status: str = "requested"
    version: int = 1
    moves: int = 0


class ConcessionsOnAStore(RuleBasedStateMachine):
    concessions = Bundle("concessions")

    def __init__(self) -> None:
        super().__init__()
        source, self.people = template()
        self.dir = Path(tempfile.mkdtemp(prefix="concessions-example-"))
        shutil.copy(source, self.dir / "store.db")
        self.engine: Engine = connect(f"sqlite:///{self.dir / 'store.db'}")
        self.all: list[Tracked] = []
        self.changes = 0

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    @rule(
        target=concessions, maker=st.sampled_from(["wang", "zhao", "sun"]), bp=st.integers(1, 160)
    )
    def ask(self, maker: str, bp: int) -> Tracked:
        requested = str(Decimal("4.35") - Decimal(bp) / 100)
        try:
            with unit_of_work(self.engine) as session:
                done = service.request_concession(
                    session, SETTINGS, self.people[maker], PARTY, loan_rate(requested), NOW
                )
        except ConcessionRefused:
            assert bp > LIMIT["approver"]
            return Tracked(0, maker, bp, status="refused")
        assert bp <= LIMIT["approver"]
        assert done.required_role == ("manager" if bp <= LIMIT["manager"] else "approver")
        tracked = Tracked(done.id, maker, bp)
        self.all.append(tracked)
        self.changes += 1
        return tracked

    @rule(
        tracked=concessions,
        who=st.sampled_from(NAMES),
        move=st.sampled_from([Move.APPROVE, Move.REJECT, Move.WITHDRAW]),
        stale=st.booleans(),
    )
    def decide(self, tracked: Tracked, who: str, move: Move, stale: bool) -> None:
        if tracked.status == "refused":
            return
        stale = stale and tracked.version > 1
        version = tracked.version - 1 if stale else tracked.version
        try:
            with unit_of_work(self.engine) as session:
                new = service.decide(
                    session, SETTINGS, self.people[who], tracked.id, version, move, None, NOW
                )
        except StaleVersion:
            assert stale
            return
        except DecisionRefused:
            assert not stale
            assert not self.legal(tracked, who, move)
            return
        assert not stale
        assert self.legal(tracked, who, move)
        tracked.status = {"approve": "approved", "reject": "rejected"}.get(move.value, "withdrawn")
        tracked.version, tracked.moves = new, tracked.moves + 1
        self.changes += 1

    def legal(self, tracked: Tracked, who: str, move: Move) -> bool:
        role = self.people[who].role.value
        if tracked.status != "requested":
            return False
        if move is Move.WITHDRAW:
            return who == tracked.maker
        if role not in LIMIT or who == tracked.maker:
            return False
        return move is Move.REJECT or tracked.bp <= LIMIT[role]

    @invariant()
    def the_store_holds_what_the_rules_allowed(self) -> None:
        with unit_of_work(self.engine) as session:
            stored = {
                c.id: (c.status.value, c.version) for c in session.scalars(select(PriceConcession))
            }
            decisions: dict[int, int] = {
                row[0]: row[1]
                for row in session.execute(
                    select(ConcessionDecision.concession_id, func.count()).group_by(
                        ConcessionDecision.concession_id
                    )
                ).all()
            }
            favours = session.scalar(select(func.count()).select_from(Benefit))
            own = AuditEvent.event.not_in(ACCOUNT_EVENTS)  # not the staff accounts' set-up
            events = session.scalar(select(func.count()).select_from(AuditEvent).where(own))
        assert stored == {t.id: (t.status, t.version) for t in self.all}
        assert decisions == {t.id: 1 + t.moves for t in self.all}
        assert favours == sum(t.status == "approved" for t in self.all)
        assert events == self.changes
        assert all(t.moves <= 1 for t in self.all)


ConcessionsOnAStore.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_concessions_on_a_store = ConcessionsOnAStore.TestCase
