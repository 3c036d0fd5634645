"""Expressions are evaluated row by row with SQL's NULL semantics (Kleene logic)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.ladder.expressions import And, Boolean, Expr, FactRef, Not, Or, parse
from bankladder.ladder.facts import FactValue
from bankladder.ladder.placement import evaluate_expression

pytestmark = pytest.mark.unit


def value_of(text: str, **facts: FactValue) -> FactValue:
    return evaluate_expression(parse(text), facts)


def test_a_threshold_holds_when_the_fact_reaches_it() -> None:
    assert value_of("visits_90d >= 2", visits_90d=2) is True
    assert value_of("visits_90d >= 2", visits_90d=1) is False


def test_a_comparison_with_a_null_fact_is_null() -> None:
    assert value_of("days_since_first_contact <= 30", days_since_first_contact=None) is None


def test_a_fact_missing_from_the_row_reads_as_null() -> None:
    assert value_of("visits_90d >= 2") is None


def test_arithmetic_with_null_is_null() -> None:
    assert value_of("a + b", a=1, b=None) is None
    assert value_of("a + b >= 1", a=1, b=None) is None


def test_integer_facts_and_decimal_literals_mix() -> None:
    assert value_of("a + b", a=1, b=Decimal("0.5")) == Decimal("1.5")
    assert value_of("total_balance >= 50_000", total_balance=Decimal("50000.00")) is True


def test_division_is_true_division() -> None:
    assert value_of("a / b", a=1, b=4) == Decimal("0.25")


def test_division_by_zero_is_null() -> None:
    assert value_of("a / b", a=1, b=0) is None
    assert value_of("a / b > 1 or c", a=1, b=0, c=True) is True


def test_unary_minus_negates() -> None:
    assert value_of("-a", a=5) == -5
    assert value_of("-a", a=None) is None


@pytest.mark.parametrize(
    ("a", "b", "both", "either"),
    [
        (True, True, True, True),
        (True, False, False, True),
        (True, None, None, True),
        (False, False, False, False),
        (False, None, False, None),
        (None, None, None, None),
    ],
)
def test_and_or_follow_the_kleene_truth_table(
    a: bool | None, b: bool | None, both: bool | None, either: bool | None
) -> None:
    assert value_of("a and b", a=a, b=b) is both
    assert value_of("b and a", a=a, b=b) is both
    assert value_of("a or b", a=a, b=b) is either
    assert value_of("b or a", a=a, b=b) is either


def test_not_null_is_null() -> None:
    assert value_of("not a", a=None) is None
    assert value_of("not a", a=False) is True


def test_null_equals_nothing_not_even_null() -> None:
    assert value_of("a == b", a=None, b=None) is None
    assert value_of("a != 1", a=None) is None


# Property: and/or/not behave as min/max/reversal on the order false < unknown < true.

_RANK = {False: 0, None: 1, True: 2}
_VALUE = {0: False, 1: None, 2: True}
_names = ["p", "q", "r"]


def _reference(expr: Expr, row: dict[str, bool | None]) -> bool | None:
    match expr:
        case FactRef(name=name):
            return row[name]
        case Boolean(value=value):
            return value
        case And(items=items):
            return _VALUE[min(_RANK[_reference(item, row)] for item in items)]
        case Or(items=items):
            return _VALUE[max(_RANK[_reference(item, row)] for item in items)]
        case Not(item=item):
            return _VALUE[2 - _RANK[_reference(item, row)]]
    raise AssertionError(expr)


_conditions: st.SearchStrategy[Expr] = st.recursive(
    st.one_of(st.sampled_from(_names).map(FactRef), st.booleans().map(Boolean)),
    lambda children: st.one_of(
        st.lists(children, min_size=2, max_size=3).map(lambda items: And(tuple(items))),
        st.lists(children, min_size=2, max_size=3).map(lambda items: Or(tuple(items))),
        st.builds(Not, children),
    ),
    max_leaves=10,
)
_rows = st.fixed_dictionaries({name: st.sampled_from([True, False, None]) for name in _names})


@given(_conditions, _rows)
def test_logic_is_min_max_and_reversal_over_false_unknown_true(
    expr: Expr, row: dict[str, bool | None]
) -> None:
    assert evaluate_expression(expr, row) is _reference(expr, row)


@given(_conditions, _rows)
def test_de_morgan_holds_with_nulls(expr: Expr, row: dict[str, bool | None]) -> None:
    other = FactRef("p")
    left = evaluate_expression(Not(And((expr, other))), row)
    right = evaluate_expression(Or((Not(expr), Not(other))), row)
    assert left is right
