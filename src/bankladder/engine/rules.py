"""Compiling the playbook into Ibis expressions over the fact table.

The same compiled rules serve the nightly batch and the evaluation of a single party.
Placement rule: a party stands on the highest rung k such that the entry criteria of every rung
1..k hold ("climbed in order"); rank 0 means not yet on the ladder. A criterion is met only when
its expression is true: NULL (an unknown fact) counts as unmet, as in the pure evaluator.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal
from functools import reduce
from typing import Any

import ibis

from bankladder.ladder.expressions.nodes import (
    And,
    Arith,
    Boolean,
    Compare,
    Expr,
    FactRef,
    Not,
    Number,
    Or,
)
from bankladder.ladder.model import Criterion, Ladder

COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _number(value: Decimal) -> Any:
    if value == value.to_integral_value():
        return ibis.literal(int(value), type="int64")
    return ibis.literal(float(value), type="float64")


def _arith(op: str, left: Any, right: Any) -> Any:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    divisor = right.cast("float64")
    return ibis.ifelse(divisor == 0, ibis.null("float64"), left.cast("float64") / divisor)


def compile_expression(expr: Expr, row: Any) -> Any:
    """An Ibis value expression computing ``expr`` over the columns of ``row``."""
    match expr:
        case FactRef(name=name):
            return row[name]
        case Number(value=value):
            return _number(value)
        case Boolean(value=value):
            return ibis.literal(value)
        case Compare(op=op, left=left, right=right):
            return COMPARE[op](compile_expression(left, row), compile_expression(right, row))
        case Arith(op=op, left=left, right=right):
            return _arith(op, compile_expression(left, row), compile_expression(right, row))
        case And(items=items):
            return reduce(operator.and_, (compile_expression(i, row) for i in items))
        case Or(items=items):
            return reduce(operator.or_, (compile_expression(i, row) for i in items))
        case Not(item=item):
            return ~compile_expression(item, row)
    raise TypeError(f"not an expression node: {expr!r}")


def met_column(criterion: Criterion) -> str:
    return f"met__{criterion.id}"


def place(facts: Any, ladder: Ladder) -> Any:
    """The fact table with one ``met__<criterion>`` column per criterion, ``stage_rank``,
    ``stage_id`` and ``score`` (rank plus the share of the next rung's criteria already met).

    Rank, stage and score are each one CASE over the rungs in order, whose first rung not held
    decides: every criterion appears a few times in the SQL, not once per rung above it. (A
    backend that inlines subqueries and evaluates each copy, as PostgreSQL does, would otherwise
    compute every criterion dozens of times a row.)"""
    met = {
        met_column(c): compile_expression(c.expression, facts).fill_null(False)
        for stage in ladder.stages
        for c in stage.criteria
    }
    table = facts.mutate(**met)
    stages = ladder.stages
    broken = [~reduce(operator.and_, (table[met_column(c)] for c in s.criteria)) for s in stages]
    top = len(stages)

    def rank(k: int) -> Any:
        return ibis.literal(k, "int64")

    stage_rank = ibis.cases(*[(b, rank(k)) for k, b in enumerate(broken)], else_=rank(top))
    stage_id = ibis.cases(
        *[(b, stages[k - 1].id if k else ibis.null("string")) for k, b in enumerate(broken)],
        else_=stages[-1].id,
    )
    score = ibis.cases(
        *[(b, rank(k) + _share_met(table, stages[k].criteria)) for k, b in enumerate(broken)],
        else_=rank(top) + ibis.literal(0.0),
    )
    return table.mutate(stage_rank=stage_rank, stage_id=stage_id, score=score.round(4))


def _one_if(condition: Any) -> Any:
    """1 where ``condition`` holds, else 0, as int64: PostgreSQL casts no boolean to bigint."""
    return ibis.ifelse(condition, ibis.literal(1, "int64"), ibis.literal(0, "int64"))


def _share_met(table: Any, criteria: tuple[Criterion, ...]) -> Any:
    met = reduce(operator.add, (_one_if(table[met_column(c)]) for c in criteria))
    return met.cast("float64") / len(criteria)
