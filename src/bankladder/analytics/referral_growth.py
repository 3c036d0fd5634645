"""Referral growth: month by month, the referrals the chosen parties made and those that
became customers (转介绍)."""

from __future__ import annotations

from typing import Any

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import MONTHS, Snapshot
from bankladder.ladder.model import Text

TITLE = Text("转介绍增长", "Referral growth")
READS = ("referrals",)

SQL = """
WITH {months}, chosen AS (
    SELECT party_id FROM parties p WHERE {where}
), made AS (
    SELECT r.referrer_id, r.referred_on, r.converted_on
    FROM referrals r JOIN chosen c ON c.party_id = r.referrer_id
    WHERE r.referred_on BETWEEN $start AND $end
       OR r.converted_on BETWEEN $start AND $end
), by_referral_month AS (
    SELECT date_trunc('month', referred_on)::DATE AS month,
           count(*) AS made,
           count(DISTINCT referrer_id) AS referrers,
           count(*) FILTER (WHERE converted_on <= $end) AS converted_by_end
    FROM made WHERE referred_on BETWEEN $start AND $end
    GROUP BY ALL
), by_conversion_month AS (
    SELECT date_trunc('month', converted_on)::DATE AS month, count(*) AS converted
    FROM made WHERE converted_on BETWEEN $start AND $end
    GROUP BY ALL
)
SELECT m.month,
       coalesce(r.made, 0) AS made,
       coalesce(c.converted, 0) AS converted,
       coalesce(r.referrers, 0) AS referrers,
       coalesce(r.converted_by_end, 0) AS converted_by_end
FROM months m
LEFT JOIN by_referral_month r ON r.month = m.month
LEFT JOIN by_conversion_month c ON c.month = m.month
ORDER BY m.month
"""

COLUMNS = (
    Column("month", Text("月份", "Month"), Kind.MONTH),
    Column("made", Text("新增转介绍", "Referrals made"), Kind.COUNT),
    Column("converted", Text("转化成客户", "Converted"), Kind.COUNT),
    Column("made_to_date", Text("累计转介绍", "Made to date"), Kind.COUNT),
    Column("converted_to_date", Text("累计转化", "Converted to date"), Kind.COUNT),
    Column("referrers", Text("推荐人数", "Referrers"), Kind.COUNT),
    Column(
        "conversion", Text("当月转介绍转化率", "Conversion of the month's referrals"), Kind.SHARE
    ),
)

NOTE = Text(
    "只计所选客户作为推荐人的转介绍。新增按推荐日、转化按转化日归月（期初、期末所在月只计期内"
    "的日子）；累计自期初起。推荐人数为当月有推荐的不同客户数。当月转介绍转化率：当月推荐的转介绍"
    "中到期末已转化的比例。没有转化日的转介绍视为未转化。",
    "Referrals made by the chosen parties. Made counts by the day referred, converted by the "
    "day converted (the first and last months count only their days within the period); the "
    "to-date columns add up from the period's start. Referrers are the distinct parties who "
    "referred someone that month. Conversion of the month's referrals: the share of that "
    "month's referrals converted by the period's end. A referral without a conversion day "
    "counts as not converted.",
)


def _rows(counted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Running totals and the conversion rate (None for a month without referrals)."""
    rows, made_to_date, converted_to_date = [], 0, 0
    for row in counted:
        made, converted = int(row["made"]), int(row["converted"])
        made_to_date += made
        converted_to_date += converted
        rows.append(
            {
                "month": row["month"],
                "made": made,
                "converted": converted,
                "made_to_date": made_to_date,
                "converted_to_date": converted_to_date,
                "referrers": int(row["referrers"]),
                "conversion": int(row["converted_by_end"]) / made if made else None,
            }
        )
    return rows


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """Per month of the period: referrals made and converted, running totals, referrers and
    how many of the month's referrals converted by ``filters.end``."""
    counted = snapshot.query(
        SQL.format(where=filters.parties_where(), months=MONTHS), filters.params()
    )
    return Table(
        view="referrals",
        title=TITLE,
        columns=COLUMNS,
        rows=_rows(counted),
        stages=snapshot.stages,
        chart=Chart(ChartKind.LINE, x="month", y=("made", "converted")),
        note=NOTE,
    )
