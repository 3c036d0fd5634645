"""The gap of a criterion: how far a party is from meeting a numeric threshold.

A criterion ``<numeric expression> OP N`` (OP one of ``>= > <= < ==``, N a number literal,
possibly negative, on either side) has a ``Gap``. It is normalised so that the measured side is
on the left: ``5 <= visits`` becomes ``Gap(visits, ">=", 5)``. ``!=``, conditions joined with
``and``/``or`` and boolean facts have no gap.

``integer_valued`` is true when the measured side is integer-typed. The threshold is then a
whole step: ``visits > 2`` needs 3 visits, so the gap is ``2 + 1 - value``; without it, the gap
of ``>``/``<`` is the distance to N itself (which may be 0 while still unmet).
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Literal, TypeAlias

from bankladder.ladder.expressions.checker import type_of
from bankladder.ladder.expressions.nodes import Compare, Expr, Number
from bankladder.ladder.facts import FactType, FactTypes

GapOp: TypeAlias = Literal[">=", ">", "<=", "<", "=="]

_GAP_OPS: dict[str, GapOp] = {">=": ">=", ">": ">", "<=": "<=", "<": "<", "==": "=="}
_MIRRORED: dict[str, GapOp] = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "=="}
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Gap:
    measured: Expr
    op: GapOp
    target: Decimal
    integer_valued: bool = False


def gap_of(expr: Expr, fact_types: FactTypes | None = None) -> Gap | None:
    """The gap of ``expr``, if it is a threshold on a numeric expression.

    Pass ``fact_types`` to know whether the measured side is integer-valued.
    """
    if not isinstance(expr, Compare) or expr.op not in _GAP_OPS:
        return None
    if isinstance(expr.right, Number) and not isinstance(expr.left, Number):
        measured, op, target = expr.left, _GAP_OPS[expr.op], expr.right.value
    elif isinstance(expr.left, Number) and not isinstance(expr.right, Number):
        measured, op, target = expr.right, _MIRRORED[expr.op], expr.left.value
    else:
        return None
    measured_type = type_of(measured, fact_types) if fact_types is not None else None
    if fact_types is not None and (measured_type is None or not measured_type.is_numeric):
        return None
    return Gap(measured, op, target, integer_valued=measured_type is FactType.integer)


def gap_amount(gap: Gap, value: Decimal | int | None) -> Decimal | None:
    """How much the measured value still misses; 0 when met, ``None`` when the value is NULL."""
    if value is None:
        return None
    current = Decimal(value)
    match gap.op:
        case ">=" | ">":
            missing = lowest_passing(gap) - current
        case "<=" | "<":
            missing = current - highest_passing(gap)
        case "==":
            missing = abs(current - gap.target)
    return max(missing, _ZERO)


def lowest_passing(gap: Gap) -> Decimal:
    """The smallest measured value that meets a ``>=``/``>`` gap (``visits > 2`` -> 3)."""
    if not gap.integer_valued:
        return gap.target
    if gap.op == ">":
        return gap.target.to_integral_value(ROUND_FLOOR) + 1
    return gap.target.to_integral_value(ROUND_CEILING)


def highest_passing(gap: Gap) -> Decimal:
    """The largest measured value that meets a ``<=``/``<`` gap (``complaints < 1`` -> 0)."""
    if not gap.integer_valued:
        return gap.target
    if gap.op == "<":
        return gap.target.to_integral_value(ROUND_CEILING) - 1
    return gap.target.to_integral_value(ROUND_FLOOR)
