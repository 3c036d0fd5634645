"""Bulk writes and reads shared by every feature's repository."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, update
from sqlalchemy.orm import Session

T = TypeVar("T")
IN_LIST_SIZE = 300  # values per IN (...) list: well below SQLite's bound-parameter limit


def in_chunks(items: Sequence[T], size: int = IN_LIST_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def update_by_primary_key(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """One executemany UPDATE: each row carries its primary key as ``_pk`` and the new values
    of the same columns."""
    if not rows:
        return
    primary = next(iter(table.primary_key.columns))
    names = [name for name in rows[0] if name != "_pk"]
    statement = (
        update(table)
        .where(primary == bindparam("_pk"))
        .values(**{name: bindparam(f"new_{name}") for name in names})
    )
    params = [{"_pk": row["_pk"], **{f"new_{n}": row[n] for n in names}} for row in rows]
    session.connection().execute(statement, params)
