"""A ladder is immutable data that answers questions about its rungs."""

import pytest

from bankladder.ladder.model import Ladder

pytestmark = pytest.mark.unit


def test_a_stage_is_found_by_its_id(young_ladder: Ladder) -> None:
    assert young_ladder.stage("goodwill").rank == 3


def test_an_unknown_stage_id_is_a_key_error(young_ladder: Ladder) -> None:
    with pytest.raises(KeyError):
        young_ladder.stage("nowhere")


def test_the_rung_after_none_is_the_first(young_ladder: Ladder) -> None:
    assert young_ladder.next_stage(None) == young_ladder.stages[0]


def test_the_rung_after_a_stage_is_the_next_rank(young_ladder: Ladder) -> None:
    following = young_ladder.next_stage("goodwill")
    assert following is not None
    assert following.id == "resource_mining"


def test_there_is_no_rung_above_the_top(young_ladder: Ladder) -> None:
    assert young_ladder.next_stage("intermediary") is None


def test_a_criterion_remembers_its_source_and_line(young_ladder: Ladder) -> None:
    criterion = young_ladder.stage("acquaintance").criteria[0]
    assert criterion.source == "contacts_total >= 1"
    assert criterion.id == "first_contact"
    assert criterion.line > 1


def test_facts_named_in_reasons_are_facts_used(young_ladder: Ladder) -> None:
    criterion = young_ladder.stage("goodwill").criteria[2]
    assert criterion.facts_used == ("complaints_open",)


def test_ladders_are_immutable(young_ladder: Ladder) -> None:
    with pytest.raises(AttributeError):
        young_ladder.id = "other"  # type: ignore[misc]
