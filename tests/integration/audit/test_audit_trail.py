"""The audit trail in a real store: recorded events form a chain that `audit verify` checks;
an entry edited, deleted or swapped in the database is named by its sequence number; on
PostgreSQL, writers at the same time still make one chain with dense numbers."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from bankladder.audit.service import record, verify
from bankladder.cli import run
from bankladder.errors import IntegrityBroken
from bankladder.store.database import connect, connect_for_upgrade, unit_of_work, upgrade
from bankladder.store.models import AuditEvent

pytestmark = pytest.mark.integration
T0 = dt.datetime(2026, 11, 30, 9, 0)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Engine]:
    engine = connect(f"sqlite:///{tmp_path / 'store.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_store(postgres_url: str) -> Iterator[Engine]:
    engine = connect_for_upgrade(postgres_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def _record(store: Engine, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        with unit_of_work(store) as session:
            record(
                session,
                None,
                "party.unmask",
                "party",
                f"P{i:04d}",
                T0 + dt.timedelta(minutes=i),
                reason="客户来电核实",
                detail={"fields": ["name", "mobile"]},
            )


def _break(store: Engine) -> tuple[int, str] | None:
    with unit_of_work(store) as session:
        found = verify(session).first_break
    return None if found is None else (found.seq, found.problem)


def _tamper(store: Engine, statement: str) -> None:
    with store.begin() as connection:
        connection.execute(sa.text(statement))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Engine:
    name = "sqlite_store" if request.param == "sqlite" else "postgres_store"
    engine: Engine = request.getfixturevalue(name)
    _record(engine, 6)
    return engine


def test_recorded_events_verify_with_dense_numbers(store: Engine) -> None:
    with unit_of_work(store) as session:
        found = verify(session)
        ids = session.scalars(sa.select(AuditEvent.id).order_by(AuditEvent.id)).all()
    assert found.first_break is None
    assert found.entries == found.head_seq == 6
    assert ids == [1, 2, 3, 4, 5, 6]


def test_an_edited_entry_is_named(store: Engine) -> None:
    _tamper(store, "UPDATE audit_event SET reason = '改过' WHERE id = 4")
    assert _break(store) == (4, "altered")


def test_a_deleted_entry_is_named(store: Engine) -> None:
    _tamper(store, "DELETE FROM audit_event WHERE id = 3")
    assert _break(store) == (3, "missing")


def test_the_last_entries_deleted_are_named(store: Engine) -> None:
    _tamper(store, "DELETE FROM audit_event WHERE id >= 5")
    assert _break(store) == (5, "truncated")


def test_two_entries_swapped_are_named(store: Engine) -> None:
    _tamper(store, "UPDATE audit_event SET id = 100 WHERE id = 2")
    _tamper(store, "UPDATE audit_event SET id = 2 WHERE id = 5")
    _tamper(store, "UPDATE audit_event SET id = 5 WHERE id = 100")
    assert _break(store) == (2, "out_of_order")


def test_a_rolled_back_event_leaves_no_gap(store: Engine) -> None:
    with pytest.raises(RuntimeError, match="failed"):
        _record_then_fail(store)
    _record(store, 1, start=50)
    assert _break(store) is None


def _record_then_fail(store: Engine) -> None:
    with unit_of_work(store) as session:
        record(session, None, "party.unmask", "party", "PX", T0, detail={})
        raise RuntimeError("the change it records failed")


def test_the_command_reports_a_break_with_its_number(
    sqlite_store: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _record(sqlite_store, 3)
    db = str(tmp_path / "store.db")
    assert run(["audit", "verify", "--db", db]) == 0
    assert "3 entries" in capsys.readouterr().out
    _tamper(sqlite_store, "UPDATE audit_event SET object_id = 'P9999' WHERE id = 2")
    assert run(["audit", "verify", "--db", db]) == IntegrityBroken.exit_code
    err = capsys.readouterr().err
    assert "audit entry 2" in err
    assert "Traceback" not in err


@pytest.mark.postgres
def test_concurrent_writers_make_one_chain_on_postgres(postgres_store: Engine) -> None:
    errors: list[BaseException] = []

    def write(start: int) -> None:
        try:
            _record(postgres_store, 15, start=start * 100)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with unit_of_work(postgres_store) as session:
        found = verify(session)
    assert found.first_break is None
    assert found.entries == found.head_seq == 60


def test_events_recorded_before_the_chain_are_chained_by_the_upgrade(tmp_path: Path) -> None:
    from alembic import command

    from bankladder.store.database import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = connect_for_upgrade(url)
    command.upgrade(alembic_config(url), "0009")
    with engine.begin() as connection:
        for event_id in (3, 7, 8):  # ids with gaps, as a sequence leaves them
            connection.execute(
                sa.text(
                    "INSERT INTO audit_event (id, at, event, object_type, object_id, detail) "
                    "VALUES (:id, :at, 'party.unmask', 'party', :party, '{}')"
                ),
                {"id": event_id, "at": T0, "party": f"P{event_id}"},
            )
    upgrade(engine)
    _record(engine, 1, start=9)
    with unit_of_work(engine) as session:
        found = verify(session)
        objects = session.execute(sa.select(AuditEvent.id, AuditEvent.object_id)).all()
    engine.dispose()
    assert found.first_break is None
    assert sorted(objects) == [(1, "P3"), (2, "P7"), (3, "P8"), (4, "P0009")]
