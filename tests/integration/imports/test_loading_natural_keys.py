"""The batch loader on a real SQLite store: a row stored before the import is updated by its
natural key, whatever earlier batches added; rows the import adds are never matched again;
references found once stay found, unknown ones are still refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bankladder.imports.loading import BatchLoader
from bankladder.imports.mapping import Mapping
from bankladder.imports.reading.model import SourceRow
from bankladder.imports.service import import_file
from bankladder.store.database import unit_of_work
from bankladder.store.models import Interaction
from tests.support import StoreBuilder, at

pytestmark = pytest.mark.integration

HEADER = ["party_id", "rm_id", "kind", "occurred_at", "outcome"]
CONTACTS = Mapping(table="interaction", columns={name: name for name in HEADER})


def batch(*records: tuple[str, ...], first: int = 2) -> list[SourceRow]:
    return [
        SourceRow(number, dict(zip(HEADER, record, strict=True)))
        for number, record in enumerate(records, start=first)
    ]


def stored(engine: Engine) -> list[tuple[str, str, dt.datetime, str | None]]:
    query = select(
        Interaction.party_id, Interaction.kind, Interaction.occurred_at, Interaction.outcome
    ).order_by(Interaction.occurred_at)
    with unit_of_work(engine) as session:
        return [(p, str(k), t, o) for p, k, t, o in session.execute(query)]


def store_with_parties(*parties: str) -> StoreBuilder:
    builder = StoreBuilder()
    for party in parties:
        builder.party(party)
    return builder


def test_a_stored_row_is_updated_after_earlier_batches_added_rows_for_its_party(
    tmp_path: Path,
) -> None:
    builder = store_with_parties("P1")
    builder.contact("P1", "visit", at("2025-03-01"), outcome="old")
    engine = builder.build(tmp_path / "store.db")
    with unit_of_work(engine) as session:
        loader = BatchLoader(session, CONTACTS, "contacts.csv")
        rows, rejected = loader.check(batch(("P1", "RM01", "call", "2025-03-02 10:00:00", "new")))
        assert rejected == []
        assert loader.write(rows) == (1, 0)
        rows, rejected = loader.check(
            batch(("P1", "RM01", "visit", "2025-03-01 10:00:00", "new"), first=3)
        )
        assert rejected == []
        assert loader.write(rows) == (0, 1)
    assert stored(engine) == [
        ("P1", "visit", at("2025-03-01"), "new"),
        ("P1", "call", at("2025-03-02"), "new"),
    ]


def test_into_an_empty_table_a_key_seen_in_an_earlier_batch_is_refused_as_a_duplicate(
    tmp_path: Path,
) -> None:
    engine = store_with_parties("P1").build(tmp_path / "store.db")
    with unit_of_work(engine) as session:
        loader = BatchLoader(session, CONTACTS, "contacts.csv")
        rows, _ = loader.check(batch(("P1", "RM01", "call", "2025-03-02 10:00:00", "")))
        assert loader.write(rows) == (1, 0)
        rows, rejected = loader.check(
            batch(("P1", "RM01", "call", "2025-03-02T10:00:00", "again"), first=3)
        )
    assert rows == []
    assert [(r.row, r.reason) for r in rejected] == [
        (3, "duplicate of row 2 (party_id, occurred_at, kind)")
    ]


def test_a_party_unknown_to_the_store_is_refused_after_others_were_found(tmp_path: Path) -> None:
    engine = store_with_parties("P1", "P2").build(tmp_path / "store.db")
    with unit_of_work(engine) as session:
        loader = BatchLoader(session, CONTACTS, "contacts.csv")
        rows, rejected = loader.check(batch(("P1", "RM01", "call", "2025-03-02 10:00:00", "")))
        assert rejected == []
        loader.write(rows)
        _, rejected = loader.check(
            batch(
                ("P2", "RM01", "call", "2025-03-03 10:00:00", ""),
                ("P9", "RM01", "call", "2025-03-04 10:00:00", ""),
                ("P1", "RM09", "call", "2025-03-05 10:00:00", ""),
                first=3,
            )
        )
    assert sorted((r.row, r.column, r.value) for r in rejected) == [
        (4, "party_id", "P9"),
        (5, "rm_id", "RM09"),
    ]


def test_the_same_rows_in_a_file_of_other_bytes_update_every_row_and_add_none(
    tmp_path: Path,
) -> None:
    engine = store_with_parties("P1", "P2").build(tmp_path / "store.db")
    lines = [
        ",".join(HEADER),
        "P1,RM01,visit,2025-03-01 10:00:00,positive",
        "P2,RM01,call,2025-03-01 11:00:00,",
        "P1,RM01,call,2025-03-02 10:00:00,negative",
    ]
    first, second = tmp_path / "contacts.csv", tmp_path / "contacts-again.csv"
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    second.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")  # other bytes, same rows

    landed = import_file(engine, "interaction", first)
    again = import_file(engine, "interaction", second)

    assert (landed.added, landed.updated) == (3, 0)
    assert (again.added, again.updated, again.already_imported) == (0, 3, False)
    assert stored(engine) == [
        ("P1", "visit", at("2025-03-01"), "positive"),
        ("P2", "call", at("2025-03-01", 11), None),
        ("P1", "call", at("2025-03-02"), "negative"),
    ]
