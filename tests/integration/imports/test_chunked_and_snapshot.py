"""Importing in chunks with checkpoints, and snapshots that close what a full extract lacks.

Faults are real: a write that fails part-way (our own loader made to fail on its N-th write) and
a process killed with SIGKILL mid-import. After either, importing the same file again must end
with exactly the rows of a clean run: none lost, none twice.
"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from bankladder.errors import InvalidInput
from bankladder.imports import service
from bankladder.imports.columnar import ColumnarLoad
from bankladder.imports.loading import BatchLoader
from bankladder.imports.service import ImportMode, import_file
from bankladder.store.database import unit_of_work
from bankladder.store.models import Holding, ImportBatch, Interaction, RelationshipManager
from tests.support import StoreBuilder

pytestmark = pytest.mark.integration

PARTIES = 50


def _store(path: Path, holdings: int = 0) -> Engine:
    builder = StoreBuilder()
    for i in range(PARTIES):
        builder.party(f"P{i:03d}")
    for i in range(holdings):
        builder.add(
            Holding,
            party_id="P000",
            product_code="DEP",
            account_no=f"6222{i:012d}",
            opened_on=dt.date(2024, 1, 1),
        )
    return builder.build(path)


def _contact_rows(rows: int, bad_rows: tuple[int, ...] = ()) -> list[tuple[Any, ...]]:
    """``rows`` distinct contacts as stored; each data row in ``bad_rows`` names no party."""
    start = dt.datetime(2025, 1, 1, 8)
    return [
        (
            "NOBODY" if i in bad_rows else f"P{i % PARTIES:03d}",
            "RM01",
            ("visit", "call")[i % 2],
            start + dt.timedelta(minutes=i),
            "ok",
        )
        for i in range(1, rows + 1)
    ]


def _interactions(path: Path, rows: int, *, bad_rows: tuple[int, ...] = ()) -> Path:
    lines = ["party_id,rm_id,kind,occurred_at,outcome"]
    lines += [
        f"{party},{rm},{kind},{when:%Y-%m-%d %H:%M:%S},{outcome}"
        for party, rm, kind, when, outcome in _contact_rows(rows, bad_rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _contacts(store: Engine) -> list[tuple[Any, ...]]:
    with unit_of_work(store) as s:
        query = select(
            Interaction.party_id,
            Interaction.rm_id,
            Interaction.kind,
            Interaction.occurred_at,
            Interaction.outcome,
        ).order_by(Interaction.occurred_at, Interaction.party_id)
        return [(p, rm, str(kind), when, o) for p, rm, kind, when, o in s.execute(query)]


def _checkpoints(store: Engine) -> list[tuple[int, bool]]:
    with unit_of_work(store) as s:
        rows = s.execute(select(ImportBatch.rows, ImportBatch.finished_at.is_not(None)))
        return [(n, bool(done)) for n, done in rows]


@pytest.fixture
def clean_run(tmp_path: Path) -> Iterator[tuple[Path, list[tuple[Any, ...]]]]:
    """A 5,000-row extract and the rows a clean, uninterrupted import leaves."""
    extract = _interactions(tmp_path / "contacts.csv", 5_000)
    store = _store(tmp_path / "clean.db")
    outcome = import_file(store, "interaction", extract)
    assert outcome.added == 5_000
    assert _contacts(store) == _contact_rows(5_000)
    yield extract, _contacts(store)
    store.dispose()


def _fail_on_write(
    monkeypatch: pytest.MonkeyPatch, nth: int, loader: type[Any] = BatchLoader
) -> None:
    real = loader.write
    calls = {"n": 0}

    def failing(self: Any, rows: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == nth:
            raise OSError("disk I/O error (injected)")
        return real(self, rows)

    monkeypatch.setattr(loader, "write", failing)


@pytest.mark.parametrize("loader", [BatchLoader, ColumnarLoad], ids=["row path", "fast path"])
def test_a_failed_write_mid_file_leaves_the_store_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: type[Any]
) -> None:
    store = _store(tmp_path / "bank.db")
    extract = _interactions(tmp_path / "contacts.csv", 5_000)
    if loader is BatchLoader:  # a sound CSV file otherwise takes the fast path
        monkeypatch.setattr(service, "_import_whole_columnar", lambda _store, _job: None)
    _fail_on_write(monkeypatch, 3, loader)
    with pytest.raises(OSError, match="injected"):
        import_file(store, "interaction", extract, chunk_rows=1_000)
    assert _contacts(store) == []
    assert _checkpoints(store) == []


def test_a_chunked_import_resumes_after_a_failed_write_and_ends_as_a_clean_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clean_run: tuple[Path, list[tuple[Any, ...]]],
) -> None:
    extract, expected = clean_run
    store = _store(tmp_path / "bank.db")
    _fail_on_write(monkeypatch, 3)
    with pytest.raises(OSError, match="injected"):
        import_file(store, "interaction", extract, chunked=True, chunk_rows=1_000)
    assert len(_contacts(store)) == 2_000  # two chunks landed, the third rolled back
    assert _checkpoints(store) == [(2_000, False)]
    monkeypatch.undo()

    resumed = import_file(store, "interaction", extract, chunked=True, chunk_rows=1_000)

    assert (resumed.resumed_after, resumed.added, resumed.updated) == (2_000, 3_000, 0)
    assert _contacts(store) == expected
    assert _checkpoints(store) == [(5_000, True)]
    assert import_file(store, "interaction", extract, chunked=True).already_imported


def test_a_resume_with_another_chunk_size_splits_the_landed_chunk(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clean_run: tuple[Path, list[tuple[Any, ...]]],
) -> None:
    extract, expected = clean_run
    store = _store(tmp_path / "bank.db")
    _fail_on_write(monkeypatch, 4)
    with pytest.raises(OSError, match="injected"):
        import_file(store, "interaction", extract, chunked=True, chunk_rows=700)
    monkeypatch.undo()
    resumed = import_file(store, "interaction", extract, chunked=True, chunk_rows=1_000)
    assert (resumed.resumed_after, resumed.added) == (2_100, 2_900)
    assert _contacts(store) == expected


def test_an_import_killed_mid_file_resumes_with_nothing_lost_or_twice(tmp_path: Path) -> None:
    rows = 100_000
    extract = _interactions(tmp_path / "big.csv", rows)
    db = tmp_path / "bank.db"
    store = _store(db)
    command = [
        sys.executable,
        "-c",
        "import sys; from bankladder.cli import main; sys.argv[0] = 'bankladder'; main()",
        "import",
        "interaction",
        str(extract),
        "--chunked",
        "--chunk-rows",
        "500",
        "--db",
        str(db),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    landed = 0
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        landed = max((n for n, _ in _checkpoints(store)), default=0)
        if landed > 0:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    landed = _checkpoints(store)[0][0]
    assert 0 < landed < rows
    assert len(_contacts(store)) == landed  # the checkpoint and the store agree

    resumed = import_file(store, "interaction", extract, chunked=True, chunk_rows=500)

    assert resumed.resumed_after == landed
    assert resumed.added == rows - landed
    assert _contacts(store) == _contact_rows(rows)  # each row once, as a clean run leaves it


def test_a_refused_chunk_keeps_the_chunks_before_it_and_reports_every_problem(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path / "bank.db")
    extract = _interactions(tmp_path / "contacts.csv", 5_000, bad_rows=(2_500, 4_999))
    outcome = import_file(store, "interaction", extract, chunked=True, chunk_rows=1_000)
    assert outcome.refused
    assert outcome.landed == 2_000
    assert [r.row for r in outcome.rejections] == [2_501, 5_000]  # file lines, header is line 1
    assert len(_contacts(store)) == 2_000
    assert _checkpoints(store) == [(2_000, False)]


def _accounts(path: Path, numbers: list[int]) -> Path:
    lines = ["account_no,party_id,product_code,opened_on"]
    lines += [f"6222{i:012d},P000,DEP,2024-01-01" for i in numbers]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _closed(store: Engine) -> dict[str | None, dt.date | None]:
    with unit_of_work(store) as s:
        return dict(s.execute(select(Holding.account_no, Holding.closed_on)).tuples().all())


def test_a_snapshot_closes_the_accounts_it_no_longer_carries_and_deletes_nothing(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path / "bank.db", holdings=4)
    snapshot = _accounts(tmp_path / "accounts.csv", [0, 2, 4])
    day = dt.date(2026, 6, 30)
    outcome = import_file(store, "holding", snapshot, mode=ImportMode.SNAPSHOT, as_of=day)
    assert (outcome.added, outcome.updated, outcome.closed) == (1, 2, 2)
    closed = _closed(store)
    assert closed == {
        "6222000000000000": None,
        "6222000000000001": day,
        "6222000000000002": None,
        "6222000000000003": day,
        "6222000000000004": None,
    }
    again = import_file(store, "holding", snapshot, mode=ImportMode.SNAPSHOT, as_of=day)
    assert again.already_imported
    assert _closed(store) == closed


def test_an_incremental_import_leaves_absent_accounts_open(tmp_path: Path) -> None:
    store = _store(tmp_path / "bank.db", holdings=4)
    outcome = import_file(store, "holding", _accounts(tmp_path / "accounts.csv", [0]))
    assert outcome.closed == 0
    assert set(_closed(store).values()) == {None}


def test_a_resumed_snapshot_closes_only_what_the_whole_file_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path / "bank.db", holdings=6)
    snapshot = _accounts(tmp_path / "accounts.csv", [0, 1, 2, 3])
    day = dt.date(2026, 6, 30)
    _fail_on_write(monkeypatch, 3)
    with pytest.raises(OSError, match="injected"):
        import_file(
            store, "holding", snapshot, chunked=True, chunk_rows=1, mode=ImportMode.SNAPSHOT
        )
    assert set(_closed(store).values()) == {None}  # nothing closes before the file is whole
    monkeypatch.undo()
    outcome = import_file(
        store, "holding", snapshot, chunked=True, chunk_rows=1, mode=ImportMode.SNAPSHOT, as_of=day
    )
    assert outcome.closed == 2
    closed = _closed(store)
    assert [n for n, on in sorted(closed.items()) if on] == ["6222000000000004", "6222000000000005"]


def test_a_snapshot_of_relationship_managers_makes_the_absent_ones_inactive(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path / "bank.db")
    extract = tmp_path / "rm.csv"
    extract.write_text("id,name,branch_id\nRM01,王经理,BR01\n", encoding="utf-8")
    assert import_file(store, "rm", extract, mode=ImportMode.SNAPSHOT).closed == 1
    with unit_of_work(store) as s:
        query = select(RelationshipManager.id, RelationshipManager.active)
        active = dict(s.execute(query).tuples().all())
    assert active == {"RM01": True, "RM02": False}


def test_a_table_whose_rows_cannot_be_closed_refuses_a_snapshot(tmp_path: Path) -> None:
    store = _store(tmp_path / "bank.db")
    extract = _interactions(tmp_path / "contacts.csv", 10)
    with pytest.raises(InvalidInput, match="cannot be imported as a snapshot"):
        import_file(store, "interaction", extract, mode=ImportMode.SNAPSHOT)
    with unit_of_work(store) as s:
        assert s.scalar(select(func.count()).select_from(Interaction)) == 0
