"""Who a party's peers are: the attributes that group comparable parties, and the back-off from
the finest group to coarser ones when a group holds too few customers.

Pure functions over values a repository read; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

UNKNOWN = "unknown"
AGE_BANDS: tuple[tuple[int, str], ...] = ((30, "<30"), (45, "30-44"), (60, "45-59"))
"""(first age above the band, band); 60 and older is "60+"."""
TURNOVER_BANDS: tuple[tuple[float, str], ...] = (
    (1e6, "<1m"),
    (1e7, "1m-10m"),
    (1e8, "10m-100m"),
    (1e9, "100m-1b"),
)
"""(upper bound in CNY, band): one band per tenfold of annual turnover; 1 billion and more is
"1b+". A wallet grows roughly in proportion to turnover, so a decade is a fair peer."""
SECTION_DIVISIONS: tuple[tuple[int, str], ...] = (
    (5, "A"),
    (12, "B"),
    (43, "C"),
    (46, "D"),
    (50, "E"),
    (52, "F"),
    (60, "G"),
    (62, "H"),
    (65, "I"),
    (69, "J"),
    (70, "K"),
    (72, "L"),
    (75, "M"),
    (79, "N"),
    (82, "O"),
    (83, "P"),
    (85, "Q"),
    (90, "R"),
    (96, "S"),
    (97, "T"),
)
"""GB/T 4754-2017: (last division number, section letter); 98 and above is "U"."""

PERSON_LEVELS: tuple[tuple[str, ...], ...] = (
    ("segment", "age_band", "region"),
    ("segment", "age_band"),
    ("segment",),
    (),
)
"""Peer groups of persons, finest first: the last level is every person."""
ENTERPRISE_LEVELS: tuple[tuple[str, ...], ...] = (
    ("segment", "industry", "size_band", "turnover_band", "region"),
    ("segment", "industry", "size_band", "turnover_band"),
    ("segment", "industry", "size_band"),
    ("segment", "size_band"),
    ("segment",),
    (),
)
"""Peer groups of enterprises, finest first: the last level is every enterprise."""
LEVELS: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "person": PERSON_LEVELS,
    "enterprise": ENTERPRISE_LEVELS,
}
LABELS = {
    "segment": "segment",
    "age_band": "age",
    "region": "region",
    "industry": "industry",
    "size_band": "size",
    "turnover_band": "turnover",
}
"""How each attribute is named in a peer group's label."""


def age_band(birth: str | None, as_of: dt.date) -> str:
    """The age band of a person born on ``birth`` (``YYYYMMDD``, as in digits 7-14 of the
    18-digit resident ID number) as of ``as_of``; "unknown" without a valid date."""
    born = _date(birth)
    if born is None or born > as_of:
        return UNKNOWN
    age = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
    return next((band for above, band in AGE_BANDS if age < above), "60+")


def _date(text: str | None) -> dt.date | None:
    if text is None or len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def industry_section(code: str | None) -> str:
    """The GB/T 4754 section letter of an industry code: "C13" and "13" are both "C"."""
    if not code:
        return UNKNOWN
    first = code.strip()[:1].upper()
    if first.isalpha():
        return first
    digits = code.strip()[:2]
    if not digits.isdigit():
        return UNKNOWN
    division = int(digits)
    return next((section for last, section in SECTION_DIVISIONS if division <= last), "U")


def turnover_band(turnover: float | None) -> str:
    """The band of an annual turnover in CNY; "unknown" when none is recorded."""
    if turnover is None or turnover != turnover or turnover <= 0:  # None, NaN or nothing
        return UNKNOWN
    return next((band for upper, band in TURNOVER_BANDS if turnover < upper), "1b+")


def label(kind: str, attributes: Mapping[str, str], level: tuple[str, ...]) -> str:
    """A peer group's readable name: ``person/segment=mass/age=30-44``."""
    return "/".join([kind, *(f"{LABELS[name]}={attributes[name]}" for name in level)])
