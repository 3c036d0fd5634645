"""Signing in and out of the workbench in a browser."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.integration.web.conftest import csrf_token, sign_in
from tests.workbench import Clock

pytestmark = pytest.mark.integration

SESSION = "__Host-bankladder_session"
NOTICE = re.compile(r'<p class="notice" role="alert">(.*?)</p>', re.S)


def test_the_right_password_signs_in_and_shows_my_day_with_name_and_role(
    client: TestClient,
) -> None:
    answer = sign_in(client)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "wang" in home.text
    assert "客户经理" in home.text  # the role, in Chinese by default


def test_unknown_user_and_wrong_password_get_the_same_answer(client: TestClient) -> None:
    unknown = sign_in(client, username="nobody")
    wrong = sign_in(client, password="not the password")
    assert unknown.status_code == wrong.status_code == 401
    assert NOTICE.findall(unknown.text) == NOTICE.findall(wrong.text) != []
    assert SESSION not in unknown.cookies
    assert SESSION not in wrong.cookies


def test_a_locked_account_gets_the_same_answer_even_with_the_right_password(
    client: TestClient,
) -> None:
    refused = [sign_in(client, password=f"guess number {n}") for n in range(5)]
    locked = sign_in(client)
    assert locked.status_code == 401
    assert NOTICE.findall(locked.text) == NOTICE.findall(refused[0].text)
    assert client.get("/").status_code == 303


def test_the_account_opens_again_when_the_window_has_passed(
    client: TestClient, clock: Clock
) -> None:
    for n in range(5):
        sign_in(client, password=f"guess number {n}")
    clock.advance(minutes=16)
    assert sign_in(client).status_code == 303


def test_each_sign_in_gets_a_new_session_id_and_the_old_one_ends(client: TestClient) -> None:
    sign_in(client)
    first = client.cookies[SESSION]
    sign_in(client)
    second = client.cookies[SESSION]
    assert first != second
    client.cookies.set(SESSION, first, domain="workbench.test")
    assert client.get("/").status_code == 303


def test_sign_out_revokes_the_session_on_the_server(client: TestClient) -> None:
    sign_in(client)
    cookie = client.cookies[SESSION]
    answer = client.post("/sign-out", data={"csrf_token": csrf_token(client)})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in"
    client.cookies.set(SESSION, cookie, domain="workbench.test")  # a copy kept by an attacker
    assert client.get("/").headers["location"] == "/sign-in"
    assert client.get("/api/v1/me").status_code == 401


def test_a_session_ends_after_30_idle_minutes(client: TestClient, clock: Clock) -> None:
    sign_in(client)
    clock.advance(minutes=29)
    assert client.get("/").status_code == 200
    clock.advance(minutes=30)
    assert client.get("/").headers["location"] == "/sign-in"


def test_a_session_in_use_ends_12_hours_after_sign_in(client: TestClient, clock: Clock) -> None:
    sign_in(client)
    for _ in range(24):  # used every 29 minutes: 11 h 36 min
        clock.advance(minutes=29)
        assert client.get("/").status_code == 200
    clock.advance(minutes=24)  # 12 h after sign-in, 24 minutes after the last use
    assert client.get("/").headers["location"] == "/sign-in"


def test_the_sign_in_form_without_its_token_opens_no_session(client: TestClient) -> None:
    client.get("/sign-in")
    answer = client.post("/sign-in", data={"username": "wang", "password": "x" * 12})
    assert answer.status_code == 400
    assert SESSION not in answer.cookies


def test_signed_out_visitors_are_sent_to_sign_in_and_api_callers_get_401(
    client: TestClient,
) -> None:
    assert client.get("/").headers["location"] == "/sign-in"
    api = client.get("/api/v1/me")
    assert api.status_code == 401
    assert api.headers["www-authenticate"] == "Bearer"
