"""The syntax tree of a criterion expression.

Every node carries ``column``: the 1-based position in the expression text of the token that
makes the node (the operator for ``Compare``/``Arith``, the first keyword for ``And``/``Or``,
``not`` for ``Not``, the token itself for leaves). Columns are ignored by ``==`` so that trees
can be compared by structure.

Unary minus has no node of its own: ``-5`` becomes ``Number(-5)`` and ``-x`` becomes
``Arith("-", Number(0), x)``, which has the same value under NULL semantics.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypeAlias

CompareOp: TypeAlias = Literal["==", "!=", "<", "<=", ">", ">="]
ArithOp: TypeAlias = Literal["+", "-", "*", "/"]

COMPARE_OPS: tuple[CompareOp, ...] = ("==", "!=", "<", "<=", ">", ">=")
ARITH_OPS: tuple[ArithOp, ...] = ("+", "-", "*", "/")


@dataclass(frozen=True, slots=True)
class FactRef:
    name: str
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Number:
    value: Decimal
    column: int = field(default=0, compare=False)

    @property
    def is_whole(self) -> bool:
        """True when written without a fractional part (``50000``, not ``0.5`` or ``1.0``)."""
        exponent = self.value.as_tuple().exponent
        return isinstance(exponent, int) and exponent >= 0


@dataclass(frozen=True, slots=True)
class Boolean:
    value: bool
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Compare:
    op: CompareOp
    left: "Expr"
    right: "Expr"
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Arith:
    op: ArithOp
    left: "Expr"
    right: "Expr"
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class And:
    items: tuple["Expr", ...]
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple["Expr", ...]
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    item: "Expr"
    column: int = field(default=0, compare=False)


Expr: TypeAlias = FactRef | Number | Boolean | Compare | Arith | And | Or | Not


def children(expr: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of a node."""
    match expr:
        case Compare(left=left, right=right) | Arith(left=left, right=right):
            return (left, right)
        case And(items=items) | Or(items=items):
            return items
        case Not(item=item):
            return (item,)
        case _:
            return ()


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of the tree, parents before children, left to right."""
    yield expr
    for child in children(expr):
        yield from walk(child)


def fact_names(expr: Expr) -> frozenset[str]:
    """The names of all facts an expression reads."""
    return frozenset(node.name for node in walk(expr) if isinstance(node, FactRef))
