"""Charts as SVG: every kind draws the marks its rows call for, labels read in the locale, the
SVG scales (a viewBox, no fixed size), says what it shows (title, aria-label) and is the same
every time it is drawn."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from bankladder.analytics.charts import svg
from bankladder.analytics.schemas import Chart, ChartKind, Column, Kind, Table
from bankladder.ladder.model import Text

pytestmark = pytest.mark.unit

NS = "{http://www.w3.org/2000/svg}"
STAGES = {
    0: Text("未上阶梯", "Not on the ladder"),
    1: Text("了解银行", "Know"),
    2: Text("试用", "Trial"),
}
STAGE = Column("stage", Text("阶段", "Stage"), Kind.STAGE)
PARTIES = Column("parties", Text("客户数", "Parties"), Kind.COUNT)
MONTH = Column("month", Text("月份", "Month"), Kind.MONTH)
RATE = Column("rate", Text("转化率", "Rate"), Kind.SHARE)


def table(columns: tuple[Column, ...], rows: list[dict[str, object]], chart: Chart) -> Table:
    return Table("sample", Text("样例图", "Sample chart"), columns, rows, STAGES, chart)


FUNNEL = table(
    (STAGE, PARTIES),
    [{"stage": 0, "parties": 5}, {"stage": 1, "parties": 3}, {"stage": 2, "parties": 1}],
    Chart(ChartKind.BAR, x="stage", y=("parties",)),
)


def parsed(drawn: str) -> ET.Element:
    return ET.fromstring(drawn)


def ids(root: ET.Element, prefix: str) -> list[str]:
    return sorted(
        e.get("id", "") for e in root.iter(f"{NS}g") if e.get("id", "").startswith(prefix)
    )


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()).strip() for e in root.iter(f"{NS}text")]


def axis_texts(root: ET.Element, axis: str) -> list[str]:
    """The text under matplotlib's group of one axis (``matplotlib.axis_1`` is x, ``_2`` y)."""
    [group] = [g for g in root.iter(f"{NS}g") if g.get("id") == f"matplotlib.axis_{axis}"]
    return texts(group)


def test_a_bar_per_row_labelled_by_stage_name_in_the_locale() -> None:
    root = parsed(svg(FUNNEL, "zh-CN"))
    assert ids(root, "bar-") == ["bar-0-0", "bar-0-1", "bar-0-2"]
    assert {"未上阶梯", "了解银行", "试用"} <= set(axis_texts(root, "1"))
    english = parsed(svg(FUNNEL, "en"))
    assert {"Not on the ladder", "Know", "Trial"} <= set(texts(english))
    assert "未上阶梯" not in texts(english)


def test_the_svg_scales_and_says_what_it_shows() -> None:
    root = parsed(svg(FUNNEL, "en"))
    assert root.get("width") is None
    assert root.get("height") is None
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Sample chart"
    assert root[0].tag == f"{NS}title"
    assert root[0].text == "Sample chart"


def test_no_inline_css_for_the_pages_content_security_policy() -> None:
    """The pages allow no inline styles (``style-src 'self'``): sizes, fonts and anchoring
    travel as SVG attributes."""
    drawn = svg(FUNNEL, "zh-CN")
    assert "style=" not in drawn
    assert "<style" not in drawn
    root = parsed(drawn)
    labels = [e for e in root.iter(f"{NS}text") if "".join(e.itertext()).strip() == "了解银行"]
    assert labels
    assert labels[0].get("font-size") == "13px"
    assert labels[0].get("text-anchor") == "middle"  # centred under its bar


def test_the_same_table_draws_the_same_svg() -> None:
    assert svg(FUNNEL, "zh-CN") == svg(FUNNEL, "zh-CN")
    assert "<dc:date>" not in svg(FUNNEL, "zh-CN")


def test_text_stays_text_for_the_browsers_cjk_fonts() -> None:
    drawn = svg(FUNNEL, "zh-CN")
    assert "了解银行" in drawn  # a glyph path would not hold the characters
    assert "Noto Sans CJK SC" in drawn


def test_grouped_bars_one_per_value_column_and_row_with_a_legend() -> None:
    team = table(
        (
            Column("rm", Text("客户经理", "RM")),
            PARTIES,
            Column("advances", Text("晋级", "Advances"), Kind.COUNT),
        ),
        [{"rm": "RM01", "parties": 4, "advances": 2}, {"rm": "RM02", "parties": 6, "advances": 1}],
        Chart(ChartKind.BAR, x="rm", y=("parties", "advances")),
    )
    root = parsed(svg(team, "zh-CN"))
    # 2 value columns x 2 rows
    assert ids(root, "bar-") == ["bar-0-0", "bar-0-1", "bar-1-0", "bar-1-1"]
    assert {"客户数", "晋级", "RM01", "RM02"} <= set(texts(root))


def test_stacked_bars_add_up_rows_of_the_same_month() -> None:
    regressions = table(
        (
            MONTH,
            STAGE,
            Column("down", Text("降阶", "Down"), Kind.COUNT),
            Column("left", Text("退出", "Left"), Kind.COUNT),
        ),
        [
            {"month": dt.date(2026, 1, 1), "stage": 1, "down": 1, "left": 0},
            {"month": dt.date(2026, 1, 1), "stage": 2, "down": 2, "left": 1},
            {"month": dt.date(2026, 2, 1), "stage": 1, "down": 0, "left": 3},
        ],
        Chart(ChartKind.STACKED, x="month", y=("down", "left")),
    )
    root = parsed(svg(regressions, "en"))
    # two months (January's two rows make one bar) x two value columns
    assert ids(root, "bar-") == ["bar-0-0", "bar-0-1", "bar-1-0", "bar-1-1"]
    assert {"2026-01", "2026-02", "Down", "Left"} <= set(texts(root))


def test_long_category_labels_turn_the_bars_sideways() -> None:
    long_names = replace(
        FUNNEL, stages={**STAGES, 1: Text("了解银行与客户经理", "Acquaintance with the bank")}
    )
    root = parsed(svg(long_names, "en"))
    assert "Acquaintance with the bank" in axis_texts(root, "2")  # on the y axis
    assert "Acquaintance with the bank" not in axis_texts(root, "1")


def test_a_line_per_series_with_months_and_shares_as_read() -> None:
    conversion = table(
        (MONTH, STAGE, RATE),
        [
            {"month": dt.date(2026, m, 1), "stage": s, "rate": 0.25 * s}
            for m in (1, 2, 3)
            for s in (1, 2)
        ],
        Chart(ChartKind.LINE, x="month", y=("rate",), series="stage"),
    )
    root = parsed(svg(conversion, "zh-CN"))
    assert ids(root, "line-") == ["line-0", "line-1"]  # stages 1 and 2
    shown = set(texts(root))
    assert {"2026-01", "2026-02", "2026-03", "了解银行", "试用"} <= shown
    assert "50%" in axis_texts(root, "2")  # rates 0.25 and 0.5: the axis reads in per cent


def test_survival_steps_one_per_stage() -> None:
    survival = table(
        (
            Column("day", Text("天数", "Days"), Kind.DAYS),
            STAGE,
            Column("staying", Text("仍在", "Staying"), Kind.SHARE),
        ),
        [{"day": d, "stage": s, "staying": 1 - d / 100} for s in (1, 2) for d in (0, 10, 30)],
        Chart(ChartKind.STEP, x="day", y=("staying",), series="stage"),
    )
    root = parsed(svg(survival, "en"))
    assert ids(root, "line-") == ["line-0", "line-1"]
    assert {"Know", "Trial", "Days"} <= set(texts(root))


def test_a_heat_map_writes_each_count_in_its_cell() -> None:
    heat = table(
        (Column("section", Text("行业", "Industry")), STAGE, PARTIES),
        [
            {"section": "C", "stage": 1, "parties": 1200},
            {"section": "C", "stage": 2, "parties": 3},
            {"section": "F", "stage": 1, "parties": 7},
        ],
        Chart(ChartKind.HEATMAP, x="stage", y=("parties",), series="section"),
    )
    root = parsed(svg(heat, "zh-CN"))
    # rows C, F down; stages 1, 2 across; F has no stage 2
    assert ids(root, "cell-") == ["cell-0-0", "cell-0-1", "cell-1-0"]
    cells = {
        g.get("id"): texts(g) for g in root.iter(f"{NS}g") if g.get("id", "").startswith("cell-")
    }
    assert cells == {"cell-0-0": ["1,200"], "cell-0-1": ["3"], "cell-1-0": ["7"]}
    assert {"C", "F", "了解银行", "试用"} <= set(texts(root))


def test_no_chart_or_no_rows_draws_nothing() -> None:
    assert svg(replace(FUNNEL, rows=[]), "en") == ""
    assert svg(replace(FUNNEL, chart=None), "en") == ""
