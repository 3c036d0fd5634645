"""Actions, assessments and stage moves for the small bank of tests/workbench.py (today is
2026-06-30 on the tests' clock), for the My day, actions API and team tests.

RM01 (BR01): P-RM01-2 first contact (priority 8, due 07-05), P-RM01-1 follow-up (5, overdue
since 06-20), P-RM01-2 invite to an event (2, snoozed to today: due again), P-RM01-1 discover
needs (1, snoozed to 07-10: hidden), P-RM01-1 care visit (done: hidden).
RM02 (BR01): P-RM02-1 open a first product (3, due 07-01).  RM03 (BR02): P-RM03-1 (9).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, insert, select

from bankladder.store.database import unit_of_work
from bankladder.store.models import Action, ActionFeedback, Assessment, AuditEvent, Transition
from bankladder.store.vocabulary import ActionStatus

TODAY = dt.date(2026, 6, 30)
ASSESSED = dt.date(2026, 6, 29)


def _action(
    label: str,
    party: str,
    rm: str,
    kind: str,
    criterion: str,
    target: str,
    priority: float,
    due: str,
    status: ActionStatus = ActionStatus.OPEN,
) -> tuple[str, dict[str, Any]]:
    return label, {
        "party_id": party,
        "rm_id": rm,
        "kind": kind,
        "criterion_id": criterion,
        "target_stage": target,
        "reason_zh": f"原因{label}",
        "reason_en": f"Reason {label}",
        "priority": priority,
        "due_on": dt.date.fromisoformat(due),
        "status": status,
        "proposed_on": dt.date(2026, 6, 1),
        "updated_on": dt.date(2026, 6, 1),
    }


ACTIONS = [
    _action(
        "first",
        "P-RM01-2",
        "RM01",
        "first_contact",
        "first_contact",
        "acquaintance",
        8.0,
        "2026-07-05",
    ),
    _action(
        "follow",
        "P-RM01-1",
        "RM01",
        "follow_up_contact",
        "recent_contacts",
        "discovery",
        5.0,
        "2026-06-20",
    ),
    _action(
        "woke",
        "P-RM01-2",
        "RM01",
        "invite_to_event",
        "bank_trust",
        "acquaintance",
        2.0,
        "2026-06-30",
        ActionStatus.SNOOZED,
    ),
    _action(
        "asleep",
        "P-RM01-1",
        "RM01",
        "discover_needs",
        "needs_known",
        "discovery",
        1.0,
        "2026-07-10",
        ActionStatus.SNOOZED,
    ),
    _action(
        "done",
        "P-RM01-1",
        "RM01",
        "care_visit",
        "cared_for",
        "goodwill",
        7.0,
        "2026-06-25",
        ActionStatus.DONE,
    ),
    _action(
        "rm02",
        "P-RM02-1",
        "RM02",
        "open_first_product",
        "first_product",
        "goodwill",
        3.0,
        "2026-07-01",
    ),
    _action(
        "rm03",
        "P-RM03-1",
        "RM03",
        "first_contact",
        "first_contact",
        "acquaintance",
        9.0,
        "2026-07-02",
    ),
]

STAGES = {
    "P-RM01-1": ("acquaintance", 1),
    "P-RM01-2": (None, 0),
    "P-RM02-1": ("discovery", 2),
    "P-RM03-1": ("acquaintance", 1),
}

MOVES = [
    ("P-RM01-1", None, "acquaintance", "entered", "2026-06-15"),
    ("P-RM02-1", "acquaintance", "discovery", "advanced", "2026-06-29"),
    ("P-RM02-1", None, "acquaintance", "entered", "2026-04-01"),  # before the 30 days
    ("P-RM03-1", "discovery", "acquaintance", "regressed", "2026-06-29"),
]


def seed(engine: Engine) -> dict[str, int]:
    """Write the rows above; the action ids by label."""
    with unit_of_work(engine) as session:
        session.execute(
            insert(Assessment),
            [
                {
                    "party_id": party,
                    "as_of": ASSESSED,
                    "stage_id": stage,
                    "stage_rank": rank,
                    "score": float(rank),
                    "evidence": {},
                    "playbook": "default@1/young",
                }
                for party, (stage, rank) in STAGES.items()
            ],
        )
        session.execute(
            insert(Transition),
            [
                {
                    "party_id": party,
                    "from_stage": old,
                    "to_stage": new,
                    "direction": direction,
                    "changed_on": dt.date.fromisoformat(day),
                }
                for party, old, new, direction, day in MOVES
            ],
        )
        ids = {}
        for label, row in ACTIONS:
            ids[label] = session.execute(
                insert(Action).values(**row).returning(Action.id)
            ).scalar_one()
        return ids


def action_row(engine: Engine, action_id: int) -> Any:
    with unit_of_work(engine) as session:
        query = select(Action.status, Action.due_on, Action.version, Action.updated_on)
        return session.execute(query.where(Action.id == action_id)).one()


def feedback_rows(engine: Engine, action_id: int) -> list[Any]:
    with unit_of_work(engine) as session:
        query = select(
            ActionFeedback.user_id,
            ActionFeedback.outcome,
            ActionFeedback.reason,
            ActionFeedback.snoozed_until,
            ActionFeedback.at,
        )
        return list(session.execute(query.where(ActionFeedback.action_id == action_id)))


def audit_rows(engine: Engine, action_id: int) -> list[Any]:
    with unit_of_work(engine) as session:
        query = select(AuditEvent.user_id, AuditEvent.event, AuditEvent.reason, AuditEvent.detail)
        return list(
            session.execute(
                query.where(
                    AuditEvent.object_type == "action", AuditEvent.object_id == str(action_id)
                )
            )
        )
