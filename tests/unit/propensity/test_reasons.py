"""A score's reasons in words an RM reads: the fact's meaning, its value when it may be shown
(never a money amount), and whether it raised or lowered the chance."""

from __future__ import annotations

import datetime as dt

import pytest

from bankladder.ladder.model import Text
from bankladder.propensity.reasons import (
    chance,
    chance_words,
    feature_name,
    percent,
    reason_words,
    shown_value,
    times_average,
)
from bankladder.propensity.schemas import Reason

pytestmark = pytest.mark.unit


def test_a_count_is_quoted_with_the_direction_it_moved_the_chance() -> None:
    words = reason_words(Reason("interactions_90d", 5.0, 0.42))
    assert words == Text(
        zh="近90天接触次数 5，提高了可能性", en="Contacts in the last 90 days: 5, raises the chance"
    )


def test_a_negative_effect_lowers_the_chance() -> None:
    words = reason_words(Reason("days_since_last_contact", 120, -0.8))
    assert words.zh == "距最近一次接触天数 120，降低了可能性"
    assert words.en == "Days since the last contact: 120, lowers the chance"


def test_a_money_amount_is_never_quoted_even_when_the_row_holds_it() -> None:
    words = reason_words(Reason("total_balance", 1_234_567.89, 0.9))
    assert words == Text(
        zh="在我行总余额，提高了可能性", en="Balance across all products held, raises the chance"
    )
    assert "1234567" not in words.zh + words.en
    assert shown_value("wallet_opportunity", "88000") is None


def test_a_boolean_reads_yes_or_no() -> None:
    assert reason_words(Reason("kyc_valid", 1.0, 0.1)).zh == "客户身份识别有效 是，提高了可能性"
    assert reason_words(Reason("aml_flagged", "false", -0.2)).en.startswith(
        "An anti-money-laundering alert on the party is open: no,"
    )


def test_attributes_are_named_and_a_party_kind_is_said_in_words() -> None:
    assert feature_name("stage_rank") == Text(zh="所在阶梯", en="Rung on the ladder")
    assert reason_words(Reason("party_kind", "enterprise", 0.3)).zh == "客户类型 企业，提高了可能性"
    assert reason_words(Reason("industry_section", "C", -0.1)).en == (
        "Industry section: C, lowers the chance"
    )


def test_an_unknown_value_or_an_unknown_feature_still_reads() -> None:
    assert reason_words(Reason("visits_90d", None, 0.2)).en == (
        "Visits in the last 90 days, raises the chance"
    )
    assert reason_words(Reason("a_new_feature", 2.5, 0.0)).en == (
        "a_new_feature: 2.5, leaves the chance as it is"
    )


def test_the_chance_reads_as_a_percentage_and_times_the_average() -> None:
    assert percent(0.234) == "23%"
    assert percent(0.001) == "<1%"
    assert times_average(2.34) == Text(zh="平均水平的 2.3 倍", en="2.3 times the average")
    assert chance_words(0.31, 2.5) == Text(
        zh="90天内升阶可能性 31%，是平均水平的 2.5 倍",
        en="Chance to move up within 90 days: 31%, 2.5 times the average",
    )


def test_a_shown_chance_keeps_the_largest_effect_first() -> None:
    shown = chance(
        0.12,
        1.2,
        "v3",
        dt.date(2026, 6, 30),
        [Reason("visits_90d", 1.0, 0.1), Reason("complaints_open", 2.0, -0.9)],
    )
    assert [line.feature for line in shown.reasons] == ["complaints_open", "visits_90d"]
    assert shown.top_reason is not None
    assert shown.top_reason.words.en == "Complaints not yet resolved: 2, lowers the chance"
    assert (shown.percent, shown.times_average("zh-CN")) == ("12%", "平均水平的 1.2 倍")
