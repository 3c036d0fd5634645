"""Chinese by default, English when chosen; errors show no traceback, SQL or detail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bankladder.access.principal import Permission
from bankladder.store.vocabulary import UserLocale, UserRole
from bankladder.web.dependencies import Requires
from tests.integration.web.conftest import sign_in
from tests.workbench import add_user

pytestmark = pytest.mark.integration

SECRET = "SELECT id_number FROM party WHERE secret"


def test_the_sign_in_page_is_in_simplified_chinese_by_default(client: TestClient) -> None:
    page = client.get("/sign-in")
    assert '<html lang="zh-CN">' in page.text
    assert "用户名" in page.text


def test_the_sign_in_page_follows_the_browsers_language(client: TestClient) -> None:
    page = client.get("/sign-in", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in page.text
    assert "Username" in page.text


def test_the_language_switch_wins_and_is_remembered(client: TestClient) -> None:
    assert "Username" in client.get("/sign-in?lang=en").text
    assert "Username" in client.get("/sign-in", headers={"Accept-Language": "zh-CN"}).text
    assert "用户名" in client.get("/sign-in?lang=zh-CN").text


def test_each_user_sees_pages_in_their_own_language(client: TestClient, bank: Engine) -> None:
    add_user(bank, "smith", UserRole.AUDITOR, locale=UserLocale.EN)
    sign_in(client, "smith")
    home = client.get("/", headers={"Accept-Language": "zh-CN"})
    assert "My day" in home.text
    assert "Auditor" in home.text
    sign_in(client, "wang")
    assert "今日工作" in client.get("/", headers={"Accept-Language": "en"}).text


def test_text_from_the_store_is_escaped(client: TestClient, bank: Engine) -> None:
    sign_in(client)
    assert "<script>" not in client.get("/sign-in?lang=<script>").text


@pytest.fixture
def failing(app: FastAPI) -> Iterator[TestClient]:
    @app.get("/broken", dependencies=[Depends(Requires(Permission.SELF_VIEW))])
    @app.get("/api/v1/broken", dependencies=[Depends(Requires(Permission.SELF_VIEW))])
    def broken() -> None:
        raise RuntimeError(SECRET)

    with TestClient(
        app,
        base_url="https://workbench.test",
        raise_server_exceptions=False,
        follow_redirects=False,
    ) as client:
        yield client


def test_an_internal_error_shows_a_plain_page_without_traceback_or_sql(failing: TestClient) -> None:
    sign_in(failing)
    page = failing.get("/broken")
    assert page.status_code == 500
    assert "Traceback" not in page.text
    assert SECRET not in page.text
    assert "系统出错了" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_an_internal_error_of_the_api_is_one_line_of_json(failing: TestClient) -> None:
    sign_in(failing)
    answer = failing.get("/api/v1/broken")
    assert answer.status_code == 500
    assert answer.json() == {"detail": "internal error"}


def test_an_unknown_page_is_a_translated_404(client: TestClient) -> None:
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert "页面不存在" in page.text
