"""``bankladder gifts report``: the auditor's gifts of a year on a store file, masked; table,
JSON and CSV (the CSV export recorded in the audit trail); a bad year said in words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import AuditEvent, Benefit
from tests.e2e.conftest import Outcome
from tests.workbench import small_bank

pytestmark = pytest.mark.e2e
Cli = Callable[..., Outcome]


@pytest.fixture
def store(tmp_path: Path) -> str:
    """P-RM01-1: gifts of 300 and 150 given, 200 waiting in 2026; P-RM03-1: 80 given."""
    path = tmp_path / "store.db"
    engine = small_bank(f"sqlite:///{path}")
    rows = [
        ("P-RM01-1", "RM01", "2026-02-01", 300, "given"),
        ("P-RM01-1", "RM01", "2026-03-01", 150, "given"),
        ("P-RM01-1", "RM01", "2026-04-01", 200, "requested"),
        ("P-RM03-1", "RM03", "2026-05-01", 80, "given"),
    ]
    with unit_of_work(engine) as session:
        session.execute(
            insert(Benefit),
            [
                {
                    "party_id": p,
                    "rm_id": rm,
                    "given_on": dt.date.fromisoformat(d),
                    "kind": "gift",
                    "worth": w,
                    "status": s,
                }
                for p, rm, d, w, s in rows
            ],
        )
    engine.dispose()
    return str(path)


def exports(store: str) -> list[AuditEvent]:
    engine = connect(f"sqlite:///{store}")
    with unit_of_work(engine) as session:
        found = list(session.scalars(select(AuditEvent).where(AuditEvent.event == "gifts.export")))
    engine.dispose()
    return found


def test_the_report_is_printed_masked(cli: Cli, store: str) -> None:
    shown = cli("gifts report --year 2026 --locale en --db", store)
    assert shown.code == 0, shown.err
    assert "P-RM01-1" in shown.out
    assert "65.0" in shown.out  # (300 + 150 + 200) of 1,000
    assert "客*" in shown.out
    for figure in ("450", "客户P"):
        assert figure not in shown.out
    assert exports(store) == []


def test_json_carries_the_figures_and_csv_is_audited(cli: Cli, store: str) -> None:
    shown = cli("gifts report --year 2026 --format json --db", store)
    assert shown.code == 0, shown.err
    [report] = json.loads(shown.out)
    assert [(p["party_id"], p["given"], p["limit_used_pct"]) for p in report["parties"]] == [
        ("P-RM01-1", 2, "65.0"),
        ("P-RM03-1", 1, "8.0"),
    ]
    table = cli("gifts report --year 2026 --rm RM01 --format csv --db", store)
    assert table.code == 0, table.err
    rows = list(csv.DictReader(io.StringIO(table.out)))
    assert [(r["section"], r["party_id"], r["given_total"]) for r in rows if r["party_id"]] == [
        ("party", "P-RM01-1", "****")
    ]
    [event] = exports(store)
    assert event.user_id is None
    assert event.detail["rm_id"] == "RM01"


def test_a_year_out_of_range_is_refused_in_words(cli: Cli, store: str) -> None:
    shown = cli("gifts report --year 1900 --db", store)
    assert shown.code != 0
    assert "--year" in shown.err
