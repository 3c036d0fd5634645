"""The features a model of the store's own outcomes reads: every fact of the catalogue as of
the scoring date, the party's rung then, and its kind, segment and industry section.

Training (``history.py``) and scoring (``scoring.py``) build them the same way, so a model
scores exactly what it learnt from.
"""

from __future__ import annotations

from collections.abc import Sequence

from bankladder.engine.catalogue import FACTS

ATTRIBUTES = ("stage_rank", "party_kind", "segment", "industry_section")
"""Features beside the facts: the rung as of the date and who the party is."""
STORE_FEATURES: tuple[str, ...] = (*(fact.name for fact in FACTS), *ATTRIBUTES)
"""Every feature the store can supply for scoring its parties."""


def missing_from_store(names: Sequence[str]) -> tuple[str, ...]:
    """The features among ``names`` the store cannot supply (a model trained on a campaign
    file reads the file's columns): such a model can be reported, not used to score."""
    known = set(STORE_FEATURES)
    return tuple(name for name in names if name not in known)
