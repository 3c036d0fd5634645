"""Resource mining on the page and the API: a party's wallet, idle cash and the products to
offer with their reasons and selling points; amounts masked until unmasked with a reason;
only for parties in the user's scope; the catalogue for every role that reads parties."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from bankladder.store.models import AuditEvent
from bankladder.store.vocabulary import UserLocale, UserRole
from tests.integration.products.seed import (
    ENTERPRISE,
    ENTERPRISE_ORDER,
    IDLE_SHOWN,
    OPPORTUNITY_SHOWN,
    PERSON,
    SECRETS,
    seed_products,
)
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.party_seed import bearer
from tests.workbench import add_user

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def book(bank: Engine) -> None:
    seed_products(bank)


def test_the_rm_sees_the_gap_the_idle_cash_and_the_products_to_offer_masked(
    client: TestClient,
) -> None:
    sign_in(client, "wang")
    page = client.get(f"/parties/{ENTERPRISE}/products")
    assert page.status_code == 200
    # the peer group that explains the share, and the method, in words
    assert "企业 · 客户分层 sme · 行业 C · 规模 small · 年营业收入 未知" in page.text
    assert "同类客户在我行余额的 0.90 分位数" in page.text
    assert "25%" in page.text
    assert "DEP-BASIC, DEP-CORP-TD" in page.text  # what it holds, never offered again
    assert "已在活期账户闲置6个月" in page.text
    assert "企业现金管理" in page.text
    assert "招商银行（股份制银行）" in page.text  # the selling point against its bank
    positions = [page.text.index(f"{code}") for code in ENTERPRISE_ORDER]
    assert positions == sorted(positions)
    assert "****" in page.text
    for secret in SECRETS:
        assert secret not in page.text
    assert f'action="/parties/{ENTERPRISE}/products/unmask"' in page.text


def test_the_page_speaks_english_to_an_english_user(client: TestClient, bank: Engine) -> None:
    add_user(bank, "eve", UserRole.RM, rm_id="RM01", locale=UserLocale.EN)
    sign_in(client, "eve")
    page = client.get(f"/parties/{ENTERPRISE}/products")
    assert "Products to offer" in page.text
    assert "Against 招商银行 (joint-stock bank):" in page.text
    assert "Enterprise · Segment sme · Industry C · Size band small" in page.text
    assert "0.90 quantile of the peers&#39; balances with us" in page.text
    assert "Corporate cash management" in page.text
    assert "has stayed idle for 6 months: the RM as the enterprise&#39;s adviser" in page.text
    assert "招商银行 (joint-stock bank)" in page.text


def test_unmasking_with_a_reason_shows_the_amounts_and_is_recorded(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    token = csrf_token(client)
    url = f"/parties/{ENTERPRISE}/products/unmask"
    refused = client.post(url, data={"reason": "why", "csrf_token": token})
    assert refused.status_code == 400
    assert IDLE_SHOWN not in refused.text
    shown = client.post(url, data={"reason": "准备上门理财建议", "csrf_token": token})
    assert shown.status_code == 200
    assert IDLE_SHOWN in shown.text
    assert OPPORTUNITY_SHOWN in shown.text
    with bank.connect() as connection:
        event = connection.execute(
            select(AuditEvent).where(AuditEvent.object_id == ENTERPRISE)
        ).one()
    assert (event.event, event.reason) == ("party.unmask", "准备上门理财建议")
    assert event.detail["fields"] == ["wallet", "idle_cash"]


def test_the_api_answers_the_same_view_masked(client: TestClient, bank: Engine) -> None:
    answer = client.get(f"/api/v1/parties/{ENTERPRISE}/products", headers=bearer(bank, "wang"))
    assert answer.status_code == 200
    body = answer.json()
    assert [s["product_code"] for s in body["suggestions"]] == ENTERPRISE_ORDER
    assert body["wallet"]["opportunity"] == "****"
    assert body["idle_cash"] == {"amount": "****", "months": 6, "since": "2026-01-01"}
    assert body["suggestions"][0]["reasons"][0]["source"] == "wallet"
    assert [s["rung"] for s in body["suggestions"]] == [4, 4, 2, 2, 2, 4]
    for secret in SECRETS:
        assert secret not in answer.text


@pytest.mark.parametrize(("user", "status"), [("wang", 200), ("zhao", 200), ("shen", 200)])
def test_every_role_that_reads_the_party_sees_its_products(
    client: TestClient, bank: Engine, user: str, status: int
) -> None:
    sign_in(client, user)
    assert client.get(f"/parties/{PERSON}/products").status_code == status
    api = client.get(f"/api/v1/parties/{PERSON}/products", headers=bearer(bank, user))
    assert api.status_code == status


@pytest.mark.parametrize(("user", "party"), [("wang", "P-RM02-1"), ("zhao", "P-RM03-1")])
def test_a_party_out_of_scope_is_not_found(
    client: TestClient, bank: Engine, user: str, party: str
) -> None:
    sign_in(client, user)
    assert client.get(f"/parties/{party}/products").status_code == 404
    api = client.get(f"/api/v1/parties/{party}/products", headers=bearer(bank, user))
    assert api.status_code == 404
    assert client.get("/parties/NOBODY/products").status_code == 404


def test_the_auditor_reads_but_may_not_unmask_and_the_admin_sees_nothing(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "shen")
    url = f"/parties/{ENTERPRISE}/products/unmask"
    page = client.get(f"/parties/{ENTERPRISE}/products")
    assert url not in page.text
    assert (
        client.post(
            url, data={"reason": "准备上门理财建议", "csrf_token": csrf_token(client)}
        ).status_code
        == 403
    )
    root = bearer(bank, "root")
    assert client.get(f"/api/v1/parties/{ENTERPRISE}/products", headers=root).status_code == 403
    assert client.get("/api/v1/products", headers=root).status_code == 403


@pytest.mark.parametrize("user", ["wang", "zhao", "shen"])
def test_the_catalogue_shows_selling_points_by_kind_of_competitor(
    client: TestClient, bank: Engine, user: str
) -> None:
    sign_in(client, user)
    page = client.get("/products")
    assert page.status_code == 200
    assert "小微经营贷" in page.text
    assert "对比国有大行" in page.text
    assert 'id="product-INS-CORP"' in page.text
    api = client.get("/api/v1/products", headers=bearer(bank, user)).json()
    assert len(api["products"]) == 22
