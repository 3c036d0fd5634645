"""The reciprocity ledger in a real Chromium at a phone's and a desktop's width: an RM opens a
win-win party of the demo book, reads both sides masked, records a favour on the form, and
shows the amounts with a reason; nothing overflows 375 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from bankladder.config import sqlite_url
from bankladder.store.database import connect
from bankladder.store.models import Assessment, Party
from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser
FAVOURS = re.compile(r"提供了(\d+)项权益")


def a_win_win_party(workbench: Workbench) -> str:
    """The first party of the RM's book on the win-win rung or above at its latest assessment."""
    engine = connect(sqlite_url(workbench.store))
    latest = (
        select(Assessment.party_id, func.max(Assessment.as_of).label("on"))
        .group_by(Assessment.party_id)
        .subquery()
    )
    query = (
        select(Party.id)
        .join(latest, latest.c.party_id == Party.id)
        .join(
            Assessment,
            (Assessment.party_id == Party.id) & (Assessment.as_of == latest.c.on),
        )
        .where(Party.rm_id == workbench.rm_id, Assessment.stage_rank >= 5)
        .order_by(Party.id)
    )
    try:
        with engine.connect() as connection:
            found = connection.execute(query.limit(1)).scalar()
    finally:
        engine.dispose()
    if found is None:
        pytest.fail(f"no party of {workbench.rm_id} stands on win-win in the demo bank")
    return str(found)


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def favours_said(page: Page) -> int:
    said = FAVOURS.search(page.locator("#statement").inner_text())
    return int(said.group(1)) if said else 0


def test_an_rm_reads_the_ledger_records_a_favour_and_shows_the_amounts(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    party_id = a_win_win_party(workbench)
    sign_in(page, workbench)
    page.goto(f"{workbench.url}/parties/{party_id}/reciprocity")
    expect(page.locator("#win-win")).to_be_visible()
    expect(page.get_by_role("heading", name="我行提供的权益")).to_be_visible()
    expect(page.get_by_role("heading", name="客户带来的价值")).to_be_visible()
    expect(page.locator("#contribution")).to_have_text("****")
    before = favours_said(page)
    assert fits_the_width(page)
    screenshot(page, request, "masked")

    page.get_by_role("combobox", name="我行提供的权益").select_option("knowledge")
    page.get_by_label("年价值（人民币元，可不填）").fill("1200")
    page.get_by_label("备注（选填）").fill("财税政策讲座")
    page.get_by_role("button", name="保存权益记录").click()
    expect(page.locator("#benefit-recorded")).to_be_visible()
    assert favours_said(page) == before + 1
    screenshot(page, request, "recorded")

    page.get_by_text("显示金额").click()
    page.get_by_label("您为什么需要查看？").fill("准备年度议价")
    page.get_by_role("button", name="显示并记录我的理由").click()
    expect(page.locator("#contribution")).not_to_have_text("****")
    expect(page.locator("#given")).to_contain_text("1,200.00")
    assert fits_the_width(page)
    screenshot(page, request, "unmasked")


def test_a_gift_over_the_limit_is_refused_with_the_reason_and_a_smaller_one_waits(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    party_id = a_win_win_party(workbench)
    sign_in(page, workbench)
    page.goto(f"{workbench.url}/parties/{party_id}/reciprocity")
    page.get_by_role("combobox", name="我行提供的权益").select_option("gift")
    page.get_by_label("年价值（人民币元，可不填）").fill("500")
    page.get_by_role("button", name="保存权益记录").click()
    expect(page.locator("#worth-problem")).to_contain_text("超过单件礼品上限300.00元")
    assert fits_the_width(page)
    screenshot(page, request, "gift-refused")

    page.get_by_role("combobox", name="我行提供的权益").select_option("gift")
    page.get_by_label("年价值（人民币元，可不填）").fill("200")
    page.get_by_role("button", name="保存权益记录").click()
    expect(page.locator("#benefit-requested")).to_be_visible()
    expect(page.locator("#pending")).to_contain_text("待审批")
    assert fits_the_width(page)
    screenshot(page, request, "gift-requested")


def test_the_auditor_reads_the_gifts_of_the_year(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    sign_in(page, workbench, "shen")
    page.goto(f"{workbench.url}/reports/gifts")
    expect(page.get_by_role("heading", name=re.compile("年度礼品报告"))).to_be_visible()
    expect(page.locator("#gift-report-csv")).to_have_attribute("href", re.compile("format=csv"))
    page.get_by_label("客户经理（选填）").fill(workbench.rm_id)
    page.get_by_role("button", name="查看").click()
    expect(page).to_have_url(re.compile(f"rm={workbench.rm_id}"))
    assert fits_the_width(page)
    screenshot(page, request, "gift-report")
