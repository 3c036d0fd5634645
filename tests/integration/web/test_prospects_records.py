"""Needs, referrals and relationships: recorded from a form or the API, both ends in the
user's scope (else 404), each row with its audit event."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from bankladder.store.database import unit_of_work
from bankladder.store.models import Need, Referral, Relationship
from tests.integration.web.prospects_seed import (
    MOBILE,
    bearer,
    events,
    give_identifiers,
    party,
    signed_in,
)

pytestmark = pytest.mark.integration

FOREIGN = ["P-RM02-1", "P-RM03-1", "NOBODY"]  # RM01's RM may see none of these


@pytest.fixture(autouse=True)
def identifiers(bank: Engine) -> None:
    give_identifiers(bank)


def rows(bank: Engine, model: Any) -> list[Any]:
    with unit_of_work(bank) as session:
        found = list(session.scalars(select(model)))
        session.expunge_all()
        return found


# ---- needs --------------------------------------------------------------------------------


def test_an_rm_records_a_need_from_the_form_and_returns_to_the_party(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "wang")
    form = client.get("/parties/P-RM01-1/needs/new")
    assert form.status_code == 200
    assert 'value="deposit"' in form.text
    assert "客*" in form.text
    data = {"csrf_token": token, "kind": "loan", "nature": "existing", "competitor_bank": "某行"}
    answer = client.post("/parties/P-RM01-1/needs", data=data)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/parties/P-RM01-1"
    [need] = rows(bank, Need)
    assert (need.party_id, need.kind, need.nature.value) == ("P-RM01-1", "loan", "existing")
    assert (need.competitor_bank, need.status.value) == ("某行", "identified")
    [event] = events(bank, "need.record")
    assert event["object_id"] == str(need.id)
    assert event["detail"] == {"party_id": "P-RM01-1", "kind": "loan", "nature": "existing"}


def test_a_need_names_a_product_family_of_the_catalogue(client: TestClient, bank: Engine) -> None:
    token = signed_in(client, "wang")
    data = {"csrf_token": token, "kind": "spaceships", "nature": "latent"}
    answer = client.post("/parties/P-RM01-1/needs", data=data)
    assert answer.status_code == 400
    assert "请从列表中选择产品大类" in answer.text
    assert rows(bank, Need) == []


def test_the_api_records_a_need(client: TestClient, bank: Engine) -> None:
    body = {"kind": "wealth", "nature": "latent"}
    answer = client.post("/api/v1/parties/P-RM01-1/needs", json=body, headers=bearer(bank, "wang"))
    assert answer.status_code == 201
    assert answer.json()["party_id"] == "P-RM01-1"
    assert [n.kind for n in rows(bank, Need)] == ["wealth"]


# ---- referrals ----------------------------------------------------------------------------


def test_a_referral_of_a_party_in_the_book_is_recorded(client: TestClient, bank: Engine) -> None:
    token = signed_in(client, "wang")
    assert client.get("/parties/P-RM01-1/referrals/new").status_code == 200
    data = {"csrf_token": token, "referee_id": "P-RM01-2"}
    answer = client.post("/parties/P-RM01-1/referrals", data=data)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/parties/P-RM01-1"
    [referral] = rows(bank, Referral)
    assert (referral.referrer_id, referral.referee_id) == ("P-RM01-1", "P-RM01-2")
    assert referral.status.value == "introduced"
    [event] = events(bank, "referral.record")
    assert event["detail"] == {"referrer_id": "P-RM01-1", "referee_id": "P-RM01-2", "new": False}


def test_a_referral_of_a_new_prospect_creates_it_in_the_referrers_book(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "zhao")  # a manager: the new prospect goes to the referrer's RM
    data = {"csrf_token": token, "name": "赵新", "kind": "person", "mobile": "13712345678"}
    answer = client.post("/parties/P-RM02-1/referrals", data=data)
    assert answer.status_code == 303
    created = party(bank, "PN202606300001")
    assert created is not None
    assert created.rm_id == "RM02"
    assert created.mobile == "13712345678"
    [referral] = rows(bank, Referral)
    assert (referral.referrer_id, referral.referee_id) == ("P-RM02-1", "PN202606300001")
    assert [e["detail"]["via"] for e in events(bank, "party.create")] == ["referral"]
    assert events(bank, "referral.record")[0]["detail"]["new"] is True


def test_a_new_referee_is_checked_for_duplicates_like_any_prospect(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "wang")
    data = {"csrf_token": token, "name": "赵新", "kind": "person", "mobile": MOBILE["P-RM01-1"]}
    warned = client.post("/parties/P-RM01-2/referrals", data=data)
    assert warned.status_code == 409
    assert 'href="/parties/P-RM01-1"' in warned.text
    assert 'action="/parties/P-RM01-2/referrals"' in warned.text
    assert rows(bank, Referral) == []
    saved = client.post("/parties/P-RM01-2/referrals", data={**data, "confirm_new": "yes"})
    assert saved.status_code == 303
    assert len(rows(bank, Referral)) == 1


def test_a_referee_out_of_scope_is_not_found(client: TestClient, bank: Engine) -> None:
    token = signed_in(client, "wang")
    for referee in FOREIGN:
        data = {"csrf_token": token, "referee_id": referee}
        page = client.post("/parties/P-RM01-1/referrals", data=data)
        assert page.status_code == 400
        assert "您的客户中没有这个编号" in page.text
        body = {"referee_id": referee}
        api = client.post(
            "/api/v1/parties/P-RM01-1/referrals", json=body, headers=bearer(bank, "wang")
        )
        assert api.status_code == 404
    assert rows(bank, Referral) == []


def test_the_api_records_a_referral_of_a_new_prospect(client: TestClient, bank: Engine) -> None:
    body = {"new_referee": {"name": "赵新", "mobile": "13712345678"}}
    answer = client.post(
        "/api/v1/parties/P-RM01-1/referrals", json=body, headers=bearer(bank, "wang")
    )
    assert answer.status_code == 201
    assert answer.json()["created_party_id"] == "PN202606300001"
    both = {"referee_id": "P-RM01-2", "new_referee": {"name": "赵", "mobile": "13712345679"}}
    refused = client.post(
        "/api/v1/parties/P-RM01-1/referrals", json=both, headers=bearer(bank, "wang")
    )
    assert refused.status_code == 422


# ---- relationships ------------------------------------------------------------------------


def test_a_relationship_between_two_parties_of_the_book_is_recorded_once(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "wang")
    assert client.get("/parties/P-RM01-1/relationships/new").status_code == 200
    data = {"csrf_token": token, "other_party_id": "P-RM01-2", "kind": "supplier_of"}
    answer = client.post("/parties/P-RM01-1/relationships", data={**data, "since": "2025-03-01"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/parties/P-RM01-1"
    [edge] = rows(bank, Relationship)
    assert (edge.from_party_id, edge.to_party_id, edge.kind.value) == (
        "P-RM01-1",
        "P-RM01-2",
        "supplier_of",
    )
    [event] = events(bank, "relationship.record")
    assert event["detail"]["to_party_id"] == "P-RM01-2"
    again = client.post("/parties/P-RM01-1/relationships", data=data)
    assert again.status_code == 400
    assert "此关联关系已记录" in again.text
    itself = client.post(
        "/parties/P-RM01-1/relationships", data={**data, "other_party_id": "P-RM01-1"}
    )
    assert itself.status_code == 400
    assert "请选择本客户以外的另一位客户" in itself.text
    future = client.post(
        "/parties/P-RM01-1/relationships", data={**data, "kind": "family", "since": "2030-01-01"}
    )
    assert future.status_code == 400
    assert "日期不能晚于今天" in future.text
    assert len(rows(bank, Relationship)) == 1


def test_the_other_party_of_a_relationship_must_be_in_scope(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "wang")
    headers = bearer(bank, "wang")
    for other in FOREIGN:
        data = {"csrf_token": token, "other_party_id": other, "kind": "family"}
        page = client.post("/parties/P-RM01-1/relationships", data=data)
        assert page.status_code == 400
        assert "您的客户中没有这个编号" in page.text
        body = {"other_party_id": other, "kind": "family"}
        api = client.post("/api/v1/parties/P-RM01-1/relationships", json=body, headers=headers)
        assert api.status_code == 404
    assert rows(bank, Relationship) == []


def test_the_api_records_a_relationship(client: TestClient, bank: Engine) -> None:
    body = {"other_party_id": "P-RM02-1", "kind": "employer_of", "since": "2024-01-01"}
    answer = client.post(
        "/api/v1/parties/P-RM01-1/relationships", json=body, headers=bearer(bank, "zhao")
    )
    assert answer.status_code == 201
    assert rows(bank, Relationship)[0].to_party_id == "P-RM02-1"


# ---- scope and roles for every route ------------------------------------------------------

FORMS = ["needs/new", "referrals/new", "relationships/new"]
POSTS = {
    "needs": {"kind": "loan", "nature": "latent"},
    "referrals": {"referee_id": "P-RM01-2"},
    "relationships": {"other_party_id": "P-RM01-2", "kind": "family"},
}


@pytest.mark.parametrize("party_id", FOREIGN)
def test_another_scopes_party_is_not_found_on_every_route(
    client: TestClient, bank: Engine, party_id: str
) -> None:
    token = signed_in(client, "wang")
    headers = bearer(bank, "wang")
    for form in FORMS:
        assert client.get(f"/parties/{party_id}/{form}").status_code == 404
    for what, body in POSTS.items():
        page = client.post(f"/parties/{party_id}/{what}", data={"csrf_token": token, **body})
        assert page.status_code == 404
        api = client.post(f"/api/v1/parties/{party_id}/{what}", json=body, headers=headers)
        assert api.status_code == 404
    assert rows(bank, Need) == rows(bank, Referral) == rows(bank, Relationship) == []


@pytest.mark.parametrize("username", ["shen", "root"])
def test_an_auditor_or_an_admin_records_nothing(
    client: TestClient, bank: Engine, username: str
) -> None:
    token = signed_in(client, username)
    headers = bearer(bank, username)
    for form in FORMS:
        assert client.get(f"/parties/P-RM01-1/{form}").status_code == 403
    for what, body in POSTS.items():
        page = client.post(f"/parties/P-RM01-1/{what}", data={"csrf_token": token, **body})
        assert page.status_code == 403
        api = client.post(f"/api/v1/parties/P-RM01-1/{what}", json=body, headers=headers)
        assert api.status_code == 403


def test_request_bodies_take_no_extra_fields(client: TestClient, bank: Engine) -> None:
    headers = bearer(bank, "wang")
    for what, body in POSTS.items():
        extra = {**body, "id": 7}
        api = client.post(f"/api/v1/parties/P-RM01-1/{what}", json=extra, headers=headers)
        assert api.status_code == 422
