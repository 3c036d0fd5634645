"""The ledger and the recording of favours on a real store: SQLite and PostgreSQL give the
same figures for the hand-made ledger of ``seed.py``; scope decides what each user sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from bankladder.accounts.schemas import Account
from bankladder.config import Settings
from bankladder.errors import NotFound
from bankladder.playbooks import default_playbook_path
from bankladder.reciprocity import service
from bankladder.reciprocity.schemas import BenefitRefused, NewBenefit
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, Benefit, Party
from bankladder.store.vocabulary import UserRole
from tests.integration.reciprocity.seed import AS_OF, NOTE, PARTY, seed_ledger
from tests.workbench import small_bank, staff

pytestmark = pytest.mark.integration
NOW = dt.datetime(2026, 6, 30, 10, 0)
SETTINGS = Settings()


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
    people = staff(store)
    seed_ledger(store)
    return people


def test_both_sides_of_the_ledger_are_weighed_over_the_twelve_months(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session:
        view = service.ledger(
            session, SETTINGS, users[UserRole.RM].principal, PARTY, AS_OF, unmasked=True
        )
    assert (view.given.count, view.given.worth) == (3, "12,800.00")
    assert [(k.kind, k.count, k.worth) for k in view.given.by_kind] == [
        ("introduction", 1, "0.00"),
        ("price_concession", 1, "12,000.00"),
        ("vip_service", 1, "800.00"),
    ]
    assert [b.kind for b in view.given.benefits] == [
        "vip_service",
        "introduction",
        "price_concession",
    ]
    brought = view.brought
    assert (brought.balance, brought.balance_year_ago, brought.balance_change) == (
        "450,000.00",
        "400,000.00",
        "+50,000.00",
    )
    assert (brought.settlement_inflow, brought.settlement_months) == ("1,200,000.00", 12)
    assert (brought.referrals_made, brought.referrals_converted, brought.products_held) == (2, 1, 2)
    assert (view.contribution, view.vip_tier) == ("550,000.00", 2)
    assert (view.party.stage_id, view.party.stage_rank, view.win_win) == ("win_win", 5, True)
    assert "3 favours worth CNY 12,800.00" in view.statement.en


def test_the_ledger_is_masked_by_default_and_the_introduced_person_always(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session:
        view = service.ledger(session, SETTINGS, users[UserRole.AUDITOR].principal, PARTY, AS_OF)
    assert view.party.name == "客" + "*" * 9  # 客户P-RM01-1
    assert {view.contribution, view.brought.balance, view.given.worth} == {"****"}
    assert view.vip_tier == 2  # a tier is not an amount
    introduction = next(b for b in view.given.benefits if b.kind == "introduction")
    assert (introduction.counterpart_name, introduction.counterpart_visible) == (
        "客" + "*" * 9,
        True,
    )
    concession = next(b for b in view.given.benefits if b.kind == "price_concession")
    assert (concession.worth, concession.has_note, concession.note) == ("****", True, None)
    assert "12,800" not in view.statement.en + view.statement.zh


def test_an_rm_sees_the_introduced_party_of_another_branch_only_as_a_masked_name(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session:
        view = service.ledger(session, SETTINGS, users[UserRole.RM].principal, PARTY, AS_OF)
    introduction = next(b for b in view.given.benefits if b.kind == "introduction")
    assert introduction.counterpart_visible is False


def test_a_party_out_of_scope_is_not_found(store: Engine, users: dict[UserRole, Account]) -> None:
    with unit_of_work(store) as session, pytest.raises(NotFound):
        service.ledger(session, SETTINGS, users[UserRole.RM].principal, "P-RM02-1", AS_OF)
    with unit_of_work(store) as session, pytest.raises(NotFound):
        service.ledger(session, SETTINGS, users[UserRole.ADMIN].principal, PARTY, AS_OF)


def test_a_year_earlier_the_party_stood_on_tier_1(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session:
        view = service.ledger(session, SETTINGS, None, PARTY, dt.date(2025, 7, 30), unmasked=True)
    assert (view.brought.settlement_months, view.vip_tier) == (2, 1)  # 400,000 + 16,666.67
    assert (view.win_win, view.party.stage_rank) == (False, 0)


def test_unmasking_states_a_reason_and_audits_the_fields_not_the_values(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    principal = users[UserRole.MANAGER].principal
    with unit_of_work(store) as session:
        view = service.unmask(
            session, SETTINGS, principal, PARTY, AS_OF, "准备议价，核对贡献度", NOW
        )
    assert view.given.benefits[2].note == NOTE
    with unit_of_work(store) as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.event == "reciprocity.unmask")
        ).one()
    assert "benefit.note" in event.detail["fields"]
    assert NOTE not in str(event.detail)
    assert "550" not in str(event.detail)


def test_a_favour_is_recorded_with_an_audit_event_and_the_party_left_as_it_was(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    principal = users[UserRole.RM].principal
    new = NewBenefit("introduction", "2026-06-29", "5000", "P-RM01-2", "介绍给上游供应商")
    with unit_of_work(store) as session:
        version = session.scalar(select(Party.version).where(Party.id == PARTY))
        done = service.record_benefit(session, principal, PARTY, new, NOW, settings=SETTINGS)
    with unit_of_work(store) as session:
        saved = session.get_one(Benefit, done.id)
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.event == "benefit.record")
        ).one()
        assert session.scalar(select(Party.version).where(Party.id == PARTY)) == version
        assert (saved.kind.value, saved.rm_id, saved.counterpart_id) == (
            "introduction",
            "RM01",
            "P-RM01-2",
        )
    assert event.detail == {
        "party_id": PARTY,
        "kind": "introduction",
        "given_on": "2026-06-29",
        "valued": True,
        "counterpart_id": "P-RM01-2",
        "status": "given",
    }


def test_an_introduction_to_a_party_out_of_scope_is_refused_and_nothing_saved(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    new = NewBenefit("introduction", None, None, "P-RM03-1")
    with unit_of_work(store) as session, pytest.raises(BenefitRefused) as refused:
        service.record_benefit(
            session, users[UserRole.RM].principal, PARTY, new, NOW, settings=SETTINGS
        )
    assert refused.value.by_field() == {"counterpart_id": "party"}
    with unit_of_work(store) as session:
        assert session.scalar(select(func.count()).select_from(Benefit)) == 4


def test_the_tier_follows_the_playbooks_vip_section(
    store: Engine, users: dict[UserRole, Account], tmp_path: Path
) -> None:
    """Tier 2 at 600,000 in this bank's playbook: the same 550,000 stands on tier 1."""
    shipped = default_playbook_path().read_text(encoding="utf-8")
    stricter = shipped.replace(
        "persons: [50_000, 500_000, 6_000_000]", "persons: [50_000, 600_000, 6_000_000]"
    )
    assert stricter != shipped
    playbook = tmp_path / "playbook.yaml"
    playbook.write_text(stricter, encoding="utf-8")
    with unit_of_work(store) as session:
        view = service.ledger(session, Settings(playbook=playbook), None, PARTY, AS_OF)
    assert view.vip_tier == 1
