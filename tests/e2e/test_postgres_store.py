"""The command line on a PostgreSQL store, as an operator runs it: migrate, build a demo bank,
evaluate in place (and on DuckDB fed from the store), read the funnel and a worklist."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.e2e.conftest import Outcome

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

Cli = Callable[..., Outcome]
AS_OF = "2026-06-30"


def test_a_postgresql_store_from_upgrade_to_worklist(
    cli: Cli, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANKLADDER_DATABASE_URL", postgres_url)
    refused = cli("funnel")
    assert refused.code != 0
    assert "bankladder db upgrade" in refused.err

    upgraded = cli("db upgrade")
    assert upgraded.code == 0, upgraded.err
    assert "up to date" in upgraded.out

    demo = cli(f"demo --parties 2000 --as-of {AS_OF} --locale en")
    assert demo.code == 0, demo.err
    assert "2,000 parties evaluated" in demo.out
    assert "--engine postgres" in demo.out

    in_place = cli(f"evaluate --as-of {AS_OF}")
    assert in_place.code == 0, in_place.err
    assert "Evaluated 2,000 parties" in in_place.out
    assert "on postgres" in in_place.out

    stages = json.loads(cli(f"funnel --as-of {AS_OF} --format json").out)
    assert sum(stage["count"] for stage in stages) == 2000
    assert all(stage["count"] > 0 for stage in stages)

    batch = cli(f"evaluate --as-of {AS_OF} --engine duckdb")
    assert batch.code == 0, batch.err
    assert "on duckdb" in batch.out
    assert json.loads(cli(f"funnel --as-of {AS_OF} --format json").out) == stages

    entries = json.loads(cli("worklist --rm RM0101 --format json").out)
    assert entries
    assert all(entry["reason"] for entry in entries)


def test_an_engine_that_cannot_read_the_store_is_refused_with_the_fix(
    cli: Cli, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANKLADDER_DATABASE_URL", postgres_url)
    assert cli("db upgrade").code == 0
    result = cli("evaluate --engine sqlite")
    assert result.code != 0
    assert "--engine duckdb or postgres" in result.err
