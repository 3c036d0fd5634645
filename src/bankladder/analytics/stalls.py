"""Stalls per RM: in each RM's book, how many parties stand on the ladder at the period's end
and how many of them have stayed on their rung beyond its threshold (see ``stalled``)."""

from __future__ import annotations

from typing import Any

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import Snapshot
from bankladder.analytics.stalled import STANDING, standing_params
from bankladder.ladder.model import Text

TITLE = Text("客户经理名下的停滞客户", "Stalls per RM")
READS = ("transitions",)

SQL = (
    STANDING  # noqa: S608  # two constants joined; values are bound as $parameters
    + """
, book AS (
    SELECT rm_id, count(*) AS parties FROM parties p WHERE {where_parties} GROUP BY rm_id
), on_ladder AS (
    SELECT rm_id, count(*) AS on_ladder,
           count(*) FILTER (stalled) AS stalled,
           max(days_over) FILTER (stalled) AS longest_over
    FROM measured
    GROUP BY rm_id
)
SELECT b.rm_id, r.name AS rm_name, b.parties,
       coalesce(o.on_ladder, 0) AS on_ladder,
       coalesce(o.stalled, 0) AS stalled,
       o.longest_over
FROM book b
LEFT JOIN on_ladder o ON o.rm_id IS NOT DISTINCT FROM b.rm_id
LEFT JOIN rms r ON r.rm_id = b.rm_id
ORDER BY stalled DESC, b.rm_id NULLS LAST
"""
)

COLUMNS = (
    Column("rm", Text("客户经理编号", "RM")),
    Column("rm_name", Text("客户经理", "RM's name")),
    Column("parties", Text("名下客户", "Parties in book"), Kind.COUNT),
    Column("on_ladder", Text("在阶梯上", "On the ladder"), Kind.COUNT),
    Column("stalled", Text("停滞", "Stalled"), Kind.COUNT),
    Column("share", Text("停滞占比", "Share stalled"), Kind.SHARE),
    Column("longest_over_days", Text("最长超出天数", "Longest overdue (days)"), Kind.DAYS),
)


def _row(counted: dict[str, Any]) -> dict[str, Any]:
    on_ladder = counted["on_ladder"]
    return {
        "rm": counted["rm_id"],
        "rm_name": counted["rm_name"],
        "parties": counted["parties"],
        "on_ladder": on_ladder,
        "stalled": counted["stalled"],
        "share": counted["stalled"] / on_ladder if on_ladder else None,
        "longest_over_days": counted["longest_over"],
    }


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """Per RM of the chosen parties: the book, those on the ladder at the end, those stalled
    there and their share, and the longest time over a threshold; most stalled first."""
    params = standing_params(snapshot, filters)
    sql = SQL.format(where=filters.parties_where("s"), where_parties=filters.parties_where("p"))
    counted = snapshot.query(sql, params)
    return Table(
        view="stalls",
        title=TITLE,
        columns=COLUMNS,
        rows=[_row(row) for row in counted],
        stages=snapshot.stages,
        chart=Chart(ChartKind.BAR, x="rm", y=("stalled",)),
        note=Text(
            "在阶梯上：期末站在某一阶段的客户。停滞：在当前阶段停留的天数超过该阶段80%客户离开"
            "所需的天数（Kaplan-Meier，按所选客户在期末及之前开始的全部停留；未达到80%时取该"
            "阶段最长停留，从而不误判）。占比以在阶梯上的客户为分母。",
            "On the ladder: parties standing on a rung at the period's end. Stalled: on the "
            "current rung for longer than the days by which 80% of stays on it end "
            "(Kaplan-Meier over every stay of the chosen parties begun by the end; where 80% is "
            "not reached, the longest stay on the rung, so nobody is flagged wrongly). The share "
            "is of the parties on the ladder.",
        ),
    )
