"""The audit trail records the operator's changes and exports too, not only the workbench's:
a file imported, a user created, an API token issued and revoked, two parties merged, a
whole evaluation run, a network run and an extract written; the trail still verifies, and no
event carries a personal value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bankladder.accounts.schemas import NewUser
from bankladder.accounts.service import create_user, issue_api_token, revoke_api_token
from bankladder.audit import service as audit
from bankladder.batch.service import export_parquet
from bankladder.evaluation.service import evaluate_store
from bankladder.imports.service import import_file
from bankladder.ladder.model import Ladder
from bankladder.network.compute import run as network_run
from bankladder.parties.service import merge
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, UserAccount
from bankladder.store.vocabulary import UserLocale, UserRole
from tests.support import StoreBuilder, d

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 6, 30, 9, 0)
PASSWORD = "correct horse battery staple"


@pytest.fixture
def store(store_path: Path) -> Engine:
    b = StoreBuilder()
    b.party("KEEP", id_number="110101199003074514")
    b.party("DUP", id_number="110101199003074514")
    return b.build(store_path)


def _events(store: Engine) -> list[tuple[str, str, dict[str, object]]]:
    with unit_of_work(store) as session:
        rows = session.execute(
            select(AuditEvent.event, AuditEvent.object_id, AuditEvent.detail).order_by(
                AuditEvent.id
            )
        )
        return [(row[0], row[1], row[2]) for row in rows]


def test_the_operator_s_changes_and_exports_are_in_the_trail(
    store: Engine, tmp_path: Path, young_ladder: Ladder
) -> None:
    extract = tmp_path / "branches.csv"
    extract.write_text("id,name,city\nBR09,九支行,杭州\n", encoding="utf-8")
    import_file(store, "branch", extract)
    with unit_of_work(store) as session:
        create_user(session, NewUser("zhou", UserRole.AUDITOR, locale=UserLocale.EN), PASSWORD, NOW)
        token = issue_api_token(session, "zhou", "reports", NOW)
    with unit_of_work(store) as session:
        revoke_api_token(session, _user_id(store, "zhou"), token.id, NOW)
    with unit_of_work(store) as session:
        merge(session, "KEEP", "DUP", now=NOW)
    evaluate_store(store, young_ladder, d("2026-06-30"))
    network_run(store, young_ladder, d("2026-06-30"))
    with unit_of_work(store) as session:
        export_parquet(session, tmp_path / "extract", d("2026-06-30"))
    found = _events(store)
    names = [event for event, _object, _detail in found]
    assert names == [
        "import.file",
        "user.create",
        "api_token.issue",
        "api_token.revoke",
        "party.merge",
        "evaluation.run",
        "network.run",
        "export.parquet",
    ]
    merged = next(detail for event, _o, detail in found if event == "party.merge")
    assert merged["merged"] == "DUP"
    assert all("110101199003074514" not in repr(detail) for _e, _o, detail in found)
    assert all("branches.csv" not in repr(detail) for _e, _o, detail in found)
    with unit_of_work(store) as session:
        checked = audit.verify(session)
    assert (checked.entries, checked.first_break) == (len(found), None)


def _user_id(store: Engine, username: str) -> int:
    with unit_of_work(store) as session:
        found = session.scalar(select(UserAccount.id).where(UserAccount.username == username))
        assert found is not None
        return found
