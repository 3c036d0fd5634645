"""Signing in and out in a real Chromium, at a phone's and a desktop's width."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Workbench, screenshot

pytestmark = pytest.mark.browser


def sign_in(page: Page, workbench: Workbench, username: str = "wang") -> None:
    page.goto(f"{workbench.url}/sign-in")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(workbench.password)
    page.get_by_role("button", name="登录").click()


def test_an_rm_signs_in_and_out(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    page.goto(workbench.url)
    expect(page).to_have_url(f"{workbench.url}/sign-in")  # nothing is shown before sign-in
    screenshot(page, request, "sign-in")
    sign_in(page, workbench)
    expect(page.get_by_role("heading", level=1)).to_have_text("今日工作")
    screenshot(page, request, "signed-in")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["bankladder_session"]["httpOnly"]
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(f"{workbench.url}/sign-in")
    page.goto(workbench.url)
    expect(page).to_have_url(f"{workbench.url}/sign-in")  # the session is over on the server


def test_a_wrong_password_is_refused_in_words(page: Page, workbench: Workbench) -> None:
    page.goto(f"{workbench.url}/sign-in")
    page.get_by_label("用户名").fill("wang")
    page.get_by_label("密码").fill("not the password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码错误")
