"""A model's score in a real Chromium, at a phone's and a desktop's width: My day's line with
the chance and the top reason, and the 360 page's box with the reasons, fit the screen."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from bankladder.config import Settings, today
from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_my_day_in_a_browser import shown_ids, sign_in

pytestmark = pytest.mark.browser

REASONS = [
    {"feature": "vip_tier", "value": 1.0, "effect": 0.9},  # the catalogue's longest wording
    {"feature": "days_since_last_contact", "value": 200.0, "effect": -0.4},
    {"feature": "total_balance", "value": 88888.0, "effect": 0.2},
]


def _score(workbench: Workbench, party_id: str, on: dt.date) -> None:
    with sqlite3.connect(workbench.store) as connection:
        connection.execute(
            "INSERT OR REPLACE INTO propensity_score (party_id, as_of, target, probability, "
            "lift, model_version, reasons) VALUES (?, ?, 'advance', 0.27, 2.1, 'v1', ?)",
            (party_id, on.isoformat(), json.dumps(REASONS)),
        )


def _fits(page: Page) -> None:
    viewport = page.viewport_size
    assert viewport is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_the_chance_and_its_reasons_fit_the_screen(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    sign_in(page, workbench)
    first = shown_ids(page)[0]
    party = page.request.get(f"{workbench.url}/api/v1/actions/{first}").json()["party_id"]
    _score(workbench, party, today(Settings()))
    page.reload()
    line = page.locator(f"#action-{first} .chance")
    expect(line).to_contain_text("升阶可能性：27%，平均水平的 2.1 倍")
    expect(line).to_contain_text("贵宾等级")
    _fits(page)
    screenshot(page, request, "my-day-chance")

    page.goto(f"{workbench.url}/parties/{party}")
    box = page.locator("#chance")
    expect(box.get_by_role("heading", level=2)).to_have_text("90天内升阶可能性")
    expect(box.locator("li")).to_have_count(3)
    expect(box).not_to_contain_text("88888")
    _fits(page)
    screenshot(page, request, "party-chance")
