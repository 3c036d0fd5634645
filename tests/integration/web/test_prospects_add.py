"""Adding a prospect met in the field: the page and the API, the duplicate warning before
saving (in scope: a link; out of scope: nothing revealed), identifiers refused in words, the
new party's id, owner and dates, and its audit event."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine, insert

from bankladder.parties.identifiers import is_credit_code, is_resident_id
from bankladder.store.database import unit_of_work
from bankladder.store.models import Interaction, PartyAlias
from tests.integration.web.prospects_seed import (
    ID_NUMBER,
    MOBILE,
    NEW_CREDIT_CODE,
    NEW_ID,
    bearer,
    events,
    give_identifiers,
    parties_with_mobile,
    party,
    party_count,
    signed_in,
)
from tests.workbench import Clock

pytestmark = pytest.mark.integration

FRESH_MOBILE = "13712345678"


@pytest.fixture(autouse=True)
def identifiers(bank: Engine) -> None:
    give_identifiers(bank)


def add(client: TestClient, token: str, **fields: str) -> Response:
    form = {"csrf_token": token, "name": "李新", "kind": "person", "mobile": FRESH_MOBILE}
    return client.post("/prospects", data={**form, **fields})


def test_the_seeded_identifiers_pass_their_standards() -> None:
    assert all(is_resident_id(n) for n in [*ID_NUMBER.values(), NEW_ID])
    assert is_credit_code(NEW_CREDIT_CODE)


def test_an_rm_adds_a_prospect_to_their_book_and_lands_on_its_page(
    client: TestClient, bank: Engine, clock: Clock
) -> None:
    token = signed_in(client, "wang")
    form = client.get("/prospects/new")
    assert form.status_code == 200
    assert 'action="/prospects"' in form.text
    answer = add(client, token, mobile="+86 137-1234-5678", prospect_group="东门市场")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/parties/PN202606300001"
    saved = party(bank, "PN202606300001")
    assert saved is not None
    assert (saved.rm_id, saved.mobile, saved.prospect_group) == ("RM01", FRESH_MOBILE, "东门市场")
    assert (saved.created_at, saved.first_contact_on) == (clock.now, clock.now.date())
    assert (saved.customer_since, saved.version) == (None, 1)


def test_adding_a_prospect_is_audited_without_personal_values(
    client: TestClient, bank: Engine, clock: Clock
) -> None:
    add(client, signed_in(client, "wang"), id_number=NEW_ID, note="在东门市场认识")
    [event] = events(bank, "party.create")
    assert event["object_id"] == "PN202606300001"
    assert event["at"] == clock.now
    text = str(event["detail"])
    assert "李新" not in text
    assert FRESH_MOBILE not in text
    assert NEW_ID not in text
    assert "东门" not in text
    assert event["detail"]["rm_id"] == "RM01"
    assert "mobile" in event["detail"]["fields"]


def test_the_note_is_kept_as_the_first_visit(client: TestClient, bank: Engine) -> None:
    add(client, signed_in(client, "wang"), note="在东门市场认识，经营干货")
    with unit_of_work(bank) as session:
        visit = session.query(Interaction).filter_by(party_id="PN202606300001").one()
        assert (visit.kind.value, visit.note, visit.rm_id) == (
            "visit",
            "在东门市场认识，经营干货",
            "RM01",
        )


def test_new_party_ids_count_up_within_a_day_and_skip_ids_merged_away(
    client: TestClient, bank: Engine, clock: Clock
) -> None:
    token = signed_in(client, "wang")
    assert add(client, token).headers["location"].endswith("PN202606300001")
    with unit_of_work(bank) as session:
        session.execute(
            insert(PartyAlias).values(
                alias_id="PN202606300002", party_id="P-RM01-1", reason="merged", merged_at=clock.now
            )
        )
    second = add(client, token, mobile="13712340002")
    assert second.headers["location"].endswith("PN202606300003")
    clock.advance(days=1)
    token = signed_in(client, "wang")
    third = add(client, token, mobile="13712340003")
    assert third.headers["location"].endswith("PN202607010001")


def test_the_same_mobile_in_the_book_is_warned_before_saving_with_a_link_to_it(
    client: TestClient, bank: Engine
) -> None:
    before = party_count(bank)
    answer = add(client, signed_in(client, "wang"), mobile=MOBILE["P-RM01-1"])
    assert answer.status_code == 409
    assert 'href="/parties/P-RM01-1"' in answer.text
    assert "客*********" in answer.text
    assert "客户P-RM01-1" not in answer.text
    assert ID_NUMBER["P-RM01-1"] not in answer.text
    assert "110*" in answer.text
    assert 'name="confirm_new" value="yes"' in answer.text
    assert party_count(bank) == before  # nothing saved


def test_the_same_id_number_out_of_scope_reveals_nothing_but_a_colleague(
    client: TestClient, bank: Engine
) -> None:
    answer = add(client, signed_in(client, "wang"), id_number=ID_NUMBER["P-RM03-1"])
    assert answer.status_code == 409
    assert "已有同事在服务一位证件号码相同的客户" in answer.text
    for secret in ("P-RM03-1", "RM03", "客*", MOBILE["P-RM03-1"], "BR02"):
        assert secret not in answer.text
    assert "/parties/" not in answer.text


def test_a_colleague_of_the_branch_is_out_of_an_rms_scope_but_in_the_managers(
    client: TestClient, bank: Engine
) -> None:
    rm_answer = add(client, signed_in(client, "wang"), mobile=MOBILE["P-RM02-1"])
    assert "已有同事在服务一位手机号码相同的客户" in rm_answer.text
    assert "P-RM02-1" not in rm_answer.text
    manager = add(client, signed_in(client, "zhao"), mobile=MOBILE["P-RM02-1"], rm_id="RM01")
    assert manager.status_code == 409
    assert 'href="/parties/P-RM02-1"' in manager.text


def test_confirming_a_new_party_saves_it_anyway(client: TestClient, bank: Engine) -> None:
    token = signed_in(client, "wang")
    answer = add(client, token, mobile=MOBILE["P-RM01-1"], confirm_new="yes")
    assert answer.status_code == 303
    assert parties_with_mobile(bank, MOBILE["P-RM01-1"]) == ["P-RM01-1", "PN202606300001"]
    assert events(bank, "party.create")[0]["detail"]["confirmed_new"] is True


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"mobile": "1381234"}, "mobile", "这不是有效的大陆手机号码"),
        ({"mobile": "12345678901"}, "mobile", "这不是有效的大陆手机号码"),
        (
            {"id_number": NEW_ID[:17] + "0" if NEW_ID[17] != "0" else NEW_ID[:17] + "1"},
            "id_number",
            "这不是有效的18位居民身份证号码",
        ),
        (
            {"kind": "enterprise", "id_number": NEW_CREDIT_CODE[:17] + "Z"},
            "id_number",
            "这不是有效的18位统一社会信用代码",
        ),
        ({"name": "  "}, "name", "请填写此项"),
    ],
)
def test_identifiers_and_missing_fields_are_refused_in_words_next_to_the_field(
    client: TestClient, bank: Engine, fields: dict[str, str], field: str, words: str
) -> None:
    before = party_count(bank)
    answer = add(client, signed_in(client, "wang"), **fields)
    assert answer.status_code == 400
    assert f'id="{field}-problem" role="alert">{words}' in answer.text
    assert party_count(bank) == before


def test_an_enterprise_with_a_valid_credit_code_is_accepted(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "wang")
    answer = add(
        client, token, kind="enterprise", name="深圳干货有限公司", id_number=NEW_CREDIT_CODE
    )
    assert answer.status_code == 303
    saved = party(bank, "PN202606300001")
    assert saved is not None
    assert saved.id_number == NEW_CREDIT_CODE


def test_a_manager_gives_the_prospect_to_an_rm_of_their_branch(
    client: TestClient, bank: Engine
) -> None:
    token = signed_in(client, "zhao")
    form = client.get("/prospects/new").text
    assert 'value="RM01"' in form
    assert 'value="RM02"' in form
    assert 'value="RM03"' not in form
    for chosen in ("", "RM03"):
        refused = add(client, token, rm_id=chosen)
        assert refused.status_code == 400
        assert "请选择本支行的一位客户经理" in refused.text
    assert add(client, token, rm_id="RM02").status_code == 303
    saved = party(bank, "PN202606300001")
    assert saved is not None
    assert saved.rm_id == "RM02"


@pytest.mark.parametrize("username", ["shen", "root"])
def test_an_auditor_or_an_admin_may_not_add_a_prospect(
    client: TestClient, bank: Engine, username: str
) -> None:
    token = signed_in(client, username)
    assert client.get("/prospects/new").status_code == 403
    assert add(client, token).status_code == 403
    assert (
        client.post(
            "/api/v1/parties",
            json={"name": "x", "mobile": FRESH_MOBILE},
            headers=bearer(bank, username),
        ).status_code
        == 403
    )


def test_a_form_without_the_csrf_token_is_refused(client: TestClient, bank: Engine) -> None:
    signed_in(client, "wang")
    assert add(client, "forged").status_code == 403
    assert party(bank, "PN202606300001") is None


# ---- the API ------------------------------------------------------------------------------


def test_the_api_adds_a_prospect_with_its_etag_and_masked_values(
    client: TestClient, bank: Engine
) -> None:
    body = {"name": "李新", "kind": "person", "mobile": FRESH_MOBILE, "id_number": NEW_ID}
    answer = client.post("/api/v1/parties", json=body, headers=bearer(bank, "wang"))
    assert answer.status_code == 201
    assert answer.headers["etag"] == '"1"'
    assert answer.headers["location"] == "/api/v1/parties/PN202606300001"
    shown = answer.json()
    assert shown["name"] == "李*"
    assert shown["mobile"] == "137****5678"
    assert shown["id_number"] == NEW_ID[:3] + "*" * 11 + NEW_ID[-4:]
    assert shown["rm_id"] == "RM01"
    assert shown["first_contact_on"] == "2026-06-30"
    assert shown["customer_since"] is None
    assert shown["version"] == 1


def test_the_api_answers_409_with_ids_only_for_candidates_in_scope(
    client: TestClient, bank: Engine
) -> None:
    headers = bearer(bank, "wang")
    mine = {"name": "李新", "mobile": MOBILE["P-RM01-1"]}
    answer = client.post("/api/v1/parties", json=mine, headers=headers)
    assert answer.status_code == 409
    [candidate] = answer.json()["candidates"]
    assert candidate["party_id"] == "P-RM01-1"
    assert candidate["in_scope"] is True
    assert candidate["mobile"] == "139****0001"
    assert candidate["matched_on"] == "mobile"
    theirs = {"name": "李新", "mobile": FRESH_MOBILE, "id_number": ID_NUMBER["P-RM03-1"]}
    answer = client.post("/api/v1/parties", json=theirs, headers=headers)
    assert answer.status_code == 409
    assert answer.json()["candidates"] == [{"matched_on": "id_number", "in_scope": False}]
    assert "P-RM03-1" not in answer.text
    assert MOBILE["P-RM03-1"] not in answer.text
    confirmed = client.post(
        "/api/v1/parties", json={**theirs, "confirm_new": True}, headers=headers
    )
    assert confirmed.status_code == 201


def test_two_valid_different_id_numbers_are_two_parties_even_with_one_mobile(
    client: TestClient, bank: Engine
) -> None:
    """The resolution rules' veto: a parent and a child may share a phone."""
    body = {"name": "李新", "mobile": MOBILE["P-RM01-1"], "id_number": NEW_ID}
    answer = client.post("/api/v1/parties", json=body, headers=bearer(bank, "wang"))
    assert answer.status_code == 201


def test_the_api_refuses_identifiers_in_words_and_fields_it_does_not_take(
    client: TestClient, bank: Engine
) -> None:
    headers = bearer(bank, "wang")
    bad = client.post("/api/v1/parties", json={"name": "李新", "mobile": "123"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["field"] == "mobile"
    assert "11 digits" in bad.json()["problems"][0]["detail"]
    for extra in ({"version": 5}, {"created_at": "2020-01-01"}, {"customer_since": "2020-01-01"}):
        body = {"name": "李新", "mobile": FRESH_MOBILE, **extra}
        assert client.post("/api/v1/parties", json=body, headers=headers).status_code == 422
    other_book = {"name": "李新", "mobile": FRESH_MOBILE, "rm_id": "RM02"}
    refused = client.post("/api/v1/parties", json=other_book, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["problem"] == "own_book"
    assert party_count(bank) == 4


def test_the_api_lets_a_manager_choose_an_rm_of_their_branch_only(
    client: TestClient, bank: Engine
) -> None:
    headers = bearer(bank, "zhao")
    body = {"name": "李新", "mobile": FRESH_MOBILE}
    assert client.post("/api/v1/parties", json=body, headers=headers).status_code == 422
    other_branch = client.post("/api/v1/parties", json={**body, "rm_id": "RM03"}, headers=headers)
    assert other_branch.status_code == 422
    answer = client.post("/api/v1/parties", json={**body, "rm_id": "RM02"}, headers=headers)
    assert answer.status_code == 201
    assert answer.json()["rm_id"] == "RM02"


def test_the_first_contact_is_the_day_of_the_workbench_clock(
    client: TestClient, bank: Engine, clock: Clock
) -> None:
    clock.advance(days=3)
    body = {"name": "李新", "mobile": FRESH_MOBILE}
    answer = client.post("/api/v1/parties", json=body, headers=bearer(bank, "wang"))
    assert answer.json()["first_contact_on"] == (clock.now.date()).isoformat()
    assert answer.json()["id"] == f"PN{clock.now.date():%Y%m%d}0001"
    assert dt.date.fromisoformat(answer.json()["first_contact_on"]) == dt.date(2026, 7, 3)
