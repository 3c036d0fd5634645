"""Guard rails in the worklist, end to end through an evaluation of a real store: an expired KYC
turns into a "refresh KYC" step and holds product steps back; an open AML alert holds back
every marketing step (a complaint is still answered); a party contacted often enough this week
is left alone; each held step says why, in both languages. On SQLite, in the batch and after a
logged contact (one party re-evaluated in place), and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from bankladder.evaluation.service import evaluate_store, reevaluate_party
from bankladder.imports.examples import example_mappings
from bankladder.imports.mapping import load_mapping
from bankladder.imports.service import import_file
from bankladder.ladder.model import Ladder
from bankladder.store.database import unit_of_work
from bankladder.store.models import Action, AmlFlag, Interaction
from bankladder.store.vocabulary import ActionStatus
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.integration

AS_OF = d("2026-06-30")


def _bank(b: StoreBuilder) -> StoreBuilder:
    """EXPIRED and FLAGGED: customers on rung 2 (an event, two contacts, a need), whose next
    rung asks for a first product (a product step), a care visit (marketing) and, for FLAGGED,
    a complaint resolved (service). EXPIRED's KYC expired on D; FLAGGED has an AML alert and an
    open complaint. TIRED: a prospect with a need, called three times this week. FREE: a
    prospect never contacted."""
    for party, kyc in (("EXPIRED", AS_OF), ("FLAGGED", d("2027-06-30"))):
        b.party(party, customer_since=d("2026-06-01"), kyc_expires_on=kyc)
        b.need(party, "latent", "2026-06-01")
        for kind, day in (("event", "2026-04-01"), ("visit", "2026-05-01"), ("call", "2026-05-20")):
            b.contact(party, kind, at(day))
    b.contact("FLAGGED", "complaint", at("2026-06-20"))
    b.add(AmlFlag, party_id="FLAGGED", raised_on=d("2026-06-01"), reference="AML-7")
    b.party("TIRED")
    b.need("TIRED", "latent", "2026-06-01")
    for day in ("2026-06-24", "2026-06-27", "2026-06-30"):
        b.contact("TIRED", "call", at(day))
    b.party("FREE")
    return b


def _steps(store: Engine, party: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Each live step of the party: criterion -> (guard, why in Chinese, why in English)."""
    with unit_of_work(store) as session:
        rows = session.execute(
            select(Action.criterion_id, Action.blocked_by, Action.blocked_zh, Action.blocked_en)
            .where(Action.party_id == party)
            .where(Action.status == ActionStatus.OPEN)
        )
        return {row[0]: (row[1], row[2], row[3]) for row in rows}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def evaluated(
    request: pytest.FixtureRequest, store_path: Path, young_ladder: Ladder
) -> Iterator[Engine]:
    b = _bank(StoreBuilder())
    if request.param == "sqlite":
        store = b.build(store_path)
    else:
        store = b.build_at(request.getfixturevalue("postgres_url"))
    evaluate_store(store, young_ladder, AS_OF)
    yield store
    store.dispose()


def test_an_expired_kyc_becomes_a_refresh_step_and_holds_product_steps_back(
    evaluated: Engine,
) -> None:
    steps = _steps(evaluated, "EXPIRED")
    assert steps["refresh_kyc"] == (None, None, None)  # the duty itself is never held
    guard, zh, en = steps["first_product"]
    assert guard == "kyc"
    assert "客户身份识别已过期" in (zh or "")
    assert "KYC has expired" in (en or "")
    assert steps["cared_for"][0] is None  # a care visit is not a product step


def test_an_aml_alert_holds_back_every_marketing_step_but_not_the_complaint(
    evaluated: Engine,
) -> None:
    steps = _steps(evaluated, "FLAGGED")
    held = {criterion: guard for criterion, (guard, _zh, _en) in steps.items()}
    assert held == {"first_product": "aml", "cared_for": "aml", "no_open_complaint": None}
    assert "anti-money-laundering" in (steps["cared_for"][2] or "")
    assert _steps(evaluated, "FREE")["first_contact"][0] is None


def test_contact_fatigue_pauses_marketing_with_the_count_and_the_limit(evaluated: Engine) -> None:
    guard, zh, en = _steps(evaluated, "TIRED")["bank_trust"]
    assert guard == "contact_fatigue"
    assert "近7天已主动联系客户 3 次（每周上限 3 次）" in (zh or "")
    assert en == (
        "Contacted 3 times in the last 7 days (the limit is 3 a week): marketing contact "
        "pauses for now so as not to overwhelm the party."
    )


def test_a_guard_lifts_at_the_next_evaluation_once_its_cause_is_gone(
    store_path: Path, young_ladder: Ladder
) -> None:
    store = _bank(StoreBuilder()).build(store_path)
    evaluate_store(store, young_ladder, AS_OF)
    assert _steps(store, "TIRED")["bank_trust"][0] == "contact_fatigue"
    evaluate_store(store, young_ladder, d("2026-07-08"))  # the calls are more than 7 days old
    assert _steps(store, "TIRED")["bank_trust"] == (None, None, None)


def test_a_logged_contact_that_reaches_the_limit_holds_marketing_back_at_once(
    store_path: Path, young_ladder: Ladder
) -> None:
    b = _bank(StoreBuilder())
    b.party("BUSY")
    for day in ("2026-06-25", "2026-06-28"):
        b.contact("BUSY", "visit", at(day))
    store = b.build(store_path)
    evaluate_store(store, young_ladder, AS_OF)
    assert _steps(store, "BUSY")["bank_trust"][0] is None  # two contacts: under the limit
    with unit_of_work(store) as session:
        session.execute(
            insert(Interaction).values(
                party_id="BUSY", rm_id="RM01", kind="message", occurred_at=at("2026-06-30", 15)
            )
        )
    reevaluate_party(store, young_ladder, "BUSY", AS_OF)
    assert _steps(store, "BUSY")["bank_trust"][0] == "contact_fatigue"


def test_an_aml_list_imported_with_the_shipped_mapping_holds_marketing_back(
    store_path: Path, tmp_path: Path, young_ladder: Ladder
) -> None:
    store = _bank(StoreBuilder()).build(store_path)
    extract = tmp_path / "反洗钱预警.csv"
    extract.write_text(
        "客户号,预警日期,结案日期,案件编号\nFREE,20260615,,AML-2026-9\nTIRED,20260101,20260301,AML-2026-1\n",
        encoding="gbk",
    )
    import_file(store, "aml_flag", extract, load_mapping(example_mappings()["core_aml_flag"]))
    evaluate_store(store, young_ladder, AS_OF)
    assert _steps(store, "FREE")["first_contact"][0] == "aml"
    assert _steps(store, "TIRED")["bank_trust"][0] == "contact_fatigue"  # its alert was cleared
