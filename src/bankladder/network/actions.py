"""Introductions as worklist actions: each introducer's best prospects ("ask A to introduce
you to C", with the path in words), synced like the engine's actions but only among the
``introduce:`` ones, so an evaluation and a network run never resolve each other's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from bankladder.config import DISMISSED_QUIET_DAYS
from bankladder.engine.ranking import ENTERPRISE_VALUE_FACTOR, TOP_BAND
from bankladder.evaluation import guards as guard_texts
from bankladder.evaluation import repository as evaluation_repository
from bankladder.evaluation.repository import INTRODUCTION
from bankladder.evaluation.service import put_actions, quiet_criteria
from bankladder.ladder.model import Ladder
from bankladder.ladder.policies import Purpose
from bankladder.network.paths import Shown, label, path_in_words
from bankladder.network.results import Named, parties_named
from bankladder.privacy.masking import party_name
from bankladder.store.vocabulary import ActionStatus

KIND = "ask_for_introduction"
PER_INTRODUCER = 3
"""An introducer's best prospects that become actions: more would crowd the RM's day."""
DUE_DAYS = 14


def priority(potential: float, strength: float, enterprise: bool, target_rank: int) -> float:
    """On the engine's scale (``engine/ranking.py``): the prospect's potential as a value band
    (1 + 4 x potential: 1..5 like the balance bands), x1.5 for an enterprise, x (1 + the
    rung aimed at / 10), times the path's strength (how likely the introduction is) in place
    of urgency and propensity."""
    band = 1 + (TOP_BAND - 1) * potential
    value = band * (ENTERPRISE_VALUE_FACTOR if enterprise else 1.0) * (1 + target_rank / 10)
    return round(value * strength, 4)


def shown_to(rm_id: str | None, named: Mapping[str, Named]) -> dict[str, Shown]:
    """The parties as the introducer's RM may see them: named (persons masked, as
    ``privacy.masking.party_name``) when in the RM's book or a customer, as the network pages
    name them; any other party by its kind only ("an enterprise"), not identified."""
    return {
        party_id: (
            party_name(party.name, party.kind)
            if party.customer or (rm_id is not None and party.rm_id == rm_id)
            else "",
            party.kind,
        )
        for party_id, party in named.items()
    }


def reasons(row: Mapping[str, Any], shown: Mapping[str, Shown]) -> tuple[str, str]:
    """(zh, en): ask the introducer to introduce the prospect, and the path that links them."""
    path, introducer, prospect = row["path"], row["party_id"], row["prospect_id"]
    zh = path_in_words(path, introducer, shown, "zh_CN")
    en = path_in_words(path, introducer, shown, "en")
    a_zh, c_zh = label(introducer, shown, "zh_CN"), label(prospect, shown, "zh_CN")
    a_en, c_en = label(introducer, shown, "en"), label(prospect, shown, "en")
    return f"请 {a_zh} 介绍您认识 {c_zh}：{zh}", f"Ask {a_en} to introduce you to {c_en}: {en}"


def action_rows(
    session: Session, prospects: list[dict[str, Any]], ladder: Ladder, as_of: dt.date
) -> list[dict[str, Any]]:
    """The actions of the prospects ranked ``PER_INTRODUCER`` or better; the RM is the
    introducer's, and the words name only what that RM may see (``shown_to``)."""
    chosen = [row for row in prospects if row["rank"] <= PER_INTRODUCER]
    ends = ("from_id", "to_id")
    named = parties_named(
        session, {edge[end] for row in chosen for edge in row["path"] for end in ends}
    )
    target = ladder.stages[-1]
    guard_facts = evaluation_repository.guard_facts(
        session, {row["party_id"] for row in chosen}, as_of
    )
    rows = []
    for row in chosen:
        introducer, prospect = named.get(row["party_id"]), named.get(row["prospect_id"])
        if introducer is None or prospect is None:
            continue
        zh, en = reasons(row, shown_to(introducer.rm_id, named))
        rows.append(
            {
                "party_id": row["party_id"],
                "rm_id": introducer.rm_id,
                "kind": KIND,
                "criterion_id": f"{INTRODUCTION}{row['prospect_id']}",
                "target_stage": target.id,
                "reason_zh": zh,
                "reason_en": en,
                "priority": priority(
                    row["potential"], row["strength"], prospect.kind == "enterprise", target.rank
                ),
                "due_on": as_of + dt.timedelta(days=DUE_DAYS),
                "status": ActionStatus.OPEN,
                "proposed_on": as_of,
                "updated_on": as_of,
                **held_back(ladder, guard_facts.get(row["party_id"], {})),
            }
        )
    return rows


def held_back(ladder: Ladder, facts: Mapping[str, Any]) -> dict[str, Any]:
    """An introduction is marketing: the guard rails that hold marketing back hold it too."""
    guard = ladder.guards.holding_back(Purpose.MARKETING, facts)
    text = None if guard is None else guard_texts.held_back(guard, facts, ladder.guards)
    return {
        "blocked_by": None if guard is None else guard.value,
        "blocked_zh": None if text is None else text.zh,
        "blocked_en": None if text is None else text.en,
    }


def sync(session: Session, rows: list[dict[str, Any]], as_of: dt.date) -> tuple[int, int]:
    """Refresh the live introduction actions still proposed, add new ones (none the RM
    dismissed within the quiet period), resolve those no longer proposed: (proposed,
    resolved). The engine's actions are not touched."""
    live = evaluation_repository.live_actions(session, None, introductions=True)
    quiet = quiet_criteria(session, as_of, DISMISSED_QUIET_DAYS, None)
    proposed = put_actions(session, live, rows, quiet)
    evaluation_repository.resolve_actions(session, live.values(), as_of)
    return proposed, len(live)
