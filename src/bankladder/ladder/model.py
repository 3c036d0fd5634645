"""The ladder: stages (rungs) of a relationship, their entry criteria and the RM's actions.

A ``Ladder`` is loaded from a playbook (see ``bankladder.ladder.playbook``) for one bank
profile; it is immutable data. Every text an RM or manager reads is a ``Text`` in Simplified
Chinese and English.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from bankladder.ladder.expressions import (
    Evaluator,
    Expr,
    Gap,
    compile_expression,
    fact_names,
)
from bankladder.ladder.facts import FactType
from bankladder.ladder.policies import (
    DEFAULT_AUTHORITIES,
    DEFAULT_GIFTS,
    DEFAULT_GUARDS,
    Authorities,
    GiftLimits,
    Guards,
    Purpose,
)
from bankladder.ladder.reasons import (
    GAP_PLACEHOLDERS,
    STAGE_PLACEHOLDER,
    is_chinese,
    placeholders,
)

__all__ = [
    "ActionTemplate",
    "Authorities",
    "BankProfile",
    "Criterion",
    "FactType",
    "GiftLimits",
    "Guards",
    "Ladder",
    "Purpose",
    "Stage",
    "Text",
    "VipTiers",
]


@dataclass(frozen=True, slots=True)
class Text:
    """A text in both languages of the product."""

    zh: str
    en: str

    def in_(self, locale: str) -> str:
        """The text for a locale: ``zh``/``zh-CN`` read Chinese, anything else English."""
        return self.zh if is_chinese(locale) else self.en


class BankProfile(StrEnum):
    """What kind of bank runs the ladder.

    ``young``: a city commercial or village bank; its first rung keeps building trust in the bank
    itself (licence, deposit insurance, local roots). ``established``: a well-known bank that can
    skip that trust-building.
    """

    young = "young"
    established = "established"


DEFAULT_DUE_DAYS = 7
DEFAULT_WEIGHT = 1.0


@dataclass(frozen=True, slots=True)
class ActionTemplate:
    """What the RM should do when a criterion is unmet, and why (``reason`` is a template).

    ``due_days``: days the RM has to act; ``weight``: how much the action counts when ranking
    a worklist (an open complaint weighs 2.0); ``purpose``: what it is for, which decides the
    guard rails that may hold it back (``policies.Purpose``).
    """

    kind: str
    reason: Text
    due_days: int = DEFAULT_DUE_DAYS
    weight: float = DEFAULT_WEIGHT
    purpose: Purpose = Purpose.MARKETING


@dataclass(frozen=True)
class Criterion:
    """One entry criterion of a rung: a condition over facts, met only when it is true.

    ``source`` is the expression as written, ``line`` its line in the playbook and ``gap`` the
    threshold it measures, when it has one.
    """

    id: str
    expression: Expr
    source: str
    action: ActionTemplate
    line: int
    gap: Gap | None = field(default=None)

    @cached_property
    def compiled(self) -> Evaluator:
        """The compiled condition (built on first use)."""
        return compile_expression(self.expression)

    @cached_property
    def compiled_measure(self) -> Evaluator | None:
        """The compiled measured side of the gap, if there is one."""
        return compile_expression(self.gap.measured) if self.gap else None

    @cached_property
    def facts_used(self) -> tuple[str, ...]:
        """Facts read by the condition or named in its reasons, sorted."""
        in_reasons = set(placeholders(self.action.reason.zh) + placeholders(self.action.reason.en))
        in_reasons -= GAP_PLACEHOLDERS | {STAGE_PLACEHOLDER}
        return tuple(sorted(fact_names(self.expression) | in_reasons))


@dataclass(frozen=True, slots=True)
class Stage:
    """A rung of the ladder: what it means, how the RM works it, and how it is reached."""

    id: str
    rank: int
    name: Text
    summary: Text
    tactics: tuple[Text, ...]
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class VipTiers:
    """VIP tiers from a party's contribution (what it brings the bank, in CNY): a person stands
    on tier n when its contribution reaches ``persons[n-1]``; an enterprise needs
    ``enterprise_factor`` times as much. Set by the playbook's optional ``vip:`` section."""

    persons: tuple[float, ...] = (50_000, 500_000, 6_000_000)
    enterprise_factor: float = 10

    def minimums(self, *, enterprise: bool) -> tuple[tuple[int, float], ...]:
        """(tier, least contribution) from the highest tier down."""
        factor = self.enterprise_factor if enterprise else 1
        tiers = enumerate(self.persons, start=1)
        return tuple((tier, least * factor) for tier, least in reversed(tuple(tiers)))

    def tier(self, contribution: float, *, enterprise: bool) -> int:
        """The tier a contribution reaches (0: none)."""
        reached = (t for t, least in self.minimums(enterprise=enterprise) if contribution >= least)
        return next(reached, 0)


DEFAULT_VIP = VipTiers()


@dataclass(frozen=True, slots=True)
class Ladder:
    """The rungs of a relationship, lowest (rank 1) first, as configured for one bank profile."""

    id: str
    version: str
    name: Text
    profile: BankProfile
    stages: tuple[Stage, ...]
    vip: VipTiers = DEFAULT_VIP
    guards: Guards = DEFAULT_GUARDS
    authorities: Authorities = DEFAULT_AUTHORITIES
    gifts: GiftLimits = DEFAULT_GIFTS

    @property
    def label(self) -> str:
        """The playbook as assessments, runs and extract manifests name it:
        ``id@version/profile``."""
        return f"{self.id}@{self.version}/{self.profile}"

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id; ``KeyError`` when there is none."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def next_stage(self, stage_id: str | None) -> Stage | None:
        """The rung above ``stage_id`` (the first rung for ``None``; ``None`` above the top)."""
        rank = 0 if stage_id is None else self.stage(stage_id).rank
        return self.stages[rank] if rank < len(self.stages) else None

    def facts_used(self) -> frozenset[str]:
        """Every fact the criteria read or their reasons name: what the engine must compute."""
        return frozenset(
            name
            for stage in self.stages
            for criterion in stage.criteria
            for name in criterion.facts_used
        )
