"""The industry focus in a real Chromium at a phone's and a desktop's width: an RM of the demo
bank reads the bank's target industries and their own book's spread across industries (bars
drawn by the stylesheet, no script), lists the prospects of manufacturing in a region, and the
manager sees the branch's RMs; nothing overflows 375 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_an_rm_reads_the_industry_focus_and_lists_prospects(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    sign_in(page, workbench)
    page.goto(f"{workbench.url}/industries")
    expect(page.get_by_role("heading", name="行业聚焦")).to_be_visible()
    targets = page.locator("#targets")
    expect(targets).to_contain_text("农副食品加工业")
    expect(targets).to_contain_text("Processing of farm and sideline foods")
    book = page.locator(f"#book-{workbench.rm_id}")
    expect(book).to_be_visible()
    expect(page.locator("#concentration table.stacked > tbody > tr")).to_have_count(1)
    bar = book.locator(".share-fill").first
    assert bar.bounding_box() is not None  # a bar drawn by the stylesheet
    assert fits_the_width(page)
    screenshot(page, request, "focus")

    page.get_by_label("行业", exact=True).select_option("C")
    page.get_by_role("button", name="列出潜在客户").click()
    expect(page.get_by_role("heading", name="按行业查找潜在客户")).to_be_visible()
    expect(page.locator("#prospects")).to_contain_text("制造业")
    expect(page.locator(".count")).to_contain_text("家潜在客户")
    assert fits_the_width(page)
    screenshot(page, request, "prospects")


def test_the_manager_sees_each_rm_of_the_branch(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    sign_in(page, workbench, "zhao")
    page.goto(f"{workbench.url}/industries")
    expect(page.get_by_role("heading", name="我团队客户的行业分布")).to_be_visible()
    assert page.locator("#concentration table.stacked > tbody > tr").count() > 1
    assert fits_the_width(page)
    screenshot(page, request, "team")
