"""``bankladder network run`` on a demo bank: the network computed, kept, and its
introductions in the worklist; the same run again changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from bankladder.store.models import Action, NetworkProspect
from tests.e2e.conftest import Outcome

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]
DAY = "2026-06-30"


def test_a_run_on_the_demo_bank_twice(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert cli(f"demo --parties 1500 --db {db} --as-of {DAY} --locale en").code == 0
    first = cli(f"network run --db {db} --as-of {DAY} --format json")
    assert first.code == 0, first.err
    [summary] = json.loads(first.out)
    assert summary["engine"] == "duckdb"
    assert summary["introducers"] > 0
    assert summary["prospects"] > 0
    assert summary["actions_proposed"] > 0
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(NetworkProspect))
        asks = connection.scalar(
            select(func.count()).where(Action.criterion_id.startswith("introduce:"))
        )
    engine.dispose()
    assert stored == summary["prospects"]
    assert asks == summary["actions_proposed"]

    again = cli(f"network run --db {db} --as-of {DAY} --top 5")
    assert again.code == 0, again.err
    assert "Network run" in again.out


def test_an_unknown_engine_is_refused_in_words(cli: Cli, tmp_path: Path) -> None:
    done = cli(f"network run --db {tmp_path / 'x.db'} --engine oracle")
    assert done.code != 0
    assert "unknown engine" in done.err


@pytest.mark.spark
def test_a_run_on_spark_from_an_extract(cli: Cli, tmp_path: Path) -> None:
    db, extract = tmp_path / "demo.db", tmp_path / "extract"
    assert cli(f"demo --parties 1500 --db {db} --as-of {DAY} --locale en").code == 0
    assert cli(f"export parquet {extract} --db {db} --as-of {DAY}").code == 0
    done = cli(
        f"network run --engine spark --source {extract} --db {db} --as-of {DAY} --format json"
    )
    assert done.code == 0, done.err
    [summary] = json.loads(done.out)
    assert summary["engine"] == "spark"
    assert summary["prospects"] > 0
