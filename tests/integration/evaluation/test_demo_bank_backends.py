"""On a generated demo bank: DuckDB, SQLite and PostgreSQL agree to the last value, every rung
is populated, and the same data and date always give the same bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from bankladder.demo import build_demo_bank
from bankladder.engine import backends
from bankladder.engine.evaluate import Evaluation, evaluate
from bankladder.ladder.model import Ladder
from bankladder.store.database import connect
from tests.propensity_use_seed import seed_scores

pytestmark = pytest.mark.integration

AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = connect(f"sqlite:///{path}")
    with engine.begin() as connection:
        build_demo_bank(connection, parties=2_000, seed=11, as_of=AS_OF)
    engine.dispose()
    seed_scores(path, AS_OF)  # the priority's propensity term differs from party to party
    return path


def _on(kind: str, path: Path, ladder: Ladder, day: dt.date) -> Evaluation:
    store = backends.sqlite(path)
    if kind == "sqlite":
        return evaluate(store, ladder, day)
    batch = backends.duckdb(threads=2)
    backends.copy_sources(store, batch)
    return evaluate(batch, ladder, day)


def _on_postgres(url: str, path: Path, ladder: Ladder, day: dt.date) -> Evaluation:
    """The demo's source tables copied into PostgreSQL, evaluated there."""
    server = backends.postgres(url)
    try:
        backends.copy_sources(backends.sqlite(path), server)
        return evaluate(server, ladder, day)
    finally:
        server.disconnect()


def _canonical(table: pa.Table) -> pa.Table:
    """Floats rounded to a cent of a cent and types unified: what 'identical' means."""
    columns = {}
    for name in table.column_names:
        column = table[name]
        if pa.types.is_floating(column.type):
            column = pa.compute.round(column, 4)
        elif pa.types.is_integer(column.type):
            column = column.cast(pa.int64())
        columns[name] = column
    return pa.table(columns)


@pytest.mark.parametrize("day", [dt.date(2026, 1, 31), AS_OF])
def test_duckdb_and_sqlite_give_identical_placements_and_actions(
    demo_path: Path, young_ladder: Ladder, day: dt.date
) -> None:
    duck = _on("duckdb", demo_path, young_ladder, day)
    lite = _on("sqlite", demo_path, young_ladder, day)
    assert duck.placements.num_rows == 2_000
    assert _canonical(duck.placements).equals(_canonical(lite.placements))
    assert duck.actions.num_rows > 0
    assert _canonical(duck.actions).equals(_canonical(lite.actions))


@pytest.mark.postgres
@pytest.mark.parametrize("day", [dt.date(2026, 1, 31), AS_OF])
def test_postgresql_gives_the_same_placements_and_actions_as_duckdb(
    demo_path: Path, young_ladder: Ladder, day: dt.date, postgres_session_url: str
) -> None:
    duck = _on("duckdb", demo_path, young_ladder, day)
    server = _on_postgres(postgres_session_url, demo_path, young_ladder, day)
    assert _canonical(duck.placements).equals(_canonical(server.placements))
    assert _canonical(duck.actions).equals(_canonical(server.actions))


def test_every_rung_of_the_ladder_is_populated(demo_path: Path, young_ladder: Ladder) -> None:
    ranks = _on("duckdb", demo_path, young_ladder, AS_OF).placements["stage_rank"].to_pylist()
    assert set(ranks) == set(range(len(young_ladder.stages) + 1))


def test_the_same_data_and_date_give_the_same_bytes(demo_path: Path, young_ladder: Ladder) -> None:
    first = _on("duckdb", demo_path, young_ladder, AS_OF)
    second = _on("duckdb", demo_path, young_ladder, AS_OF)
    assert first.placements.equals(second.placements)
    assert first.actions.equals(second.actions)
