"""``bankladder wallet estimate`` and ``bankladder wallet`` on a small demo store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import AuditEvent, WalletEstimate
from tests.e2e.conftest import Outcome

pytestmark = pytest.mark.e2e

AS_OF = "2026-03-18"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bankladder.cli import run

    path = tmp_path_factory.mktemp("wallet") / "demo.db"
    assert run(["demo", "--db", str(path), "--parties", "600", "--as-of", AS_OF]) == 0
    return path


def test_estimate_then_show_the_largest_opportunities_masked(
    cli: Callable[..., Outcome], demo_db: Path
) -> None:
    done = cli("wallet estimate --as-of", AS_OF, "--min-peers", "10", "--db", str(demo_db))
    assert done.code == 0, done.err
    assert "Estimated the wallets of 600 parties" in done.out
    shown = cli("wallet --format json --limit 5 --db", str(demo_db))
    assert shown.code == 0, shown.err
    rows = json.loads(shown.out)
    assert len(rows) == 5
    assert {row["wallet"] for row in rows} == {"****"}
    assert all(0.0 <= row["share"] <= 1.0 for row in rows)
    assert all(row["peers"] >= 10 or "/" not in row["peer_group"] for row in rows)
    engine = connect(f"sqlite:///{demo_db}")
    with unit_of_work(engine) as session:
        kept = session.scalar(
            select(func.count())
            .select_from(WalletEstimate)
            .where(WalletEstimate.as_of == dt.date.fromisoformat(AS_OF))
        )
    engine.dispose()
    assert kept == 600  # the demo's own estimate of that date replaced, not added to


def test_one_party_unmasked_with_a_reason_is_audited(
    cli: Callable[..., Outcome], demo_db: Path
) -> None:
    cli("wallet estimate --as-of", AS_OF, "--db", str(demo_db))
    shown = cli(
        "wallet --party P00000001 --format csv --unmask",
        "客户要求资产配置建议",
        "--db",
        str(demo_db),
    )
    assert shown.code == 0, shown.err
    (row,) = list(csv.DictReader(io.StringIO(shown.out)))
    assert row["party"] == "P00000001"
    assert float(row["wallet"].replace(",", "")) >= float(row["at_bank"].replace(",", ""))
    engine = connect(f"sqlite:///{demo_db}")
    with unit_of_work(engine) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.event == "wallet.unmask")
        ).all()
        assert [(e.object_id, e.reason) for e in events] == [("P00000001", "客户要求资产配置建议")]
    engine.dispose()


def test_clear_errors_without_estimates_or_with_a_bad_quantile(
    cli: Callable[..., Outcome], demo_db: Path
) -> None:
    none = cli("wallet --as-of 2000-01-01 --db", str(demo_db))
    assert none.code != 0
    assert "no wallet estimate" in none.err
    assert "wallet estimate --as-of" in none.err
    bad = cli("wallet estimate --quantile 1.5 --db", str(demo_db))
    assert bad.code != 0
    assert "quantile" in bad.err
    short = cli("wallet --party P00000001 --unmask ab --db", str(demo_db))
    assert short.code != 0
    assert "reason" in short.err


def test_an_unknown_party_is_named_as_unknown_not_as_lacking_an_estimate(
    cli: Callable[..., Outcome], demo_db: Path
) -> None:
    cli("wallet estimate --as-of", AS_OF, "--db", str(demo_db))
    unknown = cli("wallet --party P00000001 --party NOBODY --db", str(demo_db))
    assert unknown.code != 0
    assert "no party 'NOBODY'" in unknown.err
    assert "no wallet estimate" not in unknown.err
