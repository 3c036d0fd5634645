"""The funnel: where the chosen parties stand at the period's end, rung by rung."""

from __future__ import annotations

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import Snapshot
from bankladder.ladder.model import Text

TITLE = Text("阶梯漏斗", "Funnel by stage")
READS = ("transitions",)

SQL = """
WITH chosen AS (
    SELECT party_id FROM parties p WHERE {where}
), standing AS (
    SELECT c.party_id, coalesce(arg_max(t.to_rank, t.changed_on), 0) AS rank
    FROM chosen c LEFT JOIN transitions t ON t.party_id = c.party_id AND t.changed_on <= $end
    GROUP BY c.party_id
)
SELECT s.rank, count(st.party_id) AS parties
FROM (SELECT 0 AS rank UNION ALL SELECT rank FROM stages) s
LEFT JOIN standing st ON st.rank = s.rank
GROUP BY s.rank ORDER BY s.rank
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
    counted = snapshot.query(SQL.format(where=filters.parties_where()), filters.params())
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
