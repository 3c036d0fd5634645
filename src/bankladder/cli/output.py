"""Printing records as a table, JSON or CSV on standard output."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table

from bankladder.cli.options import console

WRAPPED = frozenset({"reason", "stage", "name"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def emit(
    records: Sequence[Mapping[str, Any]],
    fmt: str,
    *,
    columns: Sequence[tuple[str, str]],
    title: str = "",
    json_records: Sequence[Any] | None = None,
) -> None:
    """Print ``records``: a table with the given (key, heading) columns, JSON or CSV.

    JSON prints ``json_records`` when given (richer, nested), else the records themselves.
    """
    if fmt == "json":
        payload = json_records if json_records is not None else records
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=_plain) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([key for key, _ in columns])
        for record in records:
            writer.writerow([_plain(record.get(key)) for key, _ in columns])
    else:
        table = Table(title=title or None, title_justify="left", show_lines=False)
        for key, heading in columns:
            wide = key in WRAPPED
            table.add_column(heading, overflow="fold", no_wrap=not wide, ratio=1 if wide else None)
        for record in records:
            table.add_row(
                *["" if record.get(k) is None else str(_plain(record.get(k))) for k, _ in columns]
            )
        console().print(table)
