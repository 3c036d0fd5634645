"""An action the RM answered "not relevant" stays away for the quiet period, then may return."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, update

from bankladder.evaluation.service import evaluate_store, reevaluate_party
from bankladder.ladder.model import Ladder
from bankladder.store.database import unit_of_work
from bankladder.store.models import Action, ActionFeedback
from bankladder.store.vocabulary import ActionStatus, FeedbackOutcome, UserRole
from tests.support import StoreBuilder, at, d
from tests.workbench import add_user

pytestmark = pytest.mark.integration

STEP = ("NEW", "first_contact")  # never contacted: the engine proposes a first contact


@pytest.fixture
def store(store_path: Path) -> Engine:
    b = StoreBuilder()
    b.party("NEW")
    b.party("OTHER")
    return b.build(store_path)


def _dismiss(store: Engine, party_id: str, criterion_id: str, when: dt.datetime) -> None:
    user = add_user(store, "wang", UserRole.RM, rm_id="RM01")
    with unit_of_work(store) as s:
        action_id = s.scalar(
            select(Action.id).where(
                Action.party_id == party_id,
                Action.criterion_id == criterion_id,
                Action.status == ActionStatus.OPEN,
            )
        )
        assert action_id is not None
        s.execute(
            update(Action)
            .where(Action.id == action_id)
            .values(status=ActionStatus.DISMISSED, updated_on=when.date())
        )
        s.execute(
            insert(ActionFeedback).values(
                action_id=action_id,
                user_id=user.id,
                outcome=FeedbackOutcome.NOT_RELEVANT,
                reason="已在他行办理",
                at=when,
            )
        )


def _statuses(store: Engine, party_id: str, criterion_id: str) -> list[ActionStatus]:
    with unit_of_work(store) as s:
        query = (
            select(Action.status)
            .where(Action.party_id == party_id, Action.criterion_id == criterion_id)
            .order_by(Action.id)
        )
        return list(s.scalars(query))


def test_a_dismissed_step_is_not_proposed_again_within_the_quiet_period(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, d("2026-05-31"))
    _dismiss(store, *STEP, at("2026-06-01"))
    evaluate_store(store, young_ladder, d("2026-06-30"), quiet_days=30)
    assert _statuses(store, *STEP) == [ActionStatus.DISMISSED]
    assert _statuses(store, "OTHER", "first_contact") == [ActionStatus.OPEN]  # others unaffected


def test_a_dismissed_step_is_proposed_again_once_the_quiet_period_is_over(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, d("2026-05-31"))
    _dismiss(store, *STEP, at("2026-06-01"))
    evaluate_store(store, young_ladder, d("2026-07-01"), quiet_days=30)
    assert _statuses(store, *STEP) == [ActionStatus.DISMISSED, ActionStatus.OPEN]


def test_the_quiet_period_is_the_setting_s_length(store: Engine, young_ladder: Ladder) -> None:
    evaluate_store(store, young_ladder, d("2026-05-31"))
    _dismiss(store, *STEP, at("2026-06-01"))
    evaluate_store(store, young_ladder, d("2026-06-11"), quiet_days=10)
    assert _statuses(store, *STEP) == [ActionStatus.DISMISSED, ActionStatus.OPEN]


def test_no_quiet_period_proposes_a_dismissed_step_at_the_next_evaluation(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, d("2026-05-31"))
    _dismiss(store, *STEP, at("2026-06-01"))
    evaluate_store(store, young_ladder, d("2026-06-02"), quiet_days=0)
    assert _statuses(store, *STEP) == [ActionStatus.DISMISSED, ActionStatus.OPEN]


def test_one_party_re_evaluated_after_a_visit_keeps_the_quiet_period(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, d("2026-05-31"))
    _dismiss(store, *STEP, at("2026-06-01"))
    reevaluate_party(store, young_ladder, "NEW", d("2026-06-15"))
    assert _statuses(store, *STEP) == [ActionStatus.DISMISSED]


def test_a_refresh_that_changes_nothing_leaves_the_action_s_version_alone(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, d("2026-05-31"))
    evaluate_store(store, young_ladder, d("2026-05-31"))
    with unit_of_work(store) as s:
        assert set(s.scalars(select(Action.version))) == {1}
