"""Resource mining in a real Chromium at a phone's and a desktop's width: an RM opens an
enterprise of the demo book with idle cash, reads the products to offer and why (amounts
masked), shows the amounts with a reason, and reads the catalogue; nothing overflows 375 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_parties
from bankladder.config import sqlite_url
from bankladder.products import service
from bankladder.store.database import connect
from bankladder.store.models import Party, RelationshipManager
from bankladder.store.vocabulary import UserRole
from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser


def an_enterprise_with_idle_cash(workbench: Workbench) -> tuple[str, str]:
    """(user, party): the first enterprise with idle cash of the RM's book, else of the
    branch its manager sees (the demo book of one RM may hold none)."""
    engine = connect(sqlite_url(workbench.store))
    try:
        with Session(engine) as session:
            branch = session.scalar(
                select(RelationshipManager.branch_id).where(
                    RelationshipManager.id == workbench.rm_id
                )
            )
            readers = (
                ("wang", Principal(0, UserRole.RM, rm_id=workbench.rm_id)),
                ("zhao", Principal(0, UserRole.MANAGER, branch_id=branch)),
            )
            enterprises = select(Party.id).where(Party.kind == "enterprise").order_by(Party.id)
            for user, reader in readers:
                for party_id in session.scalars(scope_parties(enterprises, reader)):
                    view = service.party_products(session, reader, party_id)
                    if view.idle_cash is not None and view.suggestions:
                        return user, party_id
    finally:
        engine.dispose()
    pytest.fail(f"no enterprise of {workbench.rm_id}'s branch has idle cash in the demo bank")


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_an_rm_reads_what_to_offer_an_enterprise_and_shows_the_amounts_with_a_reason(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    user, party_id = an_enterprise_with_idle_cash(workbench)
    sign_in(page, workbench, user)
    page.goto(f"{workbench.url}/parties/{party_id}/products")
    expect(page.get_by_role("heading", name="可推荐的产品")).to_be_visible()
    expect(page.get_by_role("heading", name="闲置资金")).to_be_visible()
    idle = page.locator("section[aria-labelledby=idle-title]")
    expect(idle).to_contain_text("CNY ****")
    expect(page.locator("#suggestions > li").first).to_be_visible()
    assert fits_the_width(page)
    screenshot(page, request, "masked")
    page.get_by_text("显示金额").click()
    page.get_by_label("为什么需要查看？").fill("准备上门理财建议")
    page.get_by_role("button", name="显示并记录我的理由").click()
    expect(page.get_by_role("status")).to_contain_text("金额仅在本页完整显示")
    expect(idle).not_to_contain_text("****")
    assert fits_the_width(page)
    screenshot(page, request, "unmasked")


def test_an_rm_reads_the_catalogue_with_selling_points_by_competitor(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    sign_in(page, workbench)
    page.goto(f"{workbench.url}/products")
    expect(page.get_by_role("heading", level=1)).to_have_text("产品目录")
    expect(page.locator("#product-LN-BIZ")).to_contain_text("对比国有大行")
    assert fits_the_width(page)
    screenshot(page, request, "catalogue")
