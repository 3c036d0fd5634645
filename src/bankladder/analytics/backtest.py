"""Back-testing a playbook: evaluate it as of each month-end to rebuild the stage history from
raw data, and compare two playbooks on the same history (how many parties would move, where,
and why) before adopting one.

The store is read into the evaluation backend once (``evaluation.service.open_backend``) and
evaluated as of every date there; nothing is written, except by ``record_history``, which
rebuilds the store's own stage history with ``evaluation.service.evaluate_dates``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Engine, select

from bankladder.analytics.backtest_schemas import (
    Comparison,
    Criterion,
    Flow,
    MonthComparison,
    MonthEnd,
    Move,
    Rung,
    StageHistory,
    Why,
)
from bankladder.config import DISMISSED_QUIET_DAYS
from bankladder.engine.evaluate import evaluate
from bankladder.engine.rules import met_column
from bankladder.evaluation.service import EvaluationRun, evaluate_dates, open_backend
from bankladder.ladder.model import Ladder, Stage, Text
from bankladder.privacy.masking import party_name
from bankladder.store.database import unit_of_work
from bankladder.store.models import Party

SAMPLE_PER_FLOW = 20
"""Moved parties shown per (from rung, to rung) at the newest month-end."""
NO_RUNG = Text("未上阶", "Not on the ladder")
PLACED = ("party_id", "stage_rank", "stage_id")


# --- Month-ends -------------------------------------------------------------------------------


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    first_of_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_of_next - dt.timedelta(days=1)


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every month-end in [start, end], oldest first (none when ``start`` is after ``end``)."""
    ends, cursor = [], month_end(start)
    while cursor <= end:
        ends.append(cursor)
        cursor = month_end(cursor + dt.timedelta(days=1))
    return ends


def last_month_ends(end: dt.date, count: int = 12) -> list[dt.date]:
    """The ``count`` month-ends up to ``end`` (itself included when it is one), oldest first."""
    newest = end if month_end(end) == end else end.replace(day=1) - dt.timedelta(days=1)
    ends = [newest]
    while len(ends) < count:
        ends.append(ends[-1].replace(day=1) - dt.timedelta(days=1))
    return sorted(ends)


# --- Rungs and funnels (pure) -----------------------------------------------------------------


def rungs(ladder: Ladder) -> tuple[Rung, ...]:
    """Rank 0 (no rung) and every rung of ``ladder``."""
    placed = tuple(Rung(s.rank, s.id, s.name) for s in ladder.stages)
    return (Rung(0, None, NO_RUNG), *placed)


def funnel(placements: pa.Table, ladder: Ladder) -> dict[int, int]:
    """Parties per rank, every rank of ``ladder`` present (0 included)."""
    counts = dict.fromkeys(range(len(ladder.stages) + 1), 0)
    for entry in pc.value_counts(placements["stage_rank"]).to_pylist():
        counts[int(entry["values"])] = int(entry["counts"])
    return counts


# --- The stage history of one playbook --------------------------------------------------------


@contextmanager
def _backend(store: Engine, engine: str | None, threads: int | None) -> Iterator[Any]:
    """The evaluation backend with the store read into it once, disconnected after use."""
    backend = open_backend(store, engine, threads)
    try:
        yield backend
    finally:
        backend.disconnect()


def history(
    store: Engine,
    ladder: Ladder,
    dates: Sequence[dt.date],
    *,
    engine: str | None = None,
    threads: int | None = None,
) -> StageHistory:
    """Each party's rank under ``ladder`` as of each date, and the funnel, recording nothing."""
    months = []
    with _backend(store, engine, threads) as backend:
        for day in sorted(dates):
            placements = evaluate(backend, ladder, day).placements.select(list(PLACED))
            months.append(MonthEnd(day, placements, funnel(placements, ladder)))
    return StageHistory(ladder.label, rungs(ladder), tuple(months))


def record_history(
    store: Engine,
    ladder: Ladder,
    dates: Sequence[dt.date],
    *,
    engine: str | None = None,
    threads: int | None = None,
    quiet_days: int = DISMISSED_QUIET_DAYS,
) -> list[EvaluationRun]:
    """Rebuild the store's stage history with ``ladder``: assessments and transitions as of
    each date (replacing those dates' own), actions as of the newest date only."""
    return evaluate_dates(
        store,
        ladder,
        dates,
        engine=engine,
        threads=threads,
        actions_for_newest_only=True,
        quiet_days=quiet_days,
    )


# --- Two playbooks on the same history --------------------------------------------------------


def deciding_criterion(
    a: Ladder, b: Ladder, row_a: Mapping[str, Any], row_b: Mapping[str, Any]
) -> str | None:
    """Why a party stands on different rungs under ``a`` and ``b``: on the rung above where the
    lower playbook placed it, the first criterion unmet there but met (or not asked) under the
    other; failing that, its first unmet one. None when that playbook has no rung there."""
    if row_b["stage_rank"] < row_a["stage_rank"]:
        return _first_decisive(b, row_b, row_a)
    return _first_decisive(a, row_a, row_b)


def _first_decisive(lower: Ladder, row: Mapping[str, Any], other: Mapping[str, Any]) -> str | None:
    rank = int(row["stage_rank"])
    if rank >= len(lower.stages):
        return None
    unmet = [c for c in lower.stages[rank].criteria if not row[met_column(c)]]
    decisive = [c for c in unmet if other.get(met_column(c), True)]
    chosen = (decisive or unmet)[:1]
    return chosen[0].id if chosen else None


def _ranks_and_flags(ladder: Ladder, placements: pa.Table) -> pa.Table:
    """Only what a comparison reads (rank and met flags): the facts need not stay in memory
    while the other playbook is evaluated."""
    flags = [met_column(c) for stage in ladder.stages for c in stage.criteria]
    return placements.select([*PLACED, *flags])


def _moved_rows(
    placed_a: pa.Table, placed_b: pa.Table
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(A's row, B's row) of every party the two playbooks place on different rungs."""
    if not placed_a["party_id"].equals(placed_b["party_id"]):
        raise RuntimeError("the two evaluations do not hold the same parties")
    moved = pc.not_equal(placed_a["stage_rank"], placed_b["stage_rank"])
    return list(
        zip(placed_a.filter(moved).to_pylist(), placed_b.filter(moved).to_pylist(), strict=True)
    )


def _month(
    a: Ladder, b: Ladder, day: dt.date, placed_a: pa.Table, placed_b: pa.Table
) -> tuple[MonthComparison, list[Move]]:
    """One month-end compared, with every move (names not filled in yet)."""
    moves = [
        Move(
            party_id=row_a["party_id"],
            name="",
            from_rank=int(row_a["stage_rank"]),
            to_rank=int(row_b["stage_rank"]),
            criterion_id=deciding_criterion(a, b, row_a, row_b),
        )
        for row_a, row_b in _moved_rows(placed_a, placed_b)
    ]
    flows = Counter((m.from_rank, m.to_rank) for m in moves)
    why = Counter((m.from_rank, m.to_rank, m.criterion_id) for m in moves)
    month = MonthComparison(
        as_of=day,
        funnel_a=funnel(placed_a, a),
        funnel_b=funnel(placed_b, b),
        moved=len(moves),
        flows=tuple(Flow(f, t, n) for (f, t), n in sorted(flows.items())),
        why=tuple(
            Why(f, t, c, n)
            for (f, t, c), n in sorted(why.items(), key=lambda item: (item[0][:2], -item[1]))
        ),
    )
    return month, moves


def compare(
    store: Engine,
    ladder_a: Ladder,
    ladder_b: Ladder,
    dates: Sequence[dt.date],
    *,
    engine: str | None = None,
    threads: int | None = None,
) -> Comparison:
    """Playbook B against A as of each date on the same data, recording nothing."""
    months: list[MonthComparison] = []
    newest_moves: list[Move] = []
    with _backend(store, engine, threads) as backend:
        for day in sorted(dates):
            placed_a = _ranks_and_flags(ladder_a, evaluate(backend, ladder_a, day).placements)
            placed_b = _ranks_and_flags(ladder_b, evaluate(backend, ladder_b, day).placements)
            month, newest_moves = _month(ladder_a, ladder_b, day, placed_a, placed_b)
            months.append(month)
    deciding = sorted({w.criterion_id for m in months for w in m.why if w.criterion_id})
    return Comparison(
        playbook_a=ladder_a.label,
        playbook_b=ladder_b.label,
        rungs_a=rungs(ladder_a),
        rungs_b=rungs(ladder_b),
        months=tuple(months),
        criteria=tuple(criterion_change(ladder_a, ladder_b, c) for c in deciding),
        sample=_named(store, sample(newest_moves)),
    )


def sample(moves: Sequence[Move], per_flow: int = SAMPLE_PER_FLOW) -> list[Move]:
    """Up to ``per_flow`` moves of each (from, to), by party id."""
    taken: Counter[tuple[int, int]] = Counter()
    chosen = []
    for move in sorted(moves, key=lambda m: (m.from_rank, m.to_rank, m.party_id)):
        flow = (move.from_rank, move.to_rank)
        if taken[flow] < per_flow:
            taken[flow] += 1
            chosen.append(move)
    return chosen


def _named(store: Engine, moves: Sequence[Move]) -> tuple[Move, ...]:
    """The moves with each party's name as shown by default (persons masked)."""
    ids = [m.party_id for m in moves]
    names: dict[str, str] = {}
    with unit_of_work(store) as session:
        for start in range(0, len(ids), 500):
            query = select(Party.id, Party.name, Party.kind).where(
                Party.id.in_(ids[start : start + 500])
            )
            names.update(
                {pid: party_name(name, kind) for pid, name, kind in session.execute(query)}
            )
    return tuple(
        Move(m.party_id, names.get(m.party_id, ""), m.from_rank, m.to_rank, m.criterion_id)
        for m in moves
    )


# --- A criterion's difference in words (pure) -------------------------------------------------


def _find(ladder: Ladder, criterion_id: str) -> tuple[Stage, str] | None:
    """The rung holding the criterion and its condition as written."""
    for stage in ladder.stages:
        for criterion in stage.criteria:
            if criterion.id == criterion_id:
                return stage, criterion.source
    return None


def criterion_change(a: Ladder, b: Ladder, criterion_id: str) -> Criterion:
    """Where the criterion stands and how its condition differs between A and B, in words."""
    in_a, in_b = _find(a, criterion_id), _find(b, criterion_id)
    found = in_b or in_a
    stage = found[0] if found else None
    when_a = in_a[1] if in_a else None
    when_b = in_b[1] if in_b else None
    zh_stage, en_stage = (stage.name.zh, stage.name.en) if stage else ("", "")
    if when_a is None:
        words = Text(
            f"“{zh_stage}”新增条件 {criterion_id}：{when_b}",
            f"{en_stage}: new criterion {criterion_id}: {when_b}",
        )
    elif when_b is None:
        words = Text(
            f"“{zh_stage}”取消条件 {criterion_id}：{when_a}",
            f"{en_stage}: criterion {criterion_id} dropped: {when_a}",
        )
    elif when_a != when_b:
        words = Text(
            f"“{zh_stage}”条件 {criterion_id}：{when_a} 改为 {when_b}",
            f"{en_stage}: criterion {criterion_id}: {when_a} becomes {when_b}",
        )
    else:
        words = Text(
            f"“{zh_stage}”条件 {criterion_id}：{when_a}",
            f"{en_stage}: criterion {criterion_id}: {when_a}",
        )
    return Criterion(criterion_id, stage.id if stage else "", when_a, when_b, words)
