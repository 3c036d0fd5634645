"""A party's network in a real Chromium at a phone's and a desktop's width: the drawing (SVG
from the server, no script) fits the screen with its text alternative, the prospects within
reach of a network computed on the demo bank with their paths in words, and the fission
figures; screenshots as evidence.

The network's results are written as the batch computes them (``network.compute``), without
its introduction actions, so that the other browser tests' worklists stay as they were."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select, union_all

from bankladder.config import sqlite_url
from bankladder.network import results
from bankladder.network.compute import compute
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import NetworkProspect, Party, Referral, Relationship
from tests.browser.conftest import AS_OF, Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser


def the_network_computed(workbench: Workbench) -> str:
    """The network's results stored for the demo bank; the RM's introducer with the most
    prospects (or, if the book has none, its best-linked party)."""
    day = dt.date.fromisoformat(AS_OF)
    engine = connect(sqlite_url(workbench.store))
    try:
        outcome = compute(engine, day)
        with unit_of_work(engine) as session:
            results.replace_results(
                session,
                results.prospect_rows(outcome.prospects, day),
                results.intermediary_rows(outcome.intermediaries, day),
            )
        query = (
            select(NetworkProspect.party_id)
            .join(Party, Party.id == NetworkProspect.party_id)
            .where(Party.rm_id == workbench.rm_id)
            .group_by(NetworkProspect.party_id)
            .order_by(func.count().desc(), NetworkProspect.party_id)
            .limit(1)
        )
        with engine.connect() as connection:
            found = connection.execute(query).scalar()
    finally:
        engine.dispose()
    return str(found) if found is not None else the_best_linked_party_of_the_book(workbench)


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
    party_id = the_network_computed(workbench)
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
    expect(page.get_by_text("按路径强度与潜在客户的潜力排序")).to_be_visible()
    expect(page.locator("ol.party-actions > li").first).to_be_visible()
    expect(page.get_by_text("推荐树深度")).to_be_visible()
    page.get_by_text("关系的文字说明").click()
    expect(page.locator("details li").first).to_be_visible()
    screenshot(page, request, "network")
    page.get_by_role("link", name="返回客户页面").click()
    expect(page).to_have_url(f"{workbench.url}/parties/{party_id}")


def test_a_manager_reads_the_intermediaries_and_the_fission_figures(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    the_network_computed(workbench)
    sign_in(page, workbench, "zhao")
    page.goto(f"{workbench.url}/network/intermediaries")
    expect(page.get_by_role("heading", level=1)).to_have_text("中介排名")
    expect(page.locator("ol.party-actions > li").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, request, "intermediaries")
    page.get_by_role("link", name="裂变指标").click()
    expect(page.get_by_role("heading", name="按客户经理")).to_be_visible()
    expect(page.get_by_role("heading", name="按支行")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, request, "fission")
