"""Price talks in a real Chromium at a phone's and a desktop's width: an RM asks for a loan
rate 15 bp below the standard on the party's page, beside its reciprocity; the branch manager
opens the request, reads the terms and approves it; nothing overflows 375 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from bankladder.config import sqlite_url
from bankladder.store.database import connect
from bankladder.store.models import Party, Product
from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser
WHY = "年结算量超过两千万元，存款稳定增长，同业报价更低"
DONE = re.compile(r"/concessions/(\d+)\?done=request$")


def a_party_and_a_loan(workbench: Workbench) -> tuple[str, str]:
    """The first party of the RM's book and the first loan product of the catalogue."""
    engine = connect(sqlite_url(workbench.store))
    try:
        with engine.connect() as connection:
            party = connection.execute(
                select(Party.id).where(Party.rm_id == workbench.rm_id).order_by(Party.id).limit(1)
            ).scalar_one()
            loan = connection.execute(
                select(Product.code).where(Product.family == "loan").order_by(Product.code).limit(1)
            ).scalar_one()
    finally:
        engine.dispose()
    return str(party), str(loan)


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_an_rm_asks_for_a_concession_and_the_manager_approves_it(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    party_id, loan = a_party_and_a_loan(workbench)
    sign_in(page, workbench)
    page.goto(f"{workbench.url}/parties/{party_id}/concessions")
    expect(page.get_by_role("heading", name="客户互惠情况")).to_be_visible()
    expect(page.locator(".contribution")).to_have_text("****")
    assert fits_the_width(page)
    screenshot(page, request, "request-form")

    page.get_by_label("产品", exact=True).select_option(loan)
    page.get_by_label("优惠项目").select_option("loan_rate")
    page.get_by_label("标准价格", exact=True).fill("4.35")
    page.get_by_label("申请价格", exact=True).fill("4.20")
    page.get_by_label("申请理由").fill(WHY)
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#concession-done")).to_be_visible()
    expect(page.locator(".concession-size").first).to_have_text("15 bp")
    found = DONE.search(page.url)
    assert found is not None
    concession = f"{workbench.url}/concessions/{found.group(1)}"
    expect(page.get_by_role("button", name="撤回我的申请")).to_be_visible()
    expect(page.get_by_role("button", name="批准")).to_have_count(0)  # never the maker's
    assert fits_the_width(page)
    screenshot(page, request, "requested")

    page.get_by_role("button", name="退出登录").click()
    sign_in(page, workbench, "zhao")
    page.goto(f"{workbench.url}/concessions")
    expect(page.locator(f'a[href="/concessions/{found.group(1)}"]')).to_be_visible()
    page.goto(concession)
    expect(page.locator("#justification")).to_have_text(WHY)
    page.get_by_label("备注（选填）").fill("贡献度高，同意")
    page.get_by_role("button", name="批准").click()
    expect(page.locator("#concession-done")).to_be_visible()
    expect(page.locator(".concession-status").first).to_have_text("已批准")
    expect(page.locator("#history")).to_contain_text("贡献度高，同意")
    assert fits_the_width(page)
    screenshot(page, request, "approved")
