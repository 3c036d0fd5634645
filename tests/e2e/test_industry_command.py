"""``bankladder industry``: the classification, targets added and removed (audited as the
store's operator), specialisations, each RM's concentration and prospect lists, on a store
file; bad codes said in words with a near valid one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import AuditEvent
from tests.e2e.conftest import Outcome
from tests.integration.industry.seed import seed_enterprises
from tests.workbench import small_bank

pytestmark = pytest.mark.e2e
Cli = Callable[..., Outcome]


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "store.db"
    engine = small_bank(f"sqlite:///{path}")
    seed_enterprises(engine)
    engine.dispose()
    return str(path)


def audit_trail(store: str) -> list[tuple[str, str, int | None]]:
    engine = connect(f"sqlite:///{store}")
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(AuditEvent.event, AuditEvent.object_id, AuditEvent.user_id).order_by(
                AuditEvent.id
            )
        )
        found = [tuple(row) for row in rows]
    engine.dispose()
    return found  # type: ignore[return-value]


def test_the_classification_lists_a_section_in_either_language(cli: Cli) -> None:
    shown = cli("industry list --section F --locale zh-CN")
    assert shown.code == 0, shown.err
    assert "批发和零售业" in shown.out
    assert "零售业" in shown.out
    assert "C13" not in shown.out
    every = cli("industry list --format json --locale en")
    sections = json.loads(every.out)
    assert len(sections) == 20
    assert sum(len(s["divisions"]) for s in sections) == 97
    bad = cli("industry list --section Z")
    assert bad.code != 0
    assert "'Z'" in bad.err


def test_targets_are_added_and_removed_by_the_operator_and_audited(cli: Cli, store: str) -> None:
    assert cli("industry target add C13 --db", store).code == 0
    added = cli("industry target add F --priority 2 --locale en --db", store)
    assert added.code == 0, added.err
    assert "Wholesale and retail trade" in added.out
    listed = cli("industry targets --format json --db", store)
    assert [t["industry"]["code"] for t in json.loads(listed.out)] == ["C13", "F"]
    assert cli("industry target remove c13 --db", store).code == 0
    table = cli("industry targets --locale zh-CN --db", store)
    assert "批发和零售业" in table.out
    assert "农副食品加工业" not in table.out
    assert audit_trail(store) == [
        ("industry.target", "C13", None),
        ("industry.target", "F", None),
        ("industry.untarget", "C13", None),
    ]


def test_a_bad_code_names_itself_and_a_near_valid_one(cli: Cli, store: str) -> None:
    refused = cli("industry target add F13 --db", store)
    assert refused.code != 0
    assert "'F13'" in refused.err
    assert "C13" in refused.err
    assert "Traceback" not in refused.err
    missing = cli("industry target remove C13 --db", store)
    assert missing.code != 0
    assert "C13 is not one of the bank's target industries" in missing.err
    assert audit_trail(store) == []


def test_specialisations_and_the_concentration_of_each_book(cli: Cli, store: str) -> None:
    assert cli("industry target add C13 --db", store).code == 0
    set_ = cli("industry specialise RM01 F C34 --locale en --db", store)
    assert set_.code == 0, set_.err
    assert "RM01: F Wholesale and retail trade, C34 General-purpose machinery" in set_.out
    shown = cli("industry concentration --format json --db", store)
    books = {b["rm_id"]: b for b in json.loads(shown.out)}
    assert list(books) == ["RM01", "RM02", "RM03"]
    rm01 = books["RM01"]["concentration"]
    assert (rm01["parties"], rm01["top_section"], rm01["in_targets"]) == (3, "C", 2)
    assert rm01["in_specialisations"] == 1
    table = cli("industry concentration --locale en --db", store)
    assert "C 67%" in table.out
    assert "0.556" in table.out
    unknown = cli("industry specialise RM99 C --db", store)
    assert unknown.code != 0
    assert "RM99" in unknown.err


def test_prospects_per_industry_and_region(cli: Cli, store: str) -> None:
    shown = cli("industry prospects --code C13 --region 高新区 --format json --db", store)
    assert shown.code == 0, shown.err
    [found] = json.loads(shown.out)
    assert [p["party_id"] for p in found["prospects"]] == [
        "E-NONE-P1",
        "E-RM01-P2",
        "E-RM02-P1",
        "E-RM03-P1",
    ]  # P-RM01-1 is a person: no enterprise prospect
    table = cli("industry prospects --code F --region 澄江区 --locale en --db", store)
    assert "E-RM01-P3" in table.out
    assert "F51 Wholesale trade" in table.out
    bad = cli("industry prospects --code 13 --db", store)
    assert bad.code != 0
    assert "C13" in bad.err
