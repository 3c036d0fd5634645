"""A cell of Excel or Parquet as the text a user would type: ISO dates, plain numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

# Excel keeps 15 significant digits; beyond them a float only carries binary noise.
_SIGNIFICANT_DIGITS = 15


def cell_text(value: object) -> str | None:
    """The text of one cell; ``None`` for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.datetime):
        return datetime_text(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):  # a Parquet list: its items, as a list column reads them
        items = [text for text in map(cell_text, value) if text is not None]
        return ",".join(items) or None
    return str(value)


def float_text(value: float) -> str:
    """``1.0`` -> ``1``, ``1.0000000000000002`` -> ``1``, ``1e-07`` -> ``0.0000001``."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    return decimal_text(Decimal(format(value, f".{_SIGNIFICANT_DIGITS}g")))


def decimal_text(value: Decimal) -> str:
    """Plain positional notation, no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def datetime_text(value: dt.datetime) -> str:
    """A date alone at midnight (how Excel stores a date), else the ISO date and time (with its
    UTC offset, if it has one: the importer turns it into local time)."""
    if value.time() == dt.time(0) and value.tzinfo is None:
        return value.date().isoformat()
    return value.isoformat()
