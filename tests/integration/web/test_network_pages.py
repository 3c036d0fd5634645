"""The network on the page and the API: a party's network (drawing, prospects with the path,
intermediary rank, fission figures), the intermediary ranking and the fission figures, for
each role (the book of ``tests.integration.network.test_read_network``)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bankladder.store.vocabulary import UserLocale, UserRole
from tests.integration.network.test_read_network import SECRET_NAMES, seed_network
from tests.integration.web.conftest import sign_in
from tests.integration.web.party_seed import bearer
from tests.workbench import add_user

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def book(bank: Engine) -> None:
    seed_network(bank)


def test_the_rm_sees_the_drawing_the_prospects_the_rank_and_the_figures(
    client: TestClient,
) -> None:
    sign_in(client, "wang")
    page = client.get("/parties/E-RM01/network")
    assert page.status_code == 200
    text = page.text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in text
    assert "甲公司的关系网" in text
    assert "一度关系4方，二度关系1方。" in text  # N-NONE, N-RM01, P-RM01-1, P-RM02-1; N-RM03
    assert '<a href="/parties/N-RM01"><strong>李*</strong></a>' in text
    assert "甲公司 是 李* 的供应商" in text
    assert "同事名下的客户" in text
    assert "其中2位潜在客户不在您的名下" in text
    assert 'href="/parties/N-RM03"' not in text
    assert "丙公司" not in text  # a prospect of another RM: not identified
    assert "N-RM03" not in text
    assert "客*********" in text  # a colleague's customer on the path: named, masked
    assert 'href="/parties/P-RM02-1"' not in text
    assert "在全行中介中排名第1" in text
    assert "推荐树深度" in text
    assert '<a href="/parties/E-RM01">' in text
    for name in SECRET_NAMES:
        assert name not in text
    assert "<script" not in text


def test_an_english_speaking_rm_reads_the_page_in_english(bank: Engine, client: TestClient) -> None:
    add_user(bank, "li", UserRole.RM, rm_id="RM01", locale=UserLocale.EN)
    sign_in(client, "li")
    text = client.get("/parties/E-RM01/network").text
    assert "Network of 甲公司" in text
    assert "甲公司 supplies 李*" in text
    assert "a party in a colleague&#39;s book" in text
    assert "Depth of referral trees" in text


@pytest.mark.parametrize("party", ["P-RM02-1", "P-RM03-1", "P-NONE"])
def test_another_rms_party_is_not_found(client: TestClient, bank: Engine, party: str) -> None:
    sign_in(client, "wang")
    assert client.get(f"/parties/{party}/network").status_code == 404
    answer = client.get(f"/api/v1/parties/{party}/network", headers=bearer(bank, "wang"))
    assert answer.status_code == 404


def test_a_manager_opens_the_branchs_parties_and_the_auditor_any(client: TestClient) -> None:
    sign_in(client, "zhao")
    assert client.get("/parties/P-RM02-1/network").status_code == 200
    assert client.get("/parties/P-RM03-1/network").status_code == 404
    sign_in(client, "shen")
    page = client.get("/parties/E-RM01/network")
    assert page.status_code == 200
    assert '<a href="/parties/N-RM03"><strong>丙公司</strong></a>' in page.text


def test_an_administrator_is_refused_every_network_page_and_answer(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "root")
    token = bearer(bank, "root")
    for path in ("/parties/E-RM01/network", "/network/intermediaries", "/network/fission"):
        assert client.get(path).status_code == 403
    for path in ("/parties/E-RM01/network", "/network/intermediaries", "/network/fission"):
        assert client.get(f"/api/v1{path}", headers=token).status_code == 403


@pytest.mark.parametrize(
    ("user", "shown", "hidden"),
    [
        ("wang", ["E-RM01"], ["P-RM03-1", "P-RM02-1"]),
        ("zhao", ["E-RM01", "P-RM02-1"], ["P-RM03-1"]),
        ("shen", ["E-RM01", "P-RM03-1", "P-RM02-1"], []),
    ],
)
def test_the_intermediary_ranking_shows_the_users_scope(
    client: TestClient, bank: Engine, user: str, shown: list[str], hidden: list[str]
) -> None:
    sign_in(client, user)
    page = client.get("/network/intermediaries")
    assert page.status_code == 200
    for party in shown:
        assert f'id="intermediary-{party}"' in page.text
    for party in hidden:
        assert f'id="intermediary-{party}"' not in page.text
    answer = client.get("/api/v1/network/intermediaries", headers=bearer(bank, user)).json()
    assert [i["party_id"] for i in answer["intermediaries"]] == shown
    assert answer["as_of"] == "2026-06-29"


@pytest.mark.parametrize(
    ("user", "rms", "branches"),
    [
        ("wang", ["RM01"], []),
        ("zhao", ["RM01", "RM02"], ["BR01"]),
        ("shen", ["RM01", "RM02", "RM03"], ["BR01", "BR02"]),
    ],
)
def test_the_fission_figures_per_rm_and_branch_follow_the_role(
    client: TestClient, bank: Engine, user: str, rms: list[str], branches: list[str]
) -> None:
    sign_in(client, user)
    page = client.get("/network/fission")
    assert page.status_code == 200
    for rm in ("RM01", "RM02", "RM03"):
        assert (f'id="rm-{rm}"' in page.text) is (rm in rms)
    for branch in ("BR01", "BR02"):
        assert (f'id="branch-{branch}"' in page.text) is (branch in branches)
    answer = client.get("/api/v1/network/fission", headers=bearer(bank, user)).json()
    assert [row["id"] for row in answer["rms"]] == rms
    assert [row["id"] for row in answer["branches"]] == branches


def test_the_fission_api_answers_as_of_a_date(client: TestClient, bank: Engine) -> None:
    answer = client.get(
        "/api/v1/network/fission?as_of=2026-04-20", headers=bearer(bank, "wang")
    ).json()
    (rm,) = answer["rms"]
    assert (rm["figures"]["made"], rm["figures"]["converted"]) == (1, 1)
    assert answer["as_of"] == "2026-04-20"


def test_the_api_gives_the_party_network_with_prospects_identified_or_not(
    client: TestClient, bank: Engine
) -> None:
    answer = client.get("/api/v1/parties/E-RM01/network", headers=bearer(bank, "wang"))
    assert answer.status_code == 200
    body = answer.json()
    prospects = body["prospects"]["prospects"]
    assert [(p["rank"], p["prospect_id"], p["identified"]) for p in prospects] == [
        (1, None, False),
        (2, "N-RM01", True),
        (3, None, False),
    ]
    assert prospects[1]["path"] == {"zh": "甲公司 是 李* 的供应商", "en": "甲公司 supplies 李*"}
    assert body["intermediary"]["rank"] == 1
    assert body["fission"]["depth"] == 2
    assert len(body["graph"]["nodes"]) == 6
    for name in SECRET_NAMES:
        assert name not in answer.text


def test_the_pages_need_a_signed_in_user(client: TestClient) -> None:
    assert client.get("/parties/E-RM01/network").status_code == 303
    assert client.get("/api/v1/network/intermediaries").status_code == 401
