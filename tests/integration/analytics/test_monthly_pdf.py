"""The printable monthly report: a PDF with a title page and a page per view, each page with
its chart, its first rows (and how many more the export holds) and its note; the views read
the month, conversion and time in stage the twelve months ending with it; Chinese without a
CJK font is refused in words."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.table import Table as MplTable
from matplotlib.text import Text as Label
from sqlalchemy import Engine, insert

from bankladder.analytics import charts, funnel, monthly
from bankladder.analytics.schemas import Column, Filters, Kind, Table
from bankladder.config import Settings
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.store.database import unit_of_work
from bankladder.store.models import Transition
from tests.analytics_support import moves, party, snapshot
from tests.workbench import small_bank

pytestmark = pytest.mark.integration

MADE = dt.datetime(2026, 5, 2, 9, 30)
APRIL = dt.date(2026, 4, 1)


def pages(data: bytes) -> int:
    """Page objects in the PDF (``/Type /Pages`` is the tree, not a page)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@pytest.fixture
def funnel_table() -> Table:
    with snapshot(
        parties=[party("P1"), party("P2"), party("P3")],
        transitions=moves("P1", ("2026-01-31", 1), ("2026-03-31", 2))
        + moves("P2", ("2026-02-28", 1)),
    ) as held:
        table = funnel.view(held, Filters(dt.date(2026, 4, 1), dt.date(2026, 4, 30)))
    return replace(table, filters=Filters(dt.date(2026, 4, 1), dt.date(2026, 4, 30), branch="B1"))


LONG = Table(
    view="stalled-parties",
    title=Text("停滞客户", "Stalled parties"),
    columns=(
        Column("party", Text("客户号", "Party")),
        Column("days", Text("天数", "Days"), Kind.COUNT),
    ),
    rows=[{"party": f"P{i:02}", "days": 100 + i} for i in range(30)],
    note=Text("超过第80百分位即停滞。", "Stalled: beyond the rung's 80th percentile."),
)


def labels(figure: Figure) -> list[str]:
    """Every text on a page, the table's cells included."""
    texts = [t.get_text() for t in figure.findobj(Label)]
    for drawn in figure.findobj(MplTable):
        assert isinstance(drawn, MplTable)
        texts.extend(cell.get_text().get_text() for cell in drawn.get_celld().values())
    return texts


def test_a_title_page_and_a_page_per_view(funnel_table: Table) -> None:
    data = monthly.pdf(
        [funnel_table, LONG], APRIL, "zh-CN", scope_label="支行 B1", generated_at=MADE
    )
    assert data.startswith(b"%PDF")
    assert pages(data) == 3  # title page + 2 views
    english = monthly.pdf([funnel_table], APRIL, "en", scope_label="Branch B1", generated_at=MADE)
    assert pages(english) == 2
    assert b"/Title (Relationship ladder: monthly report 2026-04)" in english
    assert b"/CreationDate" not in english


def test_the_same_report_prints_the_same_bytes(funnel_table: Table) -> None:
    first = monthly.pdf([funnel_table], APRIL, "en", scope_label="B1", generated_at=MADE)
    again = monthly.pdf([funnel_table], APRIL, "en", scope_label="B1", generated_at=MADE)
    assert first == again


def test_the_title_page_names_month_scope_filters_and_when(funnel_table: Table) -> None:
    with charts.drawing():
        shown = labels(monthly.title_page([funnel_table], APRIL, "en", "Branch B1", MADE))
    assert {"2026-04", "Branch B1", "Branch: B1", "Generated: 2026-05-02 09:30"} <= set(shown)
    assert "• Funnel by stage  2026-04-01 – 2026-04-30" in shown


def test_a_long_table_shows_25_rows_and_says_how_many_more(funnel_table: Table) -> None:
    with charts.drawing():
        shown = labels(monthly.view_page(LONG, "en"))
    assert "P24" in shown  # the 25th row (P00 is the first)
    assert "P25" not in shown
    [note] = [t for t in shown if "more rows" in t]
    # 30 rows - 25 shown = 5
    assert note.startswith("5 more rows in the export\nStalled: beyond")


def test_chinese_without_a_cjk_font_is_refused_with_what_to_install(funnel_table: Table) -> None:
    with pytest.raises(InvalidInput) as refused:
        monthly.pdf([funnel_table], APRIL, "zh-CN", scope_label="B1", font_families=())
    assert "fonts-noto-cjk" in str(refused.value)
    assert "--locale en" in str(refused.value)
    english = monthly.pdf([funnel_table], APRIL, "en", scope_label="B1", font_families=())
    assert english.startswith(b"%PDF")


def test_month_periods() -> None:
    assert monthly.month_period(dt.date(2026, 2, 1)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    # twelve months ending with April 2026: May 2025 to April 2026
    assert monthly.month_period(APRIL, 12) == (dt.date(2025, 5, 1), dt.date(2026, 4, 30))
    assert monthly.month_period(dt.date(2026, 12, 1), 12) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    with unit_of_work(engine) as session:
        session.execute(
            insert(Transition),
            [
                {
                    "party_id": who,
                    "from_stage": before,
                    "to_stage": after,
                    "direction": "entered" if before is None else "advanced",
                    "changed_on": dt.date.fromisoformat(day),
                }
                for who, before, after, day in (
                    ("P-RM01-1", None, "acquaintance", "2026-01-31"),
                    ("P-RM01-1", "acquaintance", "discovery", "2026-04-30"),
                    ("P-RM03-1", None, "acquaintance", "2026-05-31"),
                )
            ],
        )
    yield engine
    engine.dispose()


def test_monthly_tables_read_the_month_and_the_year_for_conversion(store: Engine) -> None:
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, Settings())
        base = Filters(dt.date(2000, 1, 1), dt.date(2000, 1, 1), branch="BR01")
        tables = monthly.monthly_tables(
            session, None, ladder, APRIL, base, ("funnel", "conversion")
        )
    funnel_april, conversion = tables
    assert funnel_april.filters == Filters(dt.date(2026, 4, 1), dt.date(2026, 4, 30), branch="BR01")
    assert conversion.filters == Filters(dt.date(2025, 5, 1), dt.date(2026, 4, 30), branch="BR01")
    standing = {row["stage"]: row["parties"] for row in funnel_april.rows if row["parties"]}
    # branch BR01 holds P-RM01-1, P-RM01-2, P-RM02-1: P-RM01-1 reached discovery (rank 2) on
    # 30 April; the other two never moved; P-RM03-1 (BR02, and May) is not counted
    assert standing == {0: 2, 2: 1}
