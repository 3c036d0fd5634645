"""The loan workflow through the service on a real SQLite store, under random users, amounts,
documents, moves and stale versions: the store holds what the rules allow and nothing else
(the rules restated here, not read from the code), one move row and one audit event per move."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import Engine, func, insert, select, update

from bankladder.access.principal import Principal
from bankladder.config import Settings
from bankladder.errors import NotFound, StaleVersion
from bankladder.loans import service
from bankladder.loans.schemas import NewApplication, Refused
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import (
    AuditEvent,
    LoanApplication,
    LoanDocument,
    LoanMove,
    Party,
    Product,
)
from bankladder.store.vocabulary import LoanStatus as S
from bankladder.store.vocabulary import UserRole
from tests.integration.loans.seed import NOW
from tests.workbench import add_user, small_bank, staff

pytestmark = pytest.mark.integration
SETTINGS = Settings()
AUTHORITY = {"zhao": Decimal(3_000_000), "sun": Decimal(3_000_000), "qian": Decimal(50_000_000)}
RM_SIDE = {"wang", "zhao", "sun"}
NEXT = {
    S.RECEIVED: {S.DOCUMENTS_COMPLETE, S.WITHDRAWN},
    S.DOCUMENTS_COMPLETE: {S.CREDIT_REVIEW, S.WITHDRAWN},
    S.CREDIT_REVIEW: {S.APPROVED, S.DECLINED, S.WITHDRAWN},
    S.APPROVED: {S.DISBURSED, S.WITHDRAWN},
}
SCOPE = {"wang": {"P-RM01-1"}, "zhao": {"P-RM01-1", "P-RM02-1"}, "sun": {"P-RM01-1", "P-RM02-1"}}


@cache
def template() -> tuple[Path, dict[str, Principal]]:
    """A migrated store with the staff and two loan products, made once; examples copy it."""
    path = Path(tempfile.mkdtemp(prefix="loans-machine-")) / "store.db"
    engine = small_bank(f"sqlite:///{path}")
    people = {a.username: a.principal for a in staff(engine).values()}
    people["sun"] = add_user(engine, "sun", UserRole.MANAGER, branch_id="BR01").principal
    with unit_of_work(engine) as session:
        session.execute(update(Party).values(kind="enterprise"))
        names = {"name_zh": "贷款", "name_en": "Loan", "family": "loan"}
        session.execute(
            insert(Product),
            [{"code": "LOAN01", **names, "sla_working_days": 2}, {"code": "LOAN02", **names}],
        )
        licence = {"code": "LICENCE", "name_zh": "营业执照", "name_en": "Licence"}
        session.execute(insert(LoanDocument), [{"product_code": "LOAN01", **licence}])
        session.execute(
            insert(LoanDocument), [{"product_code": "LOAN02", **licence, "required": False}]
        )
    engine.dispose()
    return path, people


@dataclass
class Tracked:
    id: str
    party: str
    product: str
    amount: Decimal
    maker: str
    status: S = S.RECEIVED
    version: int = 1
    moves: int = 0
    documents: set[str] = field(default_factory=set)
    submitter: str | None = None


class LoansOnAStore(RuleBasedStateMachine):
    loans = Bundle("loans")

    def __init__(self) -> None:
        super().__init__()
        source, self.people = template()
        self.dir = Path(tempfile.mkdtemp(prefix="loans-example-"))
        shutil.copy(source, self.dir / "store.db")
        self.engine: Engine = connect(f"sqlite:///{self.dir / 'store.db'}")
        self.all: list[Tracked] = []

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    @initialize(target=loans)
    def a_large_loan_of_wangs(self) -> Tracked | None:
        """Every run starts with one application beyond a manager's authority, made by the RM."""
        return self._register("wang", "P-RM01-1", "LOAN02", Decimal(4_000_000))

    @precondition(lambda self: len(self.all) < 3)  # a few applications, each taken far
    @rule(
        target=loans,
        maker=st.sampled_from(sorted(RM_SIDE)),
        party=st.sampled_from(["P-RM01-1", "P-RM02-1"]),
        product=st.sampled_from(["LOAN01", "LOAN02"]),
        amount=st.sampled_from([Decimal(3_000_000), Decimal(4_000_000)]),  # at and over a limit
    )
    def register(self, maker: str, party: str, product: str, amount: Decimal) -> Tracked | None:
        return self._register(maker, party, product, amount)

    def _register(self, maker: str, party: str, product: str, amount: Decimal) -> Tracked | None:
        new = NewApplication(product, amount)
        try:
            with unit_of_work(self.engine) as session:
                made = service.register(session, self.people[maker], party, new, NOW)
        except NotFound:
            assert party not in SCOPE[maker]
            return None
        assert party in SCOPE[maker]
        tracked = Tracked(made, party, product, amount, maker)
        self.all.append(tracked)
        return tracked

    @rule(loan=loans, who=st.sampled_from(["wang", "zhao", "qian"]))
    def receive(self, loan: Tracked | None, who: str) -> None:
        if loan is None:
            return
        may = who in RM_SIDE and loan.party in SCOPE[who]
        open_ = loan.status in (S.RECEIVED, S.DOCUMENTS_COMPLETE, S.CREDIT_REVIEW)
        try:
            with unit_of_work(self.engine) as session:
                service.receive_document(session, self.people[who], loan.id, "LICENCE", NOW)
        except (NotFound, Refused):
            assert not (may and open_)
            return
        assert may
        assert open_
        loan.documents.add("LICENCE")

    @rule(loan=loans, pick=st.integers(0, 2), who=st.sampled_from(["wang", "zhao", "sun", "qian"]))
    def advance(self, loan: Tracked | None, pick: int, who: str) -> None:
        """Try one of the next steps forward (the path to a decision would be rare otherwise;
        the other rule withdraws)."""
        steps = NEXT.get(loan.status, set()) - {S.WITHDRAWN} if loan else set()
        ahead = sorted(steps, key=list(S).index)
        if ahead:
            self.move(loan, ahead[pick % len(ahead)], who, stale=False)

    @rule(
        loan=loans,
        to=st.sampled_from(list(S)),
        who=st.sampled_from(["wang", "zhao", "sun", "qian", "shen"]),
        stale=st.booleans(),
    )
    def move(self, loan: Tracked | None, to: S, who: str, stale: bool) -> None:
        if loan is None:
            return
        version = loan.version - 1 if stale else loan.version
        try:
            with unit_of_work(self.engine) as session:
                service.move(session, SETTINGS, self.people[who], loan.id, to, version, NOW)
        except NotFound:
            assert who == "wang"
            assert loan.party not in SCOPE["wang"]
            return
        except StaleVersion:
            assert stale
            return
        except Refused:
            assert not stale
            assert not self.allowed(loan, to, who)
            return
        assert not stale
        assert self.allowed(loan, to, who)
        loan.status, loan.version, loan.moves = to, loan.version + 1, loan.moves + 1
        loan.submitter = who if to is S.CREDIT_REVIEW else loan.submitter

    def allowed(self, loan: Tracked, to: S, who: str) -> bool:
        if to not in NEXT.get(loan.status, set()):
            return False
        if (
            to is S.DOCUMENTS_COMPLETE
            and loan.product == "LOAN01"
            and "LICENCE" not in loan.documents
        ):
            return False
        if to in (S.APPROVED, S.DECLINED):
            checker = who in AUTHORITY and who not in (loan.maker, loan.submitter)
            return checker and (to is S.DECLINED or loan.amount <= AUTHORITY[who])
        return who in RM_SIDE

    @invariant()
    def the_store_holds_what_the_rules_allowed(self) -> None:
        with self.engine.connect() as connection:
            stored = {
                row.id: (row.status, row.version)
                for row in connection.execute(
                    select(LoanApplication.id, LoanApplication.status, LoanApplication.version)
                )
            }
            moves = dict(
                connection.execute(
                    select(LoanMove.application_id, func.count()).group_by(LoanMove.application_id)
                )
                .tuples()
                .all()
            )
            events = connection.execute(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.event == "loan.move")
            ).scalar_one()
        assert stored == {t.id: (t.status, t.version) for t in self.all}
        assert moves == {t.id: 1 + t.moves for t in self.all}
        assert events == sum(t.moves for t in self.all)


TestLoansOnAStore = LoansOnAStore.TestCase
TestLoansOnAStore.settings = settings(
    max_examples=30,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
