"""Answering an action on My day: done, snooze to a date, not relevant with a reason. Each
answer changes the action, keeps the answer as feedback and records an audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine

from bankladder.accounts.schemas import Account
from bankladder.store.vocabulary import ActionStatus, FeedbackOutcome, UserRole
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.my_day_seed import action_row, audit_rows, feedback_rows, seed
from tests.integration.web.test_my_day_page import listed
from tests.workbench import START

pytestmark = pytest.mark.integration


@pytest.fixture
def ids(bank: Engine) -> dict[str, int]:
    return seed(bank)


def answer(
    client: TestClient, action_id: int, version: int = 1, back: str = "", **fields: str
) -> Response:
    form: dict[str, Any] = {
        "csrf_token": csrf_token(client),
        "version": str(version),
        "back": back,
        **fields,
    }
    return client.post(f"/actions/{action_id}/answer", data=form)


def test_done_closes_the_action_and_it_leaves_my_day(
    client: TestClient, bank: Engine, ids: dict[str, int], users: dict[UserRole, Account]
) -> None:
    sign_in(client, "wang")
    sent = answer(client, ids["follow"], answer="done")
    assert sent.status_code == 303
    assert sent.headers["location"] == "/?answered=done"
    after = client.get(sent.headers["location"]).text
    assert ids["follow"] not in listed(after)
    assert "已标记为完成" in after
    row = action_row(bank, ids["follow"])
    assert (row.status, row.version, row.updated_on) == (ActionStatus.DONE, 2, START.date())
    [kept] = feedback_rows(bank, ids["follow"])
    assert (kept.user_id, kept.outcome, kept.at) == (users[UserRole.RM].id, "done", START)
    [event] = audit_rows(bank, ids["follow"])
    assert (event.user_id, event.event) == (users[UserRole.RM].id, "action.answer")
    assert event.detail == {"outcome": "done", "party_id": "P-RM01-1"}


def test_snooze_moves_the_due_date_and_the_action_comes_back_on_that_day(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    sent = answer(client, ids["first"], answer="snooze", snooze_until="2026-07-14")
    assert sent.status_code == 303
    row = action_row(bank, ids["first"])
    assert (row.status, row.due_on) == (ActionStatus.SNOOZED, dt.date(2026, 7, 14))
    [kept] = feedback_rows(bank, ids["first"])
    assert (kept.outcome, kept.snoozed_until) == (FeedbackOutcome.SNOOZED, dt.date(2026, 7, 14))
    assert audit_rows(bank, ids["first"])[0].detail["snoozed_until"] == "2026-07-14"
    assert ids["first"] not in listed(client.get("/").text)


def test_a_snooze_without_a_date_lasts_a_week(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    assert answer(client, ids["first"], answer="snooze").status_code == 303
    assert action_row(bank, ids["first"]).due_on == dt.date(2026, 7, 7)


@pytest.mark.parametrize(
    ("until", "words"),
    [
        ("2026-06-30", "请选择今天之后的推迟日期"),
        ("2026-09-29", "最多推迟 90 天"),
        ("not-a-date", "推迟日期不是有效日期"),
    ],
)
def test_a_snooze_must_be_to_a_day_in_the_next_90_days(
    client: TestClient, bank: Engine, ids: dict[str, int], until: str, words: str
) -> None:
    sign_in(client, "wang")
    refused = answer(client, ids["first"], answer="snooze", snooze_until=until)
    assert refused.status_code == 400
    assert words in refused.text
    assert action_row(bank, ids["first"]).status == ActionStatus.OPEN
    assert feedback_rows(bank, ids["first"]) == []


def test_ninety_days_ahead_is_the_longest_snooze(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    assert answer(client, ids["first"], answer="snooze", snooze_until="2026-09-28").is_redirect


def test_not_relevant_needs_a_reason(client: TestClient, bank: Engine, ids: dict[str, int]) -> None:
    sign_in(client, "wang")
    refused = answer(client, ids["first"], answer="not_relevant", reason="   ")
    assert refused.status_code == 400
    assert "请说明该行动不适用的原因" in refused.text
    assert action_row(bank, ids["first"]).status == ActionStatus.OPEN


def test_not_relevant_dismisses_the_action_and_keeps_the_reason(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    sent = answer(client, ids["first"], answer="not_relevant", reason="客户已在他行办理")
    assert sent.status_code == 303
    assert action_row(bank, ids["first"]).status == ActionStatus.DISMISSED
    [kept] = feedback_rows(bank, ids["first"])
    assert (kept.outcome, kept.reason) == (FeedbackOutcome.NOT_RELEVANT, "客户已在他行办理")
    [event] = audit_rows(bank, ids["first"])
    assert event.reason is None  # the RM's words stay in the feedback, out of the trail
    assert "客户已在他行办理" not in str(event.detail)


def test_an_answer_returns_to_my_day_with_the_same_filters(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "zhao")
    sent = answer(client, ids["rm02"], answer="done", back="rm=RM02&overdue=&evil=x&page=2")
    assert sent.headers["location"] == "/?rm=RM02&page=2&answered=done"


def test_an_answer_based_on_an_older_version_gets_the_conflict_page(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    assert answer(client, ids["first"], answer="snooze").is_redirect  # now version 2
    stale = answer(client, ids["first"], version=1, answer="done")
    assert stale.status_code == 412
    assert "已有其他人修改了它" in stale.text
    assert action_row(bank, ids["first"]).status == ActionStatus.SNOOZED


def test_a_closed_action_cannot_be_answered(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    refused = answer(client, ids["done"], answer="not_relevant", reason="重复")
    assert refused.status_code == 409
    assert "该行动已被处理或已关闭" in refused.text
    assert feedback_rows(bank, ids["done"]) == []


def test_another_rm_s_action_is_not_found(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    assert answer(client, ids["rm02"], answer="done").status_code == 404
    assert answer(client, 999_999, answer="done").status_code == 404
    assert action_row(bank, ids["rm02"]).status == ActionStatus.OPEN


def test_a_manager_answers_an_action_of_the_branch_but_not_of_another_branch(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "zhao")
    assert answer(client, ids["rm02"], answer="done").is_redirect
    assert answer(client, ids["rm03"], answer="done").status_code == 404


def test_an_auditor_may_not_answer(client: TestClient, bank: Engine, ids: dict[str, int]) -> None:
    sign_in(client, "shen")
    assert answer(client, ids["first"], answer="done").status_code == 403
    assert action_row(bank, ids["first"]).status == ActionStatus.OPEN


def test_an_answer_without_the_session_s_csrf_token_is_refused(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    sent = client.post(f"/actions/{ids['first']}/answer", data={"version": "1", "answer": "done"})
    assert sent.status_code == 403
    assert action_row(bank, ids["first"]).status == ActionStatus.OPEN


def test_an_unknown_answer_is_refused(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "wang")
    assert answer(client, ids["first"], answer="maybe").status_code == 400
