"""Candidate fixes for the views over 2 s, tried here only (the views are not changed): the
view runs with its SQL swapped for the candidate, must give the same table, and is timed.

A candidate is (view name, module attribute, the view's SQL it expects, the new SQL). When the
view's SQL has changed since the candidate was written, the candidate is skipped, said so."""

from __future__ import annotations

import importlib
import resource
import statistics
import time
from typing import Any

from bankladder.analytics import views

CONVERSION_ONE_PASS = """
WITH moves AS (
    -- the chosen parties' changes in the period: an entry's later changes are among them
    -- (aliased s: the view's filter is written for the spells)
    SELECT s.party_id, s.to_rank AS rank, s.changed_on
    FROM transitions s
    WHERE {where} AND s.changed_on BETWEEN $start AND $end
), ahead AS (
    -- the highest rung of a later day, ever (by the end) and within 90 days: one sort per
    -- party, frames without EXCLUDE (a frame starting a day after is the same for dates)
    SELECT party_id, rank, changed_on AS entered_on,
           max(rank) OVER (
               later RANGE BETWEEN INTERVAL 1 DAY FOLLOWING AND UNBOUNDED FOLLOWING
           ) AS highest_later,
           max(rank) OVER (
               later RANGE BETWEEN INTERVAL 1 DAY FOLLOWING AND INTERVAL 90 DAY FOLLOWING
           ) AS highest_90d
    FROM moves
    WINDOW later AS (PARTITION BY party_id ORDER BY changed_on)
), reached AS (
    SELECT party_id, rank, date_trunc('month', entered_on) AS month,
           bool_or(coalesce(highest_later > rank, FALSE)) AS converted,
           bool_or(coalesce(highest_90d > rank, FALSE)) AS converted_90d
    FROM ahead
    WHERE rank BETWEEN 1 AND (SELECT max(rank) - 1 FROM stages)
    GROUP BY party_id, rank, month
"""


def higher_on_spells(rungs: int) -> str:
    """What ``prepare`` could add to the spells for the conversion: ``higher_on``, the first
    later day the party stands on a higher rung (per rung k, the first later day on rung k or
    above), and for the party's entries on one rung in one month (counted once by the view):
    the earliest such day, the earliest one within 90 days of its entry, and which entry is
    the month's first."""
    marks = ", ".join(
        f"min(CASE WHEN rank >= {k} THEN entered_on END) OVER later AS m{k}"
        for k in range(2, rungs + 1)
    )
    pick = " ".join(f"WHEN {k - 1} THEN m{k}" for k in range(2, rungs + 1))
    dropped = ", ".join(f"m{k}" for k in range(2, rungs + 1))
    return f"""
CREATE OR REPLACE TABLE spells AS
WITH marked AS (
    SELECT *, {marks} FROM spells
    WINDOW later AS (PARTITION BY party_id ORDER BY entered_on
                     RANGE BETWEEN INTERVAL 1 DAY FOLLOWING AND UNBOUNDED FOLLOWING)
), higher AS (
    SELECT * EXCLUDE ({dropped}), CASE rank {pick} END AS higher_on FROM marked
)
SELECT *,
       min(higher_on) OVER same_month AS month_higher_on,
       min(CASE WHEN higher_on <= entered_on + 90 THEN higher_on END) OVER same_month
         AS month_higher_90d,
       row_number() OVER (same_month ORDER BY entered_on) = 1 AS first_in_month
FROM higher
WINDOW same_month AS (PARTITION BY party_id, rank, date_trunc('month', entered_on))
"""


FIRST_CONTACT_MONTH = "2025-11-01"
"""The first of the 12 months of contacts ``analytics_data`` generates."""

CONTACT_MONTHS = """
CREATE OR REPLACE TABLE contact_months AS
SELECT party_id, any_value(rm_id) AS rm_id, any_value(branch_id) AS branch_id,
       any_value(segment) AS segment, any_value(industry_code) AS industry_code,
       any_value(party_kind) AS party_kind,
       [{counts}] AS counts
FROM contacts GROUP BY party_id
"""
"""What ``prepare`` could add for the team view: each party's contacts in each of the 12
loaded months (``counts[1]`` the first month, ``$first``), its attributes alongside."""


def contact_months(first: str) -> str:
    counts = ", ".join(
        f"count(*) FILTER (date_trunc('month', occurred_on) = DATE '{first}' + INTERVAL {k} MONTH)"
        for k in range(12)
    )
    return CONTACT_MONTHS.format(counts=counts)


TEAM_PREPARED = """
), contacted AS (
    -- the period's months of each party's monthly counts: 10 M rows, not 60 M (exact for a
    -- period of whole months, as the default is)
    SELECT rm_id, sum(n) AS contacts, count(*) FILTER (n > 0) AS parties_contacted
    FROM (
        SELECT rm_id, list_sum(counts[
                   date_diff('month', DATE '{first}', CAST($start AS DATE)) + 1 :
                   date_diff('month', DATE '{first}', CAST($end AS DATE)) + 1]) AS n
        FROM contact_months c
        WHERE {{where_contacts}} AND c.rm_id IS NOT NULL
    )
    GROUP BY rm_id
"""

CONVERSION_PREPARED = """
WITH reached AS (
    -- one row per party, month and rung entered (the month's first entry carries the
    -- month's answer): no join, no per-party grouping
    SELECT s.rank, date_trunc('month', s.entered_on) AS month,
           s.month_higher_on <= $end AS converted,
           s.month_higher_90d <= $end AS converted_90d
    FROM spells s
    WHERE {where} AND s.first_in_month AND s.entered_on BETWEEN $start AND $end
      AND s.rank < (SELECT max(rank) FROM stages)
"""


def _spliced(name: str, start: str, end: str, middle: str) -> str | None:
    """The view's SQL with the part from ``start`` up to ``end`` replaced by ``middle``; None
    when the view no longer has those markers."""
    module = importlib.import_module(f"bankladder.analytics.{views.MODULES[name]}")
    sql = str(module.SQL)
    if start not in sql or end not in sql:
        return None
    return sql[: sql.index(start)] + middle + sql[sql.index(end) :]


ONE_PASS = (
    "conversion",
    "SQL",
    _spliced("conversion", "WITH entries AS (", "), cohorts AS (", CONVERSION_ONE_PASS),
    ("all", "branch"),
)
"""Measured at 10M (2026-11-30 14:20): 4.83 s against the view's 3.77 s unfiltered (the sort
of 17 M changes costs more than the join), 0.22 against 0.48 s for a branch; left out of the
runs since."""

CANDIDATES: list[tuple[str, str, str | None, tuple[str, ...]]] = []

PREPARED: list[tuple[str, str, str | None, tuple[str, ...]]] = [
    # after higher_on_spells: the conversion as a filtered scan of the spells (exact for a
    # period starting on the 1st of a month, as the default does)
    (
        "conversion",
        "SQL",
        _spliced("conversion", "WITH entries AS (", "), cohorts AS (", CONVERSION_PREPARED),
        ("all", "branch"),
    ),
    (
        "team",
        "SQL",
        _spliced(
            "team",
            "), contacted AS (",
            "), answered AS (",
            TEAM_PREPARED.format(first=FIRST_CONTACT_MONTH),
        ),
        ("all", "branch"),
    ),
]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(
    name: str, snapshot: Any, filters: Any, runs: int
) -> tuple[list[tuple[float, float]], Any]:
    """Wall and CPU seconds of each run, and the last table."""
    call = views.view(name)
    seconds, table = [], None
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        table = call(snapshot, filters)
        seconds.append((time.perf_counter() - started, _cpu() - cpu))
    return seconds, table


def _median(timed: list[tuple[float, float]]) -> str:
    wall = statistics.median(t[0] for t in timed)
    cpu = statistics.median(t[1] for t in timed)
    return f"{wall:.2f} s (cpu {cpu:.2f} s)"


def run(snapshot: Any, cases: dict[str, Any], runs: int) -> None:
    """Each candidate beside the view as it is, for every case: medians and whether the rows
    are the same; then the spells given ``higher_on`` (timed: it would be part of ``prepare``)
    and the candidates reading it."""
    _compare(snapshot, cases, runs, CANDIDATES)
    started = time.perf_counter()
    snapshot.con.execute(higher_on_spells(max(snapshot.stages)))
    print(f"  spells given higher_on in {time.perf_counter() - started:.2f} s", flush=True)
    started = time.perf_counter()
    snapshot.con.execute(contact_months(FIRST_CONTACT_MONTH))
    print(f"  contact_months made in {time.perf_counter() - started:.2f} s", flush=True)
    _compare(snapshot, cases, runs, PREPARED)


def _compare(
    snapshot: Any,
    cases: dict[str, Any],
    runs: int,
    candidates: list[tuple[str, str, str | None, tuple[str, ...]]],
) -> None:
    for name, attribute, sql, only in candidates:
        if sql is None:
            print(f"  fix {name}.{attribute}: skipped, the view's SQL has changed")
            continue
        module = importlib.import_module(f"bankladder.analytics.{views.MODULES[name]}")
        original = getattr(module, attribute)
        for case, filters in cases.items():
            if case not in only:
                continue
            before, expected = _timed(name, snapshot, filters, runs)
            setattr(module, attribute, sql)
            try:
                after, found = _timed(name, snapshot, filters, runs)
            finally:
                setattr(module, attribute, original)
            same = expected is not None and found is not None and expected.rows == found.rows
            print(
                f"  fix {name}.{attribute} [{case}]: view {_median(before)}, "
                f"candidate {_median(after)} (median of {runs}); "
                f"same rows: {same}",
                flush=True,
            )
