"""A party's network in a real Chromium at a phone's and a desktop's width: the drawing (SVG
from the server, no script) fits the screen with its text alternative, the prospects section
and the fission figures below it; screenshots as evidence."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select, union_all

from bankladder.config import sqlite_url
from bankladder.store.database import connect
from bankladder.store.models import Party, Referral, Relationship
from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser


def the_best_linked_party_of_the_book(workbench: Workbench) -> str:
    """The RM's party with the most relationships and referrals (ties: the smallest id)."""
    ends = union_all(
        select(Relationship.from_party_id.label("id")),
        select(Relationship.to_party_id.label("id")),
        select(Referral.referrer_id.label("id")),
        select(Referral.referee_id.label("id")),
    ).subquery()
    query = (
        select(Party.id)
        .join(ends, ends.c.id == Party.id)
        .where(Party.rm_id == workbench.rm_id)
        .group_by(Party.id)
        .order_by(func.count().desc(), Party.id)
        .limit(1)
    )
    engine = connect(sqlite_url(workbench.store))
    try:
        with engine.connect() as connection:
            return str(connection.execute(query).scalar_one())
    finally:
        engine.dispose()


def test_an_rm_opens_a_partys_network_on_a_phone_and_a_desktop(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    party_id = the_best_linked_party_of_the_book(workbench)
    sign_in(page, workbench)
    page.goto(f"{workbench.url}/parties/{party_id}/network")
    expect(page.get_by_role("heading", level=1)).to_contain_text("的关系网")
    drawing = page.locator("svg.network-drawing")
    expect(drawing).to_be_visible()
    expect(drawing.locator("g.party")).not_to_have_count(0)
    box = drawing.bounding_box()
    assert box is not None
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.get_by_role("heading", name="可触达的潜在客户")).to_be_visible()
    expect(page.get_by_text("推荐树深度")).to_be_visible()
    page.get_by_text("关系的文字说明").click()
    expect(page.locator("details li").first).to_be_visible()
    screenshot(page, request, "network")
    page.get_by_role("link", name="返回客户页面").click()
    expect(page).to_have_url(f"{workbench.url}/parties/{party_id}")
