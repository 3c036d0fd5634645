"""The loan pipeline in a real Chromium at a phone's and a desktop's width: a branch manager
registers an application for an enterprise of the branch from its party's form, records the
required documents, moves it to "documents complete", and reads the turnaround dashboard
(the bottleneck in words, bars per step and per RM, quotas); nothing overflows 375 px.
Screenshots are saved under the test's tmp dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from bankladder.config import sqlite_url
from bankladder.store.database import connect
from bankladder.store.models import Party, RelationshipManager
from bankladder.store.vocabulary import PartyKind
from tests.browser.conftest import Workbench
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser


def an_enterprise_of_the_branch(workbench: Workbench) -> str:
    """The first enterprise customer served by an RM of the busiest RM's branch."""
    engine = connect(sqlite_url(workbench.store))
    branch = select(RelationshipManager.branch_id).where(RelationshipManager.id == workbench.rm_id)
    query = (
        select(Party.id)
        .join(RelationshipManager, RelationshipManager.id == Party.rm_id)
        .where(
            RelationshipManager.branch_id == branch.scalar_subquery(),
            Party.kind == PartyKind.ENTERPRISE,
            Party.customer_since.is_not(None),
        )
        .order_by(Party.id)
    )
    try:
        with engine.connect() as connection:
            found = connection.execute(query.limit(1)).scalar()
    finally:
        engine.dispose()
    if found is None:
        pytest.fail("no enterprise customer in the branch of the demo bank")
    return str(found)


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def shot(page: Page, tmp_path: Path, request: pytest.FixtureRequest, step: str) -> None:
    name = request.node.name.replace("[", "-").rstrip("]")
    page.screenshot(path=str(tmp_path / f"{name}-{step}.png"), full_page=True)


def test_a_manager_registers_and_moves_an_application_and_reads_the_dashboard(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    party_id = an_enterprise_of_the_branch(workbench)
    sign_in(page, workbench, "zhao")
    page.goto(f"{workbench.url}/parties/{party_id}/loans/new")
    page.get_by_label("贷款产品").select_option("LN-BIZ")
    page.get_by_label("金额（元）").fill("1200000")
    page.get_by_role("button", name="登记申请").click()
    expect(page.locator("#loan-done")).to_have_text("申请已登记。")
    expect(page.locator("#loan-status")).to_contain_text("已受理")
    expect(page.locator("#loan-amount")).to_have_text("****")
    assert page.get_by_role("button", name="资料已齐全").count() == 0  # documents missing
    for _ in range(3):  # the three required documents, in the checklist's order
        page.get_by_role("button", name="登记已收到").first.click()
        expect(page.locator("#loan-done")).to_have_text("资料已登记收到。")
    page.get_by_role("button", name="资料已齐全").click()
    expect(page.locator("#loan-status")).to_contain_text("资料齐全")
    expect(page.locator("#loan-history li")).to_have_count(2)
    assert fits_the_width(page)
    shot(page, tmp_path, request, "application")

    page.goto(f"{workbench.url}/loans")
    page.get_by_label("环节").select_option("documents_complete")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator(".loan-item").first).to_be_visible()
    assert fits_the_width(page)
    shot(page, tmp_path, request, "pipeline")

    page.goto(f"{workbench.url}/loans/dashboard")
    expect(page.locator("#bottleneck")).to_contain_text("最耗时的环节")
    expect(page.locator("#per-step tbody tr")).not_to_have_count(0)
    expect(page.locator("#per-rm tbody tr")).not_to_have_count(0)
    expect(page.locator("#quotas")).to_be_visible()
    assert fits_the_width(page)
    shot(page, tmp_path, request, "dashboard")
    assert sorted(p.name for p in tmp_path.glob("*.png"))
