"""The stalled parties: those whose stay on their current rung, at the period's end, has lasted
longer than the rung's threshold (the days by which 80% of stays on it end; see
``survival.thresholds``). ``stalls`` counts them per RM from the same standing."""

from __future__ import annotations

from typing import Any

from bankladder.analytics.schemas import Column, Filters, Kind, Table
from bankladder.analytics.snapshot import Snapshot
from bankladder.analytics.survival import thresholds
from bankladder.ladder.model import Text

TITLE = Text("停滞客户", "Stalled parties")
READS = ("transitions",)

LONGEST_LIST = 500
"""The list shows at most this many parties, the longest overdue first."""

STANDING = """
WITH limits AS (
    -- each rank's threshold, bound as two parallel lists
    SELECT unnest(CAST($ranks AS INTEGER[])) AS rank,
           unnest(CAST($limits AS DOUBLE[])) AS threshold_days
), standing AS (
    -- each chosen party's stay still running at the end, and how long it has lasted
    SELECT s.party_id, s.rm_id, s.rank,
           date_diff('day', s.entered_on, $end) AS days_in_stage
    FROM spells s
    WHERE {where} AND s.entered_on <= $end AND (s.left_on IS NULL OR s.left_on > $end)
), measured AS (
    SELECT st.party_id, st.rm_id, st.rank, st.days_in_stage, l.threshold_days,
           st.days_in_stage - l.threshold_days AS days_over,
           st.days_in_stage > l.threshold_days AS stalled
    FROM standing st LEFT JOIN limits l ON l.rank = st.rank
)
"""
"""The common part of the stalls' queries: ``measured`` has one row per chosen party on the
ladder at the end (its name and RM, rung, days there, the rung's threshold, whether it is
stalled); ``chosen`` is joined once, here."""

SQL = (
    STANDING  # noqa: S608  # two constants joined; values are bound as $parameters
    + """
, shown AS (
    SELECT * FROM measured WHERE stalled ORDER BY days_over DESC, party_id LIMIT $shown
)
SELECT sh.party_id, p.name, sh.rm_id, sh.rank, sh.days_in_stage, sh.threshold_days,
       sh.days_over
FROM shown sh JOIN parties p ON p.party_id = sh.party_id
ORDER BY sh.days_over DESC, sh.party_id
"""
)

COLUMNS = (
    Column("party_id", Text("客户编号", "Party")),
    Column("name", Text("客户名称", "Name")),
    Column("rm", Text("客户经理", "RM")),
    Column("stage", Text("当前阶段", "Stage"), Kind.STAGE),
    Column("days_in_stage", Text("已停留天数", "Days in stage"), Kind.DAYS),
    Column("threshold_days", Text("该阶段80%离开天数", "Stage's 80% mark (days)"), Kind.DAYS),
    Column("days_over", Text("超出天数", "Days over"), Kind.DAYS),
)


def standing_params(snapshot: Snapshot, filters: Filters) -> dict[str, Any]:
    """The filters' parameters and the thresholds (``$ranks``, ``$limits``) for ``STANDING``."""
    limits = thresholds(snapshot, filters)
    return {**filters.params(), "ranks": list(limits), "limits": list(limits.values())}


def _row(found: dict[str, Any]) -> dict[str, Any]:
    return {
        "party_id": found["party_id"],
        "name": found["name"],
        "rm": found["rm_id"],
        "stage": found["rank"],
        "days_in_stage": found["days_in_stage"],
        "threshold_days": found["threshold_days"],
        "days_over": found["days_over"],
    }


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """The chosen parties stalled at the end, the longest overdue first (then by party), at
    most ``LONGEST_LIST``."""
    params = {**standing_params(snapshot, filters), "shown": LONGEST_LIST + 1}
    found = snapshot.query(SQL.format(where=filters.parties_where("s")), params)
    cut = len(found) > LONGEST_LIST
    note = Text(
        "停滞：在当前阶段停留的天数超过该阶段80%客户离开所需的天数（按所选客户在期末及之前开始的"
        "全部停留，用 Kaplan-Meier 估计；若未达到80%，取该阶段最长停留，从而不误判）。",
        "Stalled: on the current rung for longer than the days by which 80% of stays on it "
        "end (Kaplan-Meier over every stay of the chosen parties begun by the period's end; "
        "where 80% is not reached, the longest stay on the rung, so nobody is flagged wrongly).",
    )
    if cut:
        note = Text(
            note.zh + f"仅列出超出最久的前{LONGEST_LIST}位。",
            note.en + f" Only the {LONGEST_LIST} longest overdue are listed.",
        )
    return Table(
        view="stalled-parties",
        title=TITLE,
        columns=COLUMNS,
        rows=[_row(row) for row in found[:LONGEST_LIST]],
        stages=snapshot.stages,
        chart=None,
        note=note,
    )
