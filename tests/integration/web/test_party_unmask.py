"""Unmasking: a permitted user states a reason and sees the party's personal data in full for
that answer only; the audit trail records who, why and which fields, never the values."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine, select

from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.party_seed import (
    ACCOUNT,
    BALANCE_SHOWN,
    ID_NUMBER,
    MOBILE,
    NAME,
    NOTE,
    SECRETS,
    bearer,
    seed_book,
)

pytestmark = pytest.mark.integration
REASON = "customer asked to confirm the phone number"


@pytest.fixture(autouse=True)
def book(bank: Engine) -> None:
    seed_book(bank)


def _unmask(client: TestClient, party: str = "P-RM01-1", reason: str = REASON) -> Response:
    form = {"reason": reason, "csrf_token": csrf_token(client)}
    return client.post(f"/parties/{party}/unmask", data=form)


def _unmasks(bank: Engine) -> list[AuditEvent]:
    with unit_of_work(bank) as session:
        query = select(AuditEvent).where(AuditEvent.event == "party.unmask")
        return list(session.scalars(query))


def test_a_stated_reason_shows_the_personal_data_in_full_once(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    shown = _unmask(client)
    assert shown.status_code == 200
    for value in (MOBILE, ID_NUMBER, ACCOUNT, BALANCE_SHOWN, NOTE, NAME):
        assert value in shown.text
    again = client.get("/parties/P-RM01-1")  # nothing is kept in the session
    for secret in SECRETS:
        assert secret not in again.text


def test_the_unmasking_is_audited_with_the_reason_and_the_fields_never_the_values(
    client: TestClient, bank: Engine, users: object
) -> None:
    sign_in(client, "wang")
    _unmask(client)
    (event,) = _unmasks(bank)
    assert (event.object_type, event.object_id, event.reason) == ("party", "P-RM01-1", REASON)
    assert set(event.detail["fields"]) >= {"mobile", "id_number", "holding.account_no"}
    for secret in SECRETS:
        assert secret not in str(event.detail)


@pytest.mark.parametrize("reason", ["", "   ", "why"])
def test_a_missing_or_too_short_reason_is_refused_and_nothing_is_shown(
    client: TestClient, bank: Engine, reason: str
) -> None:
    sign_in(client, "wang")
    refused = _unmask(client, reason=reason)
    assert refused.status_code == 400
    for secret in SECRETS:
        assert secret not in refused.text
    assert _unmasks(bank) == []


def test_another_rms_party_cannot_be_unmasked(client: TestClient, bank: Engine) -> None:
    sign_in(client, "wang")
    assert _unmask(client, "P-RM02-1").status_code == 404
    api = client.post(
        "/api/v1/parties/P-RM02-1/unmask", json={"reason": REASON}, headers=bearer(bank, "wang")
    )
    assert api.status_code == 404
    assert _unmasks(bank) == []


def test_an_auditor_may_not_unmask(client: TestClient, bank: Engine) -> None:
    sign_in(client, "shen")
    assert _unmask(client).status_code == 403
    api = client.post(
        "/api/v1/parties/P-RM01-1/unmask", json={"reason": REASON}, headers=bearer(bank, "shen")
    )
    assert api.status_code == 403
    assert _unmasks(bank) == []


def test_a_manager_unmasks_a_party_of_the_branch(client: TestClient, bank: Engine) -> None:
    sign_in(client, "zhao")
    assert MOBILE in _unmask(client).text
    assert len(_unmasks(bank)) == 1


def test_the_api_unmasks_for_that_answer_only(client: TestClient, bank: Engine) -> None:
    headers = bearer(bank, "wang")
    answer = client.post(
        "/api/v1/parties/P-RM01-1/unmask", json={"reason": REASON}, headers=headers
    )
    assert answer.status_code == 200
    body = answer.json()
    assert (body["identity"]["mobile"], body["identity"]["id_number"]) == (MOBILE, ID_NUMBER)
    assert body["unmasked"] is True
    assert body["interactions"][0]["note"] == NOTE
    masked = client.get("/api/v1/parties/P-RM01-1", headers=headers)
    for secret in SECRETS:
        assert secret not in masked.text
    assert len(_unmasks(bank)) == 1


@pytest.mark.parametrize(
    ("body", "status"), [({"reason": "ok"}, 400), ({"reason": REASON, "fields": ["x"]}, 422)]
)
def test_the_api_refuses_a_short_reason_or_unknown_fields(
    client: TestClient, bank: Engine, body: dict[str, object], status: int
) -> None:
    answer = client.post("/api/v1/parties/P-RM01-1/unmask", json=body, headers=bearer(bank, "wang"))
    assert answer.status_code == status
    assert MOBILE not in answer.text
    assert _unmasks(bank) == []
