"""The printable monthly report: a PDF of A4 pages, a title page and one page per view (its
chart, its first rows, its note), drawn with matplotlib's PDF backend (installed, offline).

Chinese needs a font with CJK glyphs embedded in the PDF: the first of ``charts.FONTS`` that
matplotlib finds; none installed is said in words (install ``fonts-noto-cjk`` or print in
English) rather than printing empty boxes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from matplotlib import font_manager
from matplotlib.backends.backend_pdf import FigureCanvasPdf, PdfPages
from matplotlib.figure import Figure, SubFigure
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.analytics import charts, export, service
from bankladder.analytics.render import cells, headings
from bankladder.analytics.schemas import Filters, Table
from bankladder.errors import InvalidInput
from bankladder.ladder.model import Ladder, Text
from bankladder.ladder.reasons import is_chinese

A4 = (8.27, 11.69)  # inches, portrait
ROWS_SHOWN = 25
REPORT_TITLE = Text("客户关系阶梯月度报告", "Relationship ladder: monthly report")
CJK_FONTS = tuple(name for name in charts.FONTS if name != "DejaVu Sans")

MONTHLY_VIEWS = (
    "funnel",
    "conversion",
    "time-in-stage",
    "stalls",
    "team",
    "regressions",
    "industries",
    "referrals",
    "loans",
)
"""The views the monthly report prints, in this order."""
YEAR_LONG = frozenset({"conversion", "time-in-stage"})
"""Views read over the twelve months ending with the report's month: one month holds too few
cohorts to compare, and too few stays on a rung ending to estimate a median."""


def month_period(month: dt.date, months: int = 1) -> tuple[dt.date, dt.date]:
    """The ``months`` calendar months ending with ``month``'s: first day to last day."""
    last = dt.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    back = month.month - months  # months before this one, counted from January
    first = dt.date(month.year + back // 12, back % 12 + 1, 1)
    return first, last


def monthly_tables(
    session: Session,
    principal: Principal | None,
    ladder: Ladder,
    month: dt.date,
    base: Filters,
    views: Sequence[str] = MONTHLY_VIEWS,
) -> list[Table]:
    """Each view of the report over ``base``'s branch, RM, segment and industry: the calendar
    month, or the twelve months ending with it for ``YEAR_LONG`` views."""
    asked = []
    for name in views:
        start, end = month_period(month, 12 if name in YEAR_LONG else 1)
        asked.append((name, replace(base, start=start, end=end)))
    return service.reports(session, principal, ladder, asked)


def cjk_font(families: Sequence[str] = CJK_FONTS) -> str | None:
    """The first of ``families`` matplotlib can use (a CJK font), or None."""
    charts.fonts_installed_since_the_cache()
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in families if family in installed), None)


def fonts_for(locale: str, families: Sequence[str] = CJK_FONTS) -> list[str]:
    """The font list to print ``locale`` with; Chinese without a CJK font is refused."""
    found = cjk_font(families)
    if found is None and is_chinese(locale):
        raise InvalidInput(
            "no font with Chinese characters is installed for the PDF",
            where="--locale",
            fix="install a CJK font (on Debian or Ubuntu: apt-get install fonts-noto-cjk), "
            "or print the report in English with --locale en",
        )
    return [found, "DejaVu Sans"] if found else ["DejaVu Sans"]


def pdf(
    tables: Sequence[Table],
    month: dt.date,
    locale: str,
    *,
    scope_label: str,
    generated_at: dt.datetime | None = None,
    font_families: Sequence[str] = CJK_FONTS,
) -> bytes:
    """The report as PDF bytes: a title page (the month, the scope, the filters, when it was
    made), then one page per table."""
    fonts = fonts_for(locale, font_families)
    made = generated_at or dt.datetime.now().replace(microsecond=0)
    out = io.BytesIO()
    title = f"{REPORT_TITLE.in_(locale)} {month.strftime('%Y-%m')}"
    with charts.drawing({"font.sans-serif": fonts, "pdf.fonttype": 42, "font.size": 9}):
        metadata = {"Title": title, "Creator": "bankladder", "CreationDate": None}
        with PdfPages(out, metadata=metadata) as pages:
            pages.savefig(title_page(tables, month, locale, scope_label, made))
            for table in tables:
                pages.savefig(view_page(table, locale))
    return out.getvalue()


def _page() -> Figure:
    figure = Figure(figsize=A4, layout="constrained")
    FigureCanvasPdf(figure)
    return figure


def title_page(
    tables: Sequence[Table], month: dt.date, locale: str, scope: str, made: dt.datetime
) -> Figure:
    page = _page()
    page.text(0.08, 0.85, REPORT_TITLE.in_(locale), fontsize=22, weight="bold")
    page.text(0.08, 0.80, month.strftime("%Y-%m"), fontsize=18)
    page.text(0.08, 0.75, scope, fontsize=14)
    y = 0.68
    first = next((table for table in tables if table.filters is not None), None)
    for key, value in first.filters.described().items() if first and first.filters else []:
        if key not in ("start", "end"):  # each view's own period is listed below
            page.text(0.08, y, f"{export.FILTER_NAMES[key].in_(locale)}: {value}", fontsize=11)
            y -= 0.03
    made_label = Text("生成时间", "Generated").in_(locale)
    page.text(0.08, y - 0.02, f"{made_label}: {made:%Y-%m-%d %H:%M}", fontsize=11)
    y -= 0.08
    for table in tables:
        period = ""
        if table.filters is not None:
            period = f"  {table.filters.start.isoformat()} – {table.filters.end.isoformat()}"
        page.text(0.08, y, f"• {table.title.in_(locale)}{period}", fontsize=11)
        y -= 0.028
    return page


def view_page(table: Table, locale: str) -> Figure:
    page = _page()
    parts: Any = page.subfigures(3, 1, height_ratios=[0.6, 4.6, 6.0])  # an array of three
    head, chart, rows = parts
    head.suptitle(table.title.in_(locale), fontsize=16, weight="bold", x=0.02, ha="left")
    if table.filters is not None:
        period = f"{table.filters.start.isoformat()} – {table.filters.end.isoformat()}"
        head.text(0.02, 0.05, period, fontsize=10)
    if table.chart is not None and table.rows:
        charts.draw(chart.add_subplot(), table, locale)
    _rows(rows, table, locale)
    return page


def _rows(area: SubFigure, table: Table, locale: str) -> None:
    """The first ``ROWS_SHOWN`` rows as a table, a line saying how many more, the note."""
    ax = area.add_subplot()
    ax.set_axis_off()
    shown = cells(table, locale)[:ROWS_SHOWN]
    if shown:
        drawn = ax.table(cellText=shown, colLabels=headings(table, locale), loc="upper center")
        drawn.auto_set_font_size(False)
        drawn.set_fontsize(7 if len(table.columns) > 6 else 8)
        drawn.auto_set_column_width(list(range(len(table.columns))))
    else:
        ax.text(0.0, 0.95, Text("没有数据", "No rows").in_(locale), transform=ax.transAxes)
    lines = []
    more = len(table.rows) - ROWS_SHOWN
    if more > 0:
        lines.append(
            Text(f"另有 {more} 行见导出文件", f"{more} more rows in the export").in_(locale)
        )
    if table.note is not None:
        lines.extend(wrap(table.note.in_(locale), 110))
    area.text(0.02, 0.02, "\n".join(lines), fontsize=8, va="bottom", ha="left")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns (a CJK character takes two), broken at spaces when
    there are some."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        if line and _columns(line + piece) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _pieces(text: str) -> list[str]:
    """Words with their trailing space, and each CJK character on its own."""
    pieces: list[str] = []
    word = ""
    for ch in text:
        if ord(ch) > 0x2E80:
            if word:
                pieces.append(word)
                word = ""
            pieces.append(ch)
        else:
            word += ch
            if ch == " ":
                pieces.append(word)
                word = ""
    if word:
        pieces.append(word)
    return pieces


def _columns(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
