"""What the worklist use cases take and return: My day's actions, an RM's answer, the team."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bankladder.ladder.model import Text
from bankladder.propensity.reasons import Chance
from bankladder.store.vocabulary import ActionStatus, TransitionDirection

PAGE_SIZE = 50
SNOOZE_DAYS = 7  # a snooze's default length
SNOOZE_MAX_DAYS = 90
REASON_MAX = 500
RECENT_DAYS = 30  # the team's recent stage moves
MOVES_SHOWN = 5  # latest moves listed per RM


@dataclass(frozen=True)
class ActionFilters:
    """How My day is narrowed; none of it is personal data, so it may ride in a URL."""

    target_stage: str | None = None
    kind: str | None = None
    overdue_only: bool = False
    rm_id: str | None = None  # a manager's or auditor's choice of one RM
    page: int = 1
    held: bool = False  # the actions a guard rail holds back, instead of those to do

    @classmethod
    def given(
        cls,
        stage: str | None,
        kind: str | None,
        overdue: bool,
        rm: str | None,
        page: int,
        held: bool = False,
    ) -> ActionFilters:
        """The filters as a page or API query names them; an empty value filters nothing."""
        return cls(stage or None, kind or None, overdue, rm or None, page, held)


@dataclass(frozen=True)
class StageName:
    id: str | None  # None: not yet on the ladder
    name: Text


@dataclass(frozen=True)
class DayAction:
    """One action on My day: the party (name masked), why, from which stage to which, when."""

    id: int
    version: int
    party_id: str
    party_name: str  # masked by default
    rm_id: str | None
    kind: str
    criterion_id: str
    stage: StageName
    target_stage: StageName
    reason: Text
    priority: float
    due_on: dt.date
    status: ActionStatus
    overdue: bool
    held_back: Text | None = None  # why a guard rail holds it back (AML, KYC, contact fatigue)
    blocked_by: str | None = None
    chance: Chance | None = None  # the party's chance to move up; None: no recent model score

    @property
    def live(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.SNOOZED)


@dataclass(frozen=True)
class DayList:
    """A page of My day: the actions ranked, how many there are in all, and the day."""

    actions: list[DayAction]
    total: int
    page: int
    page_size: int
    today: dt.date
    other_total: int = 0  # held back (on the list to do), or to do (on the held-back list)

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


class AnswerKind(StrEnum):
    """An RM's answer to an action."""

    DONE = "done"
    SNOOZE = "snooze"  # put off to a date
    NOT_RELEVANT = "not_relevant"  # with a reason


@dataclass(frozen=True)
class Answer:
    kind: AnswerKind
    snooze_until: dt.date | None = None  # default: SNOOZE_DAYS from today
    reason: str | None = None  # required for NOT_RELEVANT


@dataclass(frozen=True)
class RmChoice:
    id: str
    name: str


@dataclass(frozen=True)
class StageCount:
    rank: int
    stage: StageName
    count: int


@dataclass(frozen=True)
class StageMove:
    party_id: str
    party_name: str  # masked by default
    from_stage: StageName
    to_stage: StageName
    direction: TransitionDirection
    changed_on: dt.date


@dataclass(frozen=True)
class TeamMember:
    """One RM of the team: the funnel of their book, their actions, their recent moves."""

    rm_id: str
    rm_name: str
    parties: int
    funnel: list[StageCount]
    open_actions: int
    overdue_actions: int
    advances: int
    regressions: int
    latest_moves: list[StageMove]


@dataclass(frozen=True)
class Team:
    members: list[TeamMember]
    stages: list[StageName]  # the funnel's columns, rank 0 first
    moves_since: dt.date
    today: dt.date
