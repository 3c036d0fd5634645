"""Party 360 on the page and the API: the ladder with the party's rung, the evidence and the
gap, its book and history; masked by default; only for parties in the user's scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bankladder.store.database import unit_of_work
from bankladder.store.models import WalletEstimate
from tests.integration.web.conftest import sign_in
from tests.integration.web.party_seed import (
    ACCOUNT,
    ID_NUMBER,
    MOBILE,
    NOTE,
    SECRETS,
    bearer,
    seed_book,
)

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def book(bank: Engine) -> None:
    seed_book(bank)


def test_the_rm_sees_the_ladder_with_the_party_on_its_rung_and_the_next_step(
    client: TestClient,
) -> None:
    sign_in(client, "wang")
    page = client.get("/parties/P-RM01-2")
    assert page.status_code == 200
    assert 'aria-current="step"' in page.text
    assert "了解银行与客户经理" in page.text  # the rung it stands on, in Chinese
    assert "interactions_90d &gt;= 2" in page.text  # the gap to the next rung
    assert "/parties/P-RM01-2/log?kind=visit" in page.text
    assert "/parties/P-RM01-2/needs/new" in page.text


def test_the_page_shows_the_share_of_wallet_with_its_peer_group(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    assert 'id="share-of-wallet"' not in client.get("/parties/P-RM01-1").text  # none yet
    with unit_of_work(bank) as session:
        session.add(
            WalletEstimate(
                party_id="P-RM01-1",
                as_of=dt.date(2026, 6, 30),
                at_bank=Decimal("40000"),
                wallet=Decimal("160000"),
                share=0.25,
                opportunity=Decimal("120000"),
                peer_group="person/segment=affluent/age=45-59",
                peers=48,
                method="q0.90 balance",
            )
        )
    page = client.get("/parties/P-RM01-1")
    assert "25%" in page.text
    assert "个人 · 客户分层 affluent · 年龄段 45-59" in page.text
    assert "160000" not in page.text  # the amounts stay on the wallet view, masked


@pytest.mark.parametrize("view", ["products", "reciprocity", "network"])
def test_the_page_leads_to_the_partys_other_views_which_open(client: TestClient, view: str) -> None:
    sign_in(client, "wang")
    page = client.get("/parties/P-RM01-2")
    assert f'href="/parties/P-RM01-2/{view}"' in page.text
    assert client.get(f"/parties/P-RM01-2/{view}").status_code == 200


def test_the_main_navigation_leads_to_the_network_and_the_products(client: TestClient) -> None:
    sign_in(client, "wang")
    page = client.get("/parties/P-RM01-2")
    assert 'href="/network/intermediaries"' in page.text
    assert 'href="/products"' in page.text
    client.cookies.clear()
    sign_in(client, "root")  # the administrator sees no customer data
    home = client.get("/")
    assert home.status_code == 200
    assert 'href="/team"' not in home.text
    assert 'href="/network/intermediaries"' not in home.text


def test_the_page_shows_book_and_history_with_personal_data_masked(client: TestClient) -> None:
    sign_in(client, "wang")
    page = client.get("/parties/P-RM01-1")
    assert page.status_code == 200
    assert "138****5678" in page.text
    assert "110***********1234" in page.text
    assert "622202*********3445" in page.text
    assert "欧**" in page.text
    assert "活期存款" in page.text
    assert "ICBC" in page.text
    assert "客*********" in page.text  # the linked parties, masked
    assert 'href="/parties/P-RM02-1"' not in page.text  # another RM's: named, not opened
    for secret in SECRETS:
        assert secret not in page.text


def test_the_api_answers_the_same_view_masked_with_the_party_version_as_etag(
    client: TestClient, bank: Engine
) -> None:
    answer = client.get("/api/v1/parties/P-RM01-1", headers=bearer(bank, "wang"))
    assert answer.status_code == 200
    assert answer.headers["ETag"] == '"1"'
    body = answer.json()
    assert body["identity"]["mobile"] == "138****5678"
    assert body["stage"]["id"] == "discovery"
    assert body["unmasked"] is False
    for secret in SECRETS:
        assert secret not in answer.text
    assert NOTE not in answer.text
    assert ACCOUNT not in answer.text


@pytest.mark.parametrize("party", ["P-RM02-1", "P-RM03-1", "P-NONE"])
def test_another_rms_party_is_not_found_on_the_page_and_the_api(
    client: TestClient, bank: Engine, party: str
) -> None:
    sign_in(client, "wang")
    assert client.get(f"/parties/{party}").status_code == 404
    answer = client.get(f"/api/v1/parties/{party}", headers=bearer(bank, "wang"))
    assert answer.status_code == 404
    assert MOBILE not in answer.text
    assert ID_NUMBER not in answer.text


def test_a_manager_sees_the_parties_of_the_branch_and_no_other(client: TestClient) -> None:
    sign_in(client, "zhao")
    assert client.get("/parties/P-RM01-1").status_code == 200
    assert client.get("/parties/P-RM02-1").status_code == 200
    assert client.get("/parties/P-RM03-1").status_code == 404


def test_an_auditor_reads_any_party_without_the_buttons_that_change_it(
    client: TestClient,
) -> None:
    sign_in(client, "shen")
    page = client.get("/parties/P-RM03-1")
    assert page.status_code == 200
    assert "/log?kind=visit" not in page.text
    assert "/unmask" not in page.text


def test_an_administrator_reads_no_party(client: TestClient, bank: Engine) -> None:
    sign_in(client, "root")
    assert client.get("/parties/P-RM01-1").status_code == 403
    answer = client.get("/api/v1/parties/P-RM01-1", headers=bearer(bank, "root"))
    assert answer.status_code == 403
    assert MOBILE not in answer.text


def test_the_page_and_the_api_need_a_signed_in_user(client: TestClient) -> None:
    assert client.get("/parties/P-RM01-1").status_code == 303
    assert client.get("/api/v1/parties/P-RM01-1").status_code == 401
