"""``bankladder loans pipeline | turnaround | quota`` on a store file (the loan book of
tests/integration/loans/seed.py), as the store's operator sees it: amounts masked; table,
JSON and CSV. The command reads the bank's clock (today), so open applications are measured
to now: the assertions hold for any day after the book's."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Outcome
from tests.integration.loans.seed import seed_loans
from tests.workbench import small_bank, staff

pytestmark = pytest.mark.e2e
Cli = Callable[..., Outcome]


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "store.db"
    engine = small_bank(f"sqlite:///{path}")
    staff(engine)
    seed_loans(engine)
    engine.dispose()
    return str(path)


def test_the_pipeline_lists_every_application_with_its_sla_masked(cli: Cli, store: str) -> None:
    shown = cli("loans pipeline --locale en --db", store)
    assert shown.code == 0, shown.err
    for application in ("LA-A", "LA-B", "LA-C", "LA-D"):
        assert application in shown.out
    assert "1,000,000" not in shown.out
    assert "****" in shown.out
    as_json = cli("loans pipeline --status disbursed --format json --db", store)
    [view] = json.loads(as_json.out)
    assert [(a["id"], a["sla"]["state"]) for a in view["applications"]] == [("LA-A", "missed")]
    assert {a["amount"] for a in view["applications"]} == {"****"}


def test_turnaround_per_rm_and_step_names_the_bottleneck(cli: Cli, store: str) -> None:
    shown = cli("loans turnaround --format json --db", store)
    assert shown.code == 0, shown.err
    [board] = json.loads(shown.out)
    rms = {r["rm_id"]: (r["count"], r["open"]) for r in board["per_rm"]}
    assert rms == {"RM01": (2, 1), "RM02": (1, 1), "RM03": (1, 0)}
    rm03 = next(r for r in board["per_rm"] if r["rm_id"] == "RM03")
    assert rm03["median_days"] == 0.25  # withdrawn after a quarter of a working day
    assert {s["step"] for s in board["per_step"]} == {
        "received",
        "documents_complete",
        "credit_review",
        "approved",
    }
    assert board["bottleneck"]["en"].startswith("The step that eats the most time")
    table = cli("loans turnaround --locale zh-CN --db", store)
    assert "最耗时的环节" in table.out


def test_quotas_of_a_year(cli: Cli, store: str) -> None:
    shown = cli("loans quota --year 2026 --format csv --db", store)
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    assert lines[0] == "branch,rm,allocated,quota_used,available"
    assert lines[1:] == [
        'BR01,,"5,000,000.00","1,000,000.00","4,000,000.00"',
        'BR01,RM01,"3,000,000.00","1,000,000.00","2,000,000.00"',
        'BR01,RM02,"1,000,000.00",0.00,"1,000,000.00"',
    ]
    assert cli("loans quota --year 2025 --format json --db", store).out.strip() == "[]"
