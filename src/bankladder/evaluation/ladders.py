"""Which ladder a bank runs: the playbook file and the bank's profile."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from bankladder.config import Settings
from bankladder.engine.catalogue import fact_types
from bankladder.errors import InvalidInput
from bankladder.evaluation import repository
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook import PlaybookInvalid, Problem, check_playbook, load_playbook
from bankladder.playbooks import default_playbook_path


def playbook_path(settings: Settings) -> Path:
    return settings.playbook or default_playbook_path()


def ladder_for(settings: Settings, bank_profile: str | None = None) -> Ladder:
    """The ladder for this bank: the configured playbook, for the configured or stored profile."""
    path = playbook_path(settings)
    chosen = settings.bank_profile or bank_profile
    try:
        return load_playbook(path, fact_types(), BankProfile(chosen) if chosen else None)
    except OSError as error:
        raise _unreadable(path, error) from None
    except PlaybookInvalid as invalid:
        listing = "\n".join(f"  {p.file}:{p.line}: {p.message}" for p in invalid.problems)
        raise InvalidInput(
            f"the playbook has {len(invalid.problems)} problem(s):\n{listing}",
            fix=f"run `bankladder playbook check {path}` and correct the lines named",
        ) from None


def bank_ladder(session: Session, settings: Settings) -> Ladder:
    """The ladder of the bank whose store ``session`` reads (its profile unless configured),
    read from the playbook once and again only when the file changes: a page of the workbench
    must not pay for parsing it."""
    profile = repository.bank_profile(session)
    try:
        changed = playbook_path(settings).stat().st_mtime_ns
    except OSError:
        return ladder_for(settings, profile)  # says what is wrong with the file
    return _cached_ladder(settings, profile, changed)


@lru_cache(maxsize=8)
def _cached_ladder(settings: Settings, profile: str | None, _changed: int) -> Ladder:
    return ladder_for(settings, profile)


def check(path: Path) -> list[Problem]:
    """Every problem of a playbook file, checked against the engine's fact catalogue."""
    try:
        return check_playbook(path, fact_types())
    except OSError as error:
        raise _unreadable(path, error) from None


def _unreadable(path: Path, error: OSError) -> InvalidInput:
    return InvalidInput(
        f"cannot read the playbook: {error.strerror or error}",
        where=str(path),
        fix="check the path given with --playbook, BANKLADDER_PLAYBOOK or on the command line",
    )
