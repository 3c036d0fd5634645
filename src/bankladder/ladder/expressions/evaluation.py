"""Evaluating expressions over one party's facts, with SQL's three-valued (Kleene) logic.

NULL (``None``) is "unknown": comparisons and arithmetic with NULL give NULL, division by zero
gives NULL, ``/`` is true division (``Decimal``, 28 significant digits). ``and`` is false as
soon as one side is false, otherwise NULL if one side is NULL; ``or`` mirrors it; ``not NULL``
is NULL. A fact missing from the mapping reads as NULL.

Expressions are compiled into nested closures once and then run per party: no ``eval``.
"""

import operator
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeAlias

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
from bankladder.ladder.facts import Facts, FactValue

Evaluator: TypeAlias = Callable[[Facts], FactValue]
_Number: TypeAlias = Decimal | int

_Operator: TypeAlias = Callable[[Any, Any], FactValue]

_COMPARISONS: Mapping[str, _Operator] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _divide(left: _Number, right: _Number) -> Decimal | None:
    if right == 0:
        return None
    return Decimal(left) / Decimal(right)


_ARITHMETIC: Mapping[str, _Operator] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": _divide,
}


def evaluate_expression(expr: Expr, facts: Facts) -> FactValue:
    """The value of ``expr`` for one party: a number, ``True``, ``False`` or ``None`` (NULL)."""
    return compile_expression(expr)(facts)


def compile_expression(expr: Expr) -> Evaluator:
    """A function computing ``expr`` from a party's facts; build once, call per party."""
    match expr:
        case FactRef(name=name):
            return lambda facts: facts.get(name)
        case Number(value=number):
            return lambda _facts: number
        case Boolean(value=flag):
            return lambda _facts: flag
        case Compare(op=op, left=left, right=right):
            return _binary(_COMPARISONS[op], left, right)
        case Arith(op=op, left=left, right=right):
            return _binary(_ARITHMETIC[op], left, right)
        case And(items=items):
            return _all_of(tuple(compile_expression(item) for item in items))
        case Or(items=items):
            return _any_of(tuple(compile_expression(item) for item in items))
        case Not(item=item):
            return _negation(compile_expression(item))


def _binary(apply: _Operator, left: Expr, right: Expr) -> Evaluator:
    left_of, right_of = compile_expression(left), compile_expression(right)

    def evaluate(facts: Facts) -> FactValue:
        left_value = left_of(facts)
        if left_value is None:
            return None
        right_value = right_of(facts)
        if right_value is None:
            return None
        return apply(left_value, right_value)

    return evaluate


def _all_of(parts: tuple[Evaluator, ...]) -> Evaluator:
    def evaluate(facts: Facts) -> FactValue:
        unknown = False
        for part in parts:
            value = part(facts)
            if value is False:
                return False
            unknown = unknown or value is None
        return None if unknown else True

    return evaluate


def _any_of(parts: tuple[Evaluator, ...]) -> Evaluator:
    def evaluate(facts: Facts) -> FactValue:
        unknown = False
        for part in parts:
            value = part(facts)
            if value is True:
                return True
            unknown = unknown or value is None
        return None if unknown else False

    return evaluate


def _negation(inner: Evaluator) -> Evaluator:
    def evaluate(facts: Facts) -> FactValue:
        value = inner(facts)
        return None if value is None else not value

    return evaluate
