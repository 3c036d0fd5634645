"""What the analytics views take (``Filters``) and give (``Table``): plain, pure values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bankladder.ladder.model import Text


@dataclass(frozen=True)
class Filters:
    """Which parties and which period a view looks at.

    ``start`` and ``end`` bound the period, both days included. ``industry`` is a GB/T 4754
    code as the store writes it: a section letter (``C``) covers its divisions (``C13``).
    The party's RM, branch, segment and industry are the ones the store holds today."""

    start: dt.date
    end: dt.date
    branch: str | None = None
    rm: str | None = None
    segment: str | None = None
    industry: str | None = None

    def normalised(self) -> Filters:
        """Blank filters dropped, the industry code upper-cased."""

        def clean(value: str | None) -> str | None:
            return value.strip() or None if value is not None else None

        industry = clean(self.industry)
        return replace(
            self,
            branch=clean(self.branch),
            rm=clean(self.rm),
            segment=clean(self.segment),
            industry=industry.upper() if industry else None,
        )

    def parties_where(self, alias: str = "p") -> str:
        """A SQL condition on the ``parties`` table (as ``alias``) for the attribute filters;
        its values are the named parameters of ``params``."""
        terms = ["TRUE"]
        if self.branch is not None:
            terms.append(f"{alias}.branch_id = $branch")
        if self.rm is not None:
            terms.append(f"{alias}.rm_id = $rm")
        if self.segment is not None:
            terms.append(f"{alias}.segment = $segment")
        if self.industry is not None:
            terms.append(f"starts_with({alias}.industry_code, $industry)")
        return " AND ".join(terms)

    def params(self) -> dict[str, Any]:
        """The named parameters of ``parties_where`` plus ``$start`` and ``$end``."""
        values: dict[str, Any] = {"start": self.start, "end": self.end}
        for name in ("branch", "rm", "segment", "industry"):
            value = getattr(self, name)
            if value is not None:
                values[name] = value
        return values

    def described(self) -> dict[str, str]:
        """The filters as set, for an audit event or a report's heading."""
        shown = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        for name in ("branch", "rm", "segment", "industry"):
            value = getattr(self, name)
            if value is not None:
                shown[name] = value
        return shown


class Kind(StrEnum):
    """How a column's values read: the renderer formats each kind the same way everywhere."""

    TEXT = "text"
    COUNT = "count"  # an integer
    SHARE = "share"  # a fraction 0..1, shown as a percentage
    DAYS = "days"  # a number of days, may be None (e.g. a median not reached)
    NUMBER = "number"  # any other number
    MONTH = "month"  # a date, shown as YYYY-MM
    DATE = "date"
    STAGE = "stage"  # a rank; shown by the stage's name (0: not on the ladder)


@dataclass(frozen=True)
class Column:
    key: str
    title: Text
    kind: Kind = Kind.TEXT


class ChartKind(StrEnum):
    BAR = "bar"  # one bar per row: x is the label column, y the value columns (grouped)
    STACKED = "stacked"  # bars per row, y columns stacked
    LINE = "line"  # x ordered (months, days), one line per y column
    STEP = "step"  # survival curves: x days, one step line per y column
    HEATMAP = "heatmap"  # x and series are the two axes, y[0] the value


@dataclass(frozen=True)
class Chart:
    """How a table is drawn: ``x`` the category or time column, ``y`` the value columns,
    ``series`` a column whose values split the rows into lines (LINE, STEP) or the second axis
    (HEATMAP)."""

    kind: ChartKind
    x: str
    y: tuple[str, ...]
    series: str | None = None


@dataclass(frozen=True)
class Table:
    """One view's answer: rows of plain values (JSON-ready), the columns that describe them, a
    chart, and a note on how to read it. ``stages`` names each rank for STAGE columns."""

    view: str
    title: Text
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    stages: dict[int, Text] = field(default_factory=dict)
    chart: Chart | None = None
    note: Text | None = None
    filters: Filters | None = None

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)
