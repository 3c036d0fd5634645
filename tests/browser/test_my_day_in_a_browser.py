"""My day in a real Chromium, at a phone's and a desktop's width: the RM's ranked actions, and
one answered "not relevant" with a reason leaves the list."""

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


def shown_ids(page: Page) -> list[int]:
    ids = page.locator("ol.actions > li").evaluate_all("items => items.map(i => i.id)")
    return [int(found.removeprefix("action-")) for found in ids]


def test_an_rm_sees_ranked_actions_and_answers_one_as_not_relevant(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    sign_in(page, workbench)
    expect(page.get_by_role("heading", level=1)).to_have_text("今日工作")
    expect(page.locator("ol.actions > li").first).to_be_visible()
    shown = shown_ids(page)
    assert len(shown) >= 2
    listed = page.request.get(f"{workbench.url}/api/v1/actions").json()["actions"]
    assert [a["id"] for a in listed] == shown  # the page shows the API's ranking
    priorities = [a["priority"] for a in listed]
    assert priorities == sorted(priorities, reverse=True)
    screenshot(page, request, "my-day")

    first = page.locator(f"#action-{shown[0]}")
    first.get_by_text("不适用", exact=True).click()
    first.get_by_label("为什么不适用？").fill("客户已在他行办理同类业务")
    screenshot(page, request, "not-relevant-form")
    first.get_by_role("button", name="保存：不适用").click()

    expect(page.get_by_role("status")).to_contain_text("已标记为不适用")
    expect(page.locator(f"#action-{shown[0]}")).to_have_count(0)
    assert shown_ids(page)[0] == shown[1]  # the next one moves up
    screenshot(page, request, "answered")


def test_the_navigation_fits_a_phone_and_leads_to_the_team_for_a_manager(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    sign_in(page, workbench, "zhao")
    navigation = page.get_by_role("navigation", name="主导航")
    expect(navigation.get_by_role("link", name="团队")).to_be_visible()
    viewport = page.viewport_size
    assert viewport is not None
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    )  # no sideways scroll
    navigation.get_by_role("link", name="团队").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("团队")
    expect(page.locator("article.member").first).to_be_visible()
    screenshot(page, request, "team")
