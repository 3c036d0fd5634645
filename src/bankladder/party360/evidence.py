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
from bankladder.evaluation.shown import MONEY, filled_reason, find_criterion
from bankladder.ladder.facts import FactValue
from bankladder.ladder.model import Criterion, Ladder, Stage, Text
from bankladder.ladder.placement import evaluate_criterion
from bankladder.ladder.reasons import format_value
from bankladder.party360.schemas import MASK, CriterionShown, FactShown

DESCRIPTIONS = {fact.name: fact.description for fact in FACTS}
MASKED = Text(zh=MASK, en=MASK)


def shown_criteria(
    ladder: Ladder, evidence: Mapping[str, Any], stage_rank: int, *, unmasked: bool
) -> tuple[tuple[CriterionShown, ...], tuple[CriterionShown, ...]]:
    """(criteria met on the rungs up to the party's, unmet criteria of the next rung)."""
    met: list[CriterionShown] = []
    gap: list[CriterionShown] = []
    for item in evidence.get("criteria", []):
        found = find_criterion(ladder, str(item.get("stage")), str(item.get("criterion")))
        if found is None:  # the playbook changed since the assessment: nothing to say
            continue
        stage, criterion = found
        if stage.rank <= stage_rank and item.get("met"):
            met.append(_shown(stage, criterion, item.get("facts", {}), unmasked))
        elif stage.rank == stage_rank + 1 and not item.get("met"):
            gap.append(_shown(stage, criterion, item.get("facts", {}), unmasked))
    return tuple(met), tuple(gap)


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
        reason=None if result.met else filled_reason(result, hide),
    )


def _words(value: FactValue | Decimal | int | None) -> Text:
    return Text(zh=format_value(value, "zh"), en=format_value(value, "en"))
