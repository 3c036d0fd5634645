"""Gifts on the pages and the API: a gift over a limit refused on the form with the reason in
words; a manager approves on the page; the API's moves with If-Match (428 without, 412 stale,
409 with the reason when the workflow refuses, the new ETag when done); the auditor's report
and its CSV (audited); other roles refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from bankladder.accounts.service import issue_api_token
from bankladder.config import Settings
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, Benefit
from bankladder.web.app import create_app
from tests.workbench import PASSWORD, START, Clock, small_bank, staff

pytestmark = pytest.mark.integration
PARTY = "P-RM01-1"
PAGE = f"/parties/{PARTY}/reciprocity"
HIDDEN_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def bank(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    staff(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def client(bank: Engine) -> Iterator[TestClient]:
    app = create_app(Settings(), store=bank, clock=Clock())
    with TestClient(app, base_url="https://workbench.test", follow_redirects=False) as client:
        yield client


def signed_in(client: TestClient, username: str) -> str:
    """Sign in with the form; the session's CSRF token."""
    token = HIDDEN_CSRF.search(client.get("/sign-in").text)
    assert token is not None
    form = {"username": username, "password": PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/sign-in", data=form).status_code == 303
    found = HIDDEN_CSRF.search(client.get("/").text)
    assert found is not None
    return found.group(1)


def bearer(bank: Engine, username: str) -> dict[str, str]:
    with unit_of_work(bank) as session:
        return {"Authorization": f"Bearer {issue_api_token(session, username, 't', START).token}"}


def gifts(bank: Engine) -> list[tuple[int, str, int]]:
    with unit_of_work(bank) as session:
        rows = session.execute(select(Benefit.id, Benefit.status, Benefit.version)).all()
        return [(row[0], row[1].value, row[2]) for row in rows]


def test_a_gift_over_the_limit_is_refused_on_the_form_with_the_reason(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "wang")
    form = {"csrf_token": token, "kind": "gift", "worth": "300.01", "given_on": "2026-06-30"}
    page = client.post(f"/parties/{PARTY}/benefits", data=form)
    assert page.status_code == 400
    assert 'id="worth-problem"' in page.text
    assert "单件礼品上限300.00元" in page.text
    assert gifts(bank) == []
    missing = client.post(f"/parties/{PARTY}/benefits", data={**form, "worth": ""})
    assert "礼品须填写价值" in missing.text
    done = client.post(f"/parties/{PARTY}/benefits", data={**form, "worth": "200"})
    assert done.headers["location"] == f"{PAGE}?recorded=requested"
    page = client.get(done.headers["location"])
    assert 'id="benefit-requested"' in page.text
    assert 'id="pending"' in page.text
    assert 'value="cancel"' in page.text  # the maker may cancel
    assert 'value="approve"' not in page.text  # but not approve


def test_a_manager_approves_on_the_page_and_the_rm_hands_over(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "wang")
    form = {"csrf_token": token, "kind": "gift", "worth": "200"}
    client.post(f"/parties/{PARTY}/benefits", data=form)
    [(gift_id, _status, _version)] = gifts(bank)
    client.post("/sign-out", data={"csrf_token": token})
    token = signed_in(client, "zhao")
    page = client.get(PAGE)
    assert 'value="approve"' in page.text
    decision = {"csrf_token": token, "version": "1", "action": "approve", "note": "同意"}
    no_reason = client.post(f"/benefits/{gift_id}/decisions", data={**decision, "action": "refuse"})
    assert no_reason.status_code == 400
    assert "拒绝时请选择理由" in no_reason.text
    done = client.post(f"/benefits/{gift_id}/decisions", data=decision)
    assert done.status_code == 303
    assert done.headers["location"] == f"{PAGE}?moved=approved"
    again = client.post(f"/benefits/{gift_id}/decisions", data=decision)
    assert again.status_code == 409
    assert 'id="move-conflict"' in again.text
    stale = {**decision, "version": "2"}
    refused = client.post(f"/benefits/{gift_id}/decisions", data=stale)
    assert refused.status_code == 409
    assert 'id="move-refused"' in refused.text
    handed = {"csrf_token": token, "version": "2", "action": "handover"}
    assert client.post(f"/benefits/{gift_id}/decisions", data=handed).status_code == 303
    assert gifts(bank) == [(gift_id, "given", 3)]


def test_the_api_moves_with_if_match(client: TestClient, bank: Engine) -> None:
    wang, zhao = bearer(bank, "wang"), bearer(bank, "zhao")
    made = client.post(
        f"/api/v1/parties/{PARTY}/benefits", headers=wang, json={"kind": "gift", "worth": "250"}
    )
    assert (made.status_code, made.json()["status"]) == (201, "requested")
    url = f"/api/v1/benefits/{made.json()['id']}/decisions"
    assert client.post(url, headers=zhao, json={"action": "approve"}).status_code == 428
    own = client.post(url, headers={**wang, "If-Match": '"1"'}, json={"action": "approve"})
    assert own.status_code == 409
    assert own.json()["code"] == "not_checker"
    assert "zh" in own.json()["reason"]
    done = client.post(url, headers={**zhao, "If-Match": '"1"'}, json={"action": "approve"})
    assert done.status_code == 200
    assert (done.json()["status"], done.headers["etag"]) == ("approved", '"2"')
    no_reason = {"action": "refuse"}
    second = client.post(
        f"/api/v1/parties/{PARTY}/benefits", headers=wang, json={"kind": "gift", "worth": "150"}
    )
    second_url = f"/api/v1/benefits/{second.json()['id']}/decisions"
    bad = client.post(second_url, headers={**zhao, "If-Match": '"1"'}, json=no_reason)
    assert (bad.status_code, bad.json()["code"]) == (422, "reason")
    refused = client.post(
        second_url, headers={**zhao, "If-Match": '"1"'}, json={**no_reason, "reason": "budget"}
    )
    assert (refused.status_code, refused.json()["status"]) == (200, "refused")
    stale = client.post(url, headers={**wang, "If-Match": '"1"'}, json={"action": "cancel"})
    assert stale.status_code == 412
    over = client.post(
        f"/api/v1/parties/{PARTY}/benefits", headers=wang, json={"kind": "gift", "worth": "800"}
    )
    assert over.status_code == 422
    [problem] = over.json()["problems"]
    assert (problem["field"], problem["problem"]) == ("worth", "per_gift")
    assert "CNY 300.00" in problem["reason"]["en"]
    other = client.post(
        url, headers={**bearer(bank, "qian"), "If-Match": '"2"'}, json={"action": "cancel"}
    )
    assert other.status_code == 409  # only the maker cancels
    out = client.post(
        url.replace(str(made.json()["id"]), "999"),
        headers={**zhao, "If-Match": '"1"'},
        json={"action": "approve"},
    )
    assert out.status_code == 404


def test_the_auditor_reads_the_report_and_downloads_it_audited(
    client: TestClient, bank: Engine
) -> None:
    wang = bearer(bank, "wang")
    for worth in ("300", "80"):
        client.post(
            f"/api/v1/parties/{PARTY}/benefits", headers=wang, json={"kind": "gift", "worth": worth}
        )
    shen = bearer(bank, "shen")
    page = client.get("/reports/gifts?year=2026", headers=shen)
    assert page.status_code == 200
    assert 'id="gift-party-P-RM01-1"' in page.text
    assert "38.0%" in page.text  # 300 waiting and 80 given, of 1,000
    api = client.get("/api/v1/reports/gifts?year=2026", headers=shen).json()
    assert [(p["party_id"], p["given"], p["limit_used_pct"]) for p in api["parties"]] == [
        (PARTY, 1, "38.0")
    ]
    download = client.get("/reports/gifts?year=2026&format=csv", headers=shen)
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert download.text.splitlines()[0].startswith("section,year,party_id")
    assert "客户" not in download.text
    with unit_of_work(bank) as session:
        exported = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.event == "gifts.export")
        )
    assert exported == 1
    for user in ("wang", "zhao", "root", "qian"):
        assert client.get("/reports/gifts", headers=bearer(bank, user)).status_code == 403
        assert client.get("/api/v1/reports/gifts", headers=bearer(bank, user)).status_code == 403
