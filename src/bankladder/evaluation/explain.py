"""Evidence and reasons, in words, from the engine's rows.

The engine computes met flags, values and gaps in SQL; this module only dresses them: the
evidence kept with each assessment, and the reason an RM reads next to each action (filled by
the same template code as the pure evaluator, so batch and oracle read alike).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from bankladder.engine.catalogue import fact_types
from bankladder.engine.guards import FACTS_USED as GUARD_FACTS
from bankladder.engine.rules import met_column
from bankladder.ladder.facts import FactType, FactValue
from bankladder.ladder.model import Criterion, Ladder, Stage, Text
from bankladder.ladder.placement import CriterionResult, reason

LOCALES = ("zh-CN", "en")
Row = Mapping[str, Any]


def fact_value(raw: Any, kind: FactType | None) -> FactValue:
    """A value as fetched from any backend, as the pure evaluator would hold it."""
    if raw is None:
        return None
    if kind is FactType.boolean:
        return bool(raw)
    if kind is FactType.integer:
        return int(raw)
    return Decimal(f"{float(raw):.2f}")


def _facts_of(criterion: Criterion, row: Row) -> dict[str, FactValue]:
    types = fact_types()
    return {name: fact_value(row[name], types.get(name)) for name in criterion.facts_used}


def evidence(ladder: Ladder, row: Row) -> dict[str, Any]:
    """Every criterion of the rungs up to the next one, met or not, with its facts' values,
    and the facts the guard rails read (``guards``), when the row carries them."""
    top = int(row["stage_rank"]) + 1
    return {
        "guards": {name: row[name] for name in GUARD_FACTS if name in row},
        "criteria": [
            {
                "stage": stage.id,
                "criterion": c.id,
                "when": c.source,
                "met": bool(row[met_column(c)]),
                "facts": {name: row[name] for name in c.facts_used},
            }
            for stage in ladder.stages[:top]
            for c in stage.criteria
        ],
    }


def _amount(raw: Any, whole: bool) -> Decimal | None:
    if raw is None:
        return None
    return Decimal(round(raw)) if whole else Decimal(f"{float(raw):.2f}")


def reasons(stage: Stage, criterion: Criterion, action: Row, party: Row) -> Text:
    """The action's reason in both languages."""
    gap = criterion.gap
    whole = gap is not None and gap.integer_valued
    result = CriterionResult(
        criterion=criterion,
        stage=stage,
        outcome=False,
        facts=_facts_of(criterion, party),
        value=_amount(action["measured"], whole),
        target=None if gap is None else gap.target,
        gap=_amount(action["gap"], whole),
    )
    zh, en = (reason(result, locale) for locale in LOCALES)
    return Text(zh=zh, en=en)
