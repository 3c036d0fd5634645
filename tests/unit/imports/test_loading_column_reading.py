"""A batch read a column at a time gives exactly what reading its rows one by one gives:
the same values, the same problems in the same order, masked the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankladder.imports.convert import RowConverter
from bankladder.imports.mapping import Mapping

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 11, 30)
INTERACTION = Mapping(
    table="interaction",
    columns={
        "客户号": "party_id",
        "经理": "rm_id",
        "方式": "kind",
        "时间": "occurred_at",
        "结果": "outcome",
    },
    values={"kind": {"拜访": "visit", "电话": "call"}},
)
PARTY = Mapping(
    table="party",
    columns={
        "客户号": "id",
        "客户名称": "name",
        "客户类型": "kind",
        "证件号码": "id_number",
        "手机号": "mobile",
        "开户日期": "customer_since",
    },
    values={"kind": {"个人": "person", "对公": "enterprise"}},
)
STAMPS = [
    "2025-03-01 09:30:00",
    "2025-03-01T09:30",
    " 2025-03-01 09:30:00 ",
    "2025-03-01",
    "20250301",
    "2025/03/01 09:30",
    "2025-03-01 09:30:00+08:00",
    "2025-02-30 09:30:00",
    "2025-03-01 25:00",
    "not a time",
]
CELLS = {
    "客户号": ["P1", " P2 ", "", "-", None, "P" * 40],
    "经理": ["RM01", "", None, "RM" * 20],
    "方式": ["visit", "call", "拜访", "电话", "phone", "", None],
    "时间": [*STAMPS, "", None],
    "结果": ["positive", "", "x" * 33, None],
}
PARTY_CELLS = {
    "客户号": ["C1", "", None],
    "客户名称": ["张三", "", None],
    "客户类型": ["个人", "对公", "person", "other", None],
    "证件号码": ["11010519491231002X", "91350100M000100Y43", "110105194912310021", "", None],
    "手机号": ["138 1234 5678", "12345", "", None],
    "开户日期": ["2024-01-31", "20240131", "2024-13-01", "", None],
}


def rows_of(cells: dict[str, list[str | None]]) -> st.SearchStrategy[list[dict[str, object]]]:
    row = st.fixed_dictionaries(
        {header: st.sampled_from(values) for header, values in cells.items()}
    )
    return st.lists(row, max_size=12)


@settings(max_examples=300, deadline=None)
@given(rows_of(CELLS))
def test_interactions_read_by_column_match_rows_read_one_by_one(
    rows: list[dict[str, object]],
) -> None:
    convert = RowConverter(INTERACTION, today=TODAY)
    assert convert.many(rows) == [convert(row) for row in rows]


@settings(max_examples=300, deadline=None)
@given(rows_of(PARTY_CELLS))
def test_parties_read_by_column_match_rows_read_one_by_one(rows: list[dict[str, object]]) -> None:
    convert = RowConverter(PARTY, today=TODAY)
    assert convert.many(rows) == [convert(row) for row in rows]


def test_a_column_with_one_unusual_cell_is_read_cell_by_cell_and_the_rest_still_read() -> None:
    convert = RowConverter(INTERACTION, today=TODAY)
    ordinary = {"客户号": "P1", "经理": "RM01", "方式": "visit", "结果": "positive"}
    rows = [
        {**ordinary, "时间": "2025-03-01 09:30:00"},
        {**ordinary, "时间": "20250301"},  # ISO is the default, YYYYMMDD too: read cell by cell
        {**ordinary, "时间": "2025-03-01 09:30:00+08:00"},  # a zone: the instant in local time
        {**ordinary, "时间": "2025-03-01 25:30:00"},  # refused
    ]
    first, second, third, fourth = convert.many(rows)
    assert isinstance(first, dict)
    assert first["occurred_at"] == dt.datetime(2025, 3, 1, 9, 30)
    assert isinstance(second, dict)
    assert second["occurred_at"] == dt.datetime(2025, 3, 1)
    assert isinstance(third, dict)
    beijing = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert third["occurred_at"] == beijing.astimezone().replace(tzinfo=None)
    assert isinstance(fourth, list)
    assert fourth[0].column == "时间"


def test_cells_typed_by_a_workbook_are_read_as_one_row_reads_them() -> None:
    convert = RowConverter(INTERACTION, today=TODAY)
    rows: list[dict[str, object]] = [
        {"客户号": 1001.0, "经理": "RM01", "方式": "visit", "时间": 45717.5, "结果": None},
        {
            "客户号": "P1",
            "经理": "RM01",
            "方式": "visit",
            "时间": dt.datetime(2025, 3, 1),
            "结果": "",
        },
    ]
    assert convert.many(rows) == [convert(row) for row in rows]
