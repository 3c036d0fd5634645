"""Loan turnaround: per month of receipt, how the chosen parties' loan applications ended by
the period's end, and how many calendar days the credit decision and the disbursal took."""

from __future__ import annotations

from typing import Any

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import MONTHS, Snapshot
from bankladder.ladder.model import Text
from bankladder.store.vocabulary import LoanStatus

TITLE = Text("贷款办理时效", "Loan turnaround")
READS = ("loans",)  # the moves come with them

SQL = """
WITH {months}, chosen AS (
    SELECT party_id FROM parties p WHERE {where}
), received AS (
    SELECT l.application_id, l.received_at
    FROM loans l JOIN chosen c ON c.party_id = l.party_id
    WHERE l.received_at::DATE BETWEEN $start AND $end
), reached AS (
    SELECT application_id,
           min(moved_at) FILTER (WHERE to_status = $approved) AS approved_at,
           min(moved_at) FILTER (WHERE to_status = $declined) AS declined_at,
           min(moved_at) FILTER (WHERE to_status = $disbursed) AS disbursed_at,
           min(moved_at) FILTER (WHERE to_status = $withdrawn) AS withdrawn_at
    FROM loan_moves
    WHERE moved_at::DATE <= $end
      AND to_status IN ($approved, $declined, $disbursed, $withdrawn)
    GROUP BY application_id
), journeys AS (
    SELECT date_trunc('month', r.received_at)::DATE AS month,
           x.approved_at, x.declined_at, x.disbursed_at, x.withdrawn_at,
           date_diff('day', r.received_at::DATE,
                     coalesce(x.approved_at, x.declined_at)::DATE) AS days_to_decision,
           date_diff('day', r.received_at::DATE, x.disbursed_at::DATE) AS days_to_disbursal
    FROM received r LEFT JOIN reached x ON x.application_id = r.application_id
), by_month AS (
    SELECT month,
           count(*) AS received,
           count(days_to_decision) AS decided,
           count(approved_at) AS approved,
           count(declined_at) AS declined,
           count(disbursed_at) AS disbursed,
           count(withdrawn_at) AS withdrawn,
           quantile_cont(days_to_decision, 0.5) AS median_days_to_decision,
           quantile_cont(days_to_decision, 0.8) AS p80_days_to_decision,
           quantile_cont(days_to_disbursal, 0.5) AS median_days_to_disbursal,
           quantile_cont(days_to_disbursal, 0.8) AS p80_days_to_disbursal
    FROM journeys GROUP BY month
)
SELECT m.month, b.* EXCLUDE (month)
FROM months m LEFT JOIN by_month b ON b.month = m.month
ORDER BY m.month
"""

COLUMNS = (
    Column("month", Text("受理月份", "Month received"), Kind.MONTH),
    Column("received", Text("受理", "Received"), Kind.COUNT),
    Column("decided", Text("已决策", "Decided"), Kind.COUNT),
    Column("approved", Text("批准", "Approved"), Kind.COUNT),
    Column("declined", Text("否决", "Declined"), Kind.COUNT),
    Column("disbursed", Text("已放款", "Disbursed"), Kind.COUNT),
    Column("withdrawn", Text("撤回", "Withdrawn"), Kind.COUNT),
    Column("open", Text("在办", "Open"), Kind.COUNT),
    Column("median_days_to_decision", Text("决策天数中位数", "Median days to decision"), Kind.DAYS),
    Column("p80_days_to_decision", Text("决策天数80分位", "80th pct days to decision"), Kind.DAYS),
    Column(
        "median_days_to_disbursal", Text("放款天数中位数", "Median days to disbursal"), Kind.DAYS
    ),
    Column(
        "p80_days_to_disbursal", Text("放款天数80分位", "80th pct days to disbursal"), Kind.DAYS
    ),
)

COUNTS = ("received", "decided", "approved", "declined", "disbursed", "withdrawn")

NOTE = Text(
    "按受理日归月，只计期内受理的申请；结果看期末当日或之前的办理记录：批准（含其后放款的）、"
    "否决、放款、撤回；在办指到期末既未放款、否决也未撤回。天数为自然日（受理日到批准或否决日、"
    "到放款日），只含到期末已走到该步的申请，仍在办的不计入；贷款模块的时效按银行工作日历计，"
    "此处的快照不带银行日历，所以用自然日，两者数字会不同。",
    "Applications count by the month they were received, only those received in the period; "
    "how they ended is read from their moves on or before the period's end: approved "
    "(including those disbursed since), declined, disbursed, withdrawn; open: neither "
    "disbursed, declined nor withdrawn by then. Days are calendar days (from the day received "
    "to the day approved or declined, and to the day disbursed), over the applications that "
    "had reached that step by the period's end; open ones are left out. The loans pages count "
    "working days on the bank's calendar, which this snapshot does not carry, so their "
    "figures differ.",
)


def _row(found: dict[str, Any]) -> dict[str, Any]:
    """Counts as ints (0 for a month without applications) and the open ones."""
    row: dict[str, Any] = {column.key: found.get(column.key) for column in COLUMNS}
    for key in COUNTS:
        row[key] = int(found[key] or 0)
    row["open"] = row["received"] - row["disbursed"] - row["declined"] - row["withdrawn"]
    return row


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """Per month of receipt in the period: the chosen parties' applications, their outcomes
    by ``filters.end`` and the calendar days to decision and to disbursal."""
    params = {
        **filters.params(),
        "approved": LoanStatus.APPROVED.value,
        "declined": LoanStatus.DECLINED.value,
        "disbursed": LoanStatus.DISBURSED.value,
        "withdrawn": LoanStatus.WITHDRAWN.value,
    }
    found = snapshot.query(SQL.format(where=filters.parties_where(), months=MONTHS), params)
    return Table(
        view="loans",
        title=TITLE,
        columns=COLUMNS,
        rows=[_row(row) for row in found],
        stages=snapshot.stages,
        chart=Chart(
            ChartKind.LINE, x="month", y=("median_days_to_decision", "median_days_to_disbursal")
        ),
        note=NOTE,
    )
