"""The shipped six-rung playbook is sound for every bank profile and says what the data expects."""

from decimal import Decimal

import pytest

from bankladder.ladder.facts import FactType
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook import check_playbook, load_playbook
from bankladder.playbooks import default_playbook_path

pytestmark = pytest.mark.unit

ENTRY_CRITERIA = {
    "acquaintance": ["contacts_total >= 1", "events_attended_365d >= 1"],
    "discovery": ["interactions_90d >= 2", "needs_identified >= 1"],
    "goodwill": [
        "products_held >= 1",
        "care_events_180d + service_events_180d >= 1",
        "complaints_open == 0",
    ],
    "resource_mining": [
        "product_families_held >= 2",
        "total_balance >= 50000",
        "months_as_customer >= 6",
    ],
    "win_win": ["vip_tier >= 2", "product_families_held >= 3", "interactions_90d >= 3"],
    "intermediary": ["referrals_converted >= 1 or partners_on_books >= 1"],
}
ACTION_KINDS = [
    "first_contact",
    "invite_to_event",
    "follow_up_contact",
    "discover_needs",
    "open_first_product",
    "care_visit",
    "resolve_complaint",
    "cross_sell",
    "grow_balance",
    "nurture_relationship",
    "upgrade_vip",
    "deepen_partnership",
    "partnership_review",
    "ask_for_introduction",
]


def test_the_default_playbook_checks_clean(fact_types: dict[str, FactType]) -> None:
    assert check_playbook(default_playbook_path(), fact_types) == []


@pytest.mark.parametrize("profile", list(BankProfile))
def test_the_default_playbook_loads_for_every_profile(
    profile: BankProfile, fact_types: dict[str, FactType]
) -> None:
    ladder = load_playbook(default_playbook_path(), fact_types, profile)
    assert [stage.rank for stage in ladder.stages] == [1, 2, 3, 4, 5, 6]
    assert all(2 <= len(stage.tactics) <= 4 for stage in ladder.stages)
    assert all(stage.name.zh and stage.name.en and stage.summary.zh for stage in ladder.stages)


def test_the_six_rungs_have_the_agreed_entry_criteria(young_ladder: Ladder) -> None:
    found = {
        stage.id: [criterion.source for criterion in stage.criteria]
        for stage in young_ladder.stages
    }
    assert found == ENTRY_CRITERIA


def test_every_criterion_has_its_agreed_action(young_ladder: Ladder) -> None:
    kinds = [c.action.kind for stage in young_ladder.stages for c in stage.criteria]
    assert kinds == ACTION_KINDS


def test_an_open_complaint_is_the_most_urgent_action(young_ladder: Ladder) -> None:
    complaint = young_ladder.stage("goodwill").criteria[2].action
    assert (complaint.due_days, complaint.weight) == (2, 2.0)


def test_the_balance_threshold_is_fifty_thousand(young_ladder: Ladder) -> None:
    gap = young_ladder.stage("resource_mining").criteria[1].gap
    assert gap is not None
    assert (gap.op, gap.target, gap.integer_valued) == (">=", Decimal(50000), False)


def test_the_facts_the_engine_must_compute(young_ladder: Ladder) -> None:
    assert young_ladder.facts_used() == {
        "contacts_total",
        "events_attended_365d",
        "interactions_90d",
        "needs_identified",
        "products_held",
        "care_events_180d",
        "service_events_180d",
        "complaints_open",
        "product_families_held",
        "total_balance",
        "months_as_customer",
        "vip_tier",
        "referrals_converted",
        "partners_on_books",
    }
