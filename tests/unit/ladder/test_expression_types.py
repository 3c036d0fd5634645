"""Expressions are type-checked against the fact catalogue before a playbook is accepted."""

import pytest

from bankladder.ladder.expressions import check, parse, type_of
from bankladder.ladder.facts import FactType

pytestmark = pytest.mark.unit


def problems_of(text: str, fact_types: dict[str, FactType]) -> list[tuple[str, int]]:
    return [(problem.message, problem.column) for problem in check(parse(text), fact_types)]


@pytest.mark.parametrize(
    "text",
    [
        "contacts_total >= 1",
        "care_events_180d + service_events_180d >= 1",
        "total_balance >= 50_000 and months_as_customer > 6",
        "total_balance / products_held > 0.5",
        "kyc_valid and not is_customer",
        "kyc_valid == true",
        "kyc_valid != is_customer",
        "total_balance == vip_tier",
        "referrals_converted >= 1 or partners_on_books >= 1",
        "-balance_change_90d > 1000",
        "true",
    ],
)
def test_well_typed_conditions_have_no_problems(text: str, fact_types: dict[str, FactType]) -> None:
    assert check(parse(text), fact_types) == []


def test_an_unknown_fact_is_reported_with_a_suggestion(fact_types: dict[str, FactType]) -> None:
    assert problems_of("contact_total >= 1", fact_types) == [
        ("unknown fact 'contact_total' at column 1; did you mean 'contacts_total'?", 1)
    ]


def test_an_unknown_fact_without_a_close_name_gets_no_suggestion(
    fact_types: dict[str, FactType],
) -> None:
    assert problems_of("zzz >= 1", fact_types) == [("unknown fact 'zzz' at column 1", 1)]


def test_the_whole_expression_must_be_a_condition(fact_types: dict[str, FactType]) -> None:
    assert problems_of("contacts_total + 1", fact_types) == [
        ("the expression must be a condition (true or false), not integer at column 16", 16)
    ]


def test_ordering_a_boolean_is_a_problem(fact_types: dict[str, FactType]) -> None:
    assert problems_of("kyc_valid >= 1", fact_types) == [
        ("'>=' needs numbers on both sides, not boolean and integer at column 11", 11)
    ]


def test_equality_between_a_number_and_a_boolean_is_a_problem(
    fact_types: dict[str, FactType],
) -> None:
    assert problems_of("vip_tier == true", fact_types) == [
        ("'==' cannot compare integer with boolean at column 10", 10)
    ]


def test_and_needs_conditions_on_both_sides(fact_types: dict[str, FactType]) -> None:
    assert problems_of("kyc_valid and vip_tier", fact_types) == [
        ("'and' needs conditions (true or false), but this is integer at column 15", 15)
    ]


def test_or_needs_conditions_on_both_sides(fact_types: dict[str, FactType]) -> None:
    assert problems_of("total_balance or kyc_valid", fact_types) == [
        ("'or' needs conditions (true or false), but this is decimal at column 1", 1)
    ]


def test_not_needs_a_condition(fact_types: dict[str, FactType]) -> None:
    assert problems_of("not vip_tier", fact_types) == [
        ("'not' needs conditions (true or false), but this is integer at column 5", 5)
    ]


def test_arithmetic_needs_numbers(fact_types: dict[str, FactType]) -> None:
    assert problems_of("kyc_valid + 1 >= 1", fact_types) == [
        ("'+' needs numbers on both sides, not boolean and integer at column 11", 11)
    ]


def test_every_problem_is_reported_once_in_column_order(fact_types: dict[str, FactType]) -> None:
    found = problems_of("visit_90d + kyc_valid >= 1 and not vip_tier", fact_types)
    assert [column for _, column in found] == [1, 36]
    assert "did you mean 'visits_90d'?" in found[0][0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vip_tier + 1", FactType.integer),
        ("vip_tier * 1.5", FactType.decimal),
        ("vip_tier / 2", FactType.decimal),
        ("total_balance - 1", FactType.decimal),
        ("-vip_tier", FactType.integer),
        ("vip_tier > 1", FactType.boolean),
        ("nope + 1", None),
    ],
)
def test_the_type_of_an_expression_follows_its_operators(
    text: str, expected: FactType | None, fact_types: dict[str, FactType]
) -> None:
    assert type_of(parse(text), fact_types) == expected
