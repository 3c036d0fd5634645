"""Building the demo bank: deterministic for a seed and a date, into an empty store only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bankladder.demo import build_demo_bank
from bankladder.errors import InvalidInput
from bankladder.store.models import Base
from tests.integration.demo.ladder_rules import AS_OF, new_store

pytestmark = pytest.mark.integration

SMALL = 300
DEMO_TABLES = (
    "bank",
    "branch",
    "rm",
    "product",
    "party",
    "holding",
    "balance",
    "interaction",
    "need",
    "relationship",
    "referral",
)


def _build(folder: Path, *, seed: int, as_of: dt.date = AS_OF) -> Engine:
    engine = new_store(folder)
    with engine.begin() as connection:
        build_demo_bank(connection, parties=SMALL, seed=seed, as_of=as_of)
    return engine


def _dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return {
            name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for name, table in Base.metadata.tables.items()
            if name in DEMO_TABLES
        }


def test_same_seed_and_date_give_the_same_rows(tmp_path: Path) -> None:
    first = _dump(_build(tmp_path / "a", seed=3))
    second = _dump(_build(tmp_path / "b", seed=3))
    assert set(first) == set(DEMO_TABLES)
    assert all(first[name] for name in DEMO_TABLES)
    assert first == second


def test_another_seed_gives_another_bank(tmp_path: Path) -> None:
    first = _dump(_build(tmp_path / "a", seed=3))
    other = _dump(_build(tmp_path / "b", seed=4))
    for name in ("party", "holding", "balance", "interaction", "need", "referral"):
        assert first[name] != other[name], name


def test_another_date_moves_the_history(tmp_path: Path) -> None:
    first = _dump(_build(tmp_path / "a", seed=3))
    later = _dump(_build(tmp_path / "b", seed=3, as_of=AS_OF + dt.timedelta(days=31)))
    assert first["interaction"] != later["interaction"]


def test_the_demo_needs_an_empty_store(tmp_path: Path) -> None:
    engine = _build(tmp_path, seed=3)
    with engine.begin() as connection, pytest.raises(InvalidInput, match="empty store"):
        build_demo_bank(connection, parties=SMALL, seed=3, as_of=AS_OF)


def test_progress_is_reported_for_every_step(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    engine = new_store(tmp_path)
    with engine.begin() as connection:
        build_demo_bank(
            connection,
            parties=SMALL,
            seed=5,
            as_of=AS_OF,
            progress=lambda step, done, total: calls.append((step, done, total)),
        )
    finished = {step for step, done, total in calls if done == total}
    assert finished == {
        "bank",
        "parties",
        "holdings",
        "balances",
        "interactions",
        "needs",
        "referrals",
        "relationships",
        "aml_flags",
        "benefits",
        "settlements",
    }
    assert all(0 < done <= total for _, done, total in calls)
