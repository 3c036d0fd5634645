"""Bulk writes and reads shared by every feature's repository."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, Table, bindparam, insert, update
from sqlalchemy.orm import Session

T = TypeVar("T")
IN_LIST_SIZE = 300  # values per IN (...) list: well below SQLite's bound-parameter limit
VALUES_PER_INSERT = 999  # bound values per multi-row INSERT: SQLite's lowest limit
_MARKERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}  # positional, as the driver writes it


def in_chunks(items: Sequence[T], size: int = IN_LIST_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_many(
    session: Session, table: Table, rows: list[dict[str, Any]], order: Sequence[str] = ()
) -> None:
    """Insert rows that all carry the same columns, many rows per INSERT statement.

    Why not ``session.execute(insert(table), rows)``: SQLAlchemy builds a parameter set per row,
    and SQLite evaluates a vocabulary's ``CHECK (kind IN (...))`` by rebuilding the list for
    every statement it runs, so one statement per row pays both a million times in a large
    import. Here each value goes through its column type's bind processor (the same conversion
    SQLAlchemy applies) and the driver runs one multi-row ``VALUES`` statement per
    ``VALUES_PER_INSERT`` values. Given ``order`` (the columns of an index, none of them
    null), the rows go in in that order: an index grows by neighbouring entries rather than
    at random places, which in SQLite halves the cost of a large insert (primary keys then
    follow that order, not the order of ``rows``). A table with a Python-side default that the
    rows leave out, or a driver with named parameters, takes SQLAlchemy's own path, which fills
    defaults."""
    if not rows:
        return
    names = list(rows[0])
    connection = session.connection()
    marker = _MARKERS.get(connection.dialect.paramstyle)
    if marker is None or _needs_python_defaults(table, names):
        connection.execute(insert(table), rows)
        return
    columns = [_bound(connection, table.c[name], [row[name] for row in rows]) for name in names]
    records = list(zip(*columns, strict=True))
    if order:
        records.sort(key=itemgetter(*[names.index(name) for name in order]))
    per_statement = max(1, VALUES_PER_INSERT // len(names))
    whole = len(records) - len(records) % per_statement
    groups = [
        _flat(records[start : start + per_statement]) for start in range(0, whole, per_statement)
    ]
    if groups:
        connection.exec_driver_sql(
            _insert_sql(connection, table, names, marker, per_statement), groups
        )
    if whole < len(records):
        rest = records[whole:]
        connection.exec_driver_sql(
            _insert_sql(connection, table, names, marker, len(rest)), _flat(rest)
        )


def _needs_python_defaults(table: Table, names: list[str]) -> bool:
    given = set(names)
    return any(column.default is not None and column.name not in given for column in table.columns)


def _bound(connection: Connection, column: Column[Any], values: list[Any]) -> list[Any]:
    """The values as the driver takes them (a datetime as SQLite's text, an enum as its value)."""
    dialect = connection.dialect
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return values if process is None else list(map(process, values))


def _flat(records: Sequence[tuple[Any, ...]]) -> tuple[Any, ...]:
    return tuple(chain.from_iterable(records))


def _insert_sql(
    connection: Connection, table: Table, names: list[str], marker: str, rows: int
) -> str:
    """A multi-row INSERT; names come from the table's metadata, quoted, never from a file."""
    quote = connection.dialect.identifier_preparer
    into = f"{quote.format_table(table)} ({', '.join(quote.quote(n) for n in names)})"
    record = f"({', '.join([marker] * len(names))})"
    return f"INSERT INTO {into} VALUES {', '.join([record] * rows)}"  # noqa: S608


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
