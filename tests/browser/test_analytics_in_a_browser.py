"""The analytics dashboard in a real Chromium at a phone's (375 x 812) and a desktop's
(1280 x 800) width, in Chinese: a branch manager opens it from the menu, every chart is drawn
and no wider than the screen, nothing overflows the page, a card's table opens from its toggle,
and one view's page offers its downloads. Screenshots go where the other browser tests put
theirs (tests/browser/conftest.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}


def sized(page: Page, request: pytest.FixtureRequest) -> int:
    """Set the viewport this test asks for; its width."""
    size = SIZES[request.node.callspec.params["page"]]
    page.set_viewport_size(size)  # type: ignore[arg-type]
    return size["width"]


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_manager_reads_the_dashboard_and_opens_a_table(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    width = sized(page, request)
    sign_in(page, workbench, "zhao")
    page.get_by_role("link", name="经营分析").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("经营分析")
    assert page.evaluate("document.characterSet") == "UTF-8"
    funnel = page.locator("#view-funnel")
    expect(funnel.get_by_role("heading", level=2)).to_have_text("阶梯漏斗")
    body = page.locator("body").inner_text()
    assert "\ufffd" not in body  # no undecodable text
    assert "Ã" not in body
    assert "å" not in body

    charts = page.locator("img.analytics-svg")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 1
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.evaluate("img => img.complete && img.naturalWidth > 0"), index  # decoded
        box = chart.bounding_box()
        assert box is not None
        assert box["width"] <= width, (index, box)
    assert fits_the_width(page)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, request, "dashboard")

    table = funnel.locator("table")
    expect(table).to_be_hidden()  # behind the toggle
    funnel.get_by_text("查看表格").click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("未上阶梯")
    expect(table.locator("thead")).to_contain_text("客户数")
    assert fits_the_width(page)  # a wide table scrolls inside its card
    screenshot(page, request, "table")

    funnel.get_by_role("link", name="阶梯漏斗").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("阶梯漏斗")
    expect(page.locator("#analytics-exports")).to_contain_text("CSV")
    expect(page.locator("#analytics-note")).to_be_visible()
    assert fits_the_width(page)
    screenshot(page, request, "funnel")
