"""``bankladder network prospects|intermediaries|fission`` on a store, as an operator runs
them: the stored results of the newest network run and the fission figures, masked names,
in a table, JSON or CSV (the book of ``tests.integration.network.test_read_network``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Outcome
from tests.integration.network.test_read_network import SECRET_NAMES, seed_network
from tests.workbench import small_bank

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "bank.db"
    engine = small_bank(f"sqlite:///{path}")
    seed_network(engine)
    engine.dispose()
    return path


def test_prospects_of_one_party_in_json_with_the_path_in_words(cli: Cli, store: Path) -> None:
    done = cli(f"network prospects --party E-RM01 --format json --db {store}")
    assert done.code == 0, done.err
    rows = json.loads(done.out)
    assert [(r["rank"], r["prospect"]) for r in rows] == [
        (1, "N-RM03"),
        (2, "N-RM01"),
        (3, "N-NONE"),
    ]
    assert rows[1]["path"] == {"zh": "甲公司 是 李* 的供应商", "en": "甲公司 supplies 李*"}
    assert rows[0]["as_of"] == "2026-06-29"
    for name in SECRET_NAMES:
        assert name not in done.out


def test_prospects_of_every_introducer_in_a_table(cli: Cli, store: Path) -> None:
    done = cli(f"network prospects --db {store} --locale en")
    assert done.code == 0, done.err
    assert "Network prospects 2026-06-29" in done.out
    assert "P-RM03-1" in done.out
    assert "李*" in done.out
    assert "P-RM01-2" not in done.out  # only in an older run


def test_intermediaries_in_csv_best_first(cli: Cli, store: Path) -> None:
    done = cli(f"network intermediaries --format csv --limit 2 --db {store}")
    assert done.code == 0, done.err
    rows = list(csv.DictReader(io.StringIO(done.out)))
    assert [(r["rank"], r["party"], r["reach"]) for r in rows] == [
        ("1", "E-RM01", "3"),
        ("2", "P-RM03-1", "1"),
    ]
    assert rows[1]["name"] == "客*********"


def test_fission_per_branch_rm_and_party_as_of_a_date(cli: Cli, store: Path) -> None:
    done = cli(f"network fission --as-of 2026-06-29 --format json --db {store}")
    assert done.code == 0, done.err
    rows = {(r["level"], r["id"]): r["figures"] for r in json.loads(done.out)}
    assert rows["rm", "RM01"]["made"] == 3
    assert rows["rm", "RM01"]["k_factor"] == 1.0
    assert rows["branch", "BR01"]["customers"] == 3
    assert rows["party", "E-RM01"]["depth"] == 2
    assert ("branch", "BR02") in rows
    one = cli(f"network fission --party E-RM01 --as-of 2026-06-29 --db {store}")
    assert one.code == 0, one.err
    assert "E-RM01" in one.out


def test_an_unknown_party_is_an_error_in_words(cli: Cli, store: Path) -> None:
    done = cli(f"network prospects --party P-NONE --db {store}")
    assert done.code != 0
    assert "P-NONE" in done.err
    assert "Traceback" not in done.err


def test_a_store_never_run_says_so(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    small_bank(f"sqlite:///{path}").dispose()
    done = cli(f"network intermediaries --db {path} --locale en")
    assert done.code == 0, done.err
    assert "bankladder network run" in done.out
