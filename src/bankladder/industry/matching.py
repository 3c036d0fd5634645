"""Whether a party's industry falls under a list of industry codes (pure): the rule the bank's
target industries, the RMs' specialisations and the products' target industries share."""

from __future__ import annotations

from collections.abc import Iterable

from bankladder.industry.gbt4754 import normal


def matches(code: str | None, prefixes: Iterable[str]) -> bool:
    """The industry ``code`` is covered by one of ``prefixes``: a section covers its divisions
    (``C`` covers ``C13``), a division itself and its finer groups (``C13`` covers ``C131``,
    not ``C14``). Case and surrounding spaces do not matter; no code matches nothing."""
    if not code or not code.strip():
        return False
    found = normal(code)
    return any(p.strip() and found.startswith(normal(p)) for p in prefixes)
