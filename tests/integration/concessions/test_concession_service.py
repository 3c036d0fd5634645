"""Price talks on a real store, SQLite and PostgreSQL: request, approve, reject, withdraw;
a stale version, a request out of scope, the maker as checker and a manager beyond their
authority are refused; every move is in the history and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bankladder.accounts.schemas import Account
from bankladder.concessions import service
from bankladder.concessions.schemas import ConcessionRefused, DecisionRefused, NewConcession
from bankladder.config import Settings
from bankladder.errors import NotFound, StaleVersion
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, Benefit, ConcessionDecision, PriceConcession
from bankladder.store.vocabulary import ConcessionDecisionKind as Move
from bankladder.store.vocabulary import UserRole
from tests.integration.concessions.seed import NOW, OTHER_BRANCH, PARTY, WHY, loan_rate, seed
from tests.workbench import ACCOUNT_EVENTS, add_user, small_bank

pytestmark = pytest.mark.integration
SETTINGS = Settings()
LATER = NOW + dt.timedelta(hours=2)
RM, MANAGER, APPROVER, AUDITOR = UserRole.RM, UserRole.MANAGER, UserRole.APPROVER, UserRole.AUDITOR


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = small_bank(url)
    yield engine
    engine.dispose()


@pytest.fixture
def users(store: Engine) -> dict[UserRole, Account]:
    return seed(store)


def ask(store: Engine, who: Account, new: NewConcession, party: str = PARTY) -> int:
    with unit_of_work(store) as session:
        return service.request_concession(session, SETTINGS, who.principal, party, new, NOW).id


def move(store: Engine, who: Account, concession_id: int, kind: Move, version: int = 1) -> int:
    with unit_of_work(store) as session:
        return service.decide(
            session, SETTINGS, who.principal, concession_id, version, kind, "同意", LATER
        )


def events(store: Engine) -> list[tuple[str, str, dict[str, object]]]:
    with unit_of_work(store) as session:
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.event.not_in(ACCOUNT_EVENTS))
            .order_by(AuditEvent.id)
        )
        return [(e.event, e.object_id, e.detail) for e in rows]


def test_a_request_goes_to_the_lowest_role_whose_authority_covers_it(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session:
        done = service.request_concession(
            session, SETTINGS, users[RM].principal, PARTY, loan_rate("4.05"), NOW
        )
        stored = session.get(PriceConcession, done.id)
        assert stored is not None
        assert (stored.status.value, stored.required_role.value, stored.rm_id) == (
            "requested",
            "manager",
            "RM01",
        )
        assert stored.maker_id == users[RM].principal.user_id
    assert (done.required_role, done.size) == ("manager", "30 bp")
    assert events(store) == [
        (
            "concession.request",
            str(done.id),
            {
                "party_id": PARTY,
                "product_code": "LOAN01",
                "kind": "loan_rate",
                "size": "30.00",
                "unit": "bp",
                "required_role": "manager",
            },
        )
    ]


def test_a_manager_approves_and_the_favour_joins_the_reciprocity_ledger(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    concession_id = ask(store, users[RM], loan_rate("4.20"))
    assert move(store, users[MANAGER], concession_id, Move.APPROVE) == 2
    with unit_of_work(store) as session:
        stored = session.get(PriceConcession, concession_id)
        assert stored is not None
        assert (stored.status.value, stored.decided_at, stored.version) == ("approved", LATER, 2)
        [benefit] = session.scalars(select(Benefit))
        assert (benefit.kind.value, benefit.status.value, benefit.given_on, benefit.worth) == (
            "price_concession",
            "given",
            LATER.date(),
            None,
        )
        assert (benefit.rm_id, benefit.checker_id) == ("RM01", users[MANAGER].principal.user_id)
        view = service.detail(session, SETTINGS, users[RM].principal, concession_id, NOW.date())
    assert [(d.decision, d.username, d.role) for d in view.history] == [
        ("request", "wang", "rm"),
        ("approve", "zhao", "manager"),
    ]
    assert view.moves == ()
    approve = events(store)[-1]
    assert approve[0] == "concession.approve"
    assert approve[2]["decided_by"] == "manager"
    assert approve[2]["size"] == "15.00"
    assert "4.2" not in str(approve)
    assert "4.35" not in str(approve)


def test_reject_and_withdraw_are_final_and_add_no_favour(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    rejected = ask(store, users[RM], loan_rate("4.20"))
    withdrawn = ask(store, users[RM], loan_rate("4.25"))
    move(store, users[APPROVER], rejected, Move.REJECT)
    move(store, users[RM], withdrawn, Move.WITHDRAW)
    with pytest.raises(DecisionRefused) as refused:
        move(store, users[MANAGER], rejected, Move.APPROVE, version=2)
    assert refused.value.code == "final"
    with unit_of_work(store) as session:
        assert session.scalars(select(Benefit)).all() == []
        statuses = {c.id: c.status.value for c in session.scalars(select(PriceConcession))}
        assert session.query(ConcessionDecision).count() == 4
    assert statuses == {rejected: "rejected", withdrawn: "withdrawn"}
    assert [e[0] for e in events(store)][-2:] == ["concession.reject", "concession.withdraw"]


def test_the_maker_cannot_approve_and_only_the_maker_withdraws(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    by_manager = ask(store, users[MANAGER], loan_rate("4.30"))
    by_rm = ask(store, users[RM], loan_rate("4.30"))
    with pytest.raises(DecisionRefused) as refused:
        move(store, users[MANAGER], by_manager, Move.APPROVE)
    assert refused.value.code == "maker"
    with pytest.raises(DecisionRefused) as refused:
        move(store, users[MANAGER], by_rm, Move.WITHDRAW)
    assert refused.value.code == "not_maker"
    with pytest.raises(DecisionRefused) as refused:
        move(store, users[AUDITOR], by_rm, Move.REJECT)
    assert refused.value.code == "not_checker"
    assert move(store, users[APPROVER], by_manager, Move.APPROVE) == 2


def test_a_manager_cannot_approve_100_bp_but_the_approver_can(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    concession_id = ask(store, users[RM], loan_rate("3.35"))
    with unit_of_work(store) as session:
        assert service.pending_for(session, users[MANAGER].principal, SETTINGS) == []
        [waiting] = service.pending_for(session, users[APPROVER].principal, SETTINGS)
    assert (waiting.id, waiting.size, waiting.required_role) == (
        concession_id,
        "100 bp",
        "approver",
    )
    assert (waiting.standard, waiting.requested) == ("****", "****")
    with pytest.raises(DecisionRefused) as refused:
        move(store, users[MANAGER], concession_id, Move.APPROVE)
    assert refused.value.code == "authority"
    assert move(store, users[APPROVER], concession_id, Move.APPROVE) == 2


def test_a_stale_version_is_a_conflict_and_changes_nothing(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    concession_id = ask(store, users[RM], loan_rate("4.20"))
    move(store, users[APPROVER], concession_id, Move.REJECT)
    with pytest.raises(StaleVersion):
        move(store, users[MANAGER], concession_id, Move.APPROVE, version=1)
    with unit_of_work(store) as session:
        stored = session.get(PriceConcession, concession_id)
        assert stored is not None
        assert stored.status.value == "rejected"
        assert session.scalars(select(Benefit)).all() == []


def test_out_of_scope_is_not_found_for_a_request_a_decision_and_a_view(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with pytest.raises(NotFound):
        ask(store, users[RM], loan_rate("4.20"), party=OTHER_BRANCH)
    li = add_user(store, "li", UserRole.MANAGER, branch_id="BR02")
    elsewhere = ask(store, li, loan_rate("4.20"), party=OTHER_BRANCH)
    for who in (users[RM], users[MANAGER]):
        with pytest.raises(NotFound):
            move(store, who, elsewhere, Move.REJECT)
        with unit_of_work(store) as session, pytest.raises(NotFound):
            service.detail(session, SETTINGS, who.principal, elsewhere, NOW.date())
    assert move(store, users[APPROVER], elsewhere, Move.REJECT) == 2  # the head office: all


def test_bad_terms_are_refused_field_by_field_and_nothing_is_saved(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    bad = NewConcession("NOPE", "loan_rate", "4.35", "4.50", "太短")
    with pytest.raises(ConcessionRefused) as refused:
        ask(store, users[RM], bad)
    assert set(refused.value.by_field()) == {"product_code", "requested", "justification"}
    beyond = NewConcession("LOAN01", "loan_rate", "4.35", "2.50", WHY)
    with pytest.raises(ConcessionRefused) as refused:
        ask(store, users[RM], beyond)
    [problem] = refused.value.problems
    assert problem.said.en == "beyond the head office's authority: take it to the pricing committee"
    with unit_of_work(store) as session:
        assert session.scalars(select(PriceConcession)).all() == []
    assert events(store) == []


def test_the_queue_shows_a_checker_what_they_may_decide_and_a_maker_their_own(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    small = ask(store, users[RM], loan_rate("4.20"))
    large = ask(store, users[RM], loan_rate("3.35"))
    own = ask(store, users[MANAGER], loan_rate("4.30"))
    with unit_of_work(store) as session:
        manager = service.queue(session, SETTINGS, users[MANAGER].principal, NOW.date())
        approver = service.queue(session, SETTINGS, users[APPROVER].principal, NOW.date())
        rm = service.queue(session, SETTINGS, users[RM].principal, NOW.date())
    assert [c.id for c in manager.to_decide] == [small]
    assert [c.id for c in manager.mine] == [own]
    assert [c.id for c in approver.to_decide] == [small, large, own]
    assert ([c.id for c in rm.to_decide], sorted(c.id for c in rm.mine)) == ([], [small, large])
    assert rm.standings[PARTY].contribution == "****"


def test_the_auditor_watches_every_waiting_request_and_decides_none(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    waiting = ask(store, users[RM], loan_rate("4.20"))
    with unit_of_work(store) as session:
        auditor = service.queue(session, SETTINGS, users[AUDITOR].principal, NOW.date())
        manager = service.queue(session, SETTINGS, users[MANAGER].principal, NOW.date())
        view = service.detail(session, SETTINGS, users[AUDITOR].principal, waiting, NOW.date())
    assert ([c.id for c in auditor.watching], auditor.to_decide, auditor.mine) == (
        [waiting],
        (),
        (),
    )
    assert manager.watching == ()
    assert view.moves == ()
    assert (view.concession.standard, view.concession.justification) == ("****", None)
