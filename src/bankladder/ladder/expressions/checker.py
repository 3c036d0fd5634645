"""Type checking criterion expressions against the fact catalogue.

Rules: the whole expression must be a condition (boolean); ``and``/``or``/``not`` take
conditions; ``+ - * /`` take numbers; ``< <= > >=`` compare numbers; ``==``/``!=`` compare
two numbers or two conditions. ``integer`` and ``decimal`` mix freely. A sub-expression that
already has a problem is not reported again further up.
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

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
from bankladder.ladder.facts import FactType, FactTypes


@dataclass(frozen=True, slots=True)
class ExpressionProblem:
    """One problem in an expression. ``message`` already names the column."""

    message: str
    column: int


def check(expr: Expr, fact_types: FactTypes) -> list[ExpressionProblem]:
    """All problems of an expression, in order of position; empty when it is sound."""
    checker = _Checker(fact_types)
    whole = checker.type_of(expr)
    if whole is not None and whole is not FactType.boolean:
        checker.report(expr, f"the expression must be a condition (true or false), not {whole}")
    return sorted(checker.problems, key=lambda problem: problem.column)


def type_of(expr: Expr, fact_types: FactTypes) -> FactType | None:
    """The type of an expression, or ``None`` when it has problems."""
    checker = _Checker(fact_types)
    result = checker.type_of(expr)
    return None if checker.problems else result


def suggestion(name: str, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest known name, or an empty string."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Checker:
    def __init__(self, fact_types: FactTypes) -> None:
        self.fact_types = fact_types
        self.problems: list[ExpressionProblem] = []

    def report(self, node: Expr, message: str, hint: str = "") -> None:
        text = f"{message} at column {node.column}{hint}"
        self.problems.append(ExpressionProblem(text, node.column))

    def type_of(self, expr: Expr) -> FactType | None:
        match expr:
            case FactRef(name=name):
                return self._fact(expr, name)
            case Number():
                return FactType.integer if expr.is_whole else FactType.decimal
            case Boolean():
                return FactType.boolean
            case Compare():
                self._compare(expr)
                return FactType.boolean
            case Arith():
                return self._arith(expr)
            case And(items=items) | Or(items=items):
                keyword = "and" if isinstance(expr, And) else "or"
                for item in items:
                    self._condition(item, f"'{keyword}'")
                return FactType.boolean
            case Not(item=item):
                self._condition(item, "'not'")
                return FactType.boolean

    def _fact(self, node: FactRef, name: str) -> FactType | None:
        fact_type = self.fact_types.get(name)
        if fact_type is None:
            hint = suggestion(name, self.fact_types)
            self.report(node, f"unknown fact {name!r}", hint)
        return fact_type

    def _condition(self, item: Expr, keyword: str) -> None:
        item_type = self.type_of(item)
        if item_type is not None and item_type is not FactType.boolean:
            self.report(
                item, f"{keyword} needs conditions (true or false), but this is {item_type}"
            )

    def _compare(self, node: Compare) -> None:
        left, right = self.type_of(node.left), self.type_of(node.right)
        if left is None or right is None:
            return
        if node.op in ("==", "!="):
            if left.is_numeric != right.is_numeric:
                self.report(node, f"'{node.op}' cannot compare {left} with {right}")
        elif not (left.is_numeric and right.is_numeric):
            self.report(node, f"'{node.op}' needs numbers on both sides, not {left} and {right}")

    def _arith(self, node: Arith) -> FactType | None:
        left, right = self.type_of(node.left), self.type_of(node.right)
        if left is None or right is None:
            return None
        if not (left.is_numeric and right.is_numeric):
            self.report(node, f"'{node.op}' needs numbers on both sides, not {left} and {right}")
            return None
        if node.op == "/" or FactType.decimal in (left, right):
            return FactType.decimal
        return FactType.integer
