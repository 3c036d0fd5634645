"""The reciprocity ledger on the page and the API, per role: the RM of the party and the
branch manager see it and record favours; the auditor reads it only; the admin and other
RMs are refused (404 out of scope, like an unknown party); amounts masked by default."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, Benefit
from tests.integration.reciprocity.seed import NOTE, PARTY, seed_ledger
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.party_seed import bearer

pytestmark = pytest.mark.integration
PAGE = f"/parties/{PARTY}/reciprocity"
API = f"/api/v1/parties/{PARTY}/reciprocity"
SEEDED = 4
FIGURES = ("450,000", "550,000", "12,800", "1,200,000", NOTE)


@pytest.fixture(autouse=True)
def ledger(bank: Engine, users: object) -> None:
    seed_ledger(bank)


def benefits(bank: Engine) -> int:
    with unit_of_work(bank) as session:
        return int(session.scalar(select(func.count()).select_from(Benefit)) or 0)


def test_the_rm_sees_both_sides_masked_with_the_win_win_highlight(client: TestClient) -> None:
    sign_in(client, "wang")
    page = client.get(PAGE)
    assert page.status_code == 200
    assert 'id="win-win"' in page.text
    assert "近12个月我行为客户提供了3项权益，价值人民币****元" in page.text
    assert "价格优惠" in page.text  # a price concession, in Chinese
    assert 'action="/parties/P-RM01-1/benefits"' in page.text
    assert "****" in page.text
    for figure in FIGURES:
        assert figure not in page.text


def test_the_rm_unmasks_with_a_reason_and_sees_the_figures(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    page = client.post(
        f"{PAGE}/unmask", data={"reason": "准备议价，核对贡献度", "csrf_token": csrf_token(client)}
    )
    assert page.status_code == 200
    assert "550,000.00" in page.text
    assert NOTE in page.text
    refused = client.post(f"{PAGE}/unmask", data={"reason": "x", "csrf_token": csrf_token(client)})
    assert refused.status_code == 400
    assert "550,000.00" not in refused.text
    with unit_of_work(bank) as session:
        events = session.scalar(
            select(func.count()).where(AuditEvent.event == "reciprocity.unmask")
        )
    assert events == 1


def test_another_rms_party_is_not_found(client: TestClient) -> None:
    sign_in(client, "wang")
    assert client.get("/parties/P-RM02-1/reciprocity").status_code == 404
    assert client.get("/parties/NO-SUCH/reciprocity").status_code == 404


def test_the_manager_sees_the_branchs_parties_only(client: TestClient) -> None:
    sign_in(client, "zhao")
    assert client.get("/parties/P-RM02-1/reciprocity").status_code == 200
    assert client.get(PAGE).status_code == 200
    assert client.get("/parties/P-RM03-1/reciprocity").status_code == 404


def test_the_auditor_reads_but_may_not_record(client: TestClient, bank: Engine) -> None:
    sign_in(client, "shen")
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "/benefits" not in page.text
    form = {"kind": "knowledge", "csrf_token": csrf_token(client)}
    assert client.post(f"/parties/{PARTY}/benefits", data=form).status_code == 403
    assert benefits(bank) == SEEDED


def test_the_admin_is_refused(client: TestClient) -> None:
    sign_in(client, "root")
    assert client.get(PAGE).status_code == 403


def test_a_favour_recorded_on_the_form_joins_the_ledger(client: TestClient, bank: Engine) -> None:
    sign_in(client, "wang")
    form = {
        "kind": "introduction",
        "given_on": "2026-06-29",
        "worth": "",
        "counterpart_id": "P-RM01-2",
        "note": "介绍给下游买家",
        "csrf_token": csrf_token(client),
    }
    answer = client.post(f"/parties/{PARTY}/benefits", data=form)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{PAGE}?recorded=1"
    page = client.get(answer.headers["location"])
    assert 'id="benefit-recorded"' in page.text
    assert "提供了4项权益" in page.text
    assert benefits(bank) == SEEDED + 1


def test_bad_input_is_refused_in_words_and_nothing_saved(client: TestClient, bank: Engine) -> None:
    sign_in(client, "wang")
    form = {
        "kind": "introduction",
        "given_on": "2026-07-01",
        "worth": "-5",
        "counterpart_id": "P-RM03-1",
        "csrf_token": csrf_token(client),
    }
    page = client.post(f"/parties/{PARTY}/benefits", data=form)
    assert page.status_code == 400
    assert "日期不能晚于今天" in page.text
    assert "请填写0或以上的人民币年价值" in page.text
    assert benefits(bank) == SEEDED
    form |= {"given_on": "2026-06-01", "worth": "100"}
    page = client.post(f"/parties/{PARTY}/benefits", data=form)
    assert "您的客户中没有这个编号" in page.text  # P-RM03-1 is another branch's
    assert benefits(bank) == SEEDED


def test_a_form_without_the_sessions_csrf_token_is_refused(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    assert client.post(f"/parties/{PARTY}/benefits", data={"kind": "knowledge"}).status_code == 403
    assert benefits(bank) == SEEDED


def test_the_api_answers_the_ledger_masked(client: TestClient, bank: Engine) -> None:
    answer = client.get(API, headers=bearer(bank, "wang"))
    assert answer.status_code == 200
    body = answer.json()
    assert (body["vip_tier"], body["contribution"], body["win_win"]) == (2, "****", True)
    assert body["given"]["count"] == 3
    assert body["brought"]["referrals_converted"] == 1
    assert client.get(API, headers=bearer(bank, "root")).status_code == 403
    other = client.get("/api/v1/parties/P-RM03-1/reciprocity", headers=bearer(bank, "wang"))
    assert other.status_code == 404
    earlier = client.get(f"{API}?as_of=2025-07-30", headers=bearer(bank, "shen")).json()
    assert (earlier["vip_tier"], earlier["win_win"]) == (1, False)


def test_the_api_records_a_favour_or_says_what_it_refuses(client: TestClient, bank: Engine) -> None:
    wang = bearer(bank, "wang")
    url = f"/api/v1/parties/{PARTY}/benefits"
    done = client.post(url, headers=wang, json={"kind": "price_concession", "worth": "3000"})
    assert done.status_code == 201
    assert done.json()["party_id"] == PARTY
    refused = client.post(url, headers=wang, json={"kind": "banquet", "worth": -1})
    assert refused.status_code == 422
    assert {p["field"]: p["problem"] for p in refused.json()["problems"]} == {
        "kind": "kind",
        "worth": "amount",
    }
    auditor = client.post(url, headers=bearer(bank, "shen"), json={"kind": "knowledge"})
    assert auditor.status_code == 403
    assert benefits(bank) == SEEDED + 1
