"""Use case: import one extract file into one source table, whole or not at all.

The file is streamed in batches inside one transaction. Every row is read through the mapping,
converted and checked (types, required fields, identifiers, references to other tables,
duplicates within the file) and matched to the store by its natural key (updated when known,
added when new). If any row is refused, the transaction is rolled back, so nothing is written,
and every rejected row goes to a report. Otherwise the file's content hash is recorded with it:
the same file imported again changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bankladder.errors import InvalidInput
from bankladder.imports import repository
from bankladder.imports.convert import RowConverter, RowProblem
from bankladder.imports.mapping import LOOKUPS, NATURAL_KEYS, Mapping, table_columns
from bankladder.imports.readers import open_extract
from bankladder.privacy.masking import mask_account
from bankladder.store.database import unit_of_work


@dataclass(frozen=True)
class Rejection:
    file: str
    row: int
    column: str | None
    value: str | None  # masked when personal
    reason: str


@dataclass(frozen=True)
class ImportOutcome:
    table: str
    file: str
    rows_read: int
    added: int = 0
    updated: int = 0
    already_imported: bool = False
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.rejections)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def identity_mapping(table: str, header: list[str]) -> Mapping:
    """Without a mapping file, columns named like ours are read as ours."""
    ours = table_columns(table)
    matched = {name: name for name in header if name in ours}
    if not matched:
        raise InvalidInput(
            f"no column of the file is named like a column of {table}",
            fix="give a mapping with --mapping (see `bankladder import --help`)",
        )
    return Mapping(table=table, columns=matched)


def import_file(
    store: Engine,
    table: str,
    path: Path,
    mapping: Mapping | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Import ``path`` into ``table``; see the module docstring."""
    if table not in NATURAL_KEYS:
        known = ", ".join(NATURAL_KEYS)
        raise InvalidInput(f"importing {table!r} is not supported", fix=f"import one of: {known}")
    if not path.is_file():
        raise InvalidInput(f"no file at {path}", fix="check the file name and folder")
    sha256 = file_digest(path)
    with unit_of_work(store) as session:
        if repository.already_imported(session, table, sha256):
            return ImportOutcome(table, str(path), 0, already_imported=True)
    extract = open_extract(path, encoding=encoding, sheet=sheet)
    chosen = mapping or identity_mapping(table, extract.header)
    if chosen.table != table:
        raise InvalidInput(f"the mapping is for {chosen.table!r}, not {table!r}", where=str(path))
    try:
        with unit_of_work(store) as session:
            tally = _load(session, extract, chosen, str(path), progress)
            if tally.rejections:
                raise _Refused(tally)  # rolls back every batch already written
            repository.record_batch(session, table, path.name, sha256, tally.rows)
    except _Refused as refused:
        kept = refused.tally
        return ImportOutcome(table, str(path), kept.rows_read, rejections=kept.rejections)
    return ImportOutcome(table, str(path), tally.rows, added=tally.added, updated=tally.updated)


@dataclass
class _Tally:
    rows_read: int = 0
    rows: int = 0
    added: int = 0
    updated: int = 0
    rejections: list[Rejection] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, tally: _Tally) -> None:
        self.tally = tally


def _load(
    session: Session,
    extract: Any,
    mapping: Mapping,
    file: str,
    progress: Callable[[int], None] | None,
) -> _Tally:
    """Stream the file batch by batch inside one transaction: convert and check each batch,
    write it while every row so far is sound, and keep reading to report every problem."""
    table = mapping.table
    convert = RowConverter(mapping)
    key = _file_key(table, mapping)
    seen: dict[tuple[Any, ...], int] = {}
    tally = _Tally()
    for batch in extract.rows():
        rows, rejected = _convert(batch, convert, key, seen, file)
        rejected += _resolve_lookups(session, table, rows, file)
        rejected += _reference_problems(session, table, rows, file)
        tally.rows_read += len(batch)
        tally.rejections += rejected
        if not tally.rejections:
            added, updated = _apply(session, table, [row for _, row in rows])
            tally.rows, tally.added, tally.updated = (
                tally.rows + len(rows),
                tally.added + added,
                tally.updated + updated,
            )
        if progress is not None:
            progress(tally.rows_read)
    return tally


def _file_key(table: str, mapping: Mapping) -> tuple[str, ...]:
    """The natural key as the file carries it: a looked-up column stands in for the one it fills."""
    mapped = set(mapping.columns.values()) | set(mapping.constants)
    stand_ins = {
        lookup.fills: name for name, lookup in LOOKUPS.get(table, {}).items() if name in mapped
    }
    return tuple(stand_ins.get(name, name) for name in NATURAL_KEYS[table])


def _convert(
    batch: list[Any],
    convert: RowConverter,
    key: tuple[str, ...],
    seen: dict[tuple[Any, ...], int],
    file: str,
) -> tuple[list[tuple[int, dict[str, Any]]], list[Rejection]]:
    """Convert one batch; a row is refused for its problems, a missing key or a duplicate key."""
    rows: list[tuple[int, dict[str, Any]]] = []
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


def _resolve_lookups(
    session: Session, table: str, rows: list[tuple[int, dict[str, Any]]], file: str
) -> list[Rejection]:
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


def _reference_problems(
    session: Session, table: str, rows: list[tuple[int, dict[str, Any]]], file: str
) -> list[Rejection]:
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


def write_report(rejections: list[Rejection], path: Path) -> None:
    """The rejected rows as CSV (UTF-8 with BOM, so Excel shows the Chinese text)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "row", "column", "value", "reason"])
        for r in rejections:
            writer.writerow([r.file, r.row, r.column or "", r.value or "", r.reason])
