"""Every query the import feature makes of the store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from bankladder.store.bulk import in_chunks, insert_many, update_by_primary_key
from bankladder.store.models import Base


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def existing_values(
    session: Session, target: Table, column: str, values: Iterable[Any]
) -> set[Any]:
    """Which of ``values`` the store holds in ``target.column``."""
    wanted = sorted({v for v in values if v is not None}, key=str)
    found: set[Any] = set()
    for chunk in in_chunks(wanted):
        found.update(session.scalars(select(target.c[column]).where(target.c[column].in_(chunk))))
    return found


def keys_by_value(
    session: Session, name: str, column: str, values: Iterable[Any]
) -> dict[Any, Any]:
    """The primary key of each row of table ``name`` by its value in ``column``."""
    target = table(name)
    primary = next(iter(target.primary_key.columns))
    wanted = sorted(set(values), key=str)
    found: dict[Any, Any] = {}
    for chunk in in_chunks(wanted):
        query = select(target.c[column], primary).where(target.c[column].in_(chunk))
        found.update(session.execute(query).tuples().all())
    return found


def newest_primary_key(session: Session, target: Table) -> Any | None:
    """The largest primary key ``target`` holds; ``None`` when it holds no row."""
    primary = next(iter(target.primary_key.columns))
    return session.scalar(select(func.max(primary)))


def ids_by_key(
    session: Session,
    target: Table,
    key: Sequence[str],
    keys: Sequence[tuple[Any, ...]],
    *,
    up_to: Any | None = None,
) -> dict[tuple[Any, ...], Any]:
    """The primary key of each stored row whose natural ``key`` is among ``keys``; with
    ``up_to``, only among rows whose primary key is at most ``up_to``.

    Rows are fetched by the key's first column (indexed, a plain IN list) and matched on the
    whole key here: far cheaper than composite IN lists, whatever the backend."""
    primary = next(iter(target.primary_key.columns))
    columns = [target.c[name] for name in key]
    wanted = set(keys)
    leading = sorted({k[0] for k in wanted}, key=str)
    found: dict[tuple[Any, ...], Any] = {}
    for chunk in in_chunks(leading):
        query = select(primary, *columns).where(columns[0].in_(chunk))
        if up_to is not None:
            query = query.where(primary <= up_to)
        for row in session.execute(query):
            natural = tuple(row[1:])
            if natural in wanted:
                found[natural] = row[0]
    return found


def insert_rows(
    session: Session, target: Table, rows: list[dict[str, Any]], order: Sequence[str] = ()
) -> None:
    """Insert rows that all carry the same columns, in the ``order`` of an index's columns."""
    insert_many(session, target, rows, order)


def update_rows(session: Session, target: Table, rows: list[dict[str, Any]]) -> None:
    """Update stored rows by primary key (each row carries it as ``_pk``)."""
    update_by_primary_key(session, target, rows)
