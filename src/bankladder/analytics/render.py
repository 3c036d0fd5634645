"""A ``Table`` as people read it: headings and cells in a locale (CLI tables, CSV, XLSX, the
pages and the PDF all show the same text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bankladder.analytics.schemas import Column, Kind, Table


def headings(table: Table, locale: str) -> list[str]:
    return [column.title.in_(locale) for column in table.columns]


def cell(table: Table, column: Column, value: Any, locale: str) -> str:
    """One value as shown: shares as percentages with one decimal, days with one decimal,
    months as YYYY-MM, stages by name; None as an empty cell."""
    if value is None:
        return ""
    if column.kind is Kind.SHARE:
        return f"{float(value) * 100:.1f}%"
    if column.kind is Kind.DAYS:
        return f"{float(value):.1f}" if float(value) % 1 else f"{int(value)}"
    if column.kind is Kind.COUNT:
        return f"{int(value):,}"
    if column.kind is Kind.NUMBER:
        return f"{float(value):,.2f}"
    if column.kind is Kind.MONTH:
        return value.strftime("%Y-%m") if isinstance(value, dt.date) else str(value)[:7]
    if column.kind is Kind.DATE:
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if column.kind is Kind.STAGE:
        name = table.stages.get(int(value))
        return name.in_(locale) if name is not None else str(value)
    return str(value)


def cells(table: Table, locale: str) -> list[list[str]]:
    """Every row's cells as shown, in column order."""
    return [
        [cell(table, column, row.get(column.key), locale) for column in table.columns]
        for row in table.rows
    ]


def typed(table: Table, column: Column, value: Any, locale: str) -> Any:
    """A value for a spreadsheet or JSON: numbers stay numbers (shares as fractions), stages
    and months become their text, dates stay dates."""
    if value is None:
        return None
    if column.kind in (Kind.COUNT,):
        return int(value)
    if column.kind in (Kind.SHARE, Kind.DAYS, Kind.NUMBER):
        return float(value)
    if column.kind is Kind.DATE:
        return value
    return cell(table, column, value, locale)


def records(table: Table, locale: str) -> list[dict[str, Any]]:
    """Rows keyed by column key, values typed (for JSON and spreadsheets)."""
    return [
        {column.key: typed(table, column, row.get(column.key), locale) for column in table.columns}
        for row in table.rows
    ]
