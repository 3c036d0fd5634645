"""``bankladder demo``: a fresh demo bank, the funnel with every rung, a worklist with reasons."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Outcome

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo") / "demo.db"


def test_demo_prints_the_funnel_with_every_rung_and_an_rms_worklist(
    cli: Cli, demo_db: Path
) -> None:
    result = cli(f"demo --parties 1500 --db {demo_db} --as-of 2026-06-30 --locale en")
    assert result.code == 0, result.err
    for stage in (
        "Acquaintance",
        "Business discovery",
        "Goodwill",
        "Resource mining",
        "Win-win",
        "Expansive intermediary",
    ):
        row = next(line for line in result.out.splitlines() if stage in line)
        count = int(re.findall(r"│\s*(\d+)\s*│", row)[-1])
        assert count > 0, row
    assert "Worklist RM0101" in result.out
    assert "P0" in result.out  # party ids listed with their reasons


def test_the_demo_store_answers_the_other_commands(cli: Cli, demo_db: Path) -> None:
    stages = json.loads(cli(f"funnel --db {demo_db} --format json").out)
    assert sum(s["count"] for s in stages) == 1500
    entries = json.loads(cli(f"worklist --db {demo_db} --rm RM0203 --format json").out)
    assert len(entries) == 10
    assert all(e["reason"]["zh-CN"] for e in entries)


def test_demo_rebuilds_its_own_file_but_never_overwrites_another(
    cli: Cli, demo_db: Path, tmp_path: Path
) -> None:
    assert cli(f"demo --parties 300 --db {demo_db} --as-of 2026-06-30").code == 0
    precious = tmp_path / "bank.db"
    precious.write_bytes(b"the bank's own data")
    result = cli(f"demo --parties 300 --db {precious}")
    assert result.code == 2
    assert "is not a bankladder demo" in result.err
    assert precious.read_bytes() == b"the bank's own data"
