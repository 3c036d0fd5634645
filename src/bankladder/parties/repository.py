"""Every query party resolution makes of the store.

The tables that reference a party are read from ``Base.metadata`` (every foreign key to
``party.id``), so a table added later is merged without a change here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from bankladder.parties.resolution import PartyRecord
from bankladder.store.bulk import in_chunks
from bankladder.store.models import Base, Party, PartyAlias

READ_CHUNK = 10_000
PARTY = Base.metadata.tables["party"]
ALIAS = Base.metadata.tables["party_alias"]
RECORD_COLUMNS = (Party.id, Party.kind, Party.name, Party.id_number, Party.mobile, Party.region)


@dataclass(frozen=True)
class UniqueSet:
    """Columns a table holds unique together, optionally only where ``where`` holds."""

    columns: tuple[Column[Any], ...]
    where: ColumnElement[bool] | None


@dataclass(frozen=True)
class PartyReference:
    """A table and its columns that name a party."""

    table: Table
    columns: tuple[Column[Any], ...]

    def unique_sets(self, column: Column[Any]) -> list[UniqueSet]:
        """The unique constraints and indexes of the table that include ``column``."""
        found = [UniqueSet(tuple(self.table.primary_key.columns), None)]
        found += [
            UniqueSet(tuple(c.columns), None)
            for c in self.table.constraints
            if isinstance(c, UniqueConstraint)
        ]
        found += [
            UniqueSet(tuple(i.columns), _partial(i.dialect_options))
            for i in self.table.indexes
            if i.unique
        ]
        return [u for u in found if column in u.columns]


def _partial(options: Any) -> ColumnElement[bool] | None:
    """The condition of a partial index (the models give SQLite and PostgreSQL the same)."""
    for dialect in ("sqlite", "postgresql"):
        where: ColumnElement[bool] | None = options[dialect].get("where")
        if where is not None:
            return where
    return None


def party_references(metadata: MetaData = Base.metadata) -> list[PartyReference]:
    party_id = metadata.tables["party"].c.id
    found = []
    for table in metadata.sorted_tables:
        columns = sorted(
            (fk.parent for fk in table.foreign_keys if fk.column is party_id), key=lambda c: c.name
        )
        if columns:
            found.append(PartyReference(table, tuple(columns)))
    return found


def _record(row: Any) -> PartyRecord:
    party_id, kind, name, id_number, mobile, region = row  # by position: the hot loop
    return PartyRecord(party_id, kind.value, name, id_number, mobile, region)


def party_records(session: Session) -> Iterator[list[PartyRecord]]:
    """Every party, a chunk at a time."""
    result = session.execute(select(*RECORD_COLUMNS).execution_options(yield_per=READ_CHUNK))
    for chunk in result.partitions():
        yield [_record(row) for row in chunk]


def create_key_table(session: Session) -> Table:
    """A temporary table of (blocking key, party id), dropped by :func:`drop_key_table`."""
    table = Table(
        f"party_block_key_{uuid.uuid4().hex[:8]}",
        MetaData(),
        Column("block_key", String(400), index=True),
        Column("party_id", String(32)),
        prefixes=["TEMPORARY"],
    )
    table.create(session.connection())
    return table


def drop_key_table(session: Session, table: Table) -> None:
    table.drop(session.connection())


def add_keys(session: Session, table: Table, keys: list[dict[str, str]]) -> None:
    if keys:
        session.execute(insert(table), keys)


def blocks(session: Session, table: Table, limit: int) -> Iterator[tuple[str, PartyRecord]]:
    """(block key, party) for every block of 2 to ``limit`` parties, ordered by key: the
    database groups and sorts, so memory stays bounded by one block."""
    sizes = (
        select(table.c.block_key)
        .group_by(table.c.block_key)
        .having(func.count().between(2, limit))
        .subquery()
    )
    query = (
        select(table.c.block_key, *RECORD_COLUMNS)
        .join(sizes, sizes.c.block_key == table.c.block_key)
        .join(Party, Party.id == table.c.party_id)
        .order_by(table.c.block_key, Party.id)
        .execution_options(yield_per=READ_CHUNK)
    )
    for row in session.execute(query):
        yield row[0], _record(row[1:])


def party_row(session: Session, party_id: str) -> dict[str, Any] | None:
    row = session.execute(select(PARTY).where(PARTY.c.id == party_id)).mappings().first()
    return None if row is None else dict(row)


def alias(session: Session, alias_id: str) -> PartyAlias | None:
    return session.get(PartyAlias, alias_id)


def any_alias(session: Session) -> bool:
    return session.scalar(select(PartyAlias.alias_id).limit(1)) is not None


def aliases(session: Session, ids: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in in_chunks(sorted(set(ids))):
        query = select(PartyAlias.alias_id, PartyAlias.party_id).where(
            PartyAlias.alias_id.in_(chunk)
        )
        found.update((alias_id, party_id) for alias_id, party_id in session.execute(query))
    return found


def existing_party_ids(session: Session, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in in_chunks(sorted(set(ids))):
        found.update(session.scalars(select(Party.id).where(Party.id.in_(chunk))))
    return found


def parties_by_identifiers(
    session: Session, id_numbers: Iterable[str], mobiles: Iterable[str]
) -> list[PartyRecord]:
    """Parties whose ID number or mobile is one of those given (as stored)."""
    found: dict[str, PartyRecord] = {}
    for column, values in ((Party.id_number, id_numbers), (Party.mobile, mobiles)):
        for chunk in in_chunks(sorted(set(values))):
            for row in session.execute(select(*RECORD_COLUMNS).where(column.in_(chunk))):
                found[row.id] = _record(row)
    return list(found.values())


def count_references(session: Session, party_id: str) -> dict[str, int]:
    """How many rows of each table name the party."""
    counts: dict[str, int] = {}
    for ref in party_references():
        names = or_(*(column == party_id for column in ref.columns))
        count = session.scalar(select(func.count()).select_from(ref.table).where(names)) or 0
        if count:
            counts[ref.table.name] = count
    return counts


def drop_self_links(session: Session, ref: PartyReference, keep: str, other: str) -> int:
    """Delete rows that would link the merged party to itself (both ends KEEP or OTHER)."""
    if len(ref.columns) < 2:
        return 0
    both = [keep, other]
    pairs = [
        first.in_(both) & second.in_(both)
        for i, first in enumerate(ref.columns)
        for second in ref.columns[i + 1 :]
    ]
    return _rowcount(session.execute(delete(ref.table).where(or_(*pairs))))


def clashes(
    ref: PartyReference, column: Column[Any], unique: UniqueSet, keep: str, other: str
) -> list[ColumnElement[bool]]:
    """Conditions on OTHER's rows that would break ``unique`` once moved to KEEP."""
    rival = ref.table.alias("rival")
    same = [rival.c[column.name] == keep] + [
        rival.c[c.name] == c for c in unique.columns if c is not column
    ]
    rivals = select(literal(1)).select_from(rival).where(*same)
    conditions = [column == other]
    if unique.where is not None:
        # the partial index's condition is unqualified SQL: inside the subquery it reads the
        # rival's columns (the innermost FROM), outside it the row being moved
        rivals = rivals.where(unique.where)
        conditions.append(unique.where)
    return [*conditions, exists(rivals)]


def drop_rows(session: Session, table: Table, conditions: list[ColumnElement[bool]]) -> int:
    return _rowcount(session.execute(delete(table).where(*conditions)))


def close_rows(
    session: Session, table: Table, conditions: list[ColumnElement[bool]], values: dict[str, Any]
) -> int:
    return _rowcount(session.execute(update(table).where(*conditions).values(**values)))


def move(session: Session, column: Column[Any], keep: str, other: str) -> int:
    statement = update(column.table).where(column == other).values({column.name: keep})
    return _rowcount(session.execute(statement))


def fill_party(session: Session, party_id: str, values: dict[str, Any]) -> None:
    if values:
        session.execute(update(PARTY).where(PARTY.c.id == party_id).values(**values))


def delete_party(session: Session, party_id: str) -> None:
    session.execute(delete(PARTY).where(PARTY.c.id == party_id))


def record_alias(session: Session, values: dict[str, Any]) -> None:
    """Add the alias, or point an existing alias of the same id at its new party."""
    known = ALIAS.c.alias_id == values["alias_id"]
    if session.scalar(select(func.count()).select_from(ALIAS).where(known)):
        session.execute(update(ALIAS).where(known).values(**values))
    else:
        session.execute(insert(ALIAS).values(**values))


def _rowcount(result: Any) -> int:
    return int(result.rowcount or 0)
