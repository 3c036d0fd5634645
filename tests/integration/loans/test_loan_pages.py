"""The loan pages and API on a real SQLite store (the book of seed.py): what each role sees
and may do, the refusals in words, ETag and If-Match, and scope (404 out of it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bankladder.accounts.service import issue_api_token
from bankladder.config import Settings
from bankladder.store.database import unit_of_work
from bankladder.web.app import create_app
from tests.integration.loans.seed import NOW, seed_loans
from tests.workbench import Clock, small_bank, staff

pytestmark = pytest.mark.integration
NAMES = ("wang", "zhao", "root", "shen", "qian")


@pytest.fixture
def bank(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    staff(engine)
    seed_loans(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def client(bank: Engine) -> Iterator[TestClient]:
    app = create_app(Settings(), store=bank, clock=Clock(NOW))
    with TestClient(app, base_url="https://workbench.test", follow_redirects=False) as client:
        yield client


@pytest.fixture
def as_(bank: Engine) -> dict[str, dict[str, str]]:
    with unit_of_work(bank) as session:
        tokens = {name: issue_api_token(session, name, "t", NOW).token for name in NAMES}
    return {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()}


def test_the_pipeline_page_lists_the_book_with_its_sla(
    client: TestClient, as_: dict[str, dict[str, str]]
) -> None:
    page = client.get("/loans", headers=as_["wang"])
    assert page.status_code == 200
    assert "LA-B" in page.text
    assert "LA-A" in page.text
    assert "LA-C" not in page.text  # RM02's
    assert "2,000,000" not in page.text  # masked
    near = client.get("/loans?sla=near_breach", headers=as_["wang"])
    assert "LA-B" in near.text
    assert "LA-A" not in near.text


def test_the_rm_records_documents_and_moves_the_file_along(
    client: TestClient, as_: dict[str, dict[str, str]]
) -> None:
    wang = as_["wang"]
    page = client.get("/loans/LA-B", headers=wang)
    assert page.status_code == 200
    assert 'value="withdrawn"' in page.text
    assert 'value="documents_complete"' not in page.text
    refused = client.post(
        "/loans/LA-B/moves", headers=wang, data={"to_status": "documents_complete", "version": 1}
    )
    assert refused.status_code == 409
    assert (
        "LICENCE, STATEMENTS" in refused.text
        or "营业执照" in refused.text
        or "LICENCE" in refused.text
    )
    for code in ("LICENCE", "STATEMENTS"):
        done = client.post("/loans/LA-B/documents", headers=wang, data={"document_code": code})
        assert done.status_code == 303
    moved = client.post(
        "/loans/LA-B/moves", headers=wang, data={"to_status": "documents_complete", "version": 1}
    )
    assert moved.status_code == 303
    stale = client.post(
        "/loans/LA-B/moves", headers=wang, data={"to_status": "credit_review", "version": 1}
    )
    assert stale.status_code == 409
    assert 'id="conflict"' in stale.text


def test_a_new_application_from_the_party(
    client: TestClient, as_: dict[str, dict[str, str]]
) -> None:
    wang = as_["wang"]
    form = client.get("/parties/P-RM01-1/loans/new", headers=wang)
    assert form.status_code == 200
    assert "LOAN01" in form.text
    assert "DEP01" not in form.text
    bad = client.post(
        "/parties/P-RM01-1/loans", headers=wang, data={"product_code": "LOAN01", "amount": "-5"}
    )
    assert bad.status_code == 400
    made = client.post(
        "/parties/P-RM01-1/loans", headers=wang, data={"product_code": "LOAN01", "amount": "800000"}
    )
    assert made.status_code == 303
    assert made.headers["location"] == "/loans/LA202606300001?done=registered"
    assert client.get("/parties/P-RM02-1/loans/new", headers=wang).status_code == 404


def test_the_dashboard_for_managers_auditor_and_approver(
    client: TestClient, as_: dict[str, dict[str, str]]
) -> None:
    board = client.get("/loans/dashboard", headers=as_["zhao"])
    assert board.status_code == 200
    assert 'id="bottleneck"' in board.text
    assert 'id="quota-form"' in board.text
    assert 'id="rm-RM03"' not in board.text  # another branch
    audit = client.get("/loans/dashboard", headers=as_["shen"])
    assert 'id="rm-RM03"' in audit.text
    assert 'id="quota-form"' not in audit.text
    assert client.get("/loans/dashboard", headers=as_["qian"]).status_code == 200
    assert client.get("/loans/dashboard", headers=as_["wang"]).status_code == 403
    admin = client.get("/loans/dashboard", headers=as_["root"])
    assert admin.status_code == 200
    assert 'id="breaches"' not in admin.text
    over = client.post(
        "/loans/quotas",
        headers=as_["zhao"],
        data={"year": 2026, "branch_id": "BR01", "rm_id": "RM02", "allocated": "3000000"},
    )
    assert over.status_code == 400
    assert 'id="quota-refused"' in over.text
    ok = client.post(
        "/loans/quotas",
        headers=as_["zhao"],
        data={"year": 2026, "branch_id": "BR01", "rm_id": "RM02", "allocated": "1500000"},
    )
    assert ok.status_code == 303


def test_the_api_uses_etags_and_if_match(
    client: TestClient, as_: dict[str, dict[str, str]]
) -> None:
    wang, qian = as_["wang"], as_["qian"]
    got = client.get("/api/v1/loans/LA-C", headers=qian)
    assert got.status_code == 200
    assert got.headers["etag"] == '"1"'
    assert got.json()["application"]["amount"] == "500,000.00"  # the checker sees it to decide
    shen = client.get("/api/v1/loans/LA-C", headers=as_["shen"]).json()
    assert shen["application"]["amount"] == "****"  # the auditor reads it masked
    body = {"to_status": "approved"}
    assert client.post("/api/v1/loans/LA-C/moves", headers=qian, json=body).status_code == 428
    stale = {**qian, "If-Match": '"7"'}
    assert client.post("/api/v1/loans/LA-C/moves", headers=stale, json=body).status_code == 412
    fresh = {**qian, "If-Match": '"1"'}
    moved = client.post("/api/v1/loans/LA-C/moves", headers=fresh, json=body)
    assert moved.status_code == 200
    assert moved.headers["etag"] == '"2"'
    assert moved.json()["application"]["status"] == "approved"
    again = client.post("/api/v1/loans/LA-C/moves", headers={**qian, "If-Match": '"2"'}, json=body)
    assert again.status_code == 409
    assert "reason" in again.json()
    assert client.get("/api/v1/loans/LA-C", headers=wang).status_code == 404
    listed = client.get("/api/v1/loans", headers=wang).json()
    assert [a["id"] for a in listed["applications"]] == ["LA-B", "LA-A"]
    made = client.post(
        "/api/v1/parties/P-RM01-2/loans", headers=wang, json={"product_code": "LOAN01", "amount": 0}
    )
    assert made.status_code == 422
    assert made.json()["problems"][0]["field"] == "amount"
