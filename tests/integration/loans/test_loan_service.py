"""The loan pipeline on a real store (SQLite and PostgreSQL): the seeded book's known
answers (seed.py), moves with their rules, documents, scope, quotas and alerts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.config import Settings
from bankladder.errors import NotFound, StaleVersion
from bankladder.loans import allocation, service, views
from bankladder.loans.schemas import ApplicationRefused, NewApplication, Refused
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, LoanApplication, LoanMove
from bankladder.store.vocabulary import UserRole
from tests.integration.loans.conftest import Bank
from tests.integration.loans.seed import NOW

pytestmark = pytest.mark.integration
SETTINGS = Settings()
RM, MANAGER, APPROVER = UserRole.RM, UserRole.MANAGER, UserRole.APPROVER


def test_the_pipeline_shows_the_sla_of_each_application_in_scope(bank: Bank) -> None:
    engine, people = bank
    with unit_of_work(engine) as session:
        mine = views.pipeline(session, SETTINGS, people[RM].principal, NOW)
        branch = views.pipeline(session, SETTINGS, people[MANAGER].principal, NOW)
        everything = views.pipeline(session, SETTINGS, None, NOW)
        breached = views.pipeline(session, SETTINGS, None, NOW, sla_state="breached")
    assert [a.id for a in mine.applications] == ["LA-B", "LA-A"]  # newest received first
    assert {a.id for a in branch.applications} == {"LA-A", "LA-B", "LA-C"}
    states = {a.id: a.sla.state for a in everything.applications if a.sla}
    assert states == {"LA-A": "missed", "LA-B": "near_breach", "LA-C": "breached", "LA-D": "met"}
    assert [a.id for a in breached.applications] == ["LA-C"]
    b = next(a for a in mine.applications if a.id == "LA-B")
    assert b.sla is not None
    assert (b.sla.used, b.sla.deadline) == (1.8, dt.datetime(2026, 6, 30, 18))
    assert {a.amount for a in everything.applications} == {"****"}  # masked


def test_turnaround_per_rm_and_step_and_the_bottleneck(bank: Bank) -> None:
    engine, people = bank
    with unit_of_work(engine) as session:
        board = views.dashboard(session, SETTINGS, None, NOW)
        branch = views.dashboard(session, SETTINGS, people[MANAGER].principal, NOW)
    rms = {r.rm_id: (r.count, r.open, r.median_days) for r in board.per_rm}
    assert rms == {"RM01": (2, 1, 2.31), "RM02": (1, 1, 5.5), "RM03": (1, 0, 0.25)}
    steps = {s.step: (s.count, s.median_days, s.total_days) for s in board.per_step}
    assert steps == {
        "received": (4, 0.69, 3.38),
        "documents_complete": (2, 0.25, 0.5),
        "credit_review": (2, 2.75, 5.5),
        "approved": (1, 1.0, 1.0),
    }
    assert board.bottleneck is not None
    assert "授信审查" in board.bottleneck.zh
    assert "53%" in board.bottleneck.en
    assert {r.rm_id for r in branch.per_rm} == {"RM01", "RM02"}


def test_quotas_allocated_used_available(bank: Bank) -> None:
    engine, people = bank
    with unit_of_work(engine) as session:
        lines = allocation.quotas(session, people[MANAGER].principal, 2026)
        none_for_rm = allocation.quotas(session, people[RM].principal, 2026)
    figures = {(q.branch_id, q.rm_id): (q.allocated, q.used, q.available) for q in lines}
    assert figures == {
        ("BR01", None): (Decimal(5_000_000), Decimal(1_000_000), Decimal(4_000_000)),
        ("BR01", "RM01"): (Decimal(3_000_000), Decimal(1_000_000), Decimal(2_000_000)),
        ("BR01", "RM02"): (Decimal(1_000_000), Decimal(0), Decimal(1_000_000)),
    }
    assert none_for_rm == ()


def test_setting_a_quota_within_the_branch_and_refused_beyond(bank: Bank) -> None:
    engine, people = bank
    zhao = people[MANAGER].principal
    with unit_of_work(engine) as session:
        allocation.set_quota(session, zhao, 2026, "BR01", "RM02", "2,000,000", NOW)
    with unit_of_work(engine) as session:
        with pytest.raises(Refused, match="more than the branch"):
            allocation.set_quota(session, zhao, 2026, "BR01", "RM02", "2000000.01", NOW)
        with pytest.raises(Refused, match="own branch"):
            allocation.set_quota(session, zhao, 2026, "BR02", "RM03", "1", NOW)
        with pytest.raises(Refused, match="admin or a branch manager"):
            allocation.set_quota(session, people[RM].principal, 2026, "BR01", "RM01", "1", NOW)
    with unit_of_work(engine) as session:
        lines = {(q.rm_id): q.allocated for q in allocation.quotas(session, zhao, 2026)}
        events = session.scalar(select(func.count()).where(AuditEvent.event == "loan.quota"))
    assert lines["RM02"] == Decimal(2_000_000)
    assert events == 1


def test_an_application_moves_from_received_to_disbursed(bank: Bank) -> None:
    engine, people = bank
    wang, zhao = people[RM].principal, people[MANAGER].principal
    with unit_of_work(engine) as session:
        with pytest.raises(Refused, match="LICENCE, STATEMENTS"):
            service.move(session, SETTINGS, wang, "LA-B", "documents_complete", 1, NOW)
        service.receive_document(session, wang, "LA-B", "LICENCE", NOW)
        service.receive_document(session, wang, "LA-B", "STATEMENTS", NOW)
        assert not service.receive_document(session, wang, "LA-B", "STATEMENTS", NOW)  # again
        version = service.move(session, SETTINGS, wang, "LA-B", "documents_complete", 1, NOW)
        version = service.move(session, SETTINGS, wang, "LA-B", "credit_review", version, NOW)
        with pytest.raises(Refused, match="approvals permission"):
            service.move(session, SETTINGS, wang, "LA-B", "approved", version, NOW)
        with pytest.raises(StaleVersion):
            service.move(session, SETTINGS, zhao, "LA-B", "approved", version - 1, NOW)
        version = service.move(session, SETTINGS, zhao, "LA-B", "approved", version, NOW)
        assert service.move(session, SETTINGS, wang, "LA-B", "disbursed", version, NOW) == 5
    with unit_of_work(engine) as session:
        loan = session.get(LoanApplication, "LA-B")
        query = select(LoanMove.to_status).where(LoanMove.application_id == "LA-B")
        moves = list(session.scalars(query.order_by(LoanMove.id)))
        events = session.scalar(select(func.count()).where(AuditEvent.event == "loan.move"))
        quota = {q.rm_id: q.used for q in allocation.quotas(session, zhao, 2026)}
    assert loan is not None
    assert (loan.status.value, loan.status_at, loan.version) == ("disbursed", NOW, 5)
    assert [m.value for m in moves] == [
        "received",
        "documents_complete",
        "credit_review",
        "approved",
        "disbursed",
    ]
    assert events == 4
    assert quota["RM01"] == Decimal(3_000_000)  # LA-A and LA-B


def _to_review(session: Session, who: Principal, party: str, amount: str) -> tuple[str, int]:
    made = service.register(session, who, party, NewApplication("LOAN02", amount), NOW)
    version = service.move(session, SETTINGS, who, made, "documents_complete", 1, NOW)
    return made, service.move(session, SETTINGS, who, made, "credit_review", version, NOW)


def test_the_maker_never_checks_and_authority_limits_approval(bank: Bank) -> None:
    engine, people = bank
    wang, zhao, qian = (people[role].principal for role in (RM, MANAGER, APPROVER))
    with unit_of_work(engine) as session:
        own, own_version = _to_review(session, zhao, "P-RM02-1", "100000")
        big, big_version = _to_review(session, wang, "P-RM01-1", "4000000")
        with pytest.raises(Refused, match="maker is never the checker"):
            service.move(session, SETTINGS, zhao, own, "declined", own_version, NOW)
        with pytest.raises(Refused, match="authority"):
            service.move(session, SETTINGS, zhao, big, "approved", big_version, NOW)
        assert [p.application_id for p in service.pending_for(session, zhao, SETTINGS)] == [
            "LA-C",
            big,
        ]
        pending = {p.application_id for p in service.pending_for(session, qian, SETTINGS)}
        assert pending == {"LA-C", own, big}
        assert service.pending_for(session, wang, SETTINGS) == []
        service.move(session, SETTINGS, qian, big, "approved", big_version, NOW)
        service.move(session, SETTINGS, qian, own, "declined", own_version, NOW)
    assert (own, big) == ("LA202606300001", "LA202606300002")


def test_registering_checks_every_field(bank: Bank) -> None:
    engine, people = bank
    wang = people[RM].principal
    with unit_of_work(engine) as session:
        with pytest.raises(ApplicationRefused) as refused:
            service.register(session, wang, "P-RM01-1", NewApplication("DEP01", "0"), NOW)
        assert refused.value.by_field() == {"amount": "amount"}
        with pytest.raises(ApplicationRefused) as refused:
            service.register(session, wang, "P-RM01-1", NewApplication("DEP01", "10"), NOW)
        assert refused.value.by_field() == {"product_code": "product"}
        with pytest.raises(NotFound):
            service.register(session, wang, "P-RM02-1", NewApplication("LOAN01", "10"), NOW)
        first = service.register(session, wang, "P-RM01-1", NewApplication("LOAN01", "10"), NOW)
        second = service.register(session, wang, "P-RM01-1", NewApplication("LOAN01", "10"), NOW)
    assert (first, second) == ("LA202606300001", "LA202606300002")


def test_out_of_scope_is_not_found(bank: Bank) -> None:
    engine, people = bank
    wang, zhao = people[RM].principal, people[MANAGER].principal
    with unit_of_work(engine) as session:
        with pytest.raises(NotFound):
            views.detail(session, SETTINGS, wang, "LA-C", NOW)
        with pytest.raises(NotFound):
            views.detail(session, SETTINGS, zhao, "LA-D", NOW)
        with pytest.raises(NotFound):
            service.move(session, SETTINGS, wang, "LA-C", "withdrawn", 1, NOW)
        with pytest.raises(NotFound):
            service.receive_document(session, wang, "LA-C", "SUPPLEMENT", NOW)
        assert views.detail(session, SETTINGS, zhao, "LA-C", NOW).application.id == "LA-C"


def test_sla_alerts_name_the_step_in_both_languages(bank: Bank) -> None:
    engine, people = bank
    with unit_of_work(engine) as session:
        mine = service.sla_alerts(session, people[RM].principal, NOW, SETTINGS)
        branch = service.sla_alerts(session, people[MANAGER].principal, NOW, SETTINGS)
    assert [(a.application_id, a.state) for a in mine] == [("LA-B", "near_breach")]
    assert [a.application_id for a in branch] == ["LA-C", "LA-B"]  # the earlier deadline first
    reason = mine[0].reason
    assert reason.zh == (
        "流动资金贷款 LA-B：即将超时，已用 1.8 个工作日，时限 2 个工作日，卡在“已受理”"
    )
    assert "waiting in received" in reason.en


def test_the_detail_offers_the_callers_moves(bank: Bank) -> None:
    engine, people = bank
    with unit_of_work(engine) as session:
        for_wang = views.detail(session, SETTINGS, people[RM].principal, "LA-B", NOW)
        for_qian = views.detail(session, SETTINGS, people[APPROVER].principal, "LA-C", NOW)
    assert [m.to_status for m in for_wang.offered] == ["withdrawn"]  # documents missing
    assert [d.code for d in for_wang.documents] == ["LICENCE", "STATEMENTS", "SITE", "SUPPLEMENT"]
    assert for_wang.may_receive
    assert [m.to_status for m in for_qian.offered] == ["approved", "declined"]
    assert for_qian.application.amount == "500,000.00"  # a checker sees the amount to decide
    assert for_wang.application.amount == "****"
    assert not for_qian.may_receive
    assert [m.to_status for m in for_qian.moves] == [
        "received",
        "documents_complete",
        "credit_review",
    ]
