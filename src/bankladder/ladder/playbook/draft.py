"""A playbook as read, for every bank profile at once; ``for_profile`` makes the ``Ladder``."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from bankladder.ladder.model import (
    DEFAULT_VIP,
    BankProfile,
    Criterion,
    Ladder,
    Stage,
    Text,
    VipTiers,
)
from bankladder.ladder.playbook.problems import Problem
from bankladder.ladder.policies import (
    DEFAULT_AUTHORITIES,
    DEFAULT_GIFTS,
    DEFAULT_GUARDS,
    Authorities,
    GiftLimits,
    Guards,
)

T = TypeVar("T")
ALL_PROFILES = frozenset(BankProfile)


@dataclass(frozen=True)
class ForProfiles(Generic[T]):
    """A tactic or criterion and the bank profiles it applies to."""

    item: T
    profiles: frozenset[BankProfile] = ALL_PROFILES


@dataclass(frozen=True)
class DraftStage:
    id: str
    name: Text
    summary: Text
    tactics: tuple[ForProfiles[Text], ...]
    criteria: tuple[ForProfiles[Criterion], ...]
    criteria_line: int

    def for_profile(self, profile: BankProfile, rank: int) -> Stage:
        return Stage(
            id=self.id,
            rank=rank,
            name=self.name,
            summary=self.summary,
            tactics=_kept(self.tactics, profile),
            criteria=_kept(self.criteria, profile),
        )


@dataclass(frozen=True)
class DraftLadder:
    id: str
    version: str
    name: Text
    profile: BankProfile
    stages: tuple[DraftStage, ...]
    vip: VipTiers = DEFAULT_VIP
    guards: Guards = DEFAULT_GUARDS
    authorities: Authorities = DEFAULT_AUTHORITIES
    gifts: GiftLimits = DEFAULT_GIFTS

    def for_profile(self, profile: BankProfile | None = None) -> Ladder:
        """The ladder as a bank of ``profile`` sees it (the playbook's default for ``None``)."""
        chosen = profile or self.profile
        stages = tuple(
            stage.for_profile(chosen, rank) for rank, stage in enumerate(self.stages, start=1)
        )
        return Ladder(
            self.id,
            self.version,
            self.name,
            chosen,
            stages,
            self.vip,
            self.guards,
            self.authorities,
            self.gifts,
        )

    def emptied_stages(self, file: str) -> list[Problem]:
        """Stages left without criteria once a profile drops its items."""
        return [
            Problem(
                file,
                stage.criteria_line,
                f"stage {stage.id!r} has no criteria left for the {profile.value!r} profile",
            )
            for profile in BankProfile
            for stage in self.stages
            if not _kept(stage.criteria, profile)
        ]


def duplicates(what: str, occurrences: Iterable[tuple[str, int]], file: str) -> list[Problem]:
    """A problem for every id already seen, at the line of the repeat."""
    first_lines: dict[str, int] = {}
    problems = []
    for name, line in occurrences:
        if name in first_lines:
            message = f"duplicate {what} {name!r} (first at line {first_lines[name]})"
            problems.append(Problem(file, line, message))
        else:
            first_lines[name] = line
    return problems


def _kept(items: tuple[ForProfiles[T], ...], profile: BankProfile) -> tuple[T, ...]:
    return tuple(entry.item for entry in items if profile in entry.profiles)
