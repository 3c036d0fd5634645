"""Reasons as users see them: an amount a reason names is a balance (personal data, class C2),
masked unless the user unmasked the party with a reason.

The engine stores each action's reason filled with the party's values. Where the criterion
reads a money fact, a masked view shows the playbook's reason filled again with ``MASK`` for
the amounts (the target, the bank's own threshold, stays).
"""

from __future__ import annotations

from bankladder.engine.catalogue import FACTS
from bankladder.ladder.model import Criterion, Ladder, Stage, Text
from bankladder.ladder.placement import CriterionResult
from bankladder.ladder.reasons import STAGE_PLACEHOLDER, fill, format_value
from bankladder.privacy.masking import MASKED_AMOUNT as MASK

MONEY = frozenset(fact.name for fact in FACTS if fact.unit == "CNY")
"""Facts that are amounts of money: balances are C2, masked unless unmasked."""


def find_criterion(
    ladder: Ladder, stage_id: str, criterion_id: str
) -> tuple[Stage, Criterion] | None:
    for stage in ladder.stages:
        if stage.id == stage_id:
            for criterion in stage.criteria:
                if criterion.id == criterion_id:
                    return stage, criterion
    return None


def filled_reason(result: CriterionResult, hide: bool) -> Text:
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


def shown_reason(
    ladder: Ladder, stage_id: str, criterion_id: str, stored: Text, *, unmasked: bool
) -> Text:
    """An open action's reason as shown: the stored one, unless it names an amount (a balance)
    and the view is masked; then the playbook's reason with the amounts masked."""
    found = find_criterion(ladder, stage_id, criterion_id)
    if found is None:
        return stored
    stage, criterion = found
    if unmasked or not MONEY & set(criterion.facts_used):
        return stored
    target = None if criterion.gap is None else criterion.gap.target
    result = CriterionResult(
        criterion, stage, False, dict.fromkeys(criterion.facts_used), None, target, None
    )
    return filled_reason(result, hide=True)
