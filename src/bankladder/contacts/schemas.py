"""What logging a contact takes and returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bankladder.store.vocabulary import InteractionKind

OUTCOMES = ("positive", "neutral", "negative", "no_answer")
"""How a contact went, as the bank's extracts record it."""
DEFAULT_OUTCOME = "positive"
NOTE_MAX = 2000


@dataclass(frozen=True)
class NewContact:
    """A contact an RM logs: what kind, when, how it went, and an optional note."""

    kind: InteractionKind
    occurred_at: dt.datetime
    outcome: str = DEFAULT_OUTCOME
    note: str | None = None


@dataclass(frozen=True)
class Standing:
    """Where a party stands: its rung (None: not on the ladder) and that rung's rank."""

    stage_id: str | None
    rank: int


@dataclass(frozen=True)
class ContactLogged:
    """A contact logged and the party re-evaluated: where it stood before and stands now."""

    party_id: str
    interaction_id: int
    before: Standing
    after: Standing
    as_of: dt.date

    @property
    def moved(self) -> bool:
        return self.before.rank != self.after.rank
