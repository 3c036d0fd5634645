"""A ``Table`` as a file to take away: CSV (UTF-8 with a byte-order mark, so Excel reads the
Chinese right) and XLSX (typed cells: shares as percentages, counts as integers, dates as
dates; the filters and the note beside the figures).

Both write only what the table holds: names are masked in the snapshot already, and nothing
here can unmask them. Whoever calls these records the export (``service.record_export``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bankladder.analytics.render import cells, headings, typed
from bankladder.analytics.schemas import Column, Kind, Table
from bankladder.ladder.model import Text

BOM = "\ufeff"
NUMBER_FORMAT = {
    Kind.SHARE: "0.0%",
    Kind.COUNT: "#,##0",
    Kind.DAYS: "0.0",
    Kind.NUMBER: "#,##0.00",
    Kind.DATE: "yyyy-mm-dd",
}
FILTER_NAMES = {
    "start": Text("起始日", "From"),
    "end": Text("截止日", "To"),
    "branch": Text("支行", "Branch"),
    "rm": Text("客户经理", "RM"),
    "segment": Text("客群", "Segment"),
    "industry": Text("行业", "Industry"),
}
NOTE_SHEET = "notes"
WIDEST = 60  # characters: a longer cell wraps instead of widening its column further


def csv_bytes(table: Table, locale: str) -> bytes:
    """The table as CSV: the headings in the locale, then every row's cells as shown."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings(table, locale))
    writer.writerows(cells(table, locale))
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(table: Table, locale: str) -> bytes:
    """The table as a workbook: its title, the filters used, bold headings and typed cells in
    the first sheet; the note on how to read it in the sheet ``notes``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = _sheet_title(table.view)
    sheet.append([table.title.in_(locale)])
    sheet["A1"].font = Font(bold=True, size=14)
    for name, value in described(table, locale):
        sheet.append([name, value])
    sheet.append([])
    sheet.append(headings(table, locale))
    for heading in sheet[sheet.max_row]:
        heading.font = Font(bold=True)
    for row in table.rows:
        sheet.append(
            [_typed(table, column, row.get(column.key), locale) for column in table.columns]
        )
        for column, written in zip(table.columns, sheet[sheet.max_row], strict=True):
            if column.kind in NUMBER_FORMAT:
                written.number_format = NUMBER_FORMAT[column.kind]
    _fit_widths(sheet, table, locale)
    notes = book.create_sheet(NOTE_SHEET)
    notes.append([table.title.in_(locale)])
    notes.append([table.note.in_(locale) if table.note is not None else ""])
    notes.column_dimensions["A"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def described(table: Table, locale: str) -> list[tuple[str, str]]:
    """The filters the table was made with, named in the locale (none when it has none)."""
    if table.filters is None:
        return []
    return [
        (FILTER_NAMES[key].in_(locale) if key in FILTER_NAMES else key, value)
        for key, value in table.filters.described().items()
    ]


def filename(table: Table, ext: str) -> str:
    """A file name saying which view and period, e.g.
    ``bankladder-funnel-2026-01-01-2026-10-31.csv``."""
    period = ""
    if table.filters is not None:
        period = f"-{table.filters.start.isoformat()}-{table.filters.end.isoformat()}"
    return f"bankladder-{table.view}{period}.{ext.lstrip('.')}"


def _typed(table: Table, column: Column, value: Any, locale: str) -> Any:
    """A spreadsheet value: ``render.typed``, with datetimes kept as dates or times."""
    if column.kind is Kind.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return typed(table, column, value, locale)


def _sheet_title(view: str) -> str:
    """Excel allows 31 characters and none of ``[]:*?/\\``."""
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in view)
    return cleaned[:31] or "report"


def _fit_widths(sheet: Worksheet, table: Table, locale: str) -> None:
    """Each column as wide as its widest heading or cell (CJK characters count double)."""
    shown = [headings(table, locale), *cells(table, locale)]
    for i in range(len(table.columns)):
        widest = max(_width(line[i]) for line in shown)
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(WIDEST, widest + 2)
    first = sheet.column_dimensions["A"]
    longest_filter = max((_width(name) for name, _ in described(table, locale)), default=0)
    first.width = max(first.width or 0, min(WIDEST, longest_filter + 2))


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
