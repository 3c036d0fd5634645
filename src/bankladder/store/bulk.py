"""Bulk writes and reads shared by every feature's repository."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    Connection,
    ForeignKeyConstraint,
    Index,
    Table,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.schema import AddConstraint, DropConstraint

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
    if marker is None or needs_python_defaults(table, names):
        connection.execute(insert(table), rows)
        return
    columns = [_bound(connection, table.c[name], [row[name] for row in rows]) for name in names]
    records = list(zip(*columns, strict=True))
    if order:
        records.sort(key=itemgetter(*[names.index(name) for name in order]))
    insert_bound(session, table, names, records)


def insert_bound(
    session: Session, table: Table, names: list[str], records: Sequence[tuple[Any, ...]]
) -> None:
    """Insert records of values already as the driver takes them (each column type's bind
    processing done), in the order given: on PostgreSQL through ``COPY ... FROM STDIN`` (the
    server's bulk load, rows streamed by the driver), elsewhere many rows per statement."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        _copy(connection, table, names, records)
        return
    marker = _MARKERS[connection.dialect.paramstyle]
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


def _copy(
    connection: Connection, table: Table, names: list[str], records: Iterable[tuple[Any, ...]]
) -> None:
    """The records through PostgreSQL's COPY, in the connection's open transaction (a rollback
    takes them back like any insert). Columns left out take their server defaults (the
    primary key's sequence), in the order of the records."""
    driver: Any = connection.connection.driver_connection  # psycopg's connection
    with driver.cursor() as cursor, cursor.copy(_copy_sql(connection, table, names)) as copy:
        for record in records:
            copy.write_row(record)


def _copy_sql(connection: Connection, table: Table, names: list[str]) -> str:
    """``COPY table (columns) FROM STDIN``; names from the table's metadata, quoted."""
    quote = connection.dialect.identifier_preparer
    columns = ", ".join(quote.quote(name) for name in names)
    return f"COPY {quote.format_table(table)} ({columns}) FROM STDIN"


def needs_python_defaults(table: Table, names: list[str]) -> bool:
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


def values_present(session: Session, column: Column[Any], values: Collection[Any]) -> set[Any]:
    """Which of ``values`` ``column`` holds. One statement, compiled once, for every chunk of
    values (an expanding parameter): a large import asks about a hundred thousand parties."""
    query = select(column).where(column.in_(bindparam("wanted", expanding=True)))
    found: set[Any] = set()
    for chunk in in_chunks(sorted(values, key=str), VALUES_PER_INSERT):
        found.update(session.scalars(query, {"wanted": list(chunk)}))
    return found


def natural_index(table: Table, key: Sequence[str]) -> Index | None:
    """The plain (not unique) index of ``table`` on exactly the columns ``key``, if any."""
    for index in table.indexes:
        if not index.unique and [column.name for column in index.columns] == list(key):
            return index
    return None


@contextmanager
def index_built_after(session: Session, index: Index) -> Iterator[None]:
    """Drop ``index`` for the block and build it again after it, in the caller's transaction.

    Filling a table and then building its index sorts the keys once, where keeping the index
    during a large insert costs a random B-tree insertion per row. Both statements run in the
    open transaction, so a rollback restores the index with the rows: the store never holds
    the table without it. The caller must have written in the transaction already: Python's
    sqlite3 opens a transaction at the first write, and DDL before it would commit at once."""
    connection = session.connection()
    if not getattr(connection.connection.dbapi_connection, "in_transaction", True):
        raise RuntimeError("an index is rebuilt only inside an open transaction")
    index.drop(connection)
    yield
    index.create(connection)


@contextmanager
def foreign_keys_checked_after(session: Session, table: Table) -> Iterator[None]:
    """On PostgreSQL, drop the foreign keys of ``table`` for the block and add them again after
    it, in the caller's transaction; elsewhere nothing.

    PostgreSQL checks a foreign key row by row with a trigger (a lookup per row and key), which
    makes a large COPY four times slower; adding the key after the rows checks them all in one
    join. Adding it fails (``IntegrityError``) if a row refers to nothing, and the rollback
    restores the keys with the rows. Dropping a key locks the table and the one it refers to
    for the transaction, so this is for a first load into an empty table, as the index
    rebuild is."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        yield
        return
    keys = sorted(
        (c for c in table.constraints if isinstance(c, ForeignKeyConstraint)),
        key=lambda c: str(c.name),
    )
    for key in keys:
        connection.execute(DropConstraint(key))
    yield
    for key in keys:
        connection.execute(AddConstraint(key))


def has_duplicate(session: Session, table: Table, key: Sequence[str], after: Any = None) -> bool:
    """Whether two rows of ``table`` share the values of ``key``; with ``after``, only rows whose
    primary key is above ``after`` are compared with every row (the rows a write added)."""
    columns = [table.c[name] for name in key]
    if after is None:
        query = (
            select(func.count())
            .select_from(table)
            .group_by(*columns)
            .having(func.count() > 1)
            .limit(1)
        )
        return session.execute(query).first() is not None
    primary = next(iter(table.primary_key.columns))
    older = table.alias("older")
    older_primary = older.c[primary.name]
    same = [older.c[name] == column for name, column in zip(key, columns, strict=True)]
    query = select(primary).where(primary > after, *same, older_primary != primary).limit(1)
    return session.execute(query).first() is not None


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
