"""Snapshot imports: a file that is the full extract of a table as the bank holds it today.

A stored row that a new full snapshot no longer carries is closed, never deleted: history, the
facts computed from it and every reference stay. Only tables with a way to close a row take
snapshots (an account gets its closing date, a need its closing date, an RM becomes inactive);
the others are imported incrementally, where rows absent from a file are simply left alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bankladder.errors import InvalidInput
from bankladder.imports.mapping import NATURAL_KEYS
from bankladder.store.bulk import in_chunks
from bankladder.store.models import Base


@dataclass(frozen=True)
class Closing:
    """How a row of one table is closed: ``column`` set to ``closed(as_of)``; it is open while
    ``column`` holds ``open_value``."""

    column: str
    closed: Callable[[dt.date], object]
    open_value: object


CLOSINGS: dict[str, Closing] = {
    "holding": Closing("closed_on", lambda as_of: as_of, None),
    "need": Closing("closed_on", lambda as_of: as_of, None),
    "rm": Closing("active", lambda _as_of: False, True),
}


def check_snapshot_table(table: str) -> None:
    """Refuse a snapshot of a table whose rows cannot be closed."""
    if table not in CLOSINGS:
        closable = ", ".join(CLOSINGS)
        raise InvalidInput(
            f"{table} cannot be imported as a snapshot: its rows have no closing date or status, "
            "so rows absent from the file could only be deleted, which bankladder never does",
            fix=f"import {table} without --snapshot (incrementally); snapshots are for {closable}",
        )


def close_absent(
    session: Session, table: str, present: Collection[tuple[Any, ...]], as_of: dt.date
) -> int:
    """Close every open stored row of ``table`` whose natural key is not in ``present``;
    how many were closed."""
    closing = CLOSINGS[table]
    target = Base.metadata.tables[table]
    primary = next(iter(target.primary_key.columns))
    state = target.c[closing.column]
    is_open = state.is_(None) if closing.open_value is None else state == closing.open_value
    key = [target.c[name] for name in NATURAL_KEYS[table]]
    rows = session.execute(select(primary, *key).where(is_open))
    absent = [row[0] for row in rows if tuple(row[1:]) not in present]
    for chunk in in_chunks(absent):
        session.execute(
            update(target).where(primary.in_(chunk)).values({closing.column: closing.closed(as_of)})
        )
    return len(absent)
