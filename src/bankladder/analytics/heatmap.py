"""Industry x stage: where the chosen enterprises stand at the period's end, by GB/T 4754
section (门类)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bankladder.analytics.schemas import Chart, ChartKind, Column, Filters, Kind, Table
from bankladder.analytics.snapshot import Snapshot
from bankladder.industry import gbt4754
from bankladder.ladder.model import Text
from bankladder.store.vocabulary import PartyKind

TITLE = Text("行业 × 阶段热力图", "Industries by stage")
READS = ("transitions",)  # and the spells derived from them

UNKNOWN = "?"
"""The section of an enterprise without a valid GB/T 4754 code."""
UNKNOWN_NAME = Text("未填行业", "No industry recorded")

SQL = """
WITH on_ladder AS (
    -- the chosen enterprises' stays running at the end
    SELECT industry_code, rank, count(*) AS parties FROM spells s
    WHERE {where_spells} AND s.party_kind = $enterprise
      AND s.entered_on <= $end AND (s.left_on IS NULL OR s.left_on > $end)
    GROUP BY industry_code, rank
), enterprises AS (
    SELECT industry_code, count(*) AS parties FROM parties p
    WHERE {where_parties} AND p.kind = $enterprise
    GROUP BY industry_code
), off_ladder AS (
    SELECT e.industry_code, 0 AS rank, e.parties - coalesce(sum(o.parties), 0) AS parties
    FROM enterprises e
    LEFT JOIN on_ladder o ON o.industry_code IS NOT DISTINCT FROM e.industry_code
    GROUP BY e.industry_code, e.parties
)
SELECT industry_code, rank, parties FROM on_ladder
UNION ALL
SELECT industry_code, rank, parties FROM off_ladder
"""

COLUMNS = (
    Column("section", Text("门类", "Section")),
    Column("section_zh", Text("门类名称（中文）", "Section name (Chinese)")),
    Column("section_en", Text("门类名称（英文）", "Section name (English)")),
    Column("stage", Text("阶段", "Stage"), Kind.STAGE),
    Column("parties", Text("企业客户数", "Enterprises"), Kind.COUNT),
    Column("share_of_section", Text("占本门类", "Share of the section"), Kind.SHARE),
)

NOTE = Text(
    "只计企业客户，按国民经济行业分类（GB/T 4754）门类归组；未填或不是标准代码的行业记为“?”"
    "（未填行业）。每家企业按期末当日或之前最近一次阶段变化计，没有则为未上阶梯。"
    "“占本门类”是该格企业数占同一门类企业总数的比例。",
    "Enterprises only, grouped by GB/T 4754 section; a missing code or one not in the standard "
    "reads '?' (no industry recorded). Each enterprise counts on its rung at the period's end "
    "(its newest stage change on or before that day; none: not on the ladder). 'Share of the "
    "section' is the cell's enterprises over all the section's enterprises.",
)


def _section(code: str | None) -> str:
    """The section letter of a store code (``C13``: ``C``); ``UNKNOWN`` when missing or not a
    GB/T 4754 code."""
    return (gbt4754.section_of(code) if code else None) or UNKNOWN


def _names(section: str) -> Text:
    if section == UNKNOWN:
        return UNKNOWN_NAME
    heading = gbt4754.heading(section)
    return Text(heading.zh, heading.en) if heading else UNKNOWN_NAME


def _order(section: str) -> tuple[bool, str]:
    return (section == UNKNOWN, section)


def cells(counted: list[dict[str, Any]], ranks: list[int]) -> list[dict[str, Any]]:
    """The heat map's grid from (industry_code, rank, parties) counts: every section holding an
    enterprise by every rank (zeros included), sections in the standard's order, unknown last."""
    grid: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(ranks, 0))
    for row in counted:
        by_rank = grid[_section(row["industry_code"])]
        by_rank[row["rank"]] = by_rank.get(row["rank"], 0) + int(row["parties"])
    rows = []
    for section in sorted(grid, key=_order):
        total = sum(grid[section].values())
        names = _names(section)
        for rank, parties in sorted(grid[section].items()):
            rows.append(
                {
                    "section": section,
                    "section_zh": names.zh,
                    "section_en": names.en,
                    "stage": rank,
                    "parties": parties,
                    "share_of_section": parties / total,
                }
            )
    return rows


def view(snapshot: Snapshot, filters: Filters) -> Table:
    """Chosen enterprises per GB/T 4754 section and rung at ``filters.end``."""
    params = {**filters.params(), "enterprise": PartyKind.ENTERPRISE.value}
    sql = SQL.format(
        where_spells=filters.parties_where("s"), where_parties=filters.parties_where("p")
    )
    counted = snapshot.query(sql, params)
    return Table(
        view="industries",
        title=TITLE,
        columns=COLUMNS,
        rows=cells(counted, sorted(snapshot.stages)),
        stages=snapshot.stages,
        chart=Chart(ChartKind.HEATMAP, x="stage", y=("parties",), series="section"),
        note=NOTE,
    )
