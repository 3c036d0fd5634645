"""Placing one party on the ladder from its facts: the reference row-by-row evaluator.

Placement rule: a party stands on the highest rung k such that the entry criteria of every rung
1..k all hold: rungs are climbed in order, so a party meeting rung 4 but failing rung 3 stands
on rung 2. If rung 1 does not hold, the party is not yet on the ladder (stage ``None``).
A criterion holds only when its value is true; NULL (an unknown fact) counts as unmet.

The evidence is every criterion of rungs 1..k+1 with its outcome and the facts it uses; the
unmet criteria of rung k+1 become the RM's actions, each with the measured value, the target
and the gap when the criterion has one (see ``bankladder.ladder.expressions.gaps``).

This module is the oracle the SQL engine is tested against, so it stays exact and simple.
"""

from dataclasses import dataclass
from decimal import Decimal

from bankladder.ladder.expressions import evaluate_expression, gap_amount
from bankladder.ladder.facts import Facts, FactValue
from bankladder.ladder.model import Criterion, Ladder, Stage
from bankladder.ladder.reasons import STAGE_PLACEHOLDER, fill, format_value

__all__ = ["CriterionResult", "Placement", "evaluate_expression", "place", "reason"]


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One criterion of one rung, evaluated for one party.

    ``outcome`` is the three-valued result (``None`` for NULL) and ``met`` is ``outcome is True``.
    ``facts`` holds the values of the facts the criterion uses. ``value``, ``target`` and ``gap``
    are set only for criteria with a gap (``value``/``gap`` stay ``None`` when NULL).
    """

    criterion: Criterion
    stage: Stage
    outcome: bool | None
    facts: dict[str, FactValue]
    value: Decimal | int | None = None
    target: Decimal | None = None
    gap: Decimal | None = None

    @property
    def met(self) -> bool:
        return self.outcome is True


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one party stands, why, and what is missing for the next rung."""

    stage: Stage | None
    evidence: tuple[CriterionResult, ...]
    next_stage: Stage | None
    unmet: tuple[CriterionResult, ...]

    @property
    def rank(self) -> int:
        """The rank of the rung the party stands on; 0 when not yet on the ladder."""
        return self.stage.rank if self.stage else 0

    def reason(self, result: CriterionResult, locale: str) -> str:
        """The filled reason of a result, aiming at the result's own rung."""
        return reason(result, locale)


def place(ladder: Ladder, facts: Facts) -> Placement:
    """Place one party by the rule in the module docstring."""
    evidence: list[CriterionResult] = []
    standing: Stage | None = None
    for stage in ladder.stages:
        results = [evaluate_criterion(criterion, stage, facts) for criterion in stage.criteria]
        evidence.extend(results)
        unmet = tuple(result for result in results if not result.met)
        if unmet:
            return Placement(standing, tuple(evidence), stage, unmet)
        standing = stage
    return Placement(standing, tuple(evidence), None, ())


def evaluate_criterion(criterion: Criterion, stage: Stage, facts: Facts) -> CriterionResult:
    """Evaluate one criterion of ``stage`` for a party's facts."""
    outcome = criterion.compiled(facts)
    used = {name: facts.get(name) for name in criterion.facts_used}
    if criterion.gap is None or criterion.compiled_measure is None:
        return CriterionResult(criterion, stage, _as_outcome(outcome), used)
    value = criterion.compiled_measure(facts)
    assert not isinstance(value, bool)
    return CriterionResult(
        criterion,
        stage,
        _as_outcome(outcome),
        used,
        value=value,
        target=criterion.gap.target,
        gap=gap_amount(criterion.gap, value),
    )


def reason(result: CriterionResult, locale: str, stage_name: str | None = None) -> str:
    """The action's reason in ``locale`` with its placeholders filled.

    ``{stage}`` is ``stage_name`` when given, otherwise the name of the result's rung.
    """
    values = {name: format_value(value, locale) for name, value in result.facts.items()}
    values["value"] = format_value(result.value, locale)
    values["target"] = format_value(result.target, locale)
    values["gap"] = format_value(result.gap, locale)
    values[STAGE_PLACEHOLDER] = stage_name or result.stage.name.in_(locale)
    return fill(result.criterion.action.reason.in_(locale), values)


def _as_outcome(value: FactValue) -> bool | None:
    return None if value is None else value is True
