"""Sign in, open a party from My day, log a visit in two taps, and see the stage advance on
screen, in a real Chromium at a phone's and a desktop's width."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine, insert, select

from bankladder.config import Settings, sqlite_url, today
from bankladder.engine.evaluate import evaluate
from bankladder.evaluation.ladders import bank_ladder
from bankladder.evaluation.service import open_backend, reevaluate_party
from bankladder.ladder.model import Ladder
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import Interaction, Party
from tests.browser.conftest import Workbench, screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in

pytestmark = pytest.mark.browser
CONTACT = "recent_contacts"  # the second rung's "interactions_90d >= 2"


def test_an_rm_logs_a_visit_and_sees_the_party_advance(
    page: Page, workbench: Workbench, request: pytest.FixtureRequest
) -> None:
    party_id, before, above = _party_one_contact_short(workbench)
    sign_in(page, workbench)
    expect(page.get_by_role("heading", level=1)).to_have_text("今日工作")
    from_my_day = page.locator(f'a[href="/parties/{party_id}"]')
    if from_my_day.count():
        from_my_day.first.click()
    else:  # not among the day's first actions: open it as a link from elsewhere would
        page.goto(f"{workbench.url}/parties/{party_id}")
    expect(page.locator("#stage-now")).to_contain_text(before)
    screenshot(page, request, "party-before")
    page.get_by_role("link", name="记录拜访").first.click()  # tap 1
    expect(page.get_by_role("heading", level=1)).to_have_text("记录接触")
    screenshot(page, request, "log-form")
    page.get_by_role("button", name="保存").click()  # tap 2
    expect(page).to_have_url(f"{workbench.url}/parties/{party_id}?logged=visit&was={_id(before)}")
    notice = page.locator("#logged-notice")
    expect(notice).to_contain_text(f"阶段已从“{before}”提升至")
    shown = page.locator("#stage-now strong").inner_text()
    assert shown in above  # the next rung, or higher when the rungs above were already met
    expect(notice).to_contain_text(f"提升至“{shown}”")
    screenshot(page, request, "party-after")


STAGE_IDS: dict[str, str] = {}


def _id(stage_name: str) -> str:
    return STAGE_IDS[stage_name]


def _party_one_contact_short(workbench: Workbench) -> tuple[str, str, list[str]]:
    """A party of the rm user whose next rung, as of today, lacks only recent contacts: one
    contact is arranged if two are missing, and the party is re-evaluated as of today, so the
    page shows it one visit short of the next rung. (The demo bank is dated; the workbench
    runs on today's clock.) Returns its id, the name of its rung and those of the rungs above."""
    engine = connect(sqlite_url(workbench.store))
    try:
        day = today(Settings())  # the bank's date, as the pages evaluate (not UTC's)
        with unit_of_work(engine) as session:
            ladder = bank_ladder(session, Settings())
            book = list(session.scalars(select(Party.id).where(Party.rm_id == workbench.rm_id)))
        party_id, missing, rank = _candidate(engine, ladder, book, day)
        if missing == 2:
            _arrange_a_call(engine, party_id, day)
        reevaluate_party(engine, ladder, party_id, day)
    finally:
        engine.dispose()
    before = ladder.stages[rank - 1].name.zh
    STAGE_IDS.update({before: ladder.stages[rank - 1].id})
    return party_id, before, [stage.name.zh for stage in ladder.stages[rank:]]


def _candidate(
    engine: Engine, ladder: Ladder, book: list[str], today: dt.date
) -> tuple[str, int, int]:
    backend = open_backend(engine, "sqlite")
    try:
        result = evaluate(backend, ladder, today, book)
    finally:
        backend.disconnect()
    unmet: dict[str, list[dict[str, object]]] = {}
    for action in result.actions.to_pylist():
        unmet.setdefault(action["party_id"], []).append(action)
    ranks = {row["party_id"]: row["stage_rank"] for row in result.placements.to_pylist()}
    for party_id in sorted(unmet):
        (only, *others) = unmet[party_id]
        if not others and only["criterion_id"] == CONTACT and ranks[party_id] >= 1:
            return party_id, int(float(str(only["gap"]))), int(ranks[party_id])
    pytest.fail("no party of the rm user lacks only recent contacts for the next rung")


def _arrange_a_call(engine: Engine, party_id: str, today: dt.date) -> None:
    yesterday = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(10, 0))
    with unit_of_work(engine) as session:
        rm_id = session.scalar(select(Party.rm_id).where(Party.id == party_id))
        session.execute(
            insert(Interaction).values(
                party_id=party_id, rm_id=rm_id, kind="call", occurred_at=yesterday
            )
        )
