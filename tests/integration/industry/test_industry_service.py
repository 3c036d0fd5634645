"""The industry focus on a real store, SQLite and PostgreSQL: targets and specialisations
set and audited, bad codes refused in words, nothing half-written; each user reads the books
and prospects of their scope only (an RM never sees another book's prospect)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from bankladder.accounts.schemas import Account
from bankladder.errors import NotFound
from bankladder.industry import service
from bankladder.industry.schemas import IndustryRefused
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, RmSpecialisation, TargetIndustry
from bankladder.store.vocabulary import UserRole
from tests.integration.industry.seed import seed_enterprises
from tests.workbench import ACCOUNT_EVENTS, small_bank, staff

pytestmark = pytest.mark.integration
NOW = dt.datetime(2026, 6, 30, 10, 0)


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
    seed_enterprises(store)
    return people


def events(store: Engine) -> list[tuple[str, str, int | None]]:
    with unit_of_work(store) as session:
        rows = session.execute(
            select(AuditEvent.event, AuditEvent.object_id, AuditEvent.user_id)
            .where(AuditEvent.event.not_in(ACCOUNT_EVENTS))
            .order_by(AuditEvent.id)
        ).tuples()
        return list(rows)


def test_an_admin_aims_the_bank_at_industries_and_each_change_is_audited(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    admin = users[UserRole.ADMIN].principal
    with unit_of_work(store) as session:
        service.add_target(session, admin, " c13 ", NOW, priority=1, note="食品园区")
        service.add_target(session, admin, "F", NOW, priority=2)
    with unit_of_work(store) as session:
        shown = service.targets(session)
    assert [(t.industry.code, t.priority, t.since) for t in shown] == [
        ("C13", 1, NOW.date()),
        ("F", 2, NOW.date()),
    ]
    assert (shown[0].industry.zh, shown[1].industry.en) == (
        "农副食品加工业",
        "Wholesale and retail trade",
    )
    with unit_of_work(store) as session:
        service.add_target(session, admin, "F", NOW, priority=3)  # again: the priority changes
        service.remove_target(session, admin, "C13", NOW)
    with unit_of_work(store) as session:
        assert [(t.industry.code, t.priority) for t in service.targets(session)] == [("F", 3)]
    who = users[UserRole.ADMIN].id
    assert events(store) == [
        ("industry.target", "C13", who),
        ("industry.target", "F", who),
        ("industry.target", "F", who),
        ("industry.untarget", "C13", who),
    ]


def test_a_bad_code_is_refused_naming_it_and_a_near_valid_one_and_nothing_is_written(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    admin = users[UserRole.ADMIN].principal
    with unit_of_work(store) as session, pytest.raises(IndustryRefused) as refused:
        service.add_target(session, admin, "F13", NOW)
    assert "'F13'" in refused.value.what
    assert "C13" in refused.value.what
    assert "农副食品加工业" in refused.value.what
    with unit_of_work(store) as session, pytest.raises(IndustryRefused) as refused:
        service.specialise(session, admin, "RM01", ["C", "X99"], NOW)
    assert "'X99'" in refused.value.what
    with unit_of_work(store) as session:
        assert session.scalar(select(func.count()).select_from(TargetIndustry)) == 0
        assert session.scalar(select(func.count()).select_from(RmSpecialisation)) == 0
    assert events(store) == []


def test_removing_what_is_not_a_target_and_an_unknown_rm_are_not_found(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session, pytest.raises(NotFound, match="C13"):
        service.remove_target(session, None, "C13", NOW)
    with unit_of_work(store) as session, pytest.raises(NotFound, match="RM99"):
        service.specialise(session, None, "RM99", ["C"], NOW)


def test_specialisations_are_replaced_whole_and_audited_by_the_operator(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session:
        service.specialise(session, None, "RM01", ["C13", "F", "c13"], NOW)
        service.specialise(session, None, "RM02", ["G54"], NOW)
        service.specialise(session, None, "RM02", [], NOW)  # cleared
    with unit_of_work(store) as session:
        shown = {s.rm_id: [i.code for i in s.industries] for s in service.specialisations(session)}
    assert shown == {"RM01": ["C13", "F"], "RM02": [], "RM03": []}
    assert events(store) == [
        ("industry.specialise", "RM01", None),
        ("industry.specialise", "RM02", None),
        ("industry.specialise", "RM02", None),
    ]


def test_each_role_reads_the_concentration_of_the_books_in_its_scope(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session:
        service.add_target(session, None, "C13", NOW)
        service.specialise(session, None, "RM01", ["F"], NOW)
    seen = {}
    with unit_of_work(store) as session:
        for role, account in users.items():
            seen[role] = service.concentrations(session, account.principal)
    assert [b.rm_id for b in seen[UserRole.RM]] == ["RM01"]
    assert [b.rm_id for b in seen[UserRole.MANAGER]] == ["RM01", "RM02"]
    assert [b.rm_id for b in seen[UserRole.AUDITOR]] == ["RM01", "RM02", "RM03"]
    assert [b.rm_id for b in seen[UserRole.APPROVER]] == ["RM01", "RM02", "RM03"]
    assert seen[UserRole.ADMIN] == ()
    book = seen[UserRole.RM][0]
    figures = book.concentration
    assert (figures.parties, figures.classified) == (3, 3)  # enterprise customers only
    assert [(s.section, s.count) for s in figures.sections] == [("C", 2), ("F", 1)]
    assert figures.hhi == pytest.approx(5 / 9)
    assert (figures.in_targets, figures.in_specialisations) == (2, 1)
    assert [i.code for i in book.specialisations] == ["F"]
    empty = seen[UserRole.AUDITOR][2].concentration
    assert (empty.parties, empty.hhi) == (0, None)


def test_an_rm_never_sees_another_books_prospect(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    def listed(role: UserRole, code: str, region: str | None = None) -> list[str]:
        with unit_of_work(store) as session:
            found = service.prospects(session, users[role].principal, code, region)
        return [p.party_id for p in found.prospects]

    assert listed(UserRole.RM, "C13") == ["E-RM01-P2"]
    assert listed(UserRole.MANAGER, "C13") == ["E-RM01-P2", "E-RM02-P1"]
    assert listed(UserRole.AUDITOR, "C13") == [
        "E-NONE-P1",
        "E-RM01-P2",
        "E-RM02-P1",
        "E-RM03-P1",
    ]
    assert listed(UserRole.ADMIN, "C") == []
    assert listed(UserRole.RM, "F", "澄江区") == ["E-RM01-P3"]
    assert listed(UserRole.RM, "F", "高新区") == []


def test_prospects_of_targeted_industries_come_first_with_their_newest_stage(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    rm = users[UserRole.RM].principal
    with unit_of_work(store) as session:
        untargeted = service.prospects(session, rm, "C", "高新区")
        service.add_target(session, None, "C13", NOW)
        targeted = service.prospects(session, rm, "C", "高新区")
    assert [p.party_id for p in untargeted.prospects] == ["E-RM01-P1", "E-RM01-P2"]  # rung 2 first
    assert [p.party_id for p in targeted.prospects] == ["E-RM01-P2", "E-RM01-P1"]
    first, second = targeted.prospects
    assert (first.targeted, second.targeted, targeted.targeted) == (True, False, False)
    assert (second.stage_id, second.stage_rank) == ("discovery", 2)
    assert (first.stage_id, first.stage_rank) == (None, 0)
    assert (second.name, second.industry.zh, targeted.total) == (
        "E-RM01-P1有限公司",
        "通用设备制造业",
        2,
    )


def test_a_prospect_list_for_a_bad_code_says_which_code_to_use(
    store: Engine, users: dict[UserRole, Account]
) -> None:
    with unit_of_work(store) as session, pytest.raises(IndustryRefused, match="C13"):
        service.prospects(session, users[UserRole.RM].principal, "13")
