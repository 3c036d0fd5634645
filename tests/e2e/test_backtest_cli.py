"""``bankladder backtest`` on a small hand-made bank: the funnel per month-end, another
playbook against the bank's, rebuilding the history with --record, and bad input in words."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bankladder.playbooks import default_playbook_path
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import Assessment
from tests.e2e.conftest import Outcome
from tests.support import StoreBuilder, at

pytestmark = pytest.mark.e2e

PERIOD = ("--from", "2026-04-01", "--to", "2026-06-30")  # month-ends Apr 30, May 31, Jun 30


@pytest.fixture
def bank(store_path: Path) -> Path:
    """NEW never contacted (rank 0). TWO: an event in December, a need from May 1, visits on
    Apr 10 and May 20: 1 contact in the 90 days to Apr 30 (rank 1), 2 to May 31 and to Jun 30
    (rank 2; rank 1 if 3 are asked). THREE: a need from Apr 1, visits Apr 5, Apr 25, May 10:
    2 contacts to Apr 30, 3 to May 31 and Jun 30 (rank 2; at Apr 30 rank 1 if 3 are asked)."""
    b = StoreBuilder()
    b.party("NEW")
    b.party("TWO")
    b.contact("TWO", "event", at("2025-12-15"))
    for day in ("2026-04-10", "2026-05-20"):
        b.contact("TWO", "visit", at(day))
    b.need("TWO", "existing", "2026-05-01")
    b.party("THREE")
    b.contact("THREE", "event", at("2025-12-20"))
    for day in ("2026-04-05", "2026-04-25", "2026-05-10"):
        b.contact("THREE", "visit", at(day))
    b.need("THREE", "latent", "2026-04-01")
    b.build(store_path).dispose()
    return store_path


@pytest.fixture
def strict(tmp_path: Path) -> Path:
    """The shipped playbook asking for 3 contacts in 90 days on discovery instead of 2."""
    text = default_playbook_path().read_text(encoding="utf-8")
    path = tmp_path / "strict.yaml"
    path.write_text(
        text.replace("when: interactions_90d >= 2", "when: interactions_90d >= 3"), "utf-8"
    )
    return path


def _assessments(path: Path) -> int:
    store = connect(f"sqlite:///{path}")
    try:
        with unit_of_work(store) as session:
            return int(session.scalar(select(func.count()).select_from(Assessment)) or 0)
    finally:
        store.dispose()


def test_the_funnel_per_month_end_as_json_and_nothing_written(
    cli: Callable[..., Outcome], bank: Path
) -> None:
    done = cli("backtest --format json --db", str(bank), *PERIOD)
    assert done.code == 0, done.err
    shown = json.loads(done.out)
    assert shown["playbook"] == "default@1/young"
    assert [r["id"] for r in shown["rungs"]][:3] == [None, "acquaintance", "discovery"]
    assert [(m["as_of"], m["parties_per_rank"][:3]) for m in shown["months"]] == [
        ("2026-04-30", [1, 1, 1]),  # NEW 0, TWO 1, THREE 2
        ("2026-05-31", [1, 0, 2]),  # TWO and THREE on 2
        ("2026-06-30", [1, 0, 2]),
    ]
    assert _assessments(bank) == 0


def test_the_funnel_as_csv_has_one_row_per_month_end(
    cli: Callable[..., Outcome], bank: Path
) -> None:
    done = cli("backtest --format csv --db", str(bank), *PERIOD)
    assert done.code == 0, done.err
    rows = list(csv.DictReader(io.StringIO(done.out)))
    assert [(r["as_of"], r["r0"], r["r1"], r["r2"], r["r6"]) for r in rows] == [
        ("2026-04-30", "1", "1", "1", "0"),
        ("2026-05-31", "1", "0", "2", "0"),
        ("2026-06-30", "1", "0", "2", "0"),
    ]


def test_a_stricter_playbook_against_the_banks_says_who_moves_and_why(
    cli: Callable[..., Outcome], bank: Path, strict: Path
) -> None:
    done = cli("backtest --format json --db", str(bank), "--against", str(strict), *PERIOD)
    assert done.code == 0, done.err
    shown = json.loads(done.out)
    # Apr 30: THREE (2 contacts) 2 -> 1; May 31 and Jun 30: TWO (2 contacts) 2 -> 1.
    assert [(m["as_of"], m["moved"]) for m in shown["months"]] == [
        ("2026-04-30", 1),
        ("2026-05-31", 1),
        ("2026-06-30", 1),
    ]
    newest = shown["months"][-1]
    assert newest["why"] == [
        {"from_rank": 2, "to_rank": 1, "criterion_id": "recent_contacts", "parties": 1}
    ]
    assert newest["parties_per_rank_b"][:3] == [1, 1, 1]
    assert [(m["party_id"], m["name"]) for m in shown["sample"]] == [("TWO", "客****")]
    assert shown["playbook_b"]["file"] == "strict.yaml"
    assert [c["words"]["en"] for c in shown["criteria"]] == [
        "Business discovery: criterion recent_contacts: interactions_90d >= 2 becomes "
        "interactions_90d >= 3"
    ]
    assert _assessments(bank) == 0


def test_the_comparison_as_a_table_shows_the_moves_with_their_reason(
    cli: Callable[..., Outcome], bank: Path, strict: Path
) -> None:
    done = cli("backtest --locale en --db", str(bank), "--against", str(strict), *PERIOD)
    assert done.code == 0, done.err
    assert "Moves at the newest month-end, and why (2026-06-30)" in done.out
    assert "recent_contacts" in done.out
    assert "TWO" in done.out


def test_record_rebuilds_the_history_that_the_default_period_then_ends_with(
    cli: Callable[..., Outcome], bank: Path
) -> None:
    done = cli("backtest --record --format json --db", str(bank), *PERIOD)
    assert done.code == 0, done.err
    assert _assessments(bank) == 9  # 3 parties at 3 month-ends
    funnel = cli("funnel --as-of 2026-05-31 --format json --db", str(bank))
    assert [row["count"] for row in json.loads(funnel.out)][:3] == [1, 0, 2]
    again = cli("backtest --format json --db", str(bank))  # 12 month-ends up to Jun 30
    ends = [m["as_of"] for m in json.loads(again.out)["months"]]
    assert (len(ends), ends[0], ends[-1]) == (12, "2025-07-31", "2026-06-30")


def test_a_bad_playbook_against_says_what_the_checker_says(
    cli: Callable[..., Outcome], bank: Path, tmp_path: Path
) -> None:
    text = default_playbook_path().read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("interactions_90d >= 2", "interactionz_90d >= 2"), "utf-8")
    done = cli("backtest --db", str(bank), "--against", str(broken), *PERIOD)
    assert done.code == 2
    assert "the playbook has 1 problem(s)" in done.err
    assert "interactionz_90d" in done.err
    assert done.out == ""


def test_a_date_in_the_wrong_format_is_refused_in_words(
    cli: Callable[..., Outcome], bank: Path
) -> None:
    done = cli("backtest --from 2026-13-01 --db", str(bank))
    assert done.code == 2
    assert "'2026-13-01' is not a date" in done.err
    assert "--from" in done.err


def test_a_period_without_a_month_end_is_refused_in_words(
    cli: Callable[..., Outcome], bank: Path
) -> None:
    done = cli("backtest --from 2026-05-01 --to 2026-05-30 --db", str(bank))
    assert done.code == 2
    assert "no month-end between 2026-05-01 and 2026-05-30" in done.err


def test_record_with_against_is_refused_and_writes_nothing(
    cli: Callable[..., Outcome], bank: Path, strict: Path
) -> None:
    done = cli("backtest --record --db", str(bank), "--against", str(strict), *PERIOD)
    assert done.code == 2
    assert "--record rebuilds the history with one playbook" in done.err
    assert _assessments(bank) == 0
