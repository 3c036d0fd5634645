"""Logging a contact: two taps from the 360 page (the pre-filled form, then save); the contact,
its audit event, and a re-evaluation with the batch's rules that moves the party up at once."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine, select

from bankladder.store.database import unit_of_work
from bankladder.store.models import Action, Assessment, AuditEvent, Interaction, Transition
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.party_seed import NOTE, bearer, seed_book
from tests.workbench import START, Clock

pytestmark = pytest.mark.integration
FORM_TIME = START.strftime("%Y-%m-%dT%H:%M")


@pytest.fixture(autouse=True)
def book(bank: Engine) -> None:
    seed_book(bank)


def _visit(client: TestClient, party: str = "P-RM01-2", **fields: str) -> Response:
    form = {"kind": "visit", "occurred_at": FORM_TIME, "outcome": "positive", "note": ""}
    form.update(fields)
    form.setdefault("csrf_token", csrf_token(client))
    return client.post(f"/parties/{party}/interactions", data=form)


def _contacts(bank: Engine, party: str) -> list[Interaction]:
    with unit_of_work(bank) as session:
        query = select(Interaction).where(Interaction.party_id == party)
        return list(session.scalars(query.order_by(Interaction.id)))


def _events(bank: Engine, event: str) -> list[AuditEvent]:
    with unit_of_work(bank) as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.event == event)))


def test_the_form_is_filled_in_so_one_tap_saves_a_visit_now(client: TestClient) -> None:
    sign_in(client, "wang")
    page = client.get("/parties/P-RM01-2/log?kind=visit")
    assert page.status_code == 200
    assert '<option value="visit" selected>' in page.text
    assert f'value="{FORM_TIME}"' in page.text
    assert '<option value="positive" selected>' in page.text
    assert 'action="/parties/P-RM01-2/interactions"' in page.text


def test_a_visit_is_logged_audited_and_the_party_advances_at_once(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    saved = _visit(client, note="brought the brochure")
    assert saved.status_code == 303
    location = saved.headers["location"]
    assert location.startswith("/parties/P-RM01-2?logged=visit&was=acquaintance")
    logged = _contacts(bank, "P-RM01-2")[-1]
    assert (logged.kind.value, logged.rm_id, logged.occurred_at) == ("visit", "RM01", START)
    assert logged.note == "brought the brochure"
    (event,) = _events(bank, "interaction.log")
    assert (event.object_id, event.detail["kind"], event.detail["with_note"]) == (
        "P-RM01-2",
        "visit",
        True,
    )
    assert "brochure" not in str(event.detail)
    page = client.get(location)
    assert "阶段已从“了解银行与客户经理”提升至“了解银行业务”" in page.text
    assert 'id="stage-now"' in page.text
    assert "了解银行业务" in page.text


def test_the_re_evaluation_keeps_assessments_transitions_and_actions_consistent(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    _visit(client)
    with unit_of_work(bank) as session:
        latest = session.scalars(
            select(Assessment)
            .where(Assessment.party_id == "P-RM01-2")
            .order_by(Assessment.as_of.desc())
        ).first()
        move = session.scalars(select(Transition).where(Transition.party_id == "P-RM01-2")).all()
        actions = {
            a.criterion_id: a.status.value
            for a in session.scalars(select(Action).where(Action.party_id == "P-RM01-2"))
        }
    assert latest is not None
    assert (latest.as_of, latest.stage_id, latest.stage_rank) == (START.date(), "discovery", 2)
    assert [(m.from_stage, m.to_stage, m.direction.value) for m in move][-1] == (
        "acquaintance",
        "discovery",
        "advanced",
    )
    assert actions["recent_contacts"] == "resolved"
    assert actions["first_product"] == "open"


def test_a_contact_with_problems_is_refused_in_words_and_nothing_is_logged(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    before = len(_contacts(bank, "P-RM01-2"))
    later = (START + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    refused = _visit(client, kind="telepathy", occurred_at=later, note="x" * 2001)
    assert refused.status_code == 422
    text = refused.text
    assert "接触时间不能是将来的时间" in text
    assert "请选择接触方式" in text
    assert "备注太长" in text
    assert len(_contacts(bank, "P-RM01-2")) == before
    assert _events(bank, "interaction.log") == []


def test_logging_needs_the_csrf_token(client: TestClient, bank: Engine) -> None:
    sign_in(client, "wang")
    assert _visit(client, csrf_token="forged").status_code == 403
    assert _events(bank, "interaction.log") == []


@pytest.mark.parametrize("party", ["P-RM02-1", "P-RM03-1"])
def test_another_rms_party_cannot_be_logged_for(
    client: TestClient, bank: Engine, party: str
) -> None:
    sign_in(client, "wang")
    assert client.get(f"/parties/{party}/log?kind=visit").status_code == 404
    assert _visit(client, party).status_code == 404
    api = client.post(
        f"/api/v1/parties/{party}/interactions",
        json={"kind": "visit"},
        headers=bearer(bank, "wang"),
    )
    assert api.status_code == 404
    assert _events(bank, "interaction.log") == []


def test_a_manager_logs_for_a_party_of_the_branch(client: TestClient, bank: Engine) -> None:
    sign_in(client, "zhao")
    assert _visit(client, "P-RM02-1").status_code == 303
    assert _contacts(bank, "P-RM02-1")[-1].rm_id == "RM02"  # the party's RM, not the manager


def test_an_auditor_cannot_log_a_contact(client: TestClient, bank: Engine) -> None:
    sign_in(client, "shen")
    assert client.get("/parties/P-RM01-2/log?kind=visit").status_code == 403
    assert _visit(client).status_code == 403
    api = client.post(
        "/api/v1/parties/P-RM01-2/interactions",
        json={"kind": "visit"},
        headers=bearer(bank, "shen"),
    )
    assert api.status_code == 403
    assert _events(bank, "interaction.log") == []


def test_the_api_logs_a_contact_and_answers_the_new_stage_and_next_actions(
    client: TestClient, bank: Engine
) -> None:
    answer = client.post(
        "/api/v1/parties/P-RM01-2/interactions",
        json={"kind": "call", "note": NOTE},
        headers=bearer(bank, "wang"),
    )
    assert answer.status_code == 201
    body = answer.json()
    assert (body["stage_before"], body["stage"], body["moved"]) == (
        "acquaintance",
        "discovery",
        True,
    )
    assert body["next_stage"] == "goodwill"
    assert {a["criterion_id"] for a in body["next_actions"]} >= {"first_product"}
    assert NOTE not in answer.text
    assert _contacts(bank, "P-RM01-2")[-1].occurred_at == Clock()()


def test_an_aware_time_is_kept_on_the_banks_wall_clock(client: TestClient, bank: Engine) -> None:
    """The store keeps the bank's local time (Asia/Shanghai by default), as its extracts do."""
    answer = client.post(
        "/api/v1/parties/P-RM01-2/interactions",
        json={"kind": "call", "occurred_at": "2026-06-30T00:30:00+00:00"},
        headers=bearer(bank, "wang"),
    )
    assert answer.status_code == 201
    assert _contacts(bank, "P-RM01-2")[-1].occurred_at == dt.datetime(2026, 6, 30, 8, 30)


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "visit", "rm_id": "RM02"},  # owner fields are never the client's
        {"kind": "visit", "occurred_at": "not a time"},
        {"occurred_at": "2026-06-30T08:00:00"},
    ],
)
def test_the_api_refuses_a_malformed_contact(
    client: TestClient, bank: Engine, body: dict[str, str]
) -> None:
    answer = client.post(
        "/api/v1/parties/P-RM01-2/interactions", json=body, headers=bearer(bank, "wang")
    )
    assert answer.status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "telepathy"},
        {"kind": "visit", "occurred_at": "2026-06-30T10:00:00"},  # after the clock's 09:00
        {"kind": "visit", "outcome": "excellent"},
    ],
)
def test_the_api_refuses_a_contact_it_cannot_log_in_words(
    client: TestClient, bank: Engine, body: dict[str, str]
) -> None:
    answer = client.post(
        "/api/v1/parties/P-RM01-2/interactions", json=body, headers=bearer(bank, "wang")
    )
    assert answer.status_code == 400
    assert answer.json()["detail"]
    assert _events(bank, "interaction.log") == []
