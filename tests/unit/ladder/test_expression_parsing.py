"""Criterion expressions are parsed with lark into a tree; bad text gets a message with a column."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.ladder.expressions import (
    And,
    Arith,
    Boolean,
    Compare,
    Expr,
    ExpressionSyntaxError,
    FactRef,
    Not,
    Number,
    Or,
    parse,
)

pytestmark = pytest.mark.unit


def fact(name: str) -> FactRef:
    return FactRef(name)


def num(text: str) -> Number:
    return Number(Decimal(text))


def test_a_simple_threshold_is_a_comparison_of_a_fact_with_a_number() -> None:
    assert parse("contacts_total >= 1") == Compare(">=", fact("contacts_total"), num("1"))


def test_multiplication_binds_tighter_than_addition() -> None:
    assert parse("a + b * c") == Arith("+", fact("a"), Arith("*", fact("b"), fact("c")))


def test_subtraction_and_division_group_from_the_left() -> None:
    assert parse("a - b - c") == Arith("-", Arith("-", fact("a"), fact("b")), fact("c"))
    assert parse("a / b / c") == Arith("/", Arith("/", fact("a"), fact("b")), fact("c"))


def test_parentheses_override_precedence() -> None:
    assert parse("(a + b) * c") == Arith("*", Arith("+", fact("a"), fact("b")), fact("c"))


def test_and_binds_tighter_than_or_and_not_tighter_than_and() -> None:
    assert parse("not a and b or c") == Or((And((Not(fact("a")), fact("b"))), fact("c")))


def test_not_applies_to_a_whole_comparison() -> None:
    assert parse("not a >= 1") == Not(Compare(">=", fact("a"), num("1")))


def test_a_chain_of_ands_is_one_node_with_every_item() -> None:
    assert parse("a and b and c") == And((fact("a"), fact("b"), fact("c")))


def test_arithmetic_binds_tighter_than_comparison() -> None:
    parsed = parse("care_events_180d + service_events_180d >= 1")
    expected = Arith("+", fact("care_events_180d"), fact("service_events_180d"))
    assert parsed == Compare(">=", expected, num("1"))


def test_a_negative_literal_is_folded_into_the_number() -> None:
    assert parse("balance_change_90d >= -5000") == Compare(
        ">=", fact("balance_change_90d"), num("-5000")
    )


def test_unary_minus_on_a_fact_is_zero_minus_the_fact() -> None:
    assert parse("-a * 2") == Arith("*", Arith("-", num("0"), fact("a")), num("2"))


def test_a_double_minus_cancels_out() -> None:
    assert parse("x - -3") == Arith("-", fact("x"), num("-3"))
    assert parse("- -3") == num("3")


def test_numbers_may_have_underscores_and_decimals() -> None:
    assert parse("50_000") == num("50000")
    assert parse("0.5") == num("0.5")
    assert parse("1_000.25") == num("1000.25")


def test_whole_numbers_and_decimals_keep_their_kind() -> None:
    whole, decimal = parse("1"), parse("1.0")
    assert isinstance(whole, Number)
    assert isinstance(decimal, Number)
    assert whole.is_whole
    assert not decimal.is_whole


def test_true_and_false_are_booleans_and_keywords_inside_names_are_names() -> None:
    assert parse("true") == Boolean(True)
    assert parse("false") == Boolean(False)
    assert parse("android_or_notes") == fact("android_or_notes")


def test_line_breaks_count_as_spaces() -> None:
    assert parse("a >= 1\n  and b") == And((Compare(">=", fact("a"), num("1")), fact("b")))


def test_nodes_know_their_columns() -> None:
    parsed = parse("a + b >= 10 or not c")
    assert isinstance(parsed, Or)
    comparison, negation = parsed.items
    assert isinstance(comparison, Compare)
    assert isinstance(negation, Not)
    assert isinstance(comparison.left, Arith)
    assert isinstance(comparison.right, Number)
    assert (parsed.column, comparison.column, comparison.left.column) == (13, 7, 3)
    assert (comparison.right.column, negation.column, negation.item.column) == (10, 16, 20)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("contacts_total >= ", "expected a fact name, a number or '(' at column 19", 19),
        ("", "expected a fact name, a number or '(' at column 1", 1),
        ("a >= 1 and", "expected a fact name, a number or '(' at column 11", 11),
        ("(a >= 1", "expected ')' at column 8", 8),
        ("a >= 1)", "unmatched ')' at column 7", 7),
        ("a >= 1 b", "at column 8, found 'b'", 8),
        ("a < b < c", "comparisons cannot be chained, join them with 'and' at column 7", 7),
        ("a = 1", "unexpected character '=' at column 3; use '==' to compare", 3),
        ("a && b", "unexpected character '&' at column 3; use 'and'", 3),
        ("Contacts >= 1", "at column 1; fact names and keywords are lowercase", 1),
        ("a >= 1.", "unexpected character '.' at column 7", 7),
    ],
)
def test_a_syntax_error_says_what_was_expected_and_where(
    text: str, message: str, column: int
) -> None:
    with pytest.raises(ExpressionSyntaxError) as raised:
        parse(text)
    assert message in raised.value.message
    assert raised.value.column == column


def test_python_code_is_not_an_expression() -> None:
    with pytest.raises(ExpressionSyntaxError):
        parse("__import__('os').system('true')")


# Property: printing any tree fully parenthesised and parsing it back gives the same tree.

_names = st.sampled_from(["a", "b", "visits_90d", "total_balance"])
_leaves: st.SearchStrategy[Expr] = st.one_of(
    _names.map(FactRef),
    st.integers(min_value=0, max_value=10**9).map(lambda n: Number(Decimal(n))),
    st.decimals(min_value=0, max_value=10**6, places=2).map(Number),
    st.booleans().map(Boolean),
)


def _extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    ops = st.sampled_from
    return st.one_of(
        st.builds(Compare, ops(["==", "!=", "<", "<=", ">", ">="]), children, children),
        st.builds(Arith, ops(["+", "-", "*", "/"]), children, children),
        st.lists(children, min_size=2, max_size=3).map(lambda items: And(tuple(items))),
        st.lists(children, min_size=2, max_size=3).map(lambda items: Or(tuple(items))),
        st.builds(Not, children),
    )


def _printed(expr: Expr) -> str:
    match expr:
        case FactRef(name=name):
            return name
        case Number(value=value):
            return str(value)
        case Boolean(value=value):
            return "true" if value else "false"
        case Compare(op=op, left=left, right=right) | Arith(op=op, left=left, right=right):
            return f"({_printed(left)} {op} {_printed(right)})"
        case And(items=items) | Or(items=items):
            keyword = " and " if isinstance(expr, And) else " or "
            return "(" + keyword.join(_printed(item) for item in items) + ")"
        case Not(item=item):
            return f"(not {_printed(item)})"


@given(st.recursive(_leaves, _extend, max_leaves=12))
def test_printing_and_parsing_again_gives_the_same_tree(expr: Expr) -> None:
    assert parse(_printed(expr)) == expr
