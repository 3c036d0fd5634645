"""My day: the actions due now in the user's scope, ranked, with filters; by role."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bankladder.accounts.schemas import Account
from bankladder.config import Settings
from bankladder.evaluation.ladders import ladder_for
from bankladder.store.database import unit_of_work
from bankladder.store.vocabulary import UserLocale, UserRole
from bankladder.worklist import service
from bankladder.worklist.schemas import ActionFilters
from tests.integration.web.conftest import sign_in
from tests.integration.web.my_day_seed import TODAY, seed
from tests.workbench import add_user

pytestmark = pytest.mark.integration

ACTION_ID = re.compile(r'id="action-(\d+)"')


@pytest.fixture
def ids(bank: Engine) -> dict[str, int]:
    return seed(bank)


def listed(page: str) -> list[int]:
    """The action ids on a My day page, in the order shown."""
    return [int(found) for found in ACTION_ID.findall(page)]


def test_an_rm_sees_the_actions_due_now_in_their_book_most_pressing_first(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    page = client.get("/")
    assert page.status_code == 200
    assert "今日工作" in page.text
    assert listed(page.text) == [ids["first"], ids["follow"], ids["woke"]]  # by priority
    assert "第 1–3 项，共 3 项行动" in page.text


def test_snoozed_actions_come_back_on_their_day_and_closed_ones_never_show(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    shown = listed(client.get("/").text)
    assert ids["woke"] in shown  # snoozed to today
    assert ids["asleep"] not in shown  # snoozed to a later day
    assert ids["done"] not in shown


def test_an_action_shows_its_party_masked_reason_stages_due_date_and_the_way_to_log_a_visit(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    page = client.get("/").text
    assert ">客*********</a>" in page  # 客户P-RM01-1: a person's name keeps the surname
    assert "客户P-RM01" not in page
    assert 'href="/parties/P-RM01-1"' in page
    assert "原因follow" in page  # the reason in the user's language
    assert "了解银行与客户经理 → 了解银行业务" in page  # the stage now and the target
    assert "已逾期" in page  # the follow-up was due on 06-20
    assert 'href="/parties/P-RM01-1/log?kind=visit"' in page


def test_an_english_speaking_rm_reads_the_reasons_in_english(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    add_user(bank, "smith", UserRole.RM, rm_id="RM01", locale=UserLocale.EN)
    sign_in(client, "smith")
    page = client.get("/").text
    assert "Reason follow" in page
    assert "Acquaintance → Business discovery" in page
    assert "Overdue" in page


def test_an_rm_never_sees_another_rm_s_actions(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "wang")
    shown = listed(client.get("/", params={"rm": "RM02"}).text)
    assert ids["rm02"] not in shown
    assert ids["rm03"] not in shown


def test_a_manager_sees_the_branch_s_actions_and_may_narrow_them_to_one_rm(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "zhao")
    branch = client.get("/").text
    assert listed(branch) == [ids["first"], ids["follow"], ids["rm02"], ids["woke"]]
    assert ids["rm03"] not in listed(branch)  # RM03 is in another branch
    assert '<option value="RM02"' in branch
    assert '<option value="RM03"' not in branch
    assert listed(client.get("/", params={"rm": "RM02"}).text) == [ids["rm02"]]
    assert listed(client.get("/", params={"rm": "RM03"}).text) == []


def test_filters_narrow_by_target_stage_kind_and_overdue(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    by_stage = client.get("/", params={"stage": "discovery"}).text
    assert listed(by_stage) == [ids["follow"]]
    assert listed(client.get("/", params={"kind": "invite_to_event"}).text) == [ids["woke"]]
    assert listed(client.get("/", params={"overdue": "1"}).text) == [ids["follow"]]
    assert '<option value="discovery" selected>' in by_stage


def test_an_auditor_reads_every_action_but_has_no_answer_buttons(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "shen")
    page = client.get("/").text
    assert set(listed(page)) == {ids[k] for k in ("first", "follow", "woke", "rm02", "rm03")}
    assert "/answer" not in page
    assert 'href="/team"' in page


def test_an_admin_is_told_there_is_no_customer_data_for_them(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "root")
    page = client.get("/")
    assert page.status_code == 200
    assert listed(page.text) == []
    assert "不查看客户数据" in page.text
    assert 'href="/team"' not in page.text
    assert 'href="/search"' not in page.text


def test_the_navigation_offers_the_team_only_to_those_who_may_see_it(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    page = client.get("/").text
    assert 'href="/search"' in page
    assert 'href="/prospects/new"' in page
    assert 'href="/team"' not in page


def test_a_bad_filter_value_is_a_plain_refusal(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "wang")
    assert client.get("/", params={"page": "0"}).status_code == 400
    assert client.get("/", params={"stage": "x" * 65}).status_code == 400


def test_my_day_is_paged_with_a_count(
    bank: Engine, ids: dict[str, int], users: dict[UserRole, Account]
) -> None:
    principal, ladder = users[UserRole.RM].principal, ladder_for(Settings())
    with unit_of_work(bank) as session:
        first = service.my_day(session, principal, ladder, ActionFilters(), TODAY, page_size=2)
        second = service.my_day(session, principal, ladder, ActionFilters(page=2), TODAY, 2)
    assert (first.total, first.pages) == (3, 2)
    assert [a.id for a in first.actions] == [ids["first"], ids["follow"]]
    assert (second.first_rank, [a.id for a in second.actions]) == (3, [ids["woke"]])
