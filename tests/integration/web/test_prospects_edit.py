"""Editing a prospect's details through the API: If-Match required (428), a stale version
refused (412), the version raised by the UPDATE that checks it, only the editable fields, and
an audit event naming the fields changed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.integration.web.prospects_seed import (
    NEW_ID,
    bearer,
    events,
    give_identifiers,
    party,
    signed_in,
)

pytestmark = pytest.mark.integration

PROSPECT = "P-RM01-1"
PATH = f"/api/v1/parties/{PROSPECT}"


@pytest.fixture(autouse=True)
def identifiers(bank: Engine) -> None:
    give_identifiers(bank)


def test_a_change_without_if_match_is_refused_with_428(client: TestClient, bank: Engine) -> None:
    answer = client.patch(PATH, json={"name": "王新"}, headers=bearer(bank, "wang"))
    assert answer.status_code == 428
    saved = party(bank, PROSPECT)
    assert saved is not None
    assert saved.version == 1


def test_a_change_based_on_an_older_version_is_refused_with_412(
    client: TestClient, bank: Engine
) -> None:
    headers = bearer(bank, "wang")
    first = client.patch(PATH, json={"name": "王新"}, headers={**headers, "If-Match": '"1"'})
    assert first.status_code == 200
    second = client.patch(PATH, json={"region": "南山"}, headers={**headers, "If-Match": '"1"'})
    assert second.status_code == 412
    saved = party(bank, PROSPECT)
    assert saved is not None
    assert (saved.name, saved.region, saved.version) == ("王新", None, 2)


def test_a_change_raises_the_version_and_answers_the_new_etag(
    client: TestClient, bank: Engine
) -> None:
    body = {"mobile": "+86 137 1234 5678", "prospect_group": "科技园", "segment": "mass"}
    answer = client.patch(PATH, json=body, headers={**bearer(bank, "wang"), "If-Match": '"1"'})
    assert answer.status_code == 200
    assert answer.headers["etag"] == '"2"'
    assert answer.json()["version"] == 2
    assert answer.json()["mobile"] == "137****5678"  # masked in the answer
    saved = party(bank, PROSPECT)
    assert saved is not None
    assert (saved.mobile, saved.prospect_group, saved.segment) == ("13712345678", "科技园", "mass")
    [event] = events(bank, "party.update")
    assert event["detail"] == {"fields": ["mobile", "prospect_group", "segment"]}
    assert event["object_id"] == PROSPECT


def test_a_manager_edits_a_prospect_of_their_branch(client: TestClient, bank: Engine) -> None:
    headers = {**bearer(bank, "zhao"), "If-Match": '"1"'}
    answer = client.patch("/api/v1/parties/P-RM02-1", json={"region": "福田"}, headers=headers)
    assert answer.status_code == 200
    assert answer.json()["region"] == "福田"


def test_nothing_changed_keeps_the_version_and_records_no_event(
    client: TestClient, bank: Engine
) -> None:
    headers = {**bearer(bank, "wang"), "If-Match": '"1"'}
    answer = client.patch(PATH, json={"name": "客户P-RM01-1"}, headers=headers)
    assert answer.status_code == 200
    assert answer.headers["etag"] == '"1"'
    assert events(bank, "party.update") == []


@pytest.mark.parametrize(
    "body",
    [{"version": 9}, {"rm_id": "RM02"}, {"customer_since": "2026-01-01"}, {"kind": "enterprise"}],
)
def test_owner_version_and_other_fields_cannot_be_set(
    client: TestClient, bank: Engine, body: dict[str, object]
) -> None:
    headers = {**bearer(bank, "wang"), "If-Match": '"1"'}
    assert client.patch(PATH, json=body, headers=headers).status_code == 422
    saved = party(bank, PROSPECT)
    assert saved is not None
    assert (saved.rm_id, saved.version) == ("RM01", 1)


def test_identifiers_are_checked_by_their_standards(client: TestClient, bank: Engine) -> None:
    headers = {**bearer(bank, "wang"), "If-Match": '"1"'}
    wrong = NEW_ID[:17] + ("0" if NEW_ID[17] != "0" else "1")
    answer = client.patch(PATH, json={"id_number": wrong, "mobile": "999"}, headers=headers)
    assert answer.status_code == 422
    assert {p["field"] for p in answer.json()["problems"]} == {"id_number", "mobile"}
    emptied = client.patch(PATH, json={"name": " "}, headers=headers)
    assert emptied.status_code == 422


def test_a_customer_is_not_edited_here(client: TestClient, bank: Engine) -> None:
    headers = {**bearer(bank, "wang"), "If-Match": '"1"'}
    answer = client.patch("/api/v1/parties/P-RM01-2", json={"region": "南山"}, headers=headers)
    assert answer.status_code == 400
    assert "core banking" in answer.json()["detail"]


@pytest.mark.parametrize("party_id", ["P-RM02-1", "P-RM03-1", "NOBODY"])
def test_another_rms_party_is_not_found_even_with_if_match(
    client: TestClient, bank: Engine, party_id: str
) -> None:
    headers = {**bearer(bank, "wang"), "If-Match": '"1"'}
    answer = client.patch(f"/api/v1/parties/{party_id}", json={"region": "南山"}, headers=headers)
    assert answer.status_code == 404
    assert (
        client.patch(
            f"/api/v1/parties/{party_id}", json={}, headers=bearer(bank, "wang")
        ).status_code
        == 404
    )


@pytest.mark.parametrize("username", ["shen", "root"])
def test_an_auditor_or_an_admin_may_not_edit(
    client: TestClient, bank: Engine, username: str
) -> None:
    headers = {**bearer(bank, username), "If-Match": '"1"'}
    assert client.patch(PATH, json={"region": "南山"}, headers=headers).status_code == 403


def test_a_session_without_the_csrf_token_may_not_edit(client: TestClient, bank: Engine) -> None:
    token = signed_in(client, "wang")
    assert (
        client.patch(PATH, json={"region": "南山"}, headers={"If-Match": '"1"'}).status_code == 403
    )
    headers = {"If-Match": '"1"', "X-CSRF-Token": token}
    assert client.patch(PATH, json={"region": "南山"}, headers=headers).status_code == 200
