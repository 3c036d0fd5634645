"""Time in stage: how long the chosen parties stay on each rung, with Kaplan-Meier so that the
stays still running at the period's end (censored) count for what they show.

The spells are counted in SQL down to one row per (rank, days, ended) and the curves are fitted
on those rows with weights, so the Python side sees a few thousand rows whatever the book's
size."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from lifelines import KaplanMeierFitter  # type: ignore[import-untyped]  # no stubs

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import Snapshot
from bankladder.ladder.model import Text

TITLE = Text("阶段停留时长", "Time in stage")
READS = ("transitions",)

EARLIEST = dt.date(1, 1, 1)
"""``$since`` when every spell begun on or before the end counts (the thresholds)."""

SQL = """
WITH begun AS (
    SELECT s.rank, s.entered_on, s.left_on,
           s.left_on IS NOT NULL AND s.left_on <= $end AS ended
    FROM spells s
    WHERE {where} AND s.entered_on BETWEEN $since AND $end
), lasted AS (
    SELECT rank, ended,
           date_diff('day', entered_on, CASE WHEN ended THEN left_on ELSE $end END) AS days
    FROM begun
)
SELECT rank, days, ended, count(*) AS spells
FROM lasted
GROUP BY rank, days, ended
ORDER BY rank, days, ended
"""

COLUMNS = (
    Column("stage", Text("阶段", "Stage"), Kind.STAGE),
    Column("spells", Text("停留次数", "Stays"), Kind.COUNT),
    Column("ended", Text("已离开", "Left the stage"), Kind.COUNT),
    Column("censored", Text("期末仍在", "Still there at the end"), Kind.COUNT),
    Column("median_days", Text("中位停留天数", "Median days"), Kind.DAYS),
    Column("p80_days", Text("80%离开所需天数", "Days until 80% left"), Kind.DAYS),
)


@dataclass
class Stays:
    """One rung's spells counted by length: ``days[i]`` lasted, ``ended[i]`` whether the party
    left the rung by the end (else still there, censored), ``count[i]`` how many spells; filled
    row by row from the counted query."""

    days: list[int]
    ended: list[bool]
    count: list[int]

    @property
    def spells(self) -> int:
        return sum(self.count)

    @property
    def left(self) -> int:
        return sum(n for n, e in zip(self.count, self.ended, strict=True) if e)

    @property
    def longest(self) -> int:
        return max(self.days)


def stays(snapshot: Snapshot, filters: Filters, since: dt.date) -> dict[int, Stays]:
    """The chosen parties' spells begun between ``since`` and ``filters.end``, per rank, each
    measured up to the day it ended or, still running, up to the end (censored there)."""
    params: dict[str, Any] = {**filters.params(), "since": since}
    counted = snapshot.query(SQL.format(where=filters.parties_where("s")), params)
    by_rank: dict[int, Stays] = defaultdict(lambda: Stays([], [], []))
    for row in counted:
        group = by_rank[row["rank"]]
        group.days.append(row["days"])
        group.ended.append(bool(row["ended"]))
        group.count.append(row["spells"])
    return dict(by_rank)


ROUNDING = 1e-9
"""Allowance for the rounding of the curve's products of fractions: a curve at exactly 0.2 has
reached 0.2 (lifelines' own product may read 0.2000000000000001)."""


def leaving_times(group: Stays, shares: tuple[float, ...]) -> list[float | None]:
    """For each share, the Kaplan-Meier time (days) by which that share of the stays has ended:
    the first day the survival curve falls to ``1 - share`` or below; None where it never does
    (not reached). Read off the curve here rather than with lifelines' ``qth_survival_time``,
    which refuses a curve of one point (every stay on the rung begun on the end day)."""
    fitter = KaplanMeierFitter()
    fitter.fit(group.days, event_observed=group.ended, weights=group.count)
    curve = fitter.survival_function_.iloc[:, 0]
    times: list[float | None] = []
    for share in shares:
        fallen = curve[curve <= round(1 - share, 6) + ROUNDING]
        times.append(float(fallen.index[0]) if len(fallen) else None)
    return times


def thresholds(snapshot: Snapshot, filters: Filters) -> dict[int, float]:
    """Per rank, the days by which 80% of the stays on it have ended: Kaplan-Meier over every
    spell of the chosen parties begun on or before ``filters.end`` (``filters.start`` is not
    used), the running ones censored there. A stay longer than its rank's threshold is a stall.

    Where the curve never falls to 20% (too many stays still running), the threshold is the
    longest stay seen on that rung, so that nobody is flagged on a percentile that was not
    reached. Ranks without spells are absent."""
    limits = {}
    for rank, group in stays(snapshot, filters, EARLIEST).items():
        (p80,) = leaving_times(group, (0.8,))
        limits[rank] = p80 if p80 is not None else float(group.longest)
    return limits


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """Per rung, the stays begun in the period: how many, how many ended by the end, and the
    Kaplan-Meier median and 80th percentile of their length."""
    measured = stays(snapshot, filters, filters.start)
    rows = []
    for rank in sorted(r for r in snapshot.stages if r > 0):
        group = measured.get(rank)
        median, p80 = leaving_times(group, (0.5, 0.8)) if group else (None, None)
        rows.append(
            {
                "stage": rank,
                "spells": group.spells if group else 0,
                "ended": group.left if group else 0,
                "censored": group.spells - group.left if group else 0,
                "median_days": median,
                "p80_days": p80,
            }
        )
    return Table(
        view="time-in-stage",
        title=TITLE,
        columns=COLUMNS,
        rows=rows,
        stages=snapshot.stages,
        chart=Chart(ChartKind.BAR, x="stage", y=("median_days", "p80_days")),
        note=Text(
            "统计期内开始的每段停留，按离开该阶段（升阶、降阶或退出）之日计时；期末仍在该阶段的"
            "按期末截止（删失），用 Kaplan-Meier 方法估计。中位数或80%离开天数为空，表示"
            "留存曲线在期末前未降到该水平（未达到）。",
            "Each stay on a rung begun in the period, timed until the party left the rung (up, "
            "down or off the ladder); stays still running at the period's end are cut there "
            "(censored) and counted by Kaplan-Meier. An empty median or 80% figure means the "
            "curve did not fall that far by the end (not reached).",
        ),
    )
