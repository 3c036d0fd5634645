"""The batch pipeline of an import: convert, check and write one batch of rows at a time.

``BatchLoader(session, mapping, file)`` is built once per file; ``check(batch)`` converts and
checks a batch (types, required fields, identifiers, duplicates within the file, looked-up
columns, references to other tables) and ``write(rows)`` matches the sound rows to the store by
their natural key: updated when known, added when new. The caller decides what a rejection
means (the whole file refused, or the import stopped at the chunk).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bankladder.imports import repository
from bankladder.imports.convert import RowConverter, RowProblem
from bankladder.imports.mapping import LOOKUPS, NATURAL_KEYS, Mapping
from bankladder.imports.reading.model import SourceRow
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
        self.file = file
        self.convert = RowConverter(mapping)
        self.key = _file_key(self.table, mapping)
        self.seen: dict[tuple[Any, ...], int] = {}

    def check(self, batch: list[SourceRow]) -> tuple[Numbered, list[Rejection]]:
        """The batch's sound rows, converted, and a rejection for every problem."""
        rows, rejected = _convert(batch, self.convert, self.key, self.seen, self.file)
        rejected += _resolve_lookups(self.session, self.table, rows, self.file)
        rejected += _reference_problems(self.session, self.table, rows, self.file)
        return rows, rejected

    def write(self, rows: Numbered) -> tuple[int, int]:
        """Write sound rows; how many were added and how many updated."""
        return _apply(self.session, self.table, [row for _, row in rows])


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
) -> tuple[Numbered, list[Rejection]]:
    """Convert one batch; a row is refused for its problems, a missing key or a duplicate key."""
    rows: Numbered = []
    rejections: list[Rejection] = []
    for source in batch:
        if source.problem:
            rejections.append(Rejection(file, source.number, None, None, source.problem))
            continue
        result = convert(source.values)
        if isinstance(result, list):
            rejections += [_rejection(file, source.number, p) for p in result]
            continue
        natural = tuple(result.get(name) for name in key)
        missing = [name for name, value in zip(key, natural, strict=True) if value is None]
        if missing:
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


def _rejection(file: str, row: int, problem: RowProblem) -> Rejection:
    return Rejection(file, row, problem.column, problem.value, problem.reason)


def _resolve_lookups(session: Session, table: str, rows: Numbered, file: str) -> list[Rejection]:
    """Replace each looked-up value (an account number) by the key it stands for."""
    problems: list[Rejection] = []
    for name, lookup in LOOKUPS.get(table, {}).items():
        values = [row[name] for _, row in rows if row.get(name) is not None]
        if not values:
            continue
        found = repository.keys_by_value(session, lookup.table, lookup.key, values)
        for number, row in rows:
            value = row.pop(name, None)
            if value is None:
                continue
            if value not in found:
                reason = f"no {lookup.table} with this {lookup.key} in the store"
                problems.append(Rejection(file, number, name, mask_account(str(value)), reason))
            else:
                row[lookup.fills] = found[value]
    return problems


def _reference_problems(session: Session, table: str, rows: Numbered, file: str) -> list[Rejection]:
    """Rows that name a branch, RM, party or product the store does not hold."""
    target = repository.table(table)
    problems: list[Rejection] = []
    for key in target.foreign_keys:
        column, referred = key.parent.name, key.column
        values = {row[column] for _, row in rows if row.get(column) is not None}
        if not values:
            continue
        known = repository.existing_values(session, referred.table, referred.name, values)
        if referred.table.name == table:  # a row may refer to another row of the same file
            known |= {row[referred.name] for _, row in rows}
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


def _apply(session: Session, table: str, rows: list[dict[str, Any]]) -> tuple[int, int]:
    target = repository.table(table)
    key = NATURAL_KEYS[table]
    stored = repository.ids_by_key(session, target, key, [tuple(r[k] for k in key) for r in rows])
    fresh, known = [], []
    for row in rows:
        pk = stored.get(tuple(row[k] for k in key))
        if pk is None:
            fresh.append(row)
        else:
            known.append({"_pk": pk, **row})
    repository.insert_rows(session, target, fresh)
    for group in _same_columns(known):
        repository.update_rows(session, target, group)
    return len(fresh), len(known)


def _same_columns(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())
