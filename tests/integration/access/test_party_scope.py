"""One place scopes every party query: an RM sees their book, a manager their branch, an
auditor everything, an admin nothing; a party out of scope is not found, like an unknown one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from bankladder.access.principal import Principal
from bankladder.access.scope import parties_in_scope, scope_party_owned, visible_party
from bankladder.errors import NotFound
from bankladder.store.database import unit_of_work
from bankladder.store.models import Interaction
from bankladder.store.vocabulary import UserRole
from tests.workbench import PARTIES, small_bank

pytestmark = pytest.mark.integration

RM01 = Principal(1, UserRole.RM, rm_id="RM01")
MANAGER_BR01 = Principal(2, UserRole.MANAGER, branch_id="BR01")
ADMIN = Principal(3, UserRole.ADMIN)
AUDITOR = Principal(4, UserRole.AUDITOR)


@pytest.fixture
def bank(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    with unit_of_work(engine) as session:
        session.execute(
            insert(Interaction),
            [
                {
                    "party_id": party,
                    "rm_id": rm,
                    "kind": "visit",
                    "occurred_at": dt.datetime(2026, 6, 1),
                }
                for party, rm in PARTIES.items()
            ],
        )
    yield engine
    engine.dispose()


def visible_ids(bank: Engine, principal: Principal) -> set[str]:
    with unit_of_work(bank) as session:
        return {party.id for party in session.scalars(parties_in_scope(principal))}


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (RM01, {"P-RM01-1", "P-RM01-2"}),
        (MANAGER_BR01, {"P-RM01-1", "P-RM01-2", "P-RM02-1"}),
        (AUDITOR, set(PARTIES)),
        (ADMIN, set()),
        (Principal(5, UserRole.RM, rm_id=None), set()),  # an rm bound to no book sees nothing
        (Principal(6, UserRole.MANAGER, branch_id="BR99"), set()),
    ],
    ids=[
        "rm-own-book",
        "manager-own-branch",
        "auditor-all",
        "admin-none",
        "rm-unbound",
        "manager-empty-branch",
    ],
)
def test_each_role_sees_exactly_its_scope(
    bank: Engine, principal: Principal, expected: set[str]
) -> None:
    assert visible_ids(bank, principal) == expected


def test_an_rm_asking_for_another_rms_party_gets_not_found_like_an_unknown_id(bank: Engine) -> None:
    with unit_of_work(bank) as session:
        assert visible_party(session, RM01, "P-RM01-1").id == "P-RM01-1"
        with pytest.raises(NotFound) as foreign:
            visible_party(session, RM01, "P-RM02-1")
        with pytest.raises(NotFound) as unknown:
            visible_party(session, RM01, "P-NOBODY")
    assert str(foreign.value).replace("P-RM02-1", "ID") == str(unknown.value).replace(
        "P-NOBODY", "ID"
    )


def test_a_manager_does_not_see_another_branchs_party(bank: Engine) -> None:
    with unit_of_work(bank) as session, pytest.raises(NotFound):
        visible_party(session, MANAGER_BR01, "P-RM03-1")


def test_objects_a_party_owns_are_scoped_through_their_party(bank: Engine) -> None:
    query = select(Interaction.party_id)
    with unit_of_work(bank) as session:
        seen = set(session.scalars(scope_party_owned(query, Interaction.party_id, RM01)))
        manager_seen = set(
            session.scalars(scope_party_owned(query, Interaction.party_id, MANAGER_BR01))
        )
    assert seen == {"P-RM01-1", "P-RM01-2"}
    assert manager_seen == {"P-RM01-1", "P-RM01-2", "P-RM02-1"}
