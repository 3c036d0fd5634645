"""The batch pipeline of an import: convert, check and write one batch of rows at a time.

``BatchLoader(session, mapping, file)`` is built once per file; ``check(batch)`` converts and
checks a batch (types, required fields, identifiers, duplicates within the file, looked-up
columns, references to other tables) and ``write(rows)`` matches the sound rows to the store by
their natural key: updated when known, added when new. The caller decides what a rejection
means (the whole file refused, or the import stopped at the chunk).

What the loader remembers between batches, and why that is sound within one import:

- ``seen``: every natural key of the file so far, so a duplicate is refused wherever it falls.
  A key holds plain values (a vocabulary's text, not its enum member, which compares and hashes
  the same): tuples of untracked values leave the garbage collector's reach, which otherwise
  walks the million keys of a large import at every full collection.
- ``stored_up_to``: the table's largest primary key when the loader was built (``None``: the
  table was empty). Only those rows can match a row of the file by natural key: a row this
  import added carries a key from ``seen``, and a second row with that key is refused as a
  duplicate before it is written. So an import into an empty table never looks rows up, and a
  later batch never re-reads the rows earlier batches added.
- ``found``: referenced values (a party, an RM) and looked-up keys found in the store. Nothing an
  import does deletes a row, so a value found once is not asked about again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from bankladder.imports import repository
from bankladder.imports.convert import RowConverter, RowProblem
from bankladder.imports.mapping import LOOKUPS, NATURAL_KEYS, Mapping
from bankladder.imports.reading.model import SourceRow
from bankladder.imports.resolution import AliasTranslation, PartyRecognition
from bankladder.privacy.masking import mask_account

Numbered = list[tuple[int, dict[str, Any]]]
"""Converted rows, each with its row number in the file."""


@dataclass(frozen=True)
class Rejection:
    file: str
    row: int
    column: str | None
    value: str | None  # masked when personal
    reason: str


class BatchLoader:
    """Checks and writes the batches of one file into ``mapping.table``."""

    def __init__(self, session: Session, mapping: Mapping, file: str) -> None:
        self.session = session
        self.mapping = mapping
        self.table = mapping.table
        self.target = repository.table(mapping.table)
        self.file = file
        self.convert = RowConverter(mapping)
        self.key = _file_key(self.table, mapping)
        self.seen: dict[tuple[Any, ...], int] = {}
        self.stored_up_to = repository.newest_primary_key(session, self.target)
        self.found = _Found(session)
        self.aliases = AliasTranslation(session, self.target)
        self.parties = PartyRecognition(session) if self.table == "party" else None

    @property
    def recognised(self) -> int:
        """Party rows recognised as a party already held (recorded as its aliases)."""
        return self.parties.recognised if self.parties else 0

    def check(self, batch: list[SourceRow]) -> tuple[Numbered, list[Rejection]]:
        """The batch's sound rows, converted, and a rejection for every problem."""
        rows, rejected = _convert(batch, self.convert, self.key, self.seen, self.file, self.aliases)
        rejected += _resolve_lookups(self.found, self.table, rows, self.file)
        rejected += _reference_problems(self.found, self.target, rows, self.file)
        if self.parties is not None and not rejected:
            rows = self.parties.set_aside(rows)
        return rows, rejected

    def remember(self, batch: list[SourceRow]) -> None:
        """Read rows that landed in an earlier run only to know their keys (a resumed import)."""
        _convert(batch, self.convert, self.key, self.seen, self.file, self.aliases)

    def write(self, rows: Numbered) -> tuple[int, int]:
        """Write sound rows; how many were added and how many updated."""
        values = [row for _, row in rows]
        if self.stored_up_to is None:  # the table was empty: every row is new
            counts = _add(self.session, self.target, values), 0
        else:
            counts = _apply(self.session, self.target, values, self.stored_up_to)
        if self.parties is not None:
            self.parties.written()
        return counts


class _Found:
    """What the store was found to hold, remembered for the rest of the import."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.values: dict[tuple[str, str], set[Any]] = {}
        self.keys: dict[tuple[str, str], dict[Any, Any]] = {}

    def values_in(self, target: Table, column: str, values: set[Any]) -> set[Any]:
        """Every value of ``target.column`` found so far, ``values`` asked about first."""
        known = self.values.setdefault((target.name, column), set())
        unknown = values - known
        if unknown:
            known |= repository.existing_values(self.session, target, column, unknown)
        return known

    def keys_by(self, table: str, column: str, values: Iterable[Any]) -> dict[Any, Any]:
        """The primary key of each row of ``table`` by its ``column``, found so far."""
        known = self.keys.setdefault((table, column), {})
        unknown = set(values) - known.keys()
        if unknown:
            known.update(repository.keys_by_value(self.session, table, column, unknown))
        return known


def _file_key(table: str, mapping: Mapping) -> tuple[str, ...]:
    """The natural key as the file carries it: a looked-up column stands in for the one it fills."""
    mapped = set(mapping.columns.values()) | set(mapping.constants)
    stand_ins = {
        lookup.fills: name for name, lookup in LOOKUPS.get(table, {}).items() if name in mapped
    }
    return tuple(stand_ins.get(name, name) for name in NATURAL_KEYS[table])


def _convert(
    batch: list[SourceRow],
    convert: RowConverter,
    key: tuple[str, ...],
    seen: dict[tuple[Any, ...], int],
    file: str,
    translate: AliasTranslation,
) -> tuple[Numbered, list[Rejection]]:
    """Convert one batch; a row is refused for its problems, a missing key or a duplicate key.
    References to a party by an alias are read as the party's before the key is taken."""
    rows: Numbered = []
    rejections: list[Rejection] = []
    converted = convert.many([source.values for source in batch if source.problem is None])
    translate([result for result in converted if isinstance(result, dict)])
    results = iter(converted)
    for source in batch:
        if source.problem:
            rejections.append(Rejection(file, source.number, None, None, source.problem))
            continue
        result = next(results)
        if isinstance(result, list):
            rejections += [_rejection(file, source.number, p) for p in result]
            continue
        natural = _plain(tuple(map(result.get, key)))
        if None in natural:
            missing = [name for name, value in zip(key, natural, strict=True) if value is None]
            reason = f"{', '.join(missing)} is needed to recognise the row in the store"
            rejections.append(Rejection(file, source.number, missing[0], None, reason))
            continue
        if natural in seen:
            reason = f"duplicate of row {seen[natural]} ({', '.join(key)})"
            rejections.append(Rejection(file, source.number, None, None, reason))
            continue
        seen[natural] = source.number
        rows.append((source.number, result))
    return rows, rejections


def _plain(natural: tuple[Any, ...]) -> tuple[Any, ...]:
    """The key with each vocabulary member as its value (see ``seen`` in the module doc)."""
    if any(isinstance(value, Enum) for value in natural):
        return tuple(value.value if isinstance(value, Enum) else value for value in natural)
    return natural


def _rejection(file: str, row: int, problem: RowProblem) -> Rejection:
    return Rejection(file, row, problem.column, problem.value, problem.reason)


def _resolve_lookups(found: _Found, table: str, rows: Numbered, file: str) -> list[Rejection]:
    """Replace each looked-up value (an account number) by the key it stands for."""
    problems: list[Rejection] = []
    for name, lookup in LOOKUPS.get(table, {}).items():
        values = [row[name] for _, row in rows if row.get(name) is not None]
        if not values:
            continue
        keys = found.keys_by(lookup.table, lookup.key, values)
        for number, row in rows:
            value = row.pop(name, None)
            if value is None:
                continue
            if value not in keys:
                reason = f"no {lookup.table} with this {lookup.key} in the store"
                problems.append(Rejection(file, number, name, mask_account(str(value)), reason))
            else:
                row[lookup.fills] = keys[value]
    return problems


def _reference_problems(found: _Found, target: Table, rows: Numbered, file: str) -> list[Rejection]:
    """Rows that name a branch, RM, party or product the store does not hold."""
    problems: list[Rejection] = []
    for key in target.foreign_keys:
        column, referred = key.parent.name, key.column
        values = {row.get(column) for _, row in rows}
        values.discard(None)
        known = found.values_in(referred.table, referred.name, values)
        if values <= known:
            continue
        if referred.table is target:  # a row may refer to another row of the same file
            known = known | {row[referred.name] for _, row in rows}
        problems += [
            Rejection(
                file,
                number,
                column,
                str(row[column]),
                f"{referred.table.name} {row[column]!r} is not in the store or this file",
            )
            for number, row in rows
            if row.get(column) is not None and row[column] not in known
        ]
    return problems


def _add(session: Session, target: Table, rows: list[dict[str, Any]]) -> int:
    """Insert in natural-key order, the order of the index that finds the rows (see
    ``NATURAL_KEYS``): the index then grows by neighbouring entries, not at random places."""
    for group in _same_columns(rows):
        repository.insert_rows(session, target, group, NATURAL_KEYS[target.name])
    return len(rows)


def _apply(
    session: Session, target: Table, rows: list[dict[str, Any]], stored_up_to: Any
) -> tuple[int, int]:
    """Update the rows whose natural key was stored before the import began, add the others."""
    key = NATURAL_KEYS[target.name]
    naturals = [tuple(map(row.__getitem__, key)) for row in rows]
    stored = repository.ids_by_key(session, target, key, naturals, up_to=stored_up_to)
    fresh, known = [], []
    for natural, row in zip(naturals, rows, strict=True):
        pk = stored.get(natural)
        if pk is None:
            fresh.append(row)
        else:
            known.append({"_pk": pk, **row})
    _add(session, target, fresh)
    for group in _same_columns(known):
        repository.update_rows(session, target, group)
    return len(fresh), len(known)


def _same_columns(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The rows grouped by the columns they carry (rows of one mapping carry the same ones)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    return list(groups.values())
