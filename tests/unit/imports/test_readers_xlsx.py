"""Reading Excel workbooks: the header below a title, dates and numbers as text, sheets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from bankladder.errors import InvalidInput
from bankladder.imports.readers import Extract, SourceRow, open_extract
from bankladder.imports.reading.cells import cell_text

pytestmark = pytest.mark.unit


def all_rows(extract: Extract) -> list[SourceRow]:
    return [row for batch in extract.rows() for row in batch]


def save(tmp_path: Path, *sheets: tuple[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets:
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    path = tmp_path / "extract.xlsx"
    workbook.save(path)
    return path


def bank_extract(tmp_path: Path) -> Path:
    """A hand-edited extract: a merged title row, a blank row, then the header."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "客户"
    sheet["A1"] = "2024年1月 客户清单"
    sheet.merge_cells("A1:D1")
    rows: list[list[Any]] = [
        ["客户号", "客户名称", "开户日期", "余额"],
        ["C001", "张三", dt.date(2024, 1, 31), 1.0000000000000002],
        [],
        ["C002", "李四", dt.datetime(2024, 2, 1, 9, 30), 1234567],
    ]
    for offset, row in enumerate(rows, start=3):
        for column, value in enumerate(row, start=1):
            sheet.cell(offset, column, value)
    path = tmp_path / "bank.xlsx"
    workbook.save(path)
    return path


def test_the_header_is_found_below_a_merged_title_and_blank_rows(tmp_path: Path) -> None:
    extract = open_extract(bank_extract(tmp_path))
    assert extract.format == "xlsx"
    assert extract.encoding is None
    assert extract.header == ["客户号", "客户名称", "开户日期", "余额"]


def test_rows_carry_sheet_row_numbers_and_text_values(tmp_path: Path) -> None:
    rows = all_rows(open_extract(bank_extract(tmp_path)))
    assert rows == [
        SourceRow(4, {"客户号": "C001", "客户名称": "张三", "开户日期": "2024-01-31", "余额": "1"}),
        SourceRow(
            6,
            {
                "客户号": "C002",
                "客户名称": "李四",
                "开户日期": "2024-02-01T09:30:00",
                "余额": "1234567",
            },
        ),
    ]


def test_the_first_sheet_is_read_unless_one_is_named(tmp_path: Path) -> None:
    path = save(tmp_path, ("First", [["a"], [1]]), ("Second", [["b"], [2]]))
    assert open_extract(path).header == ["a"]
    named = open_extract(path, sheet="Second")
    assert named.header == ["b"]
    assert all_rows(named) == [SourceRow(2, {"b": "2"})]


def test_an_unknown_sheet_is_refused_with_the_sheets_listed(tmp_path: Path) -> None:
    path = save(tmp_path, ("First", [["a"]]), ("Second", [["b"]]))
    with pytest.raises(InvalidInput, match="no sheet named 'Third'") as refusal:
        open_extract(path, sheet="Third")
    assert refusal.value.fix == "Name one of its sheets: 'First', 'Second'."


def test_short_rows_are_padded_and_values_beyond_the_header_are_a_problem(tmp_path: Path) -> None:
    path = save(tmp_path, ("S", [["a", "b"], ["x"], ["x", "y", 7]]))
    rows = all_rows(open_extract(path))
    assert rows[0] == SourceRow(2, {"a": "x", "b": None})
    assert rows[1].number == 3
    assert rows[1].problem == "the row has values beyond column B, the header's last column"


def test_a_sheet_without_a_text_header_is_refused(tmp_path: Path) -> None:
    path = save(tmp_path, ("S", [[1, 2], [3, 4]]))
    with pytest.raises(InvalidInput, match="no header row in the first 20 rows of sheet 'S'"):
        open_extract(path)


def test_a_row_with_repeated_text_is_not_taken_for_the_header(tmp_path: Path) -> None:
    path = save(tmp_path, ("S", [["x", "x", "x"], ["id", "name"], ["1", "Ann"]]))
    assert open_extract(path).header == ["id", "name"]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("id,name\n")
    with pytest.raises(InvalidInput, match=r"not a readable \.xlsx"):
        open_extract(path)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        ("", None),
        ("abc", "abc"),
        (True, "true"),
        (42, "42"),
        (1.0, "1"),
        (0.1 + 0.2, "0.3"),
        (1.0000000002, "1.0000000002"),
        (1e-7, "0.0000001"),
        (12345678901234.0, "12345678901234"),
        (-0.0, "0"),
        (Decimal("100.50"), "100.5"),
        (dt.date(2024, 1, 2), "2024-01-02"),
        (dt.datetime(2024, 1, 2), "2024-01-02"),
        (dt.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05"),
        (dt.time(9, 30), "09:30:00"),
    ],
)
def test_a_cell_reads_as_the_text_a_user_would_type(value: object, text: str | None) -> None:
    assert cell_text(value) == text
