"""The funnel: where the chosen parties stand at the period's end, rung by rung."""

from __future__ import annotations

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import Snapshot
from bankladder.ladder.model import Text

TITLE = Text("阶梯漏斗", "Funnel by stage")
READS = ("transitions",)  # the spells come with them

SQL = """
WITH chosen AS (
    SELECT count(*) AS parties FROM parties p WHERE {where}
), placed AS (
    -- the stays running at the end: one per party on the ladder
    SELECT rank, count(*) AS parties FROM spells s
    WHERE {where_spells} AND entered_on <= $end AND (left_on IS NULL OR left_on > $end)
    GROUP BY rank
)
SELECT 0 AS rank, c.parties - (SELECT coalesce(sum(parties), 0) FROM placed) AS parties
FROM chosen c
UNION ALL
SELECT s.rank, coalesce(pl.parties, 0) FROM stages s LEFT JOIN placed pl ON pl.rank = s.rank
ORDER BY rank
"""

COLUMNS = (
    Column("stage", Text("阶段", "Stage"), Kind.STAGE),
    Column("parties", Text("客户数", "Parties"), Kind.COUNT),
    Column("share", Text("占比", "Share"), Kind.SHARE),
    Column("at_or_above", Text("达到此阶及以上", "On this rung or higher"), Kind.COUNT),
    Column("reach", Text("到达率", "Reached"), Kind.SHARE),
)


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """Parties per rung at ``filters.end`` (each party's newest transition on or before it;
    none: not on the ladder), their share, and how many stand on the rung or higher."""
    sql = SQL.format(where=filters.parties_where("p"), where_spells=filters.parties_where("s"))
    counted = snapshot.query(sql, filters.params())
    total = sum(row["parties"] for row in counted)
    rows, above = [], total
    for row in counted:
        rows.append(
            {
                "stage": row["rank"],
                "parties": row["parties"],
                "share": row["parties"] / total if total else None,
                "at_or_above": above,
                "reach": above / total if total else None,
            }
        )
        above -= row["parties"]
    return Table(
        view="funnel",
        title=TITLE,
        columns=COLUMNS,
        rows=rows,
        stages=snapshot.stages,
        chart=Chart(ChartKind.BAR, x="stage", y=("parties",)),
        note=Text(
            "每位客户按期末当日或之前最近一次阶段变化计；“达到此阶及以上”自该阶起向上累加。",
            "Each party counts on its rung at the period's end (its newest stage change on or "
            "before that day); 'on this rung or higher' adds up from that rung upwards.",
        ),
    )
