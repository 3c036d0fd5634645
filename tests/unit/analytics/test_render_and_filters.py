"""How a table reads in each language, and what the filters ask of the parties."""

from __future__ import annotations

import datetime as dt

import pytest

from bankladder.analytics.render import cells, headings, records
from bankladder.analytics.schemas import Column, Filters, Kind, Table
from bankladder.ladder.model import Text

pytestmark = pytest.mark.unit

TABLE = Table(
    view="sample",
    title=Text("样例", "Sample"),
    columns=(
        Column("month", Text("月份", "Month"), Kind.MONTH),
        Column("stage", Text("阶段", "Stage"), Kind.STAGE),
        Column("parties", Text("客户数", "Parties"), Kind.COUNT),
        Column("rate", Text("转化率", "Rate"), Kind.SHARE),
        Column("days", Text("天数", "Days"), Kind.DAYS),
    ),
    rows=[
        {"month": dt.date(2026, 3, 1), "stage": 1, "parties": 1234, "rate": 0.125, "days": 30},
        {"month": dt.date(2026, 4, 1), "stage": 0, "parties": 0, "rate": None, "days": 12.25},
    ],
    stages={0: Text("未上阶梯", "Not on the ladder"), 1: Text("了解银行", "Acquaintance")},
)


def test_cells_read_as_people_read_them_in_each_language() -> None:
    assert headings(TABLE, "zh-CN") == ["月份", "阶段", "客户数", "转化率", "天数"]
    assert cells(TABLE, "en") == [
        ["2026-03", "Acquaintance", "1,234", "12.5%", "30"],
        ["2026-04", "Not on the ladder", "0", "", "12.2"],
    ]
    assert cells(TABLE, "zh-CN")[0][1] == "了解银行"


def test_records_keep_numbers_as_numbers_and_name_stages() -> None:
    assert records(TABLE, "en")[0] == {
        "month": "2026-03",
        "stage": "Acquaintance",
        "parties": 1234,
        "rate": 0.125,
        "days": 30.0,
    }
    assert records(TABLE, "en")[1]["rate"] is None


def test_filters_name_only_what_is_set_and_normalise_the_industry() -> None:
    chosen = Filters(
        dt.date(2026, 1, 1), dt.date(2026, 6, 30), rm=" RM01 ", industry="c13", segment=""
    )
    chosen = chosen.normalised()
    assert chosen.parties_where("p") == (
        "TRUE AND p.rm_id = $rm AND starts_with(p.industry_code, $industry)"
    )
    assert chosen.params() == {
        "start": dt.date(2026, 1, 1),
        "end": dt.date(2026, 6, 30),
        "rm": "RM01",
        "industry": "C13",
    }
    assert chosen.described() == {
        "start": "2026-01-01",
        "end": "2026-06-30",
        "rm": "RM01",
        "industry": "C13",
    }
