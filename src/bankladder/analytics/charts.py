"""A ``Table``'s chart as an SVG the pages embed: drawn with matplotlib (installed, works
offline), text kept as text so the browser's fonts show Chinese, scaled by a viewBox so it fits
a 375 px phone as well as a desktop.

No pyplot and no ``matplotlib.use``: a ``Figure`` with its own canvas, so drawing touches no
global backend; the rc settings matplotlib reads while drawing are global, so drawing holds
``DRAWING``. ``draw`` paints on any Axes (the monthly PDF reuses it).
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from bankladder.analytics.render import cell
from bankladder.analytics.schemas import Chart, ChartKind, Column, Kind, Table

FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "DejaVu Sans",
)
"""Font families, CJK first: the SVG names them for the browser, the PDF embeds the first found."""

DRAWING = threading.Lock()
"""Held while matplotlib's global rc settings are changed and read (one chart at a time)."""

WIDTH = 6.0  # inches; at 72 points an inch the SVG is 432 units wide, ~0.87 of that on a phone
HEIGHT = 4.0
FONT_SIZE = 13
LONG_LABEL = 8  # characters: longer category labels turn the bars sideways
COLOURS = ("#1f5fa8", "#e08a1e", "#2e9e5b", "#c23b3b", "#7a55b3", "#8c6d4f", "#d45fa0", "#6b6b6b")


def settings(fonts: Sequence[str] = FONTS) -> dict[str, Any]:
    """The rc settings every chart is drawn with (SVG text as text, a fixed hash salt for
    stable ids, the font list, sizes readable when scaled down to a phone)."""
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "bankladder",
        "font.family": "sans-serif",
        "font.sans-serif": list(fonts),
        "font.size": FONT_SIZE,
        "axes.titlesize": FONT_SIZE + 1,
        "legend.fontsize": FONT_SIZE - 1,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


@cache
def fonts_installed_since_the_cache() -> int:
    """Add the system's font files matplotlib does not know yet; how many were added.

    matplotlib lists the system's fonts once and keeps the list in its cache
    (``~/.cache/matplotlib``): a font installed after bankladder first drew a chart (``apt-get
    install fonts-noto-cjk`` after a first run) would stay unknown and Chinese labels would be
    measured with a Latin font. Done once per process, before the first chart."""
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    added = 0
    for path in font_manager.findSystemFonts():
        if path in known:
            continue
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):  # a file FreeType cannot read: skipped
            continue
        added += 1
    return added


@contextmanager
def drawing(extra: dict[str, Any] | None = None) -> Iterator[None]:
    """matplotlib's settings for a chart, held alone (see ``DRAWING``)."""
    fonts_installed_since_the_cache()
    chosen: Any = {**settings(), **(extra or {})}  # rc_context types its keys as literals
    with DRAWING, rc_context(chosen):
        yield


def svg(table: Table, locale: str) -> str:
    """The table's chart as an inline ``<svg>`` (no fixed size, a ``<title>``, ``role="img"``);
    an empty string when the table has no chart or no rows."""
    if table.chart is None or not table.rows:
        return ""
    with drawing():
        figure = Figure(figsize=(WIDTH, height(table)), layout="constrained")
        FigureCanvasSVG(figure)
        draw(figure.add_subplot(), table, locale)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return accessible(out.getvalue(), table.title.in_(locale))


def height(table: Table) -> float:
    """Taller for sideways bars (one line per category) and heat maps with many rows."""
    chart = table.chart
    if chart is None:
        return HEIGHT
    if chart.kind is ChartKind.HEATMAP and chart.series is not None:
        rows = len({row.get(chart.series) for row in table.rows})
        return max(HEIGHT, 1.2 + 0.45 * rows)
    if chart.kind in (ChartKind.BAR, ChartKind.STACKED) and sideways(table, "en"):
        per_category = 0.3 + 0.15 * (1 if stacked(chart) else len(chart.y))
        return max(HEIGHT, 1.5 + per_category * len(categories(table, chart)))
    return HEIGHT


def stacked(chart: Chart) -> bool:
    return chart.kind is ChartKind.STACKED or len(chart.y) == 1


def accessible(drawn: str, title: str) -> str:
    """The SVG from its ``<svg>`` tag on, without a fixed width and height (the viewBox
    scales it: an inline SVG without them takes its container's width), with ``role="img"``,
    an ``aria-label`` and a ``<title>``, and no inline CSS (see ``presentation``)."""
    body = presentation(drawn[drawn.index("<svg") :])
    opening_end = body.index(">")
    opening = re.sub(r'\s(width|height)="[^"]*"', "", body[:opening_end])
    opening += f' role="img" aria-label={quoteattr(title)} {ROOT_STROKES}'
    return f"{opening}>\n <title>{escape(title)}</title>{body[opening_end + 1 :]}"


ROOT_STROKES = 'stroke-linejoin="round" stroke-linecap="butt"'
"""What matplotlib's ``<style>`` sets on every element, as attributes the others inherit."""
STYLE = re.compile(r'\sstyle="([^"]*)"')
STYLE_ELEMENT = re.compile(r"\s*<style[^>]*>.*?</style>", re.S)


def presentation(drawn: str) -> str:
    """matplotlib's inline CSS (``style`` attributes, a ``<style>`` element) as SVG
    presentation attributes: the pages' Content-Security-Policy (``style-src 'self'``)
    blocks inline CSS, and the labels would lose their size, font and anchoring."""
    return re.sub(r"<[^<>]*\sstyle=\"[^\"]*\"[^<>]*>", _attributes, STYLE_ELEMENT.sub("", drawn))


def _attributes(tag: re.Match[str]) -> str:
    text = tag.group(0)
    style = STYLE.search(text)
    assert style is not None  # the pattern matched a tag with a style attribute
    pairs = [part.split(":", 1) for part in style.group(1).split(";") if ":" in part]
    given = [
        f'{name.strip()}="{value.strip()}"'
        for name, value in pairs
        if not re.search(rf'\s{re.escape(name.strip())}="', text)
    ]
    return text[: style.start()] + "".join(f" {a}" for a in given) + text[style.end() :]


def draw(ax: Axes, table: Table, locale: str) -> None:
    """Paint the table's chart on ``ax``: labels in the locale, shares as percentages."""
    chart = table.chart
    if chart is None or not table.rows:
        ax.set_axis_off()
        return
    if chart.kind in (ChartKind.BAR, ChartKind.STACKED):
        _bars(ax, table, chart, locale)
    elif chart.kind is ChartKind.HEATMAP:
        _heatmap(ax, table, chart, locale)
    else:
        _lines(ax, table, chart, locale)


def sideways(table: Table, locale: str) -> bool:
    """Horizontal bars when a category label would not fit under its bar on a phone."""
    chart = table.chart
    if chart is None:
        return False
    x = table.column(chart.x)
    labels = [cell(table, x, value, locale) for value in categories(table, chart)]
    return len(labels) > 6 or any(len(label) > LONG_LABEL for label in labels)


def categories(table: Table, chart: Chart) -> dict[Any, dict[str, float]]:
    """Each category of ``x`` (in the rows' order) with its ``y`` values; rows sharing a
    category add up (e.g. a month's rows per stage make one bar for the month)."""
    summed: dict[Any, dict[str, float]] = {}
    for row in table.rows:
        values = summed.setdefault(row.get(chart.x), dict.fromkeys(chart.y, 0.0))
        for key in chart.y:
            values[key] += 0.0 if row.get(key) is None else float(row[key])
    return summed


def _value(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _bars(ax: Axes, table: Table, chart: Chart, locale: str) -> None:
    x = table.column(chart.x)
    summed = categories(table, chart)
    labels = [cell(table, x, value, locale) for value in summed]
    across = sideways(table, locale)
    together = chart.kind is ChartKind.STACKED
    count = len(chart.y)
    width = 0.8 if together else 0.8 / count
    base = [0.0] * len(summed)
    for n, key in enumerate(chart.y):
        values = [bar[key] for bar in summed.values()]
        shift = 0.0 if together else (n - (count - 1) / 2) * width
        where = [i + shift for i in range(len(values))]
        name = table.column(key).title.in_(locale)
        colour = COLOURS[n % len(COLOURS)]
        if across:
            bars = ax.barh(where, values, height=width, left=base, label=name, color=colour)
        else:
            bars = ax.bar(where, values, width=width, bottom=base, label=name, color=colour)
        for i, bar in enumerate(bars):
            bar.set_gid(f"bar-{n}-{i}")
        if together:
            base = [b + v for b, v in zip(base, values, strict=True)]
    ticks = list(range(len(labels)))
    value_axis = ax.xaxis if across else ax.yaxis
    _format_values(value_axis, [table.column(key) for key in chart.y])
    if across:
        ax.set_yticks(ticks, labels)
        ax.invert_yaxis()  # the first row on top, as in the table
    else:
        ax.set_xticks(ticks, labels)
    _legend(ax, count)


def _lines(ax: Axes, table: Table, chart: Chart, locale: str) -> None:
    x = table.column(chart.x)
    numeric = x.kind in (Kind.DAYS, Kind.COUNT, Kind.NUMBER)
    present: set[Any] = {row[chart.x] for row in table.rows if row.get(chart.x) is not None}
    order = sorted(present)
    position = {value: i for i, value in enumerate(order)}
    drawn = 0
    for label, rows in _series(table, chart, locale):
        for key in chart.y:
            points = sorted(
                (row[chart.x], _value(row.get(key))) for row in rows if row.get(chart.x) is not None
            )
            xs = [p[0] if numeric else position[p[0]] for p in points]
            ys = [p[1] for p in points]
            name = _line_name(table, chart, key, label, locale)
            colour = COLOURS[drawn % len(COLOURS)]
            if chart.kind is ChartKind.STEP:
                (line,) = ax.step(xs, ys, where="post", label=name, color=colour, linewidth=2)
            else:
                (line,) = ax.plot(xs, ys, label=name, color=colour, linewidth=2, marker="o")
            line.set_gid(f"line-{drawn}")
            drawn += 1
    if not numeric:
        labels = [cell(table, x, value, locale) for value in order]
        step = max(1, len(labels) // 6)  # at most ~6 labels fit across a phone
        ax.set_xticks(list(range(0, len(labels), step)), labels[::step])
    ax.set_xlabel(x.title.in_(locale))
    _format_values(ax.yaxis, [table.column(key) for key in chart.y])
    _legend(ax, drawn)


def _series(
    table: Table, chart: Chart, locale: str
) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """The rows split by the series column (first appearance order), or all rows as one."""
    if chart.series is None:
        return [(None, table.rows)]
    column = table.column(chart.series)
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in table.rows:
        groups.setdefault(row.get(chart.series), []).append(row)
    return [(cell(table, column, value, locale), rows) for value, rows in groups.items()]


def _line_name(table: Table, chart: Chart, key: str, label: str | None, locale: str) -> str:
    title = table.column(key).title.in_(locale)
    if label is None:
        return title
    return label if len(chart.y) == 1 else f"{label} · {title}"


def _heatmap(ax: Axes, table: Table, chart: Chart, locale: str) -> None:
    """``x`` across, ``series`` down, ``y[0]`` the cell's value, written in the cell."""
    x, down, value = table.column(chart.x), chart.series, table.column(chart.y[0])
    if down is None:
        raise ValueError("a heat map needs a series column")
    across_values = list(dict.fromkeys(row.get(chart.x) for row in table.rows))
    down_values = list(dict.fromkeys(row.get(down) for row in table.rows))
    grid = [[float("nan")] * len(across_values) for _ in down_values]
    shown: dict[tuple[int, int], str] = {}
    for row in table.rows:
        i, j = down_values.index(row.get(down)), across_values.index(row.get(chart.x))
        grid[i][j] = _value(row.get(chart.y[0]))
        shown[i, j] = cell(table, value, row.get(chart.y[0]), locale)
    finite = [v for line in grid for v in line if v == v]
    top = max(finite) if finite else 0.0
    ax.imshow(grid, cmap="Blues", aspect="auto", vmin=0, vmax=top or 1)
    for (i, j), text in shown.items():
        dark = grid[i][j] > top * 0.6
        label = ax.text(j, i, text, ha="center", va="center", color="white" if dark else "black")
        label.set_gid(f"cell-{i}-{j}")
    column = table.column(down)
    ax.set_xticks(
        list(range(len(across_values))),
        [cell(table, x, v, locale) for v in across_values],
        rotation=45 if len(across_values) > 4 else 0,
        ha="right" if len(across_values) > 4 else "center",
    )
    ax.set_yticks(
        list(range(len(down_values))), [cell(table, column, v, locale) for v in down_values]
    )
    ax.spines[:].set_visible(False)


def _format_values(axis: Any, columns: Sequence[Column]) -> None:
    if columns and all(column.kind is Kind.SHARE for column in columns):
        axis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    elif columns and all(column.kind is Kind.COUNT for column in columns):
        axis.set_major_locator(MaxNLocator(integer=True))
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))


def _legend(ax: Axes, entries: int) -> None:
    """A legend below the plot (never over the data), in as many columns as fit a phone: the
    (sub)figure's, so the layout makes room for it however tall the plot is."""
    if entries > 1:
        handles, labels = ax.get_legend_handles_labels()
        holder = ax.get_figure(root=False)
        assert holder is not None  # drawn on an Axes of a figure
        holder.legend(
            handles, labels, loc="outside lower center", ncols=min(entries, 2), frameon=False
        )
