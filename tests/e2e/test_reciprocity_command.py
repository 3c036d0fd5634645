"""``bankladder reciprocity --party ID``: the ledger on a store file, masked unless unmasked
with a reason (audited); table, JSON and CSV; an unknown party said in words."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import AuditEvent
from tests.e2e.conftest import Outcome
from tests.integration.reciprocity.seed import NOTE, PARTY, seed_ledger
from tests.workbench import small_bank

pytestmark = pytest.mark.e2e
Cli = Callable[..., Outcome]
FIGURES = ("450,000", "550,000", "12,800", NOTE)


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "store.db"
    engine = small_bank(f"sqlite:///{path}")
    seed_ledger(engine)
    engine.dispose()
    return str(path)


def test_the_ledger_is_printed_masked_with_its_statement(cli: Cli, store: str) -> None:
    shown = cli(f"reciprocity --party {PARTY} --as-of 2026-06-30 --locale en --db", store)
    assert shown.code == 0, shown.err
    assert "vip_tier" in shown.out
    assert "given.price_concession" in shown.out
    assert "the bank gave 3 favours worth CNY ****" in shown.out
    for figure in FIGURES:
        assert figure not in shown.out


def test_json_carries_both_sides_and_csv_one_row_per_item(cli: Cli, store: str) -> None:
    shown = cli(f"reciprocity --party {PARTY} --as-of 2026-06-30 --format json --db", store)
    assert shown.code == 0, shown.err
    [ledger] = json.loads(shown.out)
    assert (ledger["vip_tier"], ledger["win_win"], ledger["contribution"]) == (2, True, "****")
    assert ledger["brought"]["referrals_made"] == 2
    table = cli(f"reciprocity --party {PARTY} --as-of 2026-06-30 --format csv --db", store)
    lines = table.out.splitlines()
    assert lines[0] == "item,value"
    assert "given.count,3" in lines


def test_unmasking_prints_the_figures_and_records_the_reason(cli: Cli, store: str) -> None:
    shown = cli(
        f"reciprocity --party {PARTY} --as-of 2026-06-30 --format json --unmask",
        "年度议价准备",
        "--db",
        store,
    )
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)[0]["contribution"] == "550,000.00"
    engine = connect(f"sqlite:///{store}")
    with unit_of_work(engine) as session:
        event = session.scalars(select(AuditEvent)).one()
    engine.dispose()
    assert (event.event, event.reason, event.user_id) == (
        "reciprocity.unmask",
        "年度议价准备",
        None,
    )


def test_an_unknown_party_and_a_bad_date_are_said_in_words(cli: Cli, store: str) -> None:
    unknown = cli("reciprocity --party NOPE --db", store)
    assert unknown.code != 0
    assert "NOPE" in unknown.err
    assert "Traceback" not in unknown.err
    bad = cli(f"reciprocity --party {PARTY} --as-of 30/06/2026 --db", store)
    assert bad.code != 0
    assert "--as-of" in bad.err
