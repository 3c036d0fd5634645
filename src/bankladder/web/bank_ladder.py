"""The bank's ladder for the pages: read from the playbook once, again only when the file
changes (a request must not pay for parsing the playbook)."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.orm import Session

from bankladder.config import Settings
from bankladder.evaluation import repository
from bankladder.evaluation.ladders import ladder_for, playbook_path
from bankladder.ladder.model import Ladder


def bank_ladder(session: Session, settings: Settings) -> Ladder:
    """The ladder of the bank whose store ``session`` reads, as ``evaluation.ladders`` makes it."""
    profile = repository.bank_profile(session)
    try:
        changed = playbook_path(settings).stat().st_mtime_ns
    except OSError:
        return ladder_for(settings, profile)  # says what is wrong with the file
    return _ladder(settings, profile, changed)


@lru_cache(maxsize=8)
def _ladder(settings: Settings, profile: str | None, _changed: int) -> Ladder:
    return ladder_for(settings, profile)
