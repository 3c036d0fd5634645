"""Use cases: evaluate the store as of a date, or one party right after a visit is logged."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bankladder.audit import service as audit
from bankladder.config import DISMISSED_QUIET_DAYS
from bankladder.engine import backends
from bankladder.engine.evaluate import Evaluation, evaluate
from bankladder.engine.guards import REFRESH_KYC
from bankladder.errors import InvalidInput
from bankladder.evaluation import guards as guard_texts
from bankladder.evaluation import repository
from bankladder.evaluation.explain import evidence, reasons
from bankladder.ladder.model import Ladder, Text
from bankladder.store.database import make_safe, sqlite_path, unit_of_work
from bankladder.store.vocabulary import ActionStatus, TransitionDirection


@dataclass(frozen=True)
class EvaluationRun:
    """What one evaluation did, for the operator."""

    as_of: dt.date
    engine: str
    parties: int
    by_rank: dict[int, int]
    transitions: int
    actions_proposed: int
    actions_resolved: int
    seconds: float


IN_PLACE = {"sqlite": "sqlite", "postgresql": "postgres"}
"""The engine that evaluates each kind of store where it lies, by SQLAlchemy dialect."""


def in_place_engine(store: Engine) -> str:
    """The engine that runs the compiled rules on the store itself."""
    engine = IN_PLACE.get(store.dialect.name)
    if engine is None:
        raise InvalidInput(
            f"evaluation on a {store.dialect.name} store is not available",
            fix="keep the store on SQLite or PostgreSQL",
        )
    return engine


def engine_for(store: Engine, engine: str | None) -> str:
    """The engine asked for, or the default: DuckDB fed from a SQLite store (an embedded store is
    small and DuckDB is fastest), in place on a PostgreSQL store (no copy over the network)."""
    if engine is not None:
        return engine
    return "postgres" if in_place_engine(store) == "postgres" else "duckdb"


def _store_backend(store: Engine) -> Any:
    url = store.url.render_as_string(hide_password=False)
    path = sqlite_path(url)
    if path is not None:
        return backends.sqlite(path)
    if in_place_engine(store) == "postgres":
        return backends.postgres(url)
    raise InvalidInput(f"evaluation needs a SQLite file store, not {make_safe(url)}")


def open_backend(store: Engine, engine: str | None, threads: int | None = None) -> Any:
    """The Ibis backend to evaluate on: the store itself (SQLite or PostgreSQL, in place), or
    DuckDB fed with a copy of the store's source tables."""
    chosen, own = engine_for(store, engine), in_place_engine(store)
    if chosen not in ("duckdb", own):
        raise InvalidInput(
            f"engine {chosen!r} cannot evaluate a {store.dialect.name} store",
            where="--engine",
            fix=f"use --engine duckdb or {own}",
        )
    store_backend = _store_backend(store)
    if chosen == own:
        return store_backend
    batch = backends.duckdb(threads)
    try:
        backends.copy_sources(store_backend, batch)
    finally:
        store_backend.disconnect()
    return batch


def evaluate_store(
    store: Engine,
    ladder: Ladder,
    as_of: dt.date,
    *,
    engine: str | None = None,
    party_ids: Sequence[str] | None = None,
    threads: int | None = None,
    quiet_days: int = DISMISSED_QUIET_DAYS,
) -> EvaluationRun:
    """Evaluate every party (or ``party_ids``) as of ``as_of`` and keep the results."""
    return evaluate_dates(
        store,
        ladder,
        [as_of],
        engine=engine,
        party_ids=party_ids,
        threads=threads,
        quiet_days=quiet_days,
    )[0]


def evaluate_dates(
    store: Engine,
    ladder: Ladder,
    dates: Sequence[dt.date],
    *,
    engine: str | None = None,
    party_ids: Sequence[str] | None = None,
    threads: int | None = None,
    on_done: Callable[[EvaluationRun], None] | None = None,
    actions_for_newest_only: bool = False,
    quiet_days: int = DISMISSED_QUIET_DAYS,
) -> list[EvaluationRun]:
    """Evaluate as of each date in turn (oldest first, so transitions follow the history),
    reading the store once; each date is kept in its own transaction.

    With ``actions_for_newest_only`` the earlier dates rebuild assessments and transitions only
    (a history), and actions are proposed as of the newest date alone. Without ``engine``, the
    store's default (``engine_for``). An action answered "not relevant" is not proposed again
    for ``quiet_days`` days."""
    chosen = engine_for(store, engine)
    backend = open_backend(store, chosen, threads)
    runs = []
    newest = max(dates)
    try:
        for day in sorted(dates):
            started = time.perf_counter()
            result = evaluate(backend, ladder, day, party_ids)
            propose = day == newest or not actions_for_newest_only
            with unit_of_work(store) as session:
                recorded = record(
                    session, result, party_ids, propose=propose, quiet_days=quiet_days
                )
            run = EvaluationRun(engine=chosen, seconds=time.perf_counter() - started, **recorded)
            runs.append(run)
            if on_done is not None:
                on_done(run)
    finally:
        backend.disconnect()
    return runs


def reevaluate_party(
    store: Engine,
    ladder: Ladder,
    party_id: str,
    as_of: dt.date,
    *,
    quiet_days: int = DISMISSED_QUIET_DAYS,
) -> EvaluationRun:
    """Evaluate one party in place on the store, with the same compiled rules as the batch."""
    return evaluate_store(
        store,
        ladder,
        as_of,
        engine=in_place_engine(store),
        party_ids=[party_id],
        quiet_days=quiet_days,
    )


def record(
    session: Session,
    result: Evaluation,
    party_ids: Sequence[str] | None,
    *,
    propose: bool = True,
    quiet_days: int = DISMISSED_QUIET_DAYS,
) -> dict[str, Any]:
    """Write assessments, transitions and (when ``propose`` and for the newest date evaluated so
    far) actions of one evaluation."""
    latest = repository.latest_assessment_date(session)
    placements = result.placements.to_pylist()
    by_party = {row["party_id"]: row for row in placements}
    repository.replace_assessments(
        session, result.as_of, _assessments(result, placements), party_ids
    )
    moves = _transitions(session, result.as_of, placements, party_ids)
    repository.replace_transitions(session, result.as_of, moves, party_ids)
    proposed = resolved = 0
    if propose and (latest is None or result.as_of >= latest):
        quiet = quiet_criteria(session, result.as_of, quiet_days, party_ids)
        proposed, resolved = _sync_actions(session, result, by_party, party_ids, quiet)
    by_rank: dict[int, int] = {}
    for row in placements:
        by_rank[row["stage_rank"]] = by_rank.get(row["stage_rank"], 0) + 1
    if party_ids is None:  # a whole run; one party re-evaluated follows a change audited itself
        detail = {"parties": len(placements), "transitions": len(moves), "actions": proposed}
        audit.record(
            session,
            None,
            "evaluation.run",
            "evaluation",
            result.as_of.isoformat(),
            dt.datetime.now(),
            detail={**detail, "playbook": result.ladder.label},
        )
    return {
        "as_of": result.as_of,
        "parties": len(placements),
        "by_rank": dict(sorted(by_rank.items())),
        "transitions": len(moves),
        "actions_proposed": proposed,
        "actions_resolved": resolved,
    }


def _assessments(result: Evaluation, placements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    label = result.ladder.label
    return [
        {
            "party_id": row["party_id"],
            "as_of": result.as_of,
            "stage_id": row["stage_id"],
            "stage_rank": row["stage_rank"],
            "score": row["score"],
            "evidence": evidence(result.ladder, row),
            "playbook": label,
        }
        for row in placements
    ]


def _direction(before: int, after: int) -> TransitionDirection:
    if before == 0:
        return TransitionDirection.ENTERED
    if after == 0:
        return TransitionDirection.LEFT
    return TransitionDirection.ADVANCED if after > before else TransitionDirection.REGRESSED


def _transitions(
    session: Session,
    as_of: dt.date,
    placements: list[dict[str, Any]],
    party_ids: Sequence[str] | None,
) -> list[dict[str, Any]]:
    before = repository.stages_before(session, as_of, party_ids)
    moves = []
    for row in placements:
        old_stage, old_rank = before.get(row["party_id"], (None, 0))
        if old_rank == row["stage_rank"]:
            continue
        moves.append(
            {
                "party_id": row["party_id"],
                "from_stage": old_stage,
                "to_stage": row["stage_id"],
                "direction": _direction(old_rank, row["stage_rank"]),
                "changed_on": as_of,
            }
        )
    return moves


def _sync_actions(
    session: Session,
    result: Evaluation,
    by_party: dict[str, dict[str, Any]],
    party_ids: Sequence[str] | None,
    quiet: Collection[tuple[str, str]],
) -> tuple[int, int]:
    """Refresh live actions still proposed, add new ones (but none in a quiet period), resolve
    those no longer proposed."""
    live = repository.live_actions(session, party_ids)
    rows = (
        action_row(result.ladder, action, by_party[action["party_id"]], result.as_of)
        for action in result.actions.to_pylist()
    )
    proposed = put_actions(session, live, rows, quiet)
    repository.resolve_actions(session, live.values(), result.as_of)
    return proposed, len(live)


def quiet_criteria(
    session: Session, as_of: dt.date, quiet_days: int, party_ids: Sequence[str] | None
) -> set[tuple[str, str]]:
    """The (party, criterion) pairs whose action an RM answered "not relevant" less than
    ``quiet_days`` days before ``as_of`` (or after it): not proposed again yet. Dismissed on
    June 1 with 30 quiet days, the step may come back from July 1."""
    if quiet_days <= 0:
        return set()
    since = dt.datetime.combine(as_of - dt.timedelta(days=quiet_days - 1), dt.time.min)
    return repository.dismissed_since(session, since, party_ids)


def put_actions(
    session: Session,
    live: dict[tuple[str, str], int],
    rows: Iterable[dict[str, Any]],
    quiet: Collection[tuple[str, str]] = frozenset(),
) -> int:
    """Add each proposed action, or refresh the live one of its party and criterion (taken
    out of ``live``, so what stays there is no longer proposed); how many were proposed. A new
    action whose (party, criterion) is in ``quiet`` (see ``quiet_criteria``) is left out."""
    fresh, refreshed = [], []
    for row in rows:
        key = (row["party_id"], row["criterion_id"])
        action_id = live.pop(key, None)
        if action_id is None:
            if key in quiet:
                continue
            fresh.append(row)
        else:
            refreshed.append({"action_id": action_id, **row})
    repository.add_actions(session, fresh)
    repository.refresh_actions(session, refreshed)
    return len(fresh) + len(refreshed)


def action_row(
    ladder: Ladder, action: dict[str, Any], facts: dict[str, Any], as_of: dt.date
) -> dict[str, Any]:
    """The store's row for one proposed action, its reason in words from the party's ``facts``
    (shared by evaluations in the store and the import of a batch engine's results); an action
    a guard rail holds back says which and why."""
    text = _reason(ladder, action, facts)
    guard = action.get("blocked_by")
    held = None if guard is None else guard_texts.held_back(guard, facts, ladder.guards)
    return {
        "party_id": action["party_id"],
        "rm_id": action["rm_id"],
        "kind": action["action_kind"],
        "criterion_id": action["criterion_id"],
        "target_stage": action["target_stage"],
        "reason_zh": text.zh,
        "reason_en": text.en,
        "priority": action["priority"],
        "due_on": action["due_on"],
        "status": ActionStatus.OPEN,
        "proposed_on": as_of,
        "updated_on": as_of,
        "blocked_by": guard,
        "blocked_zh": None if held is None else held.zh,
        "blocked_en": None if held is None else held.en,
    }


def _reason(ladder: Ladder, action: dict[str, Any], facts: dict[str, Any]) -> Text:
    if action["criterion_id"] == REFRESH_KYC:
        return guard_texts.REFRESH_KYC_REASON
    stage = ladder.stage(action["target_stage"])
    criterion = next(c for c in stage.criteria if c.id == action["criterion_id"])
    return reasons(stage, criterion, action, facts)
