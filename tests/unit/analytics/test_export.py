"""Exports read back as a bank's analyst opens them: the CSV in Excel (a byte-order mark, the
Chinese intact), the XLSX with typed cells (shares as percentages, counts as integers, dates
as dates), the filters and the note beside the figures, names still masked."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from bankladder.analytics.export import csv_bytes, filename, xlsx_bytes
from bankladder.analytics.schemas import Column, Filters, Kind, Table
from bankladder.ladder.model import Text

pytestmark = pytest.mark.unit

TABLE = Table(
    view="stalled-parties",
    title=Text("停滞客户", "Stalled parties"),
    columns=(
        Column("party", Text("客户号", "Party")),
        Column("name", Text("客户", "Name")),
        Column("stage", Text("阶段", "Stage"), Kind.STAGE),
        Column("since", Text("进入日", "On the rung since"), Kind.DATE),
        Column("month", Text("月份", "Month"), Kind.MONTH),
        Column("days", Text("天数", "Days"), Kind.COUNT),
        Column("share", Text("占比", "Share"), Kind.SHARE),
    ),
    rows=[
        {
            "party": "P1",
            "name": "张*",  # masked in the snapshot: the export must not know more
            "stage": 1,
            "since": dt.date(2026, 3, 5),
            "month": dt.date(2026, 3, 1),
            "days": 1234,
            "share": 0.125,
        },
        {
            "party": "P2",
            "name": "甲公司",
            "stage": 2,
            "since": None,
            "month": dt.date(2026, 4, 1),
            "days": 7,
            "share": None,
        },
    ],
    stages={1: Text("了解银行", "Know"), 2: Text("试用", "Trial")},
    note=Text("超过该阶段第80百分位即为停滞。", "Stalled: beyond the rung's 80th percentile."),
    filters=Filters(dt.date(2026, 1, 1), dt.date(2026, 10, 31), branch="B01"),
)


def test_csv_opens_in_excel_with_chinese_headings_and_cells_as_shown() -> None:
    data = csv_bytes(TABLE, "zh-CN")
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        ["客户号", "客户", "阶段", "进入日", "月份", "天数", "占比"],
        ["P1", "张*", "了解银行", "2026-03-05", "2026-03", "1,234", "12.5%"],
        ["P2", "甲公司", "试用", "", "2026-04", "7", ""],
    ]


def test_csv_in_english() -> None:
    rows = list(csv.reader(io.StringIO(csv_bytes(TABLE, "en").decode("utf-8-sig"))))
    assert rows[0][:3] == ["Party", "Name", "Stage"]
    assert rows[2][2] == "Trial"


def sheet_rows(data: bytes, name: str | None = None) -> list[list[object]]:
    book = load_workbook(io.BytesIO(data))
    sheet = book[name] if name else book.worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_xlsx_holds_title_filters_and_typed_cells() -> None:
    data = xlsx_bytes(TABLE, "zh-CN")
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "停滞客户"
    assert [sheet.cell(r, 1).value for r in (2, 3, 4)] == ["起始日", "截止日", "支行"]
    assert [sheet.cell(r, 2).value for r in (2, 3, 4)] == ["2026-01-01", "2026-10-31", "B01"]
    # row 5 blank, row 6 the headings in bold, rows 7 and 8 the parties
    headings = [c.value for c in sheet[6]]
    assert headings == ["客户号", "客户", "阶段", "进入日", "月份", "天数", "占比"]
    assert all(c.font.bold for c in sheet[6])
    first = sheet[7]
    assert [c.value for c in first[:3]] == ["P1", "张*", "了解银行"]
    assert first[3].value == dt.datetime(2026, 3, 5)  # a date cell (openpyxl reads datetimes)
    assert first[4].value == "2026-03"
    assert first[5].value == 1234
    assert isinstance(first[5].value, int)
    assert first[6].value == 0.125  # a fraction shown as 12.5%
    assert first[6].number_format == "0.0%"
    second = sheet[8]
    assert second[3].value is None
    assert second[6].value is None


def test_xlsx_notes_sheet_and_fitted_widths() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(TABLE, "en")))
    assert book.sheetnames == ["stalled-parties", "notes"]
    assert book["notes"]["A2"].value == "Stalled: beyond the rung's 80th percentile."
    widths = book.worksheets[0].column_dimensions
    # "On the rung since" (17 characters) is wider than any of its cells: 17 + 2
    assert widths["D"].width == 19
    # "Month" (5 characters) is narrower than its cells "2026-03" (7): 7 + 2
    assert widths["E"].width == 9


def test_a_masked_name_stays_masked_in_every_export() -> None:
    shown = csv_bytes(TABLE, "zh-CN").decode("utf-8-sig")
    assert "张*," in shown
    values = [v for row in sheet_rows(xlsx_bytes(TABLE, "zh-CN")) for v in row]
    assert "张*" in values
    assert not any(isinstance(v, str) and v.startswith("张") and v != "张*" for v in values)


def test_file_name_says_the_view_and_the_period() -> None:
    assert filename(TABLE, "csv") == "bankladder-stalled-parties-2026-01-01-2026-10-31.csv"
    assert filename(TABLE, ".xlsx").endswith("2026-10-31.xlsx")
