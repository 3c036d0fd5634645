"""Every fact of the catalogue on a small hand-made store, with the values worked out by hand.

The dates sit on the edges of each window (D-29, D-89, D-179, D-364, D itself, the day after)
so an off-by-one in any window shows. Runs on every backend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert

from bankladder.engine import backends
from bankladder.engine.catalogue import FACTS
from bankladder.engine.facts import compute_facts
from bankladder.engine.sources import Sources
from bankladder.ladder.model import VipTiers
from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    AmlFlag,
    Benefit,
    RmSpecialisation,
    Settlement,
    TargetIndustry,
    WalletEstimate,
)
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.integration

AS_OF = d("2026-06-30")
Row = dict[str, Any]


def _a_customer_with_history(b: StoreBuilder) -> None:
    b.party(
        "A",
        first_contact_on=d("2025-01-10"),
        customer_since=d("2025-03-01"),
        kyc_expires_on=d("2026-06-30"),
    )
    for kind, when in [
        ("visit", at("2026-06-30", 18)),
        ("visit", at("2026-07-01", 9)),
        ("call", at("2026-04-02")),
        ("call", at("2026-04-01")),
        ("event", at("2025-07-01")),
        ("event", at("2025-06-30")),
        ("care", at("2026-01-01")),
        ("care", at("2026-01-02")),
        ("service", at("2026-06-01")),
        ("message", at("2026-06-20")),
    ]:
        b.contact("A", kind, when)
    b.contact("A", "complaint", at("2026-05-01"), resolved_at=at("2026-06-30", 12))
    b.contact("A", "complaint", at("2026-06-15"), resolved_at=at("2026-07-02"))
    b.need(
        "A",
        "existing",
        "2026-02-01",
        competitor_bank="工商银行",
        status="won",
        presented_on=d("2026-03-01"),
        closed_on=d("2026-04-01"),
    )
    b.need("A", "latent", "2026-06-30")
    b.need("A", "latent", "2026-07-01")
    b.need(
        "A",
        "existing",
        "2026-05-01",
        competitor_bank="建设银行",
        status="presented",
        presented_on=d("2026-07-05"),
    )
    b.need(
        "A",
        "existing",
        "2026-05-02",
        competitor_bank="工商银行",
        status="lost",
        closed_on=d("2026-06-01"),
    )
    b.holding(
        "A",
        "DEP",
        "2025-03-01",
        balances={"2026-03-31": "10000.00", "2026-05-31": "20000.50", "2026-07-31": "99999.00"},
    )
    b.holding("A", "WM", "2025-09-01", closed="2026-06-30", balances={"2026-03-31": "5000.00"})
    b.holding("A", "TD", "2026-04-01", balances={"2026-06-30": "30000.25"})
    b.holding("A", "CARD", "2026-07-01")


def _its_network(b: StoreBuilder) -> None:
    b.party("B", kind="enterprise", customer_since=d("2026-01-01"), kyc_expires_on=d("2026-07-01"))
    b.party("C", kind="enterprise")
    b.party("E", kind="enterprise", customer_since=d("2026-07-15"))
    b.party("F")
    b.party("G", kind="enterprise")
    b.holding("B", "LOAN", "2026-01-01", balances={"2026-06-30": "600000.00"})
    b.supplies("B", "A", since="2025-01-01")
    b.supplies("A", "C")
    b.add_relationship("E", "A", "buyer_of", "2026-01-01")
    b.add_relationship("A", "F", "family", None)
    b.supplies("G", "A", since="2026-08-01")
    b.referral("A", "C", "2026-02-01", status="converted", converted_on=d("2026-03-01"))
    b.referral("A", "E", "2026-05-01", status="converted", converted_on=d("2026-07-15"))
    b.referral("A", "F", "2026-07-02")


def _wallet(party_id: str, as_of: str, wallet: str, share: float, opportunity: str) -> Row:
    return {
        "party_id": party_id,
        "as_of": d(as_of),
        "at_bank": Decimal(wallet) - Decimal(opportunity),
        "wallet": Decimal(wallet),
        "share": share,
        "opportunity": Decimal(opportunity),
        "peer_group": "person/segment=mass",
        "peers": 30,
        "method": "q0.90 balance",
    }


def _settlement(party_id: str, month: str, inflow: str) -> Row:
    return {
        "party_id": party_id,
        "month": d(month),
        "inflow": Decimal(inflow),
        "outflow": Decimal("1.00"),
        "transactions": 3,
    }


def _wallets_settlements_and_benefits(store: Engine) -> None:
    """A's wallet estimated three times (the newest on or before D counts), its settlements on
    each side of the twelve months whose first day lies in (D-365, D], and benefits on each side
    of D-364 .. D; V's settlements alone lift it to VIP tier 1."""
    wallets = [
        _wallet("A", "2026-05-31", "100000.00", 0.4, "60000.00"),
        _wallet("A", "2026-06-30", "80000.50", 0.625, "30000.25"),
        _wallet("A", "2026-07-31", "1.00", 1.0, "0.00"),
        _wallet("B", "2026-07-31", "9.00", 1.0, "0.00"),  # only after D: unknown
    ]
    settlements = [
        _settlement("A", "2025-06-01", "99999.00"),  # its first day is D-394: out
        _settlement("A", "2025-07-01", "12000.00"),  # D-364: in
        _settlement("A", "2026-06-01", "24000.00"),
        _settlement("A", "2026-07-01", "88888.00"),  # after D
        _settlement("V", "2026-01-01", "120000.00"),
    ]
    benefits = [
        {"party_id": "A", "given_on": d(day), "kind": "knowledge"}
        for day in ("2025-06-30", "2025-07-01", "2026-06-30", "2026-07-01")
    ]
    requested = {"party_id": "A", "given_on": d("2026-06-01"), "kind": "gift", "worth": 200}
    with unit_of_work(store) as session:
        session.execute(insert(WalletEstimate), wallets)
        session.execute(insert(Settlement), settlements)
        session.execute(insert(Benefit), [*benefits, {**requested, "status": "requested"}])


def _guards_and_industries(b: StoreBuilder) -> None:
    """K: contacts on each side of the seven days D-6 .. D, and an AML alert cleared on D; M:
    an alert raised on D. I (C13) and J (F51), both RM01's: the bank targets section C and,
    only from the day after D, division F51; RM01 specialises in C13, RM02 in F."""
    b.party("K", customer_since=d("2026-01-01"), kyc_expires_on=d("2027-01-01"))
    for kind, when in [
        ("visit", at("2026-06-23")),  # D-7: out
        ("call", at("2026-06-24")),  # D-6: in
        ("event", at("2026-06-29")),  # the party's own visit: not the bank reaching out
        ("care", at("2026-06-30", 18)),  # D: in
        ("message", at("2026-07-01")),  # after D
    ]:
        b.contact("K", kind, when)
    b.add(AmlFlag, party_id="K", raised_on=d("2026-01-01"), cleared_on=d("2026-06-30"))
    b.party("M")
    b.add(AmlFlag, party_id="M", raised_on=d("2026-06-30"), reference="AML-1")
    b.party("I", kind="enterprise", industry_code="C13")
    b.party("J", kind="enterprise", industry_code="F51")
    b.add(TargetIndustry, code="C")
    b.add(TargetIndustry, code="F51", since=d("2026-07-01"))
    b.add(RmSpecialisation, rm_id="RM01", industry_code="C13")
    b.add(RmSpecialisation, rm_id="RM02", industry_code="F")


def _hand_made_store(store_path: Path) -> None:
    b = StoreBuilder()
    _a_customer_with_history(b)
    _its_network(b)
    b.party("Z")
    b.party("V", customer_since=d("2026-01-01"))
    b.holding("V", "DEP", "2026-01-01", balances={"2026-06-30": "40000.00"})
    _guards_and_industries(b)
    _wallets_settlements_and_benefits(b.build(store_path))


@pytest.fixture
def facts(store_path: Path, backend_of: Callable[[Path], Any]) -> dict[str, dict[str, Any]]:
    _hand_made_store(store_path)
    rows = compute_facts(Sources.on(backend_of(store_path)), AS_OF).to_pyarrow().to_pylist()
    return {row["party_id"]: row for row in rows}


def test_contact_facts_count_each_window_up_to_and_including_the_as_of_date(facts: dict) -> None:
    a = facts["A"]
    assert a["contacts_total"] == 11  # all but the visit on the day after D
    assert a["interactions_30d"] == 4  # visit 06-30, service 06-01, complaint 06-15, message 06-20
    assert a["interactions_90d"] == 6  # + call 04-02 (D-89) and complaint 05-01; not call 04-01
    assert (a["visits_90d"], a["calls_90d"]) == (1, 1)
    assert a["events_attended_365d"] == 1  # 2025-07-01 is D-364; 2025-06-30 falls out
    assert (a["care_events_180d"], a["service_events_180d"]) == (1, 1)  # 2026-01-02 is D-179
    assert a["complaints_180d"] == 2
    assert a["complaints_open"] == 1  # the one resolved on D is closed; the other after D is open
    assert a["days_since_first_contact"] == (AS_OF - dt.date(2025, 1, 10)).days
    assert a["days_since_last_contact"] == 0


def test_need_facts_follow_the_dates_of_identification_presentation_and_closing(
    facts: dict,
) -> None:
    a = facts["A"]
    assert (a["needs_existing"], a["needs_latent"], a["needs_identified"]) == (3, 1, 4)
    assert a["needs_presented"] == 1  # presented 07-05 is after D
    assert a["needs_won"] == 1
    assert a["competitor_banks_noted"] == 2


def test_holding_facts_count_products_open_on_the_date_and_their_latest_balances(
    facts: dict,
) -> None:
    a = facts["A"]
    assert a["products_held"] == 2  # DEP and TD; WM closed on D; CARD opened after D
    assert a["product_families_held"] == 1
    assert a["months_as_customer"] == (AS_OF - dt.date(2025, 3, 1)).days // 30
    assert a["total_balance"] == pytest.approx(20000.50 + 30000.25)
    assert a["balance_change_90d"] == pytest.approx(50000.75 - (10000.00 + 5000.00))
    assert a["vip_tier"] == 1


def test_enterprises_need_ten_times_the_balance_for_the_same_vip_tier(facts: dict) -> None:
    assert facts["B"]["total_balance"] == pytest.approx(600000.0)
    assert facts["B"]["vip_tier"] == 1  # a person with 600,000 would be tier 2


def test_wallet_facts_read_the_newest_estimate_on_or_before_the_date(facts: dict) -> None:
    a = facts["A"]
    assert a["wallet"] == pytest.approx(80000.50)
    assert a["share_of_wallet"] == pytest.approx(0.625)
    assert a["wallet_opportunity"] == pytest.approx(30000.25)
    for party in ("B", "Z"):  # B's only estimate is after D; Z has none
        row = facts[party]
        assert (row["wallet"], row["share_of_wallet"], row["wallet_opportunity"]) == (None,) * 3


def test_contribution_adds_one_average_month_of_the_last_twelve_months_inflows(
    facts: dict,
) -> None:
    a = facts["A"]
    assert a["settlement_inflow_365d"] == pytest.approx(12000.00 + 24000.00)
    assert a["contribution"] == pytest.approx(50000.75 + 36000.00 / 12)
    v = facts["V"]  # a balance of 40,000 alone is no tier; 10,000 a month of inflows lifts it
    assert (v["total_balance"], v["contribution"], v["vip_tier"]) == (40000.0, 50000.0, 1)
    assert (facts["Z"]["settlement_inflow_365d"], facts["Z"]["contribution"]) == (0.0, 0.0)


def test_benefits_given_count_the_last_365_days(facts: dict) -> None:
    assert facts["A"]["benefits_given_365d"] == 2  # 2025-07-01 (D-364) and D; not the request
    assert facts["Z"]["benefits_given_365d"] == 0


def test_vip_tiers_follow_the_ladder_s_thresholds(
    store_path: Path, backend_of: Callable[[Path], Any]
) -> None:
    _hand_made_store(store_path)
    vip = VipTiers(persons=(20_000, 53_000.75), enterprise_factor=2)
    table = compute_facts(Sources.on(backend_of(store_path)), AS_OF, facts=["vip_tier"], vip=vip)
    tiers = {row["party_id"]: row["vip_tier"] for row in table.to_pyarrow().to_pylist()}
    # A contributes exactly 53,000.75; B (an enterprise) 600,000 >= 2 x 53,000.75; V 50,000
    assert tiers == {"A": 2, "B": 2, "V": 1} | dict.fromkeys("CEFGIJKMZ", 0)


def test_network_facts_count_supply_chain_partners_and_converted_referrals(facts: dict) -> None:
    a = facts["A"]
    assert a["supply_chain_links"] == 3  # B, C, E; not family F; not G (linked after D)
    assert a["partners_on_books"] == 1  # B; E became a customer after D; C is a prospect
    assert (a["referrals_made"], a["referrals_converted"]) == (2, 1)
    assert (facts["B"]["supply_chain_links"], facts["B"]["partners_on_books"]) == (1, 1)


def test_standing_facts_need_a_kyc_valid_after_the_date_and_a_customer_since_on_or_before(
    facts: dict,
) -> None:
    assert facts["A"]["kyc_valid"] is False  # expires on D itself
    assert facts["B"]["kyc_valid"] is True
    assert facts["A"]["is_customer"] is True
    assert facts["E"]["is_customer"] is False


def test_contact_fatigue_counts_the_bank_s_own_contacts_of_the_last_seven_days(
    facts: dict,
) -> None:
    assert facts["K"]["contacts_7d"] == 2  # the call on D-6 and the care visit on D
    assert facts["A"]["contacts_7d"] == 1  # the visit on D (the message was on D-10)


def test_an_aml_alert_counts_from_the_day_raised_until_the_day_cleared(facts: dict) -> None:
    assert facts["M"]["aml_flagged"] is True  # raised on D
    assert facts["K"]["aml_flagged"] is False  # cleared on D
    assert facts["Z"]["aml_flagged"] is False


def test_industry_facts_match_targets_and_specialisations_by_code_prefix(facts: dict) -> None:
    assert (facts["I"]["industry_targeted"], facts["I"]["rm_specialised"]) == (True, True)
    assert (facts["J"]["industry_targeted"], facts["J"]["rm_specialised"]) == (False, False)
    assert (facts["Z"]["industry_targeted"], facts["Z"]["rm_specialised"]) == (False, False)


def test_a_party_with_no_rows_has_zero_counts_and_unknown_durations(facts: dict) -> None:
    z = facts["Z"]
    counted = [
        f.name for f in FACTS if f.type == "integer" and not f.name.startswith(("days_", "months_"))
    ]
    assert all(z[name] == 0 for name in counted), {name: z[name] for name in counted}
    assert z["days_since_first_contact"] is None
    assert z["days_since_last_contact"] is None
    assert z["months_as_customer"] is None
    assert (z["total_balance"], z["balance_change_90d"]) == (0.0, 0.0)
    assert (z["kyc_valid"], z["is_customer"]) == (False, False)
    assert (z["aml_flagged"], z["industry_targeted"], z["rm_specialised"]) == (False,) * 3


def test_every_fact_of_the_catalogue_is_computed(facts: dict) -> None:
    assert len(FACTS) >= 20
    assert {f.name for f in FACTS} <= set(facts["A"])


def test_a_holding_of_a_product_missing_from_the_catalogue_still_counts_as_held(
    store_path: Path,
) -> None:
    b = StoreBuilder()
    b.party("A")
    b.holding("A", "DEP", "2026-01-01")
    b.build(store_path).dispose()
    con = backends.duckdb(threads=1)
    backends.copy_sources(backends.sqlite(store_path), con)
    con.raw_sql("INSERT INTO holding VALUES (99, 'A', 'NOT_LISTED', DATE '2026-02-01', NULL)")
    row = compute_facts(Sources.on(con), AS_OF).to_pyarrow().to_pylist()[0]
    assert (row["products_held"], row["product_families_held"]) == (2, 1)
