"""Price talks on the pages and the API of a live app on SQLite: an RM requests on the form,
the branch manager decides on the request's page, a stale form gets the conflict page; the
API answers with ETags, wants If-Match, and says a refused move in words (409); prices stay
masked in lists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from bankladder.accounts.schemas import Account
from bankladder.config import Settings
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, PriceConcession
from bankladder.store.vocabulary import UserRole
from bankladder.web.app import create_app
from tests.integration.concessions.seed import OTHER_BRANCH, PARTY, WHY, seed
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.party_seed import bearer
from tests.workbench import ACCOUNT_EVENTS, Clock, small_bank

pytestmark = pytest.mark.integration
FORM = {"product_code": "LOAN01", "kind": "loan_rate", "standard": "4.35", "requested": "4.20"}
BODY = FORM | {"justification": WHY}
CREATED = re.compile(r"/concessions/(\d+)\?done=request")


@pytest.fixture
def bank(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def users(bank: Engine) -> dict[UserRole, Account]:
    return seed(bank)


@pytest.fixture
def client(bank: Engine, users: dict[UserRole, Account]) -> Iterator[TestClient]:
    app = create_app(Settings(), store=bank, clock=Clock())
    with TestClient(app, base_url="https://workbench.test", follow_redirects=False) as client:
        yield client


def request_on_the_form(client: TestClient, requested: str = "4.20") -> int:
    sign_in(client, "wang")
    data = FORM | {"requested": requested, "justification": WHY, "csrf_token": csrf_token(client)}
    sent = client.post(f"/parties/{PARTY}/concessions", data=data)
    assert sent.status_code == 303, sent.text
    found = CREATED.search(sent.headers["location"])
    assert found is not None
    return int(found.group(1))


def test_an_rm_requests_on_the_form_and_the_manager_approves_on_the_page(
    client: TestClient, bank: Engine
) -> None:
    concession_id = request_on_the_form(client)
    page = client.get(f"/concessions/{concession_id}?done=request")
    assert 'id="concession-done"' in page.text
    assert "15 bp" in page.text
    assert WHY in page.text  # the maker reads their own terms and justification
    assert 'value="withdraw"' in page.text
    assert 'value="approve"' not in page.text
    client.post("/sign-out", data={"csrf_token": csrf_token(client)})
    sign_in(client, "zhao")
    queue = client.get("/concessions")
    assert f'href="/concessions/{concession_id}"' in queue.text
    assert "4.2" not in queue.text  # prices masked in the queue
    page = client.get(f"/concessions/{concession_id}")
    assert 'value="approve"' in page.text
    assert 'value="reject"' in page.text
    decided = client.post(
        f"/concessions/{concession_id}/decisions",
        data={
            "decision": "approve",
            "version": "1",
            "note": "同意",
            "csrf_token": csrf_token(client),
        },
    )
    assert decided.status_code == 303
    assert decided.headers["location"] == f"/concessions/{concession_id}?done=approve"
    after = client.get(decided.headers["location"])
    assert 'id="concession-done"' in after.text
    assert 'id="decide"' not in after.text


def test_a_stale_form_gets_the_conflict_page_and_a_refused_move_its_reason(
    client: TestClient, bank: Engine, users: dict[UserRole, Account]
) -> None:
    concession_id = request_on_the_form(client)
    refused = client.post(
        f"/concessions/{concession_id}/decisions",
        data={"decision": "approve", "version": "1", "csrf_token": csrf_token(client)},
    )
    assert refused.status_code == 409
    assert 'id="decision-refused"' in refused.text
    withdrawn = client.post(
        f"/concessions/{concession_id}/decisions",
        data={"decision": "withdraw", "version": "1", "csrf_token": csrf_token(client)},
    )
    assert withdrawn.status_code == 303
    stale = client.post(
        f"/concessions/{concession_id}/decisions",
        data={"decision": "withdraw", "version": "1", "csrf_token": csrf_token(client)},
    )
    assert stale.status_code == 409
    assert 'id="conflict"' in stale.text


def test_a_bad_request_is_refused_field_by_field_on_the_form(client: TestClient) -> None:
    sign_in(client, "wang")
    data = FORM | {"requested": "2.00", "justification": "短", "csrf_token": csrf_token(client)}
    page = client.post(f"/parties/{PARTY}/concessions", data=data)
    assert page.status_code == 400
    assert 'id="requested-problem"' in page.text
    assert 'id="justification-problem"' in page.text
    assert "定价委员会" in page.text


def test_the_api_requests_decides_with_if_match_and_says_refusals(
    client: TestClient, bank: Engine
) -> None:
    wang, zhao, qian = (bearer(bank, name) for name in ("wang", "zhao", "qian"))
    made = client.post(f"/api/v1/parties/{PARTY}/concessions", json=BODY, headers=wang)
    assert made.status_code == 201
    assert (made.headers["etag"], made.json()["size"]) == ('"1"', "15 bp")
    url = made.headers["location"]
    shown = client.get(url, headers=qian)
    assert shown.headers["etag"] == '"1"'
    assert shown.json()["moves"] == ["approve", "reject"]
    decision = {"decision": "approve"}
    assert client.post(f"{url}/decisions", json=decision, headers=zhao).status_code == 428
    mine = client.post(f"{url}/decisions", json=decision, headers=wang | {"If-Match": '"1"'})
    assert (mine.status_code, mine.json()["problem"]) == (409, "not_checker")
    done = client.post(f"{url}/decisions", json=decision, headers=zhao | {"If-Match": '"1"'})
    assert (done.status_code, done.headers["etag"]) == (200, '"2"')
    assert done.json()["concession"]["status"] == "approved"
    late = client.post(f"{url}/decisions", json=decision, headers=qian | {"If-Match": '"1"'})
    assert late.status_code == 412
    with unit_of_work(bank) as session:
        query = select(AuditEvent).where(AuditEvent.event.not_in(ACCOUNT_EVENTS))
        kinds = [e.event for e in session.scalars(query.order_by(AuditEvent.id))]
    assert kinds == ["concession.request", "concession.approve"]


def test_the_api_lists_masked_refuses_bad_fields_and_hides_other_books(
    client: TestClient, bank: Engine
) -> None:
    wang, qian = bearer(bank, "wang"), bearer(bank, "qian")
    bad = client.post(
        f"/api/v1/parties/{PARTY}/concessions", json=BODY | {"requested": "4.50"}, headers=wang
    )
    assert bad.status_code == 422
    assert [p["problem"] for p in bad.json()["problems"]] == ["not_a_concession"]
    client.post(f"/api/v1/parties/{PARTY}/concessions", json=BODY, headers=wang)
    listed = client.get(f"/api/v1/parties/{PARTY}/concessions", headers=qian).json()
    [one] = listed["concessions"]
    assert (one["concession"]["size"], one["standing"]["contribution"]) == ("15 bp", "****")
    queue = client.get("/api/v1/concessions", headers=qian).json()
    assert [c["standard"] for c in queue["to_decide"]] == ["****"]
    outside = client.get(f"/api/v1/parties/{OTHER_BRANCH}/concessions", headers=wang)
    assert outside.status_code == 404
    with unit_of_work(bank) as session:
        assert len(session.scalars(select(PriceConcession)).all()) == 1


def test_the_party_page_shows_the_requests_the_form_and_the_reciprocity(
    client: TestClient,
) -> None:
    request_on_the_form(client)
    page = client.get(f"/parties/{PARTY}/concessions")
    assert page.status_code == 200
    assert 'id="request-concession"' in page.text
    assert 'class="card party-section concession-standing"' in page.text
    assert "15 bp" in page.text


def test_a_manager_sees_why_they_may_only_reject_100_bp(client: TestClient) -> None:
    concession_id = request_on_the_form(client, requested="3.35")
    client.post("/sign-out", data={"csrf_token": csrf_token(client)})
    sign_in(client, "zhao")
    page = client.get(f"/concessions/{concession_id}")
    assert 'id="beyond-authority"' in page.text
    assert 'value="reject"' in page.text
    assert 'value="approve"' not in page.text
