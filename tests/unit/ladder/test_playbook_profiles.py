"""A young bank keeps trust-building on the first rung; an established bank skips it."""

from collections.abc import Callable
from pathlib import Path

import pytest

from bankladder.ladder.facts import FactType
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.placement import place
from bankladder.ladder.playbook import load_playbook
from bankladder.playbooks import default_playbook_path

pytestmark = pytest.mark.unit

WritePlaybook = Callable[[str], Path]


def criterion_ids(ladder: Ladder) -> list[str]:
    return [criterion.id for stage in ladder.stages for criterion in stage.criteria]


def test_a_young_bank_asks_for_a_bank_event_on_the_first_rung(young_ladder: Ladder) -> None:
    first = young_ladder.stages[0]
    assert young_ladder.profile is BankProfile.young
    assert [criterion.id for criterion in first.criteria] == ["first_contact", "bank_trust"]
    assert len(first.tactics) == 3


def test_an_established_bank_drops_the_trust_building_criterion_and_tactic(
    established_ladder: Ladder, young_ladder: Ladder
) -> None:
    first = established_ladder.stages[0]
    assert established_ladder.profile is BankProfile.established
    assert [criterion.id for criterion in first.criteria] == ["first_contact"]
    assert len(first.tactics) == 2
    assert "licence" not in " ".join(tactic.en for tactic in first.tactics)
    assert set(criterion_ids(young_ladder)) - set(criterion_ids(established_ladder)) == {
        "bank_trust"
    }


def test_a_first_contact_is_enough_for_an_established_bank_but_not_a_young_one(
    young_ladder: Ladder, established_ladder: Ladder
) -> None:
    facts = {"contacts_total": 1, "events_attended_365d": 0}
    assert place(young_ladder, facts).stage is None
    established_stage = place(established_ladder, facts).stage
    assert established_stage is not None
    assert established_stage.id == "acquaintance"


def test_the_playbooks_own_profile_is_used_when_the_bank_sets_none(
    fact_types: dict[str, FactType],
) -> None:
    ladder = load_playbook(default_playbook_path(), fact_types)
    assert ladder.profile is BankProfile.young


def test_a_playbook_without_a_profile_defaults_to_young(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    path = write_playbook(
        """
        ladder: tiny
        version: "1"
        name: {zh: 小, en: Tiny}
        stages:
          - id: one
            name: {zh: 一, en: One}
            summary: {zh: 一, en: One}
            criteria:
              - id: contacted
                when: contacts_total >= 1
                action: {kind: first_contact, reason: {zh: 联系, en: Contact}}
          - id: two
            name: {zh: 二, en: Two}
            summary: {zh: 二, en: Two}
            tactics:
              - {zh: 关怀, en: Care, profiles: [established]}
            criteria:
              - id: bought
                when: products_held >= 1
                action: {kind: open_first_product, reason: {zh: 开户, en: Open}}
        """
    )
    young = load_playbook(path, fact_types)
    established = load_playbook(path, fact_types, BankProfile.established)
    assert young.profile is BankProfile.young
    assert young.stages[1].tactics == ()
    assert [tactic.en for tactic in established.stages[1].tactics] == ["Care"]
