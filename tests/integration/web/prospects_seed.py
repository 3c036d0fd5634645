"""Identifiers for the prospects tests: the small bank's parties given mobiles and ID numbers,
valid ones computed by the standards' check characters, and helpers to read what was saved."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, insert, select, update

from bankladder.accounts.service import issue_api_token
from bankladder.parties.identifiers import (
    credit_code_check,
    organisation_code_check,
    resident_id_check,
)
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, Party, Product
from tests.integration.web.conftest import csrf_token, sign_in
from tests.workbench import Clock


def resident_id(first17: str) -> str:
    return first17 + resident_id_check(first17)


def credit_code(region: str, body: str) -> str:
    first17 = f"91{region}{body}{organisation_code_check(body)}"
    return first17 + credit_code_check(first17)


MOBILE = {"P-RM01-1": "13900000001", "P-RM02-1": "13900000002", "P-RM03-1": "13900000003"}
ID_NUMBER = {
    "P-RM01-1": resident_id("11010119900101001"),
    "P-RM02-1": resident_id("11010119900101002"),
    "P-RM03-1": resident_id("11010119900101003"),
}
NEW_ID = resident_id("44030519851231004")
NEW_CREDIT_CODE = credit_code("440300", "MA5F0001")


def give_identifiers(bank: Engine) -> None:
    """Mobiles and ID numbers for three parties; P-RM01-2 becomes a customer; a catalogue."""
    with unit_of_work(bank) as session:
        for party_id, mobile in MOBILE.items():
            values = {"mobile": mobile, "id_number": ID_NUMBER[party_id]}
            session.execute(update(Party).where(Party.id == party_id).values(**values))
        session.execute(
            update(Party).where(Party.id == "P-RM01-2").values(customer_since=Clock()().date())
        )
        session.execute(
            insert(Product),
            [
                {"code": code, "name_zh": code, "name_en": code, "family": family}
                for code, family in (("D1", "deposit"), ("L1", "loan"), ("W1", "wealth"))
            ],
        )


def bearer(bank: Engine, username: str) -> dict[str, str]:
    with unit_of_work(bank) as session:
        token = issue_api_token(session, username, "tests", Clock()()).token
    return {"Authorization": f"Bearer {token}"}


def signed_in(client: TestClient, username: str) -> str:
    """Sign ``username`` in with the form; the session's CSRF token."""
    assert sign_in(client, username).status_code == 303
    return csrf_token(client)


def party(bank: Engine, party_id: str) -> Party | None:
    with unit_of_work(bank) as session:
        found = session.get(Party, party_id)
        if found is not None:
            session.expunge(found)
        return found


def parties_with_mobile(bank: Engine, mobile: str) -> list[str]:
    with unit_of_work(bank) as session:
        return sorted(session.scalars(select(Party.id).where(Party.mobile == mobile)))


def party_count(bank: Engine) -> int:
    with unit_of_work(bank) as session:
        return int(session.scalar(select(func.count()).select_from(Party)) or 0)


def events(bank: Engine, event: str) -> list[dict[str, Any]]:
    with unit_of_work(bank) as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.event == event))
        return [
            {"object_id": r.object_id, "user_id": r.user_id, "detail": r.detail, "at": r.at}
            for r in rows
        ]
