"""Stage-to-stage conversion by entry-month cohort: of the parties who stepped onto a rung in a
month, how many went higher later, and how many within 90 days."""

from __future__ import annotations

from typing import Any

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import MONTHS, Snapshot
from bankladder.ladder.model import Text

TITLE = Text("阶段转化（按进入月份）", "Conversion by entry month")
READS = ("transitions",)

SQL = """
WITH cohorts AS (
    -- the chosen parties' steps onto a rung below the top in the period, each party once per
    -- month and rung: its first step there in the period (the spells know the step before);
    -- the first step's higher_on is the earliest of the month's steps (a later step onto the
    -- same rung means the party had come down, so it had not gone higher in between)
    SELECT date_trunc('month', s.entered_on) AS month, s.rank, count(*) AS entered,
           count(*) FILTER (s.higher_on <= $end) AS converted,
           count(*) FILTER (s.higher_on <= $end AND s.higher_on <= s.entered_on + 90)
               AS converted_90d
    FROM spells s
    WHERE {where} AND s.entered_on BETWEEN $start AND $end
      AND s.rank < (SELECT max(rank) FROM stages)
      AND (s.previous_on_rung IS NULL
           OR s.previous_on_rung < greatest(CAST($start AS DATE),
                                            CAST(date_trunc('month', s.entered_on) AS DATE)))
    GROUP BY month, s.rank
), {months}, grid AS (
    SELECT m.month, s.rank
    FROM months m CROSS JOIN stages s
    WHERE s.rank < (SELECT max(rank) FROM stages)
)
SELECT g.month, g.rank,
       coalesce(c.entered, 0) AS entered,
       coalesce(c.converted, 0) AS converted,
       coalesce(c.converted_90d, 0) AS converted_90d,
       last_day(g.month) + INTERVAL 90 DAY <= $end AS window_closed
FROM grid g LEFT JOIN cohorts c ON c.month = g.month AND c.rank = g.rank
ORDER BY g.month, g.rank
"""

COLUMNS = (
    Column("month", Text("进入月份", "Entry month"), Kind.MONTH),
    Column("stage", Text("进入阶段", "Stage entered"), Kind.STAGE),
    Column("entered", Text("进入客户数", "Parties entered"), Kind.COUNT),
    Column("converted", Text("之后升阶", "Moved higher later"), Kind.COUNT),
    Column("rate", Text("转化率", "Conversion"), Kind.SHARE),
    Column("converted_90d", Text("90天内升阶", "Moved higher within 90 days"), Kind.COUNT),
    Column("rate_90d", Text("90天转化率", "90-day conversion"), Kind.SHARE),
)


def _row(counted: dict[str, Any]) -> dict[str, Any]:
    """A cohort's row; the 90-day figures only when the cohort's 90 days have all passed."""
    entered, closed = counted["entered"], bool(counted["window_closed"])
    within = counted["converted_90d"] if closed else None
    return {
        "month": counted["month"],
        "stage": counted["rank"],
        "entered": entered,
        "converted": counted["converted"],
        "rate": counted["converted"] / entered if entered else None,
        "converted_90d": within,
        "rate_90d": within / entered if entered and within is not None else None,
    }


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """For each month of the period and each rung below the top: the chosen parties who
    entered the rung that month, and how many reached a higher rung later (by the end) and
    within 90 days of entering."""
    counted = snapshot.query(
        SQL.format(where=filters.parties_where("s"), months=MONTHS), filters.params()
    )
    return Table(
        view="conversion",
        title=TITLE,
        columns=COLUMNS,
        rows=[_row(row) for row in counted],
        stages=snapshot.stages,
        chart=Chart(ChartKind.LINE, x="month", y=("rate",), series="stage"),
        note=Text(
            "按客户进入某阶段的月份分组（同月多次进入只计一次，按当月首次进入计）；“之后升阶”指"
            "进入之后、期末当日或之前，曾变到更高阶段（不必是下一次变化）。90天转化指首次进入后"
            "90天内升阶，只对整月加90天都已在期末"
            "之前的月份计算，较近的月份留空，因为其90天尚未过完；近几个月的“之后升阶”也因观察"
            "时间较短而偏低。",
            "Parties are grouped by the month they stepped onto a rung (several entries in one "
            "month count once, from the first); 'moved higher later' means any later stage "
            "change, on or before the period's end, to a higher rung (not only the next change), "
            "and 'within 90 days' within 90 days of that first entry. The 90-day figures "
            "are given only for months whose last day plus 90 days falls on or before the end; "
            "newer months are left blank because their 90 days have not passed, and their "
            "'moved higher later' is low because they have been watched for less time.",
        ),
    )
