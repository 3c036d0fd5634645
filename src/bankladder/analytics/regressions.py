"""Regressions and drop-outs: per month and per rung left, how many stage changes went down a
rung or off the ladder, with the advances beside them for scale."""

from __future__ import annotations

from typing import Any

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import MONTHS, Snapshot
from bankladder.ladder.model import Text

TITLE = Text("降阶与退出", "Regressions and drop-outs")
READS = ("transitions",)

SQL = """
WITH counted AS (
    -- the period's changes away from a rung, by month and rung left
    SELECT date_trunc('month', t.changed_on) AS month, t.from_rank AS rank,
           count(*) FILTER (t.to_rank > t.from_rank) AS advanced,
           count(*) FILTER (t.to_rank BETWEEN 1 AND t.from_rank - 1) AS regressed,
           count(*) FILTER (t.to_rank = 0) AS dropped
    FROM transitions t
    WHERE {where} AND t.changed_on BETWEEN $start AND $end AND t.from_rank > 0
    GROUP BY month, rank
), {months}
SELECT m.month, s.rank,
       coalesce(c.advanced, 0) AS advanced,
       coalesce(c.regressed, 0) AS regressed,
       coalesce(c.dropped, 0) AS dropped
FROM months m CROSS JOIN stages s
LEFT JOIN counted c ON c.month = m.month AND c.rank = s.rank
ORDER BY m.month, s.rank
"""

COLUMNS = (
    Column("month", Text("月份", "Month"), Kind.MONTH),
    Column("stage", Text("离开的阶段", "Stage left"), Kind.STAGE),
    Column("advanced", Text("升阶", "Advanced"), Kind.COUNT),
    Column("regressed", Text("降阶", "Regressed"), Kind.COUNT),
    Column("left", Text("退出阶梯", "Dropped off the ladder"), Kind.COUNT),
)


def _row(counted: dict[str, Any]) -> dict[str, Any]:
    return {
        "month": counted["month"],
        "stage": counted["rank"],
        "advanced": counted["advanced"],
        "regressed": counted["regressed"],
        "left": counted["dropped"],
    }


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """For each month of the period and each rung: the chosen parties' stage changes away from
    it, split into advances, regressions (to a lower rung) and drop-outs (off the ladder)."""
    counted = snapshot.query(
        SQL.format(where=filters.parties_where("t"), months=MONTHS), filters.params()
    )
    return Table(
        view="regressions",
        title=TITLE,
        columns=COLUMNS,
        rows=[_row(row) for row in counted],
        stages=snapshot.stages,
        chart=Chart(ChartKind.STACKED, x="month", y=("regressed", "left")),
        note=Text(
            "统计期内每一次阶段变化计一次（同一客户可计多次），按变化所在月份和离开的阶段"
            "归类：升到更高阶段为升阶，降到较低阶段为降阶，离开阶梯为退出。",
            "Every stage change in the period counts once (a party may count several times), "
            "by the month it happened and the rung it left: to a higher rung is an advance, to "
            "a lower rung a regression, off the ladder a drop-out.",
        ),
    )
