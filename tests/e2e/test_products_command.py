"""``bankladder products``: the catalogue, and one party's products to offer, end to end on a
store with the known answers of ``tests/integration/products/seed.py``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from bankladder.store.database import connect
from bankladder.store.models import AuditEvent
from tests.e2e.conftest import Outcome
from tests.integration.products.seed import (
    ENTERPRISE,
    ENTERPRISE_ORDER,
    IDLE_SHOWN,
    SECRETS,
    seed_products,
)
from tests.workbench import small_bank

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bank.db"
    engine = small_bank(f"sqlite:///{path}")
    seed_products(engine)
    engine.dispose()
    return path


def test_the_catalogue_lists_every_product_with_its_selling_points(cli: Cli, db: Path) -> None:
    done = cli(f"products --db {db} --format json")
    assert done.code == 0, done.err
    cards = json.loads(done.out)
    assert len(cards) == 22
    loan = next(c for c in cards if c["code"] == "LN-BIZ")
    assert loan["prerequisites"] == ["DEP-BASIC"]
    assert {p["competitor"] for p in loan["selling_points"]} == {"国有大行", "互联网银行", "农商行"}
    table = cli(f"products --db {db}")
    assert "产品目录" in table.out
    assert "小微经营贷" in table.out


def test_a_partys_products_come_best_first_with_amounts_masked(cli: Cli, db: Path) -> None:
    done = cli(f"products --db {db} --party {ENTERPRISE} --format csv --locale en")
    assert done.code == 0, done.err
    rows = list(csv.DictReader(io.StringIO(done.out)))
    assert [r["code"] for r in rows] == ENTERPRISE_ORDER
    assert rows[0]["reason"].endswith("the RM as the enterprise's adviser")
    supply = next(r for r in rows if r["code"] == "LN-SUPPLY")
    assert supply["against"].startswith("招商银行 (joint-stock bank): ")
    table = cli(f"products --db {db} --party {ENTERPRISE}")
    assert "闲置资金 CNY ****，已停留 6 个月" in table.out
    for secret in SECRETS:
        assert secret not in done.out + table.out


def test_unmasking_prints_the_amounts_and_records_the_reason(cli: Cli, db: Path) -> None:
    done = cli(f"products --db {db} --party {ENTERPRISE} --format json", "--unmask", "月度经营分析")
    assert done.code == 0, done.err
    [view] = json.loads(done.out)
    assert view["idle_cash"]["amount"] == IDLE_SHOWN
    engine = connect(f"sqlite:///{db}")
    with engine.connect() as connection:
        reasons = connection.execute(select(AuditEvent.reason)).scalars().all()
    engine.dispose()
    assert reasons == ["月度经营分析"]


def test_mistakes_are_told_without_a_traceback(cli: Cli, db: Path) -> None:
    unknown = cli(f"products --db {db} --party NOBODY")
    assert unknown.code == 3
    assert "no party 'NOBODY'" in unknown.err
    alone = cli(f"products --db {db} --unmask because")
    assert alone.code != 0
    assert "--unmask needs --party" in alone.err
    assert "Traceback" not in unknown.err + alone.err
