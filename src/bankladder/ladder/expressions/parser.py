"""Parsing criterion expressions with lark (LALR). Expressions are data, never Python code.

Precedence, loosest first: ``or``, ``and``, ``not``, one comparison (not chained),
``+ -``, ``* /``, unary minus, then atoms: fact names, numbers (``50_000``, ``0.5``),
``true``/``false`` and parentheses.
"""

from decimal import Decimal
from functools import cache
from typing import cast

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken

from bankladder.ladder.expressions.nodes import (
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
)

GRAMMAR = r"""
?start: disjunction
?disjunction: conjunction (OR conjunction)*
?conjunction: negation (AND negation)*
?negation: NOT negation -> negated
         | comparison
?comparison: sum (COMPARE_OP sum)?
?sum: sum ADD_OP product -> arith
    | product
?product: product MUL_OP unary -> arith
        | unary
?unary: MINUS unary -> minus
      | atom
?atom: NUMBER | TRUE | FALSE | NAME
     | "(" disjunction ")"

OR: "or"
AND: "and"
NOT: "not"
TRUE: "true"
FALSE: "false"
COMPARE_OP: "==" | "!=" | "<=" | ">=" | "<" | ">"
ADD_OP: "+" | MINUS
MINUS: "-"
MUL_OP: "*" | "/"
NUMBER: /[0-9]+(_[0-9]+)*(\.[0-9]+(_[0-9]+)*)?/
NAME: /[a-z_][a-z0-9_]*/

%ignore / +/
"""

_DESCRIPTIONS = {
    "NAME": "a fact name",
    "NUMBER": "a number",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMPARE_OP": "a comparison",
    "ADD_OP": "an operator",
    "MUL_OP": "an operator",
    "AND": "'and'",
    "OR": "'or'",
    "$END": "the end of the expression",
}
_ONE_LINE = str.maketrans("\t\r\n", "   ")
_CHARACTER_HINTS = {
    "=": "; use '==' to compare",
    "&": "; use 'and'",
    "|": "; use 'or'",
    "!": "; use 'not' or '!='",
}


class ExpressionSyntaxError(ValueError):
    """The text is not a valid expression. ``message`` already names the column."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


@cache
def _lark() -> Lark:
    return Lark(GRAMMAR, parser="lalr", maybe_placeholders=False)


def parse(text: str) -> Expr:
    """Parse an expression, or raise ``ExpressionSyntaxError`` with a readable message.

    Line breaks and tabs count as single spaces, so a column is an offset in the whole text.
    """
    text = text.translate(_ONE_LINE)
    try:
        tree = _lark().parse(text)
    except UnexpectedInput as error:
        raise _syntax_error(text, error) from None
    return _build(tree)


def _build(node: Tree[Token] | Token) -> Expr:
    if isinstance(node, Token):
        return _leaf(node)
    kids = node.children
    match node.data:
        case "disjunction":
            return Or(_operands(kids), column=_column(kids[1]))
        case "conjunction":
            return And(_operands(kids), column=_column(kids[1]))
        case "negated":
            return Not(_build(kids[1]), column=_column(kids[0]))
        case "comparison":
            op = cast(CompareOp, str(kids[1]))
            return Compare(op, _build(kids[0]), _build(kids[2]), column=_column(kids[1]))
        case "arith":
            op_ = cast(ArithOp, str(kids[1]))
            return Arith(op_, _build(kids[0]), _build(kids[2]), column=_column(kids[1]))
        case "minus":
            return _negate(_build(kids[1]), _column(kids[0]))
        case _:  # the start rule wrapping a single child
            return _build(kids[0])


def _operands(kids: list[Tree[Token] | Token]) -> tuple[Expr, ...]:
    return tuple(_build(kid) for kid in kids[0::2])


def _column(node: Tree[Token] | Token) -> int:
    assert isinstance(node, Token)
    assert node.column is not None
    return node.column


def _leaf(token: Token) -> Expr:
    column = _column(token)
    match token.type:
        case "NUMBER":
            return Number(Decimal(str(token).replace("_", "")), column=column)
        case "TRUE" | "FALSE":
            return Boolean(token.type == "TRUE", column=column)
        case _:
            return FactRef(str(token), column=column)


def _negate(operand: Expr, column: int) -> Expr:
    if isinstance(operand, Number):
        return Number(-operand.value, column=column)
    return Arith("-", Number(Decimal(0), column=column), operand, column=column)


def _syntax_error(text: str, error: UnexpectedInput) -> ExpressionSyntaxError:
    if isinstance(error, UnexpectedToken):
        return _unexpected_token(text, error)
    column = error.column
    char = text[column - 1 : column]
    hint = _CHARACTER_HINTS.get(char, "")
    if char.isalpha() and char.isupper():
        hint = "; fact names and keywords are lowercase"
    return ExpressionSyntaxError(f"unexpected character {char!r} at column {column}{hint}", column)


def _unexpected_token(text: str, error: UnexpectedToken) -> ExpressionSyntaxError:
    token = error.token
    at_end = token.type == "$END"
    column = len(text) + 1 if at_end else error.column
    found = "the end of the expression" if at_end else repr(str(token))
    open_parens = _open_parens(text[: column - 1])
    if token.type == "COMPARE_OP" and "COMPARE_OP" not in error.expected:
        message = f"comparisons cannot be chained, join them with 'and' at column {column}"
    elif token.type == "RPAR" and open_parens == 0:
        message = f"unmatched ')' at column {column}"
    else:
        expected = _expected(error.expected, open_parens)
        message = f"expected {expected} at column {column}, found {found}"
    return ExpressionSyntaxError(message, column)


def _open_parens(text_before: str) -> int:
    return text_before.count("(") - text_before.count(")")


def _expected(terminals: set[str], open_parens: int) -> str:
    if "NAME" in terminals or "NUMBER" in terminals:
        return "a fact name, a number or '('"
    if open_parens == 0:
        terminals = terminals - {"RPAR"}
    names = sorted({_DESCRIPTIONS.get(name, name.lower()) for name in terminals})
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]
