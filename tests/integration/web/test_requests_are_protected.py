"""CSRF on every state-changing request, API tokens, permissions, cookie flags and headers."""

from __future__ import annotations

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bankladder.access.principal import Permission
from bankladder.accounts.service import issue_api_token
from bankladder.config import Settings
from bankladder.store.database import unit_of_work
from bankladder.web.app import create_app
from bankladder.web.dependencies import Requires
from tests.integration.web.conftest import csrf_token, sign_in
from tests.workbench import Clock

pytestmark = pytest.mark.integration

SESSION = "__Host-bankladder_session"


@pytest.fixture
def app(app: FastAPI) -> FastAPI:
    """The workbench with two routes standing for the pages to come: a write and a party read."""

    @app.post("/api/v1/notes", dependencies=[Depends(Requires(Permission.PARTIES_WORK))])
    def add_note() -> dict[str, str]:
        return {"added": "yes"}

    @app.get("/parties", dependencies=[Depends(Requires(Permission.PARTIES_READ))])
    def parties() -> dict[str, str]:
        return {}

    return app


def token_of(bank: Engine, username: str) -> str:
    with unit_of_work(bank) as session:
        return issue_api_token(session, username, "tests", Clock()()).token


def test_a_post_without_the_sessions_csrf_token_is_refused(client: TestClient) -> None:
    sign_in(client)
    assert client.post("/api/v1/notes").status_code == 403
    assert client.post("/api/v1/notes", headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post("/sign-out", data={}).status_code == 403
    assert client.get("/").status_code == 200  # the refused sign-out left the session alive


def test_a_post_with_the_sessions_csrf_token_is_accepted(client: TestClient) -> None:
    sign_in(client)
    answer = client.post("/api/v1/notes", headers={"X-CSRF-Token": csrf_token(client)})
    assert answer.status_code == 200


def test_an_api_token_needs_no_csrf_token_and_no_cookie(client: TestClient, bank: Engine) -> None:
    bearer = {"Authorization": f"Bearer {token_of(bank, 'wang')}"}
    assert client.get("/api/v1/me", headers=bearer).json()["role"] == "rm"
    assert client.post("/api/v1/notes", headers=bearer).status_code == 200
    assert (
        client.get("/api/v1/me", headers={"Authorization": "Bearer blt_forged"}).status_code == 401
    )


def test_a_role_without_the_permission_is_refused(client: TestClient, bank: Engine) -> None:
    admin = {"Authorization": f"Bearer {token_of(bank, 'root')}"}
    auditor = {"Authorization": f"Bearer {token_of(bank, 'shen')}"}
    assert client.get("/parties", headers=admin).status_code == 403  # admins see no customers
    assert client.post("/api/v1/notes", headers=auditor).status_code == 403  # read-only
    assert client.get("/parties", headers=auditor).status_code == 200


def test_the_session_cookie_is_secure_httponly_samesite_and_host_only(client: TestClient) -> None:
    cookies = sign_in(client).headers.get_list("set-cookie")
    cookie = next(c for c in cookies if c.startswith(f"{SESSION}="))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
    assert not any(flag.startswith(("domain", "max-age", "expires")) for flag in flags)


def test_cookies_go_without_secure_only_when_the_settings_say_so(
    bank: Engine, users: object
) -> None:
    app = create_app(Settings(secure_cookies=False), store=bank)
    with TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False) as client:
        cookies = sign_in(client).headers.get_list("set-cookie")
    cookie = next(c for c in cookies if c.startswith("bankladder_session="))
    assert "secure" not in cookie.lower()
    assert "httponly" in cookie.lower()


@pytest.mark.parametrize("path", ["/sign-in", "/", "/api/v1/me", "/healthz", "/no-such-page"])
def test_every_answer_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cache-control"] == "no-store"


def test_the_stylesheet_is_served_from_the_package(client: TestClient) -> None:
    answer = client.get("/static/app.css")
    assert answer.status_code == 200
    assert "system-ui" in answer.text
    assert "http" not in answer.text  # no external font or resource


def test_health_answers_without_signing_in(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_the_api_describes_itself_to_signed_in_users_only(client: TestClient, bank: Engine) -> None:
    assert client.get("/api/v1/openapi.json").status_code == 401
    bearer = {"Authorization": f"Bearer {token_of(bank, 'shen')}"}
    assert "/api/v1/me" in client.get("/api/v1/openapi.json", headers=bearer).json()["paths"]
