"""The analytics pages, downloads and API on a real SQLite store (tests/integration/web/
analytics_seed.py has the histories and the arithmetic): a manager sees their branch only, an
auditor every branch, nobody else anything; filters narrow; downloads are masked, need
reports.export and are logged once each; bad input is refused in words."""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent
from tests.integration.web.analytics_seed import seed
from tests.integration.web.conftest import sign_in

pytestmark = pytest.mark.integration

RAW_NAME = "客户P-"  # every seeded name starts so; a masked one keeps only "客"
MASKED = "客" + "*" * 9  # "客户P-RM01-3" has ten characters


@pytest.fixture
def seeded(bank: Engine) -> Engine:
    seed(bank)
    return bank


def funnel(client: TestClient, **filters: str) -> dict[str, int]:
    """The funnel's parties per stage id (rank 0 as "none") through the API, in English."""
    answered = client.get("/api/v1/analytics/funnel", params=filters)
    assert answered.status_code == 200, answered.text
    return {row["stage"]: row["parties"] for row in answered.json()["rows"] if row["parties"]}


def exports(engine: Engine) -> list[tuple[str, dict[str, Any]]]:
    with unit_of_work(engine) as session:
        query = select(AuditEvent.object_id, AuditEvent.detail).where(
            AuditEvent.event == "analytics.export"
        )
        return [(row.object_id, row.detail) for row in session.execute(query)]


JUNE = {"to": "2026-06-30"}
"""A period ending a month after the newest change: every rung's stays have lasted a day or more
(the default period's end, a day of moves, is tested on its own at the end)."""

# In Chinese (the users' default locale) the stage column reads the stage's name.
NONE, ACQ, DISC, GOOD = "未上阶梯", "了解银行与客户经理", "了解银行业务", "好感培养"


def test_a_manager_counts_the_parties_of_their_branch_only(
    client: TestClient, seeded: Engine
) -> None:
    sign_in(client, "zhao")
    # BR01 at 05-31: P-RM01-2 unplaced; P-RM01-3 on 1; P-RM01-1, -4, -5, P-RM02-2 on 2;
    # P-RM02-1 on 3. BR02's P-RM03-1 and P-RM03-2 never count, even when BR02 is asked for.
    expected = {NONE: 1, ACQ: 1, DISC: 4, GOOD: 1}
    assert funnel(client) == expected
    assert funnel(client, branch="BR02") == expected


def test_an_auditor_counts_every_branch(client: TestClient, seeded: Engine) -> None:
    sign_in(client, "shen")
    # BR01's seven plus P-RM03-1 (regressed to 1 on 05-31) and P-RM03-2 (on 1 since 04-30)
    assert funnel(client) == {NONE: 1, ACQ: 3, DISC: 4, GOOD: 1}
    assert funnel(client, branch="BR02") == {ACQ: 2}


def test_filters_narrow_the_parties_and_the_period(client: TestClient, seeded: Engine) -> None:
    sign_in(client, "zhao")
    assert funnel(client, rm="RM02") == {DISC: 1, GOOD: 1}  # P-RM02-2 on 2, P-RM02-1 on 3
    # on 02-28: P-RM01-2 and P-RM02-2 unplaced; -1, -3, -5, P-RM02-1 on 1; P-RM01-4 on 2
    assert funnel(client, to="2026-02-28") == {NONE: 2, ACQ: 4, DISC: 1}
    # the industry C13: P-RM01-1 (2), P-RM01-3 (1), P-RM01-4 (2), P-RM02-2 (2)
    assert funnel(client, industry="c") == {ACQ: 1, DISC: 3}
    sign_in(client, "shen")
    # affluent: P-RM01-4 (2), P-RM01-5 (2), P-RM02-1 (3), P-RM03-2 (1)
    assert funnel(client, segment="affluent") == {ACQ: 1, DISC: 2, GOOD: 1}


def test_the_api_names_the_columns_and_the_filters(client: TestClient, seeded: Engine) -> None:
    sign_in(client, "zhao")
    answered = client.get("/api/v1/analytics/funnel").json()
    assert answered["view"] == "funnel"
    assert answered["title"] == {"zh": "阶梯漏斗", "en": "Funnel by stage"}
    # the newest change is 2026-05-31, the oldest in January: the period starts with January
    assert answered["filters"] == {"start": "2026-01-01", "end": "2026-05-31", "branch": "BR01"}
    assert [c["key"] for c in answered["columns"]][:2] == ["stage", "parties"]
    assert answered["columns"][1] == {
        "key": "parties",
        "kind": "count",
        "title": {"zh": "客户数", "en": "Parties"},
    }
    assert answered["rows"][0] == {
        "stage": NONE,
        "parties": 1,
        "share": pytest.approx(1 / 7),  # one of BR01's seven parties is unplaced
        "at_or_above": 7,
        "reach": 1.0,
    }
    assert answered["note"]["en"].startswith("Each party counts")
    listed = client.get("/api/v1/analytics").json()
    assert [v["view"] for v in listed][:2] == ["funnel", "conversion"]
    assert listed[0]["href"] == "/api/v1/analytics/funnel"


def test_the_dashboard_shows_a_card_per_view_with_chart_and_table(
    client: TestClient, seeded: Engine
) -> None:
    sign_in(client, "zhao")
    page = client.get("/analytics", params=JUNE)
    assert page.status_code == 200
    assert 'id="view-funnel"' in page.text
    assert 'id="view-stalled-parties"' in page.text
    assert 'src="data:image/svg+xml;base64,' in page.text  # the funnel's chart
    assert "<details" in page.text
    assert "<table" in page.text
    assert '<a href="/analytics" aria-current="page">' in page.text
    assert 'value="BR01" disabled' in page.text  # a manager's branch is fixed
    assert '<option value="RM03"' not in page.text  # BR02's RM is not offered
    assert RAW_NAME not in page.text


def test_one_view_lists_the_stalled_person_masked_with_export_links(
    client: TestClient, seeded: Engine
) -> None:
    sign_in(client, "zhao")
    page = client.get("/analytics/stalled-parties", params=JUNE)
    assert page.status_code == 200
    assert "P-RM01-3" in page.text
    assert MASKED in page.text
    assert RAW_NAME not in page.text
    link = 'href="/analytics/stalled-parties.csv?from=2026-01-01&amp;to=2026-06-30&amp;branch=BR01"'
    assert link in page.text
    narrowed = client.get("/analytics/funnel", params={"rm": "RM01", "to": "2026-04-30"})
    kept = "/analytics/funnel.xlsx?from=2026-01-01&amp;to=2026-04-30&amp;branch=BR01&amp;rm=RM01"
    assert kept in narrowed.text  # the year before the end asked for, from the first history


def test_a_csv_download_is_masked_and_logged_once(client: TestClient, seeded: Engine) -> None:
    sign_in(client, "zhao")
    answered = client.get("/analytics/stalled-parties.csv", params=JUNE)
    assert answered.status_code == 200
    assert answered.headers["content-type"].startswith("text/csv")
    assert "attachment" in answered.headers["content-disposition"]
    text = answered.content.decode("utf-8-sig")
    assert "P-RM01-3" in text
    assert MASKED in text
    assert RAW_NAME not in text
    [(view, detail)] = exports(seeded)
    assert view == "stalled-parties"
    assert detail["format"] == "csv"
    assert detail["branch"] == "BR01"
    # on 06-30 rung 1's threshold is 61 days (P-RM01-3: 150); rung 2 ends one stay in five, so
    # its threshold is its longest stay (P-RM01-4's 122 days), rung 3 likewise: one row
    assert detail["rows"] == 1
    assert text.count("P-RM") == 1


def test_an_xlsx_download_is_masked_and_logged_once(client: TestClient, seeded: Engine) -> None:
    sign_in(client, "shen")
    answered = client.get("/analytics/stalled-parties.xlsx", params={"branch": "BR01", **JUNE})
    assert answered.status_code == 200
    assert answered.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(answered.content))
    values = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert MASKED in values
    assert not any(RAW_NAME in value for value in values)
    [(view, detail)] = exports(seeded)
    assert (view, detail["format"], detail["branch"]) == ("stalled-parties", "xlsx", "BR01")


def test_the_monthly_report_is_a_pdf_and_logged(client: TestClient, seeded: Engine) -> None:
    sign_in(client, "zhao")
    answered = client.get("/analytics/monthly.pdf", params={"month": "2026-04"})
    assert answered.status_code == 200
    assert answered.headers["content-type"] == "application/pdf"
    assert answered.content.startswith(b"%PDF")
    [(view, detail)] = exports(seeded)
    assert (view, detail["format"]) == ("monthly", "pdf")
    assert (detail["start"], detail["end"]) == ("2026-04-01", "2026-04-30")


@pytest.mark.parametrize("username", ["wang", "root", "qian"])
def test_an_rm_an_admin_or_an_approver_may_not_see_analytics(
    client: TestClient, seeded: Engine, username: str
) -> None:
    sign_in(client, username)
    for path in (
        "/analytics",
        "/analytics/funnel",
        "/analytics/funnel.csv",
        "/analytics/funnel.xlsx",
        "/analytics/monthly.pdf",
        "/api/v1/analytics",
        "/api/v1/analytics/funnel",
    ):
        assert client.get(path).status_code == 403, path
    assert exports(seeded) == []


def test_a_bad_date_is_refused_in_words(client: TestClient, seeded: Engine) -> None:
    sign_in(client, "zhao")
    page = client.get("/analytics", params={"from": "2026-13-01"})
    assert page.status_code == 400
    assert "2026-13-01" in page.text
    assert "is not a date" in page.text
    assert "YYYY-MM-DD" in page.text
    assert "Traceback" not in page.text
    reversed_period = client.get(
        "/analytics/funnel", params={"from": "2026-05-01", "to": "2026-01-31"}
    )
    assert reversed_period.status_code == 400
    assert "after it ends" in reversed_period.text
    assert client.get("/api/v1/analytics/funnel", params={"to": "soon"}).status_code == 400
    assert client.get("/analytics/monthly.pdf", params={"month": "May"}).status_code == 400
    assert exports(seeded) == []


def test_an_unknown_view_is_not_found(client: TestClient, seeded: Engine) -> None:
    sign_in(client, "zhao")
    assert client.get("/analytics/profits").status_code == 404
    assert client.get("/analytics/profits.csv").status_code == 404
    assert client.get("/api/v1/analytics/profits").status_code == 404
    assert exports(seeded) == []


def test_a_rung_entered_only_on_the_period_s_last_day_does_not_break_the_views(
    client: TestClient, seeded: Engine
) -> None:
    """The default period ends on 05-31, the day P-RM02-1, BR01's only party on rung 3, got
    there: a rung of none but zero-day stays (lifelines once refused its one-point curve)."""
    sign_in(client, "zhao")
    answered = client.get("/analytics/stalled-parties.csv")
    assert answered.status_code == 200
    assert "P-RM01-3" in answered.content.decode("utf-8-sig")  # 120 days on 1, over 61
