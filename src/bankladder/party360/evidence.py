"""The evidence of an assessment in words: criteria met with their values, and the gap to the
next rung (value, target, how much is missing, what to do), amounts masked by default.

The assessment keeps each criterion's facts as the engine fetched them; the values, targets
and gaps are recomputed by the pure evaluator of ``ladder``, the oracle the engine is held to.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from bankladder.engine.catalogue import FACTS, fact_types
from bankladder.evaluation.explain import fact_value
from bankladder.ladder.facts import FactValue
from bankladder.ladder.model import Criterion, Ladder, Stage, Text
from bankladder.ladder.placement import CriterionResult, evaluate_criterion
from bankladder.ladder.reasons import STAGE_PLACEHOLDER, fill, format_value
from bankladder.party360.schemas import MASK, CriterionShown, FactShown

MONEY = frozenset(fact.name for fact in FACTS if fact.unit == "CNY")
"""Facts that are amounts of money: balances are C2, masked unless unmasked."""
DESCRIPTIONS = {fact.name: fact.description for fact in FACTS}
MASKED = Text(zh=MASK, en=MASK)


def shown_criteria(
    ladder: Ladder, evidence: Mapping[str, Any], stage_rank: int, *, unmasked: bool
) -> tuple[tuple[CriterionShown, ...], tuple[CriterionShown, ...]]:
    """(criteria met on the rungs up to the party's, unmet criteria of the next rung)."""
    met: list[CriterionShown] = []
    gap: list[CriterionShown] = []
    for item in evidence.get("criteria", []):
        found = _criterion(ladder, str(item.get("stage")), str(item.get("criterion")))
        if found is None:  # the playbook changed since the assessment: nothing to say
            continue
        stage, criterion = found
        if stage.rank <= stage_rank and item.get("met"):
            met.append(_shown(stage, criterion, item.get("facts", {}), unmasked))
        elif stage.rank == stage_rank + 1 and not item.get("met"):
            gap.append(_shown(stage, criterion, item.get("facts", {}), unmasked))
    return tuple(met), tuple(gap)


def _criterion(ladder: Ladder, stage_id: str, criterion_id: str) -> tuple[Stage, Criterion] | None:
    for stage in ladder.stages:
        if stage.id == stage_id:
            for criterion in stage.criteria:
                if criterion.id == criterion_id:
                    return stage, criterion
    return None


def _shown(
    stage: Stage, criterion: Criterion, raw: Mapping[str, Any], unmasked: bool
) -> CriterionShown:
    types = fact_types()
    facts = {name: fact_value(raw.get(name), types.get(name)) for name in criterion.facts_used}
    result = evaluate_criterion(criterion, stage, facts)
    hide = not unmasked and bool(MONEY & set(criterion.facts_used))
    return CriterionShown(
        stage_id=stage.id,
        criterion_id=criterion.id,
        when=criterion.source,
        met=result.met,
        facts=tuple(
            FactShown(
                name=name,
                description=DESCRIPTIONS.get(name, Text(zh=name, en=name)),
                value=MASKED if hide and name in MONEY else _words(value),
            )
            for name, value in facts.items()
        ),
        value=None if criterion.gap is None else (MASKED if hide else _words(result.value)),
        target=None if criterion.gap is None else _words(result.target),
        gap=None if criterion.gap is None else (MASKED if hide else _words(result.gap)),
        reason=None if result.met else _reason(result, hide),
    )


def _words(value: FactValue | Decimal | int | None) -> Text:
    return Text(zh=format_value(value, "zh"), en=format_value(value, "en"))


def _reason(result: CriterionResult, hide: bool) -> Text:
    """The action's reason in both languages, as ``ladder.placement.reason`` fills it, with
    amounts masked when ``hide``."""

    def filled(locale: str) -> str:
        values = {
            name: MASK if hide and name in MONEY else format_value(value, locale)
            for name, value in result.facts.items()
        }
        values["value"] = MASK if hide else format_value(result.value, locale)
        values["gap"] = MASK if hide else format_value(result.gap, locale)
        values["target"] = format_value(result.target, locale)
        values[STAGE_PLACEHOLDER] = result.stage.name.in_(locale)
        return fill(result.criterion.action.reason.in_(locale), values)

    return Text(zh=filled("zh"), en=filled("en"))


def action_reason(
    ladder: Ladder, stage_id: str, criterion_id: str, stored: Text, *, unmasked: bool
) -> Text:
    """An open action's reason as shown: the stored one, unless it names an amount (a balance)
    and the view is masked; then the playbook's reason with the amounts masked."""
    found = _criterion(ladder, stage_id, criterion_id)
    if found is None:
        return stored
    stage, criterion = found
    if unmasked or not MONEY & set(criterion.facts_used):
        return stored
    target = None if criterion.gap is None else criterion.gap.target
    result = CriterionResult(
        criterion, stage, False, dict.fromkeys(criterion.facts_used), None, target, None
    )
    return _reason(result, hide=True)
