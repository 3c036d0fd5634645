"""A threshold criterion knows how far a party is from it; reasons say so in both languages."""

from decimal import Decimal

import pytest

from bankladder.ladder.expressions import (
    FactRef,
    Gap,
    gap_amount,
    gap_of,
    highest_passing,
    lowest_passing,
    parse,
)
from bankladder.ladder.facts import FactType, FactValue
from bankladder.ladder.model import Ladder, Text
from bankladder.ladder.placement import place, reason
from bankladder.ladder.reasons import TemplateError, fill, format_value, placeholders

pytestmark = pytest.mark.unit


def test_a_threshold_on_a_fact_has_a_gap(fact_types: dict[str, FactType]) -> None:
    gap = gap_of(parse("visits_90d >= 2"), fact_types)
    assert gap == Gap(FactRef("visits_90d"), ">=", Decimal(2), integer_valued=True)


def test_a_threshold_written_backwards_is_turned_around() -> None:
    assert gap_of(parse("2 <= visits_90d")) == Gap(FactRef("visits_90d"), ">=", Decimal(2))
    assert gap_of(parse("5 > complaints_180d")) == Gap(FactRef("complaints_180d"), "<", Decimal(5))


def test_a_negative_target_is_a_threshold() -> None:
    gap = gap_of(parse("balance_change_90d >= -1000"))
    assert gap is not None
    assert gap.target == Decimal(-1000)


def test_a_sum_of_facts_can_be_measured(fact_types: dict[str, FactType]) -> None:
    gap = gap_of(parse("care_events_180d + service_events_180d >= 1"), fact_types)
    assert gap is not None
    assert gap.integer_valued


def test_a_decimal_measure_is_not_integer_valued(fact_types: dict[str, FactType]) -> None:
    gap = gap_of(parse("total_balance >= 50000"), fact_types)
    assert gap is not None
    assert not gap.integer_valued


@pytest.mark.parametrize(
    "text",
    [
        "referrals_converted >= 1 or partners_on_books >= 1",
        "kyc_valid",
        "kyc_valid == true",
        "vip_tier != 2",
        "vip_tier >= products_held",
        "1 >= 0",
    ],
)
def test_conditions_that_are_not_thresholds_have_no_gap(
    text: str, fact_types: dict[str, FactType]
) -> None:
    assert gap_of(parse(text), fact_types) is None


@pytest.mark.parametrize(
    ("text", "value", "missing"),
    [
        ("visits_90d >= 2", 0, 2),
        ("visits_90d >= 2", 5, 0),
        ("visits_90d > 2", 1, 2),
        ("visits_90d > 2", 2, 1),
        ("visits_90d > 2.5", 1, 2),
        ("visits_90d >= 2.5", 1, 2),
        ("complaints_180d <= 1", 4, 3),
        ("complaints_180d < 1", 4, 4),
        ("complaints_open == 0", 3, 3),
        ("total_balance >= 50000", Decimal("12345.50"), Decimal("37654.50")),
        ("total_balance > 50000", Decimal("50000"), 0),
        ("balance_change_90d >= -1000", Decimal("-1500"), 500),
    ],
)
def test_the_gap_is_what_is_still_missing(
    text: str, value: Decimal | int, missing: Decimal | int, fact_types: dict[str, FactType]
) -> None:
    gap = gap_of(parse(text), fact_types)
    assert gap is not None
    assert gap_amount(gap, value) == missing


@pytest.mark.parametrize(
    ("text", "lowest", "highest"),
    [
        ("visits_90d > 2", Decimal(3), None),
        ("visits_90d >= 2.5", Decimal(3), None),
        ("total_balance > 50000", Decimal(50000), None),
        ("complaints_180d < 1", None, Decimal(0)),
        ("complaints_180d <= 1.5", None, Decimal(1)),
        ("total_balance <= 100.5", None, Decimal("100.5")),
    ],
)
def test_the_passing_bound_is_a_whole_step_for_integer_measures(
    text: str, lowest: Decimal | None, highest: Decimal | None, fact_types: dict[str, FactType]
) -> None:
    gap = gap_of(parse(text), fact_types)
    assert gap is not None
    bound = lowest_passing(gap) if lowest is not None else highest_passing(gap)
    assert bound == (lowest if lowest is not None else highest)


def test_the_gap_of_an_unknown_value_is_unknown() -> None:
    gap = gap_of(parse("visits_90d >= 2"))
    assert gap is not None
    assert gap_amount(gap, None) is None


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (None, "未知", "unknown"),
        (True, "是", "yes"),
        (False, "否", "no"),
        (50000, "50,000", "50,000"),
        (Decimal("37654.5"), "37,654.50", "37,654.50"),
        (Decimal("2.00"), "2", "2"),
    ],
)
def test_values_are_written_as_an_rm_reads_them(
    value: Decimal | int | bool | None, zh: str, en: str
) -> None:
    assert (format_value(value, "zh-CN"), format_value(value, "en")) == (zh, en)


def test_a_text_is_chinese_for_chinese_locales_and_english_otherwise() -> None:
    text = Text(zh="好感培养", en="Goodwill")
    assert [text.in_(locale) for locale in ("zh", "zh-CN", "zh_CN", "en", "fr", "")] == [
        "好感培养",
        "好感培养",
        "好感培养",
        "Goodwill",
        "Goodwill",
        "Goodwill",
    ]


def test_placeholders_are_listed_and_braces_can_be_escaped() -> None:
    assert placeholders("{gap} more {{not this}} to {stage}") == ["gap", "stage"]
    assert fill("{gap} more {{literally}}", {"gap": "2"}) == "2 more {literally}"


@pytest.mark.parametrize("template", ["{gap", "{gap.real}", "{0}", "{gap!r}", "{gap:>5}"])
def test_only_plain_placeholders_are_allowed(template: str) -> None:
    with pytest.raises(TemplateError):
        placeholders(template)


def test_the_contact_reason_names_the_gap_the_value_and_the_rung(young_ladder: Ladder) -> None:
    facts = {"contacts_total": 1, "events_attended_365d": 1, "interactions_90d": 0}
    unmet = place(young_ladder, facts).unmet
    contacts = next(result for result in unmet if result.criterion.id == "recent_contacts")
    assert reason(contacts, "en") == (
        "2 more contacts this quarter to reach Business discovery: 0 in the last 90 days."
    )
    assert (
        reason(contacts, "zh-CN")
        == "本季度还需再联系 2 次才能进入“了解银行业务”：近90天仅有 0 次互动。"
    )


def test_the_balance_reason_names_the_amount_still_missing(young_ladder: Ladder) -> None:
    facts: dict[str, FactValue] = {
        **dict.fromkeys(["contacts_total", "events_attended_365d", "needs_identified"], 1),
        "interactions_90d": 2,
        "products_held": 1,
        "care_events_180d": 1,
        "service_events_180d": 0,
        "complaints_open": 0,
        "product_families_held": 2,
        "months_as_customer": 7,
        "total_balance": Decimal("12345.50"),
    }
    placement = place(young_ladder, facts)
    [balance] = placement.unmet
    assert (balance.value, balance.target, balance.gap) == (
        Decimal("12345.50"),
        Decimal(50000),
        Decimal("37654.50"),
    )
    assert reason(balance, "en").startswith("37,654.50 CNY more in balances to reach 50,000 CNY")
    assert reason(balance, "zh-CN").startswith("在我行资产还差 37,654.50 元达到 50,000 元")


def test_the_stage_name_can_be_given_by_the_caller(young_ladder: Ladder) -> None:
    [first_contact, _] = place(young_ladder, {"contacts_total": 0}).unmet
    assert "reach Aim" in reason(first_contact, "en", stage_name="Aim")
    placement = place(young_ladder, {"contacts_total": 0})
    assert "reach Acquaintance" in placement.reason(first_contact, "en")
