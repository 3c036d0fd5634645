"""Adding a prospect in the field, in a real Chromium at a phone's and a desktop's width: a
mobile the RM's book already holds is warned about before saving, with a link to the party;
a genuinely new prospect is saved and its page opens."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from bankladder.config import sqlite_url
from bankladder.store.database import connect
from bankladder.store.models import Party
from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser


def a_party_of_the_book_with_a_mobile(workbench: Workbench) -> tuple[str, str]:
    engine = connect(sqlite_url(workbench.store))
    try:
        with engine.connect() as connection:
            query = (
                select(Party.id, Party.mobile)
                .where(Party.rm_id == workbench.rm_id, Party.mobile.is_not(None))
                .order_by(Party.id)
                .limit(1)
            )
            party_id, mobile = connection.execute(query).one()
    finally:
        engine.dispose()
    return str(party_id), str(mobile)


def an_unused_mobile(workbench: Workbench) -> str:
    engine = connect(sqlite_url(workbench.store))
    try:
        with engine.connect() as connection:
            used = set(connection.scalars(select(Party.mobile).where(Party.mobile.like("1370%"))))
    finally:
        engine.dispose()
    return next(f"1370000{n:04d}" for n in range(10_000) if f"1370000{n:04d}" not in used)


def fill_prospect(page: Page, workbench: Workbench, name: str, mobile: str) -> None:
    page.goto(f"{workbench.url}/prospects/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("新增潜在客户")
    page.get_by_label("名称").fill(name)
    page.get_by_label("手机号码").fill(mobile)
    page.get_by_label("客群（选填）").fill("东门市场")
    page.get_by_role("button", name="保存潜在客户").click()


def test_an_rm_is_warned_of_a_party_already_in_the_book_and_opens_it(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    party_id, mobile = a_party_of_the_book_with_a_mobile(workbench)
    sign_in(page, workbench)
    fill_prospect(page, workbench, "陈新客", mobile)
    expect(page.get_by_role("heading", name="本行可能已有此客户")).to_be_visible()
    expect(page.locator(".prospect-candidates")).to_contain_text(party_id)
    expect(page.locator(".prospect-candidates")).not_to_contain_text(mobile)  # masked
    screenshot(page, request, "duplicate-warning")
    page.get_by_role("link", name="就是这位：打开").first.click()
    expect(page).to_have_url(f"{workbench.url}/parties/{party_id}")


def test_an_rm_adds_a_new_prospect_and_lands_on_its_page(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    sign_in(page, workbench)
    fill_prospect(page, workbench, "陈新客", an_unused_mobile(workbench))
    expect(page).to_have_url(re.compile(rf"{re.escape(workbench.url)}/parties/PN\d{{12}}$"))
    screenshot(page, request, "added")
