"""Search by name, mobile, ID number or party number, within the user's scope only, at most
50 results, masked; the query travels in the POST body and never in a URL or a redirect."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from bankladder.store.database import unit_of_work
from bankladder.store.models import Party
from tests.integration.web.prospects_seed import (
    ID_NUMBER,
    MOBILE,
    bearer,
    give_identifiers,
    signed_in,
)

pytestmark = pytest.mark.integration

LINK = re.compile(r'href="/parties/([^"]+)"')


@pytest.fixture(autouse=True)
def identifiers(bank: Engine) -> None:
    give_identifiers(bank)


def found(client: TestClient, token: str, query: str) -> list[str]:
    answer = client.post("/search", data={"csrf_token": token, "query": query})
    assert answer.status_code == 200
    assert "location" not in answer.headers
    return LINK.findall(answer.text)


def test_the_search_form_posts_its_query_to_a_fixed_address(client: TestClient) -> None:
    signed_in(client, "wang")
    page = client.get("/search")
    assert page.status_code == 200
    assert 'method="post" action="/search"' in page.text


@pytest.mark.parametrize(
    ("username", "parties"),
    [
        ("wang", ["P-RM01-1", "P-RM01-2"]),
        ("zhao", ["P-RM01-1", "P-RM01-2", "P-RM02-1"]),
        ("shen", ["P-RM01-1", "P-RM01-2", "P-RM02-1", "P-RM03-1"]),
    ],
)
def test_a_name_finds_only_the_parties_in_the_users_scope(
    client: TestClient, username: str, parties: list[str]
) -> None:
    token = signed_in(client, username)
    assert found(client, token, "客户") == parties


def test_a_mobile_is_matched_exactly_after_normalising(client: TestClient) -> None:
    token = signed_in(client, "wang")
    assert found(client, token, "+86 139-0000-0001") == ["P-RM01-1"]
    assert found(client, token, "1390000000") == []  # a part of a mobile finds nothing
    assert found(client, token, MOBILE["P-RM03-1"]) == []  # another branch's party


def test_an_id_number_is_matched_exactly(client: TestClient) -> None:
    token = signed_in(client, "wang")
    assert found(client, token, ID_NUMBER["P-RM01-1"].lower()) == ["P-RM01-1"]
    assert found(client, token, ID_NUMBER["P-RM03-1"]) == []


def test_a_party_number_is_found(client: TestClient) -> None:
    token = signed_in(client, "wang")
    assert found(client, token, "P-RM01-2") == ["P-RM01-2"]
    assert found(client, token, "P-RM03-1") == []


def test_results_are_masked(client: TestClient) -> None:
    token = signed_in(client, "wang")
    page = client.post("/search", data={"csrf_token": token, "query": MOBILE["P-RM01-1"]}).text
    assert "客*********" in page
    assert "客户P-RM01-1" not in page
    assert "139****0001" in page
    assert ID_NUMBER["P-RM01-1"] not in page


def test_wildcards_in_a_name_are_taken_literally(client: TestClient) -> None:
    token = signed_in(client, "wang")
    assert found(client, token, "%") == []
    assert found(client, token, "_") == []


def test_at_most_fifty_parties_are_listed_with_a_hint_to_narrow(
    client: TestClient, bank: Engine
) -> None:
    with unit_of_work(bank) as session:
        rows = [
            {"id": f"Z{n:03d}", "kind": "person", "name": f"张{n:03d}", "rm_id": "RM01"}
            for n in range(60)
        ]
        session.execute(insert(Party), rows)
    token = signed_in(client, "wang")
    answer = client.post("/search", data={"csrf_token": token, "query": "张"})
    assert len(LINK.findall(answer.text)) == 50
    assert "符合条件的客户多于此处列出的数量" in answer.text


def test_the_query_never_appears_in_a_url(client: TestClient) -> None:
    token = signed_in(client, "wang")
    answer = client.post("/search", data={"csrf_token": token, "query": MOBILE["P-RM01-1"]})
    assert answer.status_code == 200
    assert not answer.is_redirect
    for url in re.findall(r'(?:href|action|src)="([^"]*)"', answer.text):
        assert MOBILE["P-RM01-1"] not in url
        assert "query" not in url
    ignored = client.get("/search", params={"query": MOBILE["P-RM01-1"]})
    assert MOBILE["P-RM01-1"] not in ignored.text  # a query in a URL is never used


def test_an_admin_may_not_search_and_a_post_needs_the_csrf_token(client: TestClient) -> None:
    signed_in(client, "wang")
    assert client.post("/search", data={"query": "客户"}).status_code == 403
    client.cookies.clear()
    token = signed_in(client, "root")
    assert client.get("/search").status_code == 403
    assert client.post("/search", data={"csrf_token": token, "query": "客户"}).status_code == 403


def test_the_api_searches_in_the_body_within_scope(client: TestClient, bank: Engine) -> None:
    body = {"query": MOBILE["P-RM01-1"]}
    answer = client.post("/api/v1/parties/search", json=body, headers=bearer(bank, "wang"))
    assert answer.status_code == 200
    result = answer.json()
    assert [p["party_id"] for p in result["parties"]] == ["P-RM01-1"]
    assert result["parties"][0]["mobile"] == "139****0001"
    assert result["searched_by"] == "mobile"
    assert MOBILE["P-RM01-1"] not in answer.text
    other = {"query": ID_NUMBER["P-RM03-1"]}
    assert (
        client.post("/api/v1/parties/search", json=other, headers=bearer(bank, "wang")).json()[
            "parties"
        ]
        == []
    )
    assert (
        client.post("/api/v1/parties/search", json=body, headers=bearer(bank, "root")).status_code
        == 403
    )
    extra = {"query": "客户", "rm_id": "RM03"}
    assert (
        client.post("/api/v1/parties/search", json=extra, headers=bearer(bank, "wang")).status_code
        == 422
    )
