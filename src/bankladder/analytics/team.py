"""RM activity: per relationship manager, what was done for the book in the period (contacts,
answers to proposed actions) and how the book moved on the ladder (advances credited)."""

from __future__ import annotations

from typing import Any

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import Snapshot
from bankladder.ladder.model import Text
from bankladder.store.vocabulary import FeedbackOutcome

TITLE = Text("客户经理活动", "RM activity")
READS = ("transitions", "contacts", "answers")

SQL = """
WITH book AS (
    SELECT rm_id, count(*) AS parties FROM parties p
    WHERE {where_parties} AND p.rm_id IS NOT NULL
    GROUP BY rm_id
), contacted AS (
    -- a party counts once as contacted: at its first contact in the period (the one whose
    -- previous contact, if any, came before the period)
    SELECT rm_id, count(*) AS contacts,
           count(*) FILTER (c.previous_on IS NULL OR c.previous_on < $start)
               AS parties_contacted
    FROM contacts c
    WHERE {where_contacts} AND c.rm_id IS NOT NULL AND c.occurred_on BETWEEN $start AND $end
    GROUP BY rm_id
), answered AS (
    SELECT rm_id,
           count(*) FILTER (outcome = $done) AS answers_done,
           count(*) FILTER (outcome = $dismissed) AS answers_dismissed
    FROM answers a
    WHERE {where_answers} AND a.rm_id IS NOT NULL AND a.answered_on BETWEEN $start AND $end
    GROUP BY rm_id
), moved AS (
    SELECT rm_id,
           count(*) FILTER (from_rank = 0 AND to_rank > 0) AS entered,
           count(*) FILTER (from_rank >= 1 AND to_rank > from_rank) AS advances,
           count(*) FILTER (to_rank >= 1 AND to_rank < from_rank) AS regressions,
           count(*) FILTER (from_rank >= 1 AND to_rank = 0) AS left_ladder
    FROM transitions t
    WHERE {where_moves} AND t.rm_id IS NOT NULL AND t.changed_on BETWEEN $start AND $end
    GROUP BY rm_id
)
SELECT b.rm_id AS rm, r.name AS rm_name, b.parties,
       coalesce(c.contacts, 0) AS contacts,
       coalesce(c.parties_contacted, 0) AS parties_contacted,
       coalesce(a.answers_done, 0) AS answers_done,
       coalesce(a.answers_dismissed, 0) AS answers_dismissed,
       coalesce(m.entered, 0) AS entered,
       coalesce(m.advances, 0) AS advances,
       coalesce(m.regressions, 0) AS regressions,
       coalesce(m.left_ladder, 0) AS left_ladder
FROM book b
LEFT JOIN contacted c ON c.rm_id = b.rm_id
LEFT JOIN answered a ON a.rm_id = b.rm_id
LEFT JOIN moved m ON m.rm_id = b.rm_id
LEFT JOIN rms r ON r.rm_id = b.rm_id
ORDER BY b.rm_id
"""

COLUMNS = (
    Column("rm", Text("客户经理编号", "RM")),
    Column("rm_name", Text("客户经理", "RM name")),
    Column("parties", Text("名下客户", "Parties in book"), Kind.COUNT),
    Column("contacts", Text("接触次数", "Contacts"), Kind.COUNT),
    Column("parties_contacted", Text("接触客户数", "Parties contacted"), Kind.COUNT),
    Column("answers_done", Text("建议已办", "Actions done"), Kind.COUNT),
    Column("answers_dismissed", Text("建议不适用", "Actions dismissed"), Kind.COUNT),
    Column("entered", Text("新上阶梯", "Entered the ladder"), Kind.COUNT),
    Column("advances", Text("晋级", "Advances"), Kind.COUNT),
    Column("regressions", Text("降级", "Regressions"), Kind.COUNT),
    Column("left", Text("离开阶梯", "Left the ladder"), Kind.COUNT),
    Column(
        "advances_per_100_contacts",
        Text("每百次接触晋级数", "Advances per 100 contacts"),
        Kind.NUMBER,
    ),
)

NOTE = Text(
    "按客户当前的客户经理归属统计：期内该客户的全部接触、建议答复与阶段变化都记在其名下，"
    "不论由谁登记。晋级：从第1阶及以上升到更高阶；新上阶梯（从未上阶梯进入）单列；"
    "降级：降到较低的一阶；离开阶梯：降到未上阶梯。建议已办、不适用按答复日计，推迟不计。"
    "没有客户经理的客户不列入。",
    "Each party counts for the RM who holds it today: all contacts, answers to proposed actions "
    "and stage changes of the party in the period are credited to that RM, whoever logged them. "
    "An advance is a move from rung 1 or higher to a higher rung; entering the ladder (from not "
    "on it) is counted apart; a regression is a move down to a lower rung; leaving is a move off "
    "the ladder. Actions done and dismissed count by the day of the answer; snoozed ones are "
    "not counted. Parties without an RM are left out.",
)


def _row(found: dict[str, Any]) -> dict[str, Any]:
    """A result row as the table's columns: counts as ints, advances per 100 contacts (None
    without contacts)."""
    row: dict[str, Any] = {column.key: found.get(column.key) for column in COLUMNS}
    row["left"] = found["left_ladder"]
    for column in COLUMNS:
        if column.kind is Kind.COUNT:
            row[column.key] = int(row[column.key])
    contacts = row["contacts"]
    row["advances_per_100_contacts"] = 100 * row["advances"] / contacts if contacts else None
    return row


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """One row per RM with chosen parties in the book: the period's contacts, answers and
    ladder moves of those parties."""
    params = {
        **filters.params(),
        "done": FeedbackOutcome.DONE.value,
        "dismissed": FeedbackOutcome.NOT_RELEVANT.value,
    }
    sql = SQL.format(
        where_parties=filters.parties_where("p"),
        where_contacts=filters.parties_where("c"),
        where_answers=filters.parties_where("a"),
        where_moves=filters.parties_where("t"),
    )
    found = snapshot.query(sql, params)
    return Table(
        view="team",
        title=TITLE,
        columns=COLUMNS,
        rows=[_row(row) for row in found],
        stages=snapshot.stages,
        chart=Chart(ChartKind.BAR, x="rm", y=("advances", "regressions")),
        note=NOTE,
    )
