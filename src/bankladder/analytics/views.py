"""The analytics views by name (as the command line, the pages and the API name them), each a
module with ``TITLE`` (a ``Text``), ``READS`` (the snapshot tables it reads beyond ``stages``,
``rms`` and ``parties``) and ``view(snapshot, filters) -> Table``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from bankladder.analytics.schemas import Filters, Table
from bankladder.analytics.snapshot import Snapshot
from bankladder.errors import InvalidInput
from bankladder.ladder.model import Text

View = Callable[[Snapshot, Filters], Table]

MODULES: dict[str, str] = {
    "funnel": "funnel",
    "conversion": "conversion",
    "regressions": "regressions",
    "time-in-stage": "survival",
    "stalls": "stalls",
    "stalled-parties": "stalled",
    "team": "team",
    "industries": "heatmap",
    "referrals": "referral_growth",
    "loans": "loan_turnaround",
}
"""Every view, in the order a dashboard lists them."""


def _module(name: str) -> object:
    if name not in MODULES:
        raise InvalidInput(
            f"no report {name!r}",
            fix=f"choose one of {', '.join(MODULES)}",
        )
    return importlib.import_module(f"bankladder.analytics.{MODULES[name]}")


def view(name: str) -> View:
    """The view called ``name``; ``InvalidInput`` naming the choices for an unknown one."""
    return cast(View, _module(name).view)  # type: ignore[attr-defined]


def title(name: str) -> Text:
    return cast(Text, _module(name).TITLE)  # type: ignore[attr-defined]


def reads(name: str) -> tuple[str, ...]:
    """The snapshot tables the view reads beyond stages, RMs and parties (spells come with
    transitions)."""
    return cast(tuple[str, ...], _module(name).READS)  # type: ignore[attr-defined]
