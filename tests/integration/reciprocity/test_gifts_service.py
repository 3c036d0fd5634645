"""Gifts on a real store, SQLite and PostgreSQL: a gift over a limit is refused with the reason
and nothing is written; a manager approves what an RM requested, never their own; a stale
version and a party out of scope are refused; the auditor's figures of a hand-made year; the
CSV export masked and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select

from bankladder.accounts.schemas import Account
from bankladder.config import Settings
from bankladder.errors import NotFound, StaleVersion
from bankladder.reciprocity import approvals, gift_report, service
from bankladder.reciprocity.schemas import BenefitRefused, MoveRefused, NewBenefit
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, Benefit
from bankladder.store.vocabulary import UserRole
from tests.workbench import ACCOUNT_EVENTS, small_bank, staff

pytestmark = pytest.mark.integration
NOW = dt.datetime(2026, 6, 30, 10, 0)
SETTINGS = Settings()
PARTY = "P-RM01-1"


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
    return staff(store)


def record(store: Engine, user: Account, worth: str, party: str = PARTY, day: str = "") -> Any:
    with unit_of_work(store) as session:
        new = NewBenefit("gift", day or None, worth, None, "中秋礼盒")
        return service.record_benefit(session, user.principal, party, new, NOW, settings=SETTINGS)


def count(store: Engine, model: Any) -> int:
    query = select(func.count()).select_from(model)
    if model is AuditEvent:  # the feature's own events, not the staff accounts' set-up
        query = query.where(AuditEvent.event.not_in(ACCOUNT_EVENTS))
    with unit_of_work(store) as session:
        return int(session.scalar(query) or 0)


def test_a_gift_over_a_limit_is_refused_with_the_reason_and_nothing_written(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    wang = users[UserRole.RM]
    with pytest.raises(BenefitRefused) as over:
        record(store, wang, "300.01")
    [problem] = over.value.problems
    assert (problem.field, problem.code) == ("worth", "per_gift")
    assert (count(store, Benefit), count(store, AuditEvent)) == (0, 0)
    for _ in range(3):
        assert record(store, wang, "300").status == "requested"
    with pytest.raises(BenefitRefused) as year:
        record(store, wang, "100.01")
    [problem] = year.value.problems
    assert problem.code == "per_party_year"
    assert problem.said is not None
    assert "CNY 900.00" in problem.said.en
    assert "CNY 100.00 is left" in problem.said.en
    assert "尚余100.00元" in problem.said.zh
    assert (count(store, Benefit), count(store, AuditEvent)) == (3, 3)
    assert record(store, wang, "100").status == "given"  # exactly the limit, no checker needed
    assert record(store, wang, "300", day="2025-12-31").status == "requested"  # another year


def test_a_manager_approves_the_rms_gift_and_the_rm_hands_it_over(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    wang, zhao = users[UserRole.RM], users[UserRole.MANAGER]
    done = record(store, wang, "200")
    with unit_of_work(store) as session:
        waiting = approvals.pending_for(session, SETTINGS, zhao.principal)
        assert [(g.id, g.worth) for g in waiting] == [(done.id, "****")]
        assert approvals.pending_for(session, SETTINGS, wang.principal) == []
        approved = approvals.act(
            session, SETTINGS, zhao.principal, done.id, 1, "approve", NOW, note="客户年度贡献高"
        )
    assert (approved.status, approved.version) == ("approved", 2)
    with unit_of_work(store) as session:
        view = service.ledger(session, SETTINGS, wang.principal, PARTY, NOW.date())
        assert (view.given.count, [b.status for b in view.given.pending]) == (0, ["approved"])
        given = approvals.act(session, SETTINGS, wang.principal, done.id, 2, "handover", NOW)
    assert (given.status, given.version) == ("given", 3)
    with unit_of_work(store) as session:
        view = service.ledger(session, SETTINGS, wang.principal, PARTY, NOW.date())
        saved = session.get_one(Benefit, done.id)
        own = select(AuditEvent).where(AuditEvent.event.not_in(ACCOUNT_EVENTS))
        events = session.scalars(own.order_by(AuditEvent.id)).all()
    assert (view.given.count, view.given.pending) == (1, ())
    assert (saved.checker_id, saved.maker_id) == (zhao.principal.user_id, wang.principal.user_id)
    assert [e.event for e in events] == ["benefit.record", "benefit.approve", "benefit.give"]
    assert events[1].reason == "客户年度贡献高"
    assert events[1].detail == {
        "party_id": PARTY,
        "kind": "gift",
        "from": "requested",
        "to": "approved",
    }
    assert "200" not in str([e.detail for e in events])


def test_the_maker_never_decides_and_a_refusal_names_its_reason(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    zhao, qian = users[UserRole.MANAGER], users[UserRole.APPROVER]
    done = record(store, zhao, "250")  # the manager made it: another checker decides
    with unit_of_work(store) as session, pytest.raises(MoveRefused) as own:
        approvals.act(session, SETTINGS, zhao.principal, done.id, 1, "approve", NOW)
    assert own.value.code == "maker"
    with unit_of_work(store) as session, pytest.raises(MoveRefused) as auditor:
        approvals.act(
            session, SETTINGS, users[UserRole.AUDITOR].principal, done.id, 1, "approve", NOW
        )
    assert auditor.value.code == "not_checker"
    with unit_of_work(store) as session:
        refused = approvals.act(
            session, SETTINGS, qian.principal, done.id, 1, "refuse", NOW, reason="budget"
        )
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.event == "benefit.refuse")
        ).one()
    assert refused.status == "refused"
    assert event.detail["refusal"] == "budget"
    with unit_of_work(store) as session, pytest.raises(MoveRefused) as final:
        approvals.act(session, SETTINGS, zhao.principal, done.id, 2, "cancel", NOW)
    assert final.value.code == "status"


def test_a_stale_version_and_a_party_out_of_scope_are_refused(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    wang, zhao = users[UserRole.RM], users[UserRole.MANAGER]
    done = record(store, wang, "200")
    with unit_of_work(store) as session:
        approvals.act(session, SETTINGS, zhao.principal, done.id, 1, "approve", NOW)
    with unit_of_work(store) as session, pytest.raises(StaleVersion):
        approvals.act(session, SETTINGS, wang.principal, done.id, 1, "cancel", NOW)
    other = record(store, users[UserRole.MANAGER], "200", party="P-RM02-1")
    with unit_of_work(store) as session, pytest.raises(NotFound):
        approvals.act(session, SETTINGS, wang.principal, other.id, 1, "cancel", NOW)
    with unit_of_work(store) as session:
        assert session.get_one(Benefit, other.id).status.value == "requested"


D = dt.date


def hand_made_year(store: Engine, users: dict[UserRole, Account]) -> None:
    """P-RM01-1: 300 and 100 given in 2026, 200 waiting, 250 refused (budget), 300 given on
    2025-12-31 (another year); P-RM02-1: 50 given; P-RM03-1 (branch BR02): 80 given."""
    wang = users[UserRole.RM].principal.user_id

    def gift(party: str, rm: str, day: dt.date, worth: int, status: str) -> dict[str, Any]:
        return {"party_id": party, "rm_id": rm, "given_on": day, "kind": "gift",
                "worth": Decimal(worth), "status": status, "maker_id": wang}  # fmt: skip

    with unit_of_work(store) as session:
        session.execute(
            insert(Benefit),
            [
                gift(PARTY, "RM01", D(2026, 2, 1), 300, "given"),
                gift(PARTY, "RM01", D(2026, 3, 1), 100, "given"),
                gift(PARTY, "RM01", D(2026, 6, 1), 200, "requested"),
                gift(PARTY, "RM01", D(2025, 12, 31), 300, "given"),
                gift("P-RM02-1", "RM02", D(2026, 1, 1), 50, "given"),
                gift("P-RM03-1", "RM03", D(2026, 5, 5), 80, "given"),
            ],
        )
    refused = record(store, users[UserRole.RM], "250")
    with unit_of_work(store) as session:
        approvals.act(
            session,
            SETTINGS,
            users[UserRole.APPROVER].principal,
            refused.id,
            1,
            "refuse",
            NOW,
            reason="budget",
        )


def test_the_auditors_figures_of_a_hand_made_year(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    hand_made_year(store, users)
    auditor = users[UserRole.AUDITOR].principal
    with unit_of_work(store) as session:
        year = gift_report.report(session, SETTINGS, auditor, 2026)
        by_rm = gift_report.report(session, SETTINGS, auditor, 2026, rm_id="RM02")
        by_branch = gift_report.report(session, SETTINGS, auditor, 2026, branch_id="BR02")
        before = gift_report.report(session, SETTINGS, auditor, 2025)
    assert [(p.party_id, p.given, p.limit_used_pct, p.refused) for p in year.parties] == [
        ("P-RM01-1", 2, "60.0", 1),
        ("P-RM02-1", 1, "5.0", 0),
        ("P-RM03-1", 1, "8.0", 0),
    ]
    assert {p.given_total for p in year.parties} == {"****"}
    assert year.parties[0].party_name == "客" + "*" * 9  # 客户P-RM01-1, masked
    assert [(r.rm_id, r.branch_id, r.parties, r.given, r.refused) for r in year.rms] == [
        ("RM01", "BR01", 1, 2, 1),
        ("RM02", "BR01", 1, 1, 0),
        ("RM03", "BR02", 1, 1, 0),
    ]
    [refusal] = year.refused
    assert (refusal.party_id, refusal.worth) == (PARTY, "****")
    assert refusal.reason is not None
    assert refusal.reason.en == "beyond the marketing budget"
    assert [p.party_id for p in by_rm.parties] == ["P-RM02-1"]
    assert [p.party_id for p in by_branch.parties] == ["P-RM03-1"]
    assert [(p.party_id, p.limit_used_pct) for p in before.parties] == [(PARTY, "30.0")]


def test_the_csv_export_is_masked_and_audited(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    hand_made_year(store, users)
    auditor = users[UserRole.AUDITOR].principal
    with unit_of_work(store) as session:
        shown = gift_report.report(session, SETTINGS, auditor, 2026)
        rows = gift_report.export(session, auditor, shown, NOW, "en")
    with unit_of_work(store) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.event == "gifts.export")).one()
    assert [r["section"] for r in rows].count("party") == 3
    assert [r["section"] for r in rows].count("refused") == 1
    text = str(rows)
    for figure in ("300", "250", "客户P"):
        assert figure not in text
    assert (event.user_id, event.object_type, event.object_id) == (
        auditor.user_id,
        "report",
        "gifts",
    )
    assert event.detail == {
        "year": 2026,
        "branch_id": None,
        "rm_id": None,
        "rows": 7,
        "format": "csv",
    }


def test_a_hand_over_weighs_the_gift_again_in_the_year_it_is_given(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    """Approved in December, handed over in January: the new year's gifts count then."""
    wang, zhao = users[UserRole.RM], users[UserRole.MANAGER]
    done = record(store, wang, "300")
    with unit_of_work(store) as session:
        approvals.act(session, SETTINGS, zhao.principal, done.id, 1, "approve", NOW)
        session.execute(
            insert(Benefit),
            [
                {
                    "party_id": PARTY,
                    "rm_id": "RM01",
                    "given_on": D(2027, 1, 1),
                    "kind": "gift",
                    "worth": Decimal(800),
                    "status": "given",
                }
            ],
        )
    january = dt.datetime(2027, 1, 2, 9, 0)
    with unit_of_work(store) as session, pytest.raises(MoveRefused) as over:
        approvals.act(session, SETTINGS, wang.principal, done.id, 2, "handover", january)
    assert over.value.code == "per_party_year"
    assert "2027" in over.value.reason.en
    with unit_of_work(store) as session:
        given = approvals.act(session, SETTINGS, wang.principal, done.id, 2, "handover", NOW)
        saved = session.get_one(Benefit, done.id)
    assert (given.status, saved.given_on) == ("given", NOW.date())
