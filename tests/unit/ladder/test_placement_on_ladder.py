"""A party stands on the highest rung it has climbed to in order, with the evidence to show."""

from collections.abc import Mapping
from decimal import Decimal

import pytest

from bankladder.ladder.facts import FactValue
from bankladder.ladder.model import Ladder
from bankladder.ladder.placement import place

pytestmark = pytest.mark.unit

ACQUAINTED: dict[str, FactValue] = {"contacts_total": 2, "events_attended_365d": 1}
DISCOVERED: dict[str, FactValue] = {"interactions_90d": 2, "needs_identified": 1}
IN_GOODWILL: dict[str, FactValue] = {
    "products_held": 1,
    "care_events_180d": 0,
    "service_events_180d": 1,
    "complaints_open": 0,
}
MINED: dict[str, FactValue] = {
    "product_families_held": 2,
    "total_balance": Decimal(80000),
    "months_as_customer": 12,
}
WIN_WIN: dict[str, FactValue] = {"vip_tier": 2, "product_families_held": 3, "interactions_90d": 4}
INTERMEDIARY: dict[str, FactValue] = {"referrals_converted": 0, "partners_on_books": 1}


def party(*rungs: Mapping[str, FactValue], **changes: FactValue) -> dict[str, FactValue]:
    facts: dict[str, FactValue] = {}
    for rung in rungs:
        facts.update(rung)
    return facts | changes


def test_a_party_never_contacted_is_not_yet_on_the_ladder(young_ladder: Ladder) -> None:
    placement = place(young_ladder, {"contacts_total": 0, "events_attended_365d": 0})
    assert placement.stage is None
    assert placement.rank == 0
    assert placement.next_stage == young_ladder.stages[0]
    assert [result.criterion.id for result in placement.unmet] == ["first_contact", "bank_trust"]


def test_a_party_meeting_each_rung_in_turn_climbs_to_it(young_ladder: Ladder) -> None:
    rungs = [ACQUAINTED, DISCOVERED, IN_GOODWILL, MINED]
    for rank in range(1, 5):
        placement = place(young_ladder, party(*rungs[:rank]))
        assert placement.rank == rank
        assert placement.next_stage == young_ladder.stages[rank]


def test_a_party_meeting_rung_four_but_failing_rung_three_stands_on_rung_two(
    young_ladder: Ladder,
) -> None:
    facts = party(ACQUAINTED, DISCOVERED, IN_GOODWILL, MINED, products_held=0)
    placement = place(young_ladder, facts)
    assert placement.stage is not None
    assert placement.stage.id == "discovery"
    assert placement.next_stage is not None
    assert placement.next_stage.id == "goodwill"
    assert [result.criterion.id for result in placement.unmet] == ["first_product"]


def test_a_party_meeting_every_rung_stands_on_the_top_with_nothing_left(
    young_ladder: Ladder,
) -> None:
    placement = place(
        young_ladder, party(ACQUAINTED, DISCOVERED, IN_GOODWILL, MINED, WIN_WIN, INTERMEDIARY)
    )
    assert placement.stage == young_ladder.stages[-1]
    assert placement.rank == 6
    assert placement.next_stage is None
    assert placement.unmet == ()
    assert all(result.met for result in placement.evidence)


def test_evidence_covers_every_rung_climbed_and_the_next_one(young_ladder: Ladder) -> None:
    placement = place(young_ladder, party(ACQUAINTED, DISCOVERED))
    stages = [result.stage.id for result in placement.evidence]
    assert stages == ["acquaintance"] * 2 + ["discovery"] * 2 + ["goodwill"] * 3
    first = placement.evidence[0]
    assert (first.criterion.id, first.met, first.facts) == (
        "first_contact",
        True,
        {"contacts_total": 2},
    )


def test_an_unknown_fact_never_meets_a_criterion(young_ladder: Ladder) -> None:
    placement = place(
        young_ladder, party(ACQUAINTED, DISCOVERED, IN_GOODWILL, complaints_open=None)
    )
    assert placement.rank == 2
    [complaint] = placement.unmet
    assert complaint.criterion.id == "no_open_complaint"
    assert complaint.outcome is None
    assert (complaint.value, complaint.gap) == (None, None)


def test_a_party_drops_back_when_a_complaint_opens(young_ladder: Ladder) -> None:
    happy = party(ACQUAINTED, DISCOVERED, IN_GOODWILL, MINED)
    assert place(young_ladder, happy).rank == 4
    placement = place(young_ladder, happy | {"complaints_open": 1})
    assert placement.rank == 2
    [complaint] = placement.unmet
    assert complaint.criterion.action.kind == "resolve_complaint"
    assert (complaint.value, complaint.gap) == (1, Decimal(1))
    assert complaint.criterion.action.due_days == 2


def test_either_a_converted_referral_or_a_partner_makes_an_intermediary(
    young_ladder: Ladder,
) -> None:
    climbed = party(ACQUAINTED, DISCOVERED, IN_GOODWILL, MINED, WIN_WIN)
    by_referral = climbed | {"referrals_converted": 1, "partners_on_books": None}
    by_partner = climbed | {"referrals_converted": None, "partners_on_books": 2}
    neither = climbed | {"referrals_converted": 0, "partners_on_books": None}
    assert place(young_ladder, by_referral).rank == 6
    assert place(young_ladder, by_partner).rank == 6
    assert place(young_ladder, neither).rank == 5


def test_unmet_criteria_carry_value_target_and_gap(young_ladder: Ladder) -> None:
    placement = place(young_ladder, party(ACQUAINTED, interactions_90d=1, needs_identified=0))
    found = {
        result.criterion.id: (result.value, result.target, result.gap) for result in placement.unmet
    }
    assert found == {
        "recent_contacts": (1, Decimal(2), Decimal(1)),
        "needs_known": (0, Decimal(1), Decimal(1)),
    }


def test_a_criterion_without_a_threshold_has_no_gap(young_ladder: Ladder) -> None:
    climbed = party(ACQUAINTED, DISCOVERED, IN_GOODWILL, MINED, WIN_WIN)
    [introduction] = place(young_ladder, climbed).unmet
    assert introduction.criterion.gap is None
    assert (introduction.value, introduction.target, introduction.gap) == (None, None, None)
    assert introduction.facts == {"partners_on_books": None, "referrals_converted": None}


def test_an_established_bank_places_without_the_trust_event(established_ladder: Ladder) -> None:
    facts = party(ACQUAINTED, events_attended_365d=0)
    assert place(established_ladder, facts).rank == 1
