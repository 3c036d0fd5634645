"""The industry pages and API on a real SQLite store, per role: every signed-in user reads the
targets; an RM sees their own book and prospects, a manager the branch's, the head office all;
the admin sets targets and specialisations (audited) and sees no party; bad codes answered in
words; no GET changes anything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from bankladder.accounts.schemas import Account
from bankladder.config import Settings
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, RmSpecialisation, TargetIndustry
from bankladder.store.vocabulary import UserRole
from bankladder.web.app import create_app
from tests.integration.industry.seed import seed_enterprises
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.party_seed import bearer
from tests.workbench import ACCOUNT_EVENTS, Clock, small_bank, staff

pytestmark = pytest.mark.integration


@pytest.fixture
def bank(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def users(bank: Engine) -> dict[UserRole, Account]:
    people = staff(bank)
    seed_enterprises(bank)
    with unit_of_work(bank) as session:
        session.add(TargetIndustry(code="C13", priority=1))
        session.add(RmSpecialisation(rm_id="RM01", industry_code="F"))
    return people


@pytest.fixture
def app(bank: Engine, users: dict[UserRole, Account]) -> FastAPI:
    return create_app(Settings(), store=bank, clock=Clock())


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://workbench.test", follow_redirects=False) as client:
        yield client


def audit_events(bank: Engine) -> list[str]:
    with unit_of_work(bank) as session:
        query = select(AuditEvent.event).where(AuditEvent.event.not_in(ACCOUNT_EVENTS))
        return list(session.scalars(query.order_by(AuditEvent.id)))


def test_the_rm_reads_the_targets_and_their_own_book_with_bars(client: TestClient) -> None:
    sign_in(client, "wang")
    page = client.get("/industries")
    assert page.status_code == 200
    assert "农副食品加工业" in page.text
    assert "Processing of farm and sideline foods" in page.text
    assert 'id="book-RM01"' in page.text
    assert 'id="book-RM02"' not in page.text
    assert "share-fill  p65" in page.text or "share-fill p65" in page.text  # C: 2 of 3
    assert "67%" in page.text
    assert 'action="/industries/prospects"' in page.text
    assert "/admin/industries" not in page.text


def test_the_manager_sees_the_branch_and_the_admin_only_the_targets(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "zhao")
    page = client.get("/industries")
    assert 'id="book-RM01"' in page.text
    assert 'id="book-RM02"' in page.text
    assert 'id="book-RM03"' not in page.text
    client.cookies.clear()
    sign_in(client, "root")
    page = client.get("/industries")
    assert page.status_code == 200
    assert "农副食品加工业" in page.text
    assert 'id="concentration"' not in page.text
    assert 'href="/admin/industries"' in page.text
    assert client.get("/industries/prospects?code=C13").status_code == 403


def test_an_rm_lists_only_their_own_prospects_of_an_industry(client: TestClient) -> None:
    sign_in(client, "wang")
    page = client.get("/industries/prospects", params={"code": "C", "region": "高新区"})
    assert page.status_code == 200
    assert page.text.index("prospect-E-RM01-P2") < page.text.index("prospect-E-RM01-P1")
    for other in ("E-RM02-P1", "E-RM03-P1", "E-NONE-P1", "P-RM01-1"):
        assert other not in page.text
    bad = client.get("/industries/prospects", params={"code": "F13"})
    assert bad.status_code == 400
    assert "“F13”不是GB/T 4754-2017行业代码；您是否要找 C13（农副食品加工业）？" in bad.text
    assert client.get("/industries/prospects").status_code == 200  # the form alone


def test_the_admin_sets_targets_and_specialisations_on_the_form_audited(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "root")
    page = client.get("/admin/industries")
    assert page.status_code == 200
    token = csrf_token(client)
    added = client.post(
        "/admin/industries/targets", data={"code": "f", "priority": "2", "csrf_token": token}
    )
    assert (added.status_code, added.headers["location"]) == (303, "/admin/industries?done=target")
    bad = client.post("/admin/industries/targets", data={"code": "F13", "csrf_token": token})
    assert bad.status_code == 400
    assert "C13" in bad.text
    removed = client.post(
        "/admin/industries/targets/remove", data={"code": "C13", "csrf_token": token}
    )
    assert removed.status_code == 303
    set_ = client.post(
        "/admin/industries/specialisations",
        data={"rm_id": "RM02", "codes": "C13，G54", "csrf_token": token},
    )
    assert set_.status_code == 303
    shown = client.get("/admin/industries").text
    assert "道路运输业" in shown
    assert audit_events(bank) == ["industry.target", "industry.untarget", "industry.specialise"]
    with unit_of_work(bank) as session:
        assert list(session.scalars(select(TargetIndustry.code))) == ["F"]


def test_only_the_admin_reaches_the_configuration(client: TestClient, bank: Engine) -> None:
    sign_in(client, "zhao")
    assert client.get("/admin/industries").status_code == 403
    token = csrf_token(client)
    refused = client.post("/admin/industries/targets", data={"code": "F", "csrf_token": token})
    assert refused.status_code == 403
    with unit_of_work(bank) as session:
        assert session.scalar(select(func.count()).select_from(TargetIndustry)) == 1


def test_the_api_reads_in_scope_and_the_admin_configures_without_ids_in_paths(
    client: TestClient, bank: Engine
) -> None:
    rm, admin = bearer(bank, "wang"), bearer(bank, "root")
    every = client.get("/api/v1/industries", headers=rm).json()
    assert len(every["sections"]) == 20
    assert [t["industry"]["code"] for t in every["targets"]] == ["C13"]
    books = client.get("/api/v1/industries/concentration", headers=rm).json()["books"]
    assert [b["rm_id"] for b in books] == ["RM01"]
    assert books[0]["concentration"]["in_targets"] == 2
    listed = client.get("/api/v1/industries/prospects?code=C13", headers=rm).json()
    assert [p["party_id"] for p in listed["prospects"]] == ["E-RM01-P2"]
    assert client.get("/api/v1/industries/concentration", headers=admin).status_code == 403
    bad = client.post("/api/v1/industries/targets", headers=admin, json={"code": "F13"})
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["field"] == "code"
    assert "C13" in bad.json()["detail"]
    made = client.post("/api/v1/industries/targets", headers=admin, json={"code": "G54"})
    assert made.status_code == 201
    gone = client.delete("/api/v1/industries/targets?code=C13", headers=admin)
    assert gone.status_code == 204
    assert client.delete("/api/v1/industries/targets?code=C13", headers=admin).status_code == 404
    set_ = client.post(
        "/api/v1/industries/specialisations",
        headers=admin,
        json={"rm_id": "RM01", "codes": ["C", "F51"]},
    )
    assert [i["code"] for i in set_.json()["industries"]] == ["C", "F51"]
    listed_rms = client.get("/api/v1/industries/specialisations", headers=admin).json()["rms"]
    assert [len(r["industries"]) for r in listed_rms] == [2, 0, 0]
    assert client.get("/api/v1/industries/specialisations", headers=rm).status_code == 403
    assert (
        client.post("/api/v1/industries/targets", headers=rm, json={"code": "A"}).status_code == 403
    )
    assert audit_events(bank) == ["industry.target", "industry.untarget", "industry.specialise"]
