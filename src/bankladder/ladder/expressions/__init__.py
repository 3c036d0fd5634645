"""Criterion expressions: a small language parsed with lark, checked, and evaluated as data.

``parse`` turns text into a tree of nodes, ``check`` finds type problems against the fact
catalogue, ``gap_of``/``gap_amount`` measure how far a party is from a threshold and
``evaluate_expression`` computes a value with SQL's NULL semantics.
"""

from bankladder.ladder.expressions.checker import ExpressionProblem, check, suggestion, type_of
from bankladder.ladder.expressions.evaluation import (
    Evaluator,
    compile_expression,
    evaluate_expression,
)
from bankladder.ladder.expressions.gaps import (
    Gap,
    GapOp,
    gap_amount,
    gap_of,
    highest_passing,
    lowest_passing,
)
from bankladder.ladder.expressions.nodes import (
    ARITH_OPS,
    COMPARE_OPS,
    And,
    Arith,
    ArithOp,
    Boolean,
    Compare,
    CompareOp,
    Expr,
    FactRef,
    Not,
    Number,
    Or,
    children,
    fact_names,
    walk,
)
from bankladder.ladder.expressions.parser import ExpressionSyntaxError, parse

__all__ = [
    "ARITH_OPS",
    "COMPARE_OPS",
    "And",
    "Arith",
    "ArithOp",
    "Boolean",
    "Compare",
    "CompareOp",
    "Evaluator",
    "Expr",
    "ExpressionProblem",
    "ExpressionSyntaxError",
    "FactRef",
    "Gap",
    "GapOp",
    "Not",
    "Number",
    "Or",
    "check",
    "children",
    "compile_expression",
    "evaluate_expression",
    "fact_names",
    "gap_amount",
    "gap_of",
    "highest_passing",
    "lowest_passing",
    "parse",
    "suggestion",
    "type_of",
    "walk",
]
