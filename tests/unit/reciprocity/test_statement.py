"""The ledger said in words: counts and amounts in both languages, masks kept as masks."""

from __future__ import annotations

import pytest

from bankladder.reciprocity.statement import Sides, statement

pytestmark = pytest.mark.unit


def test_both_sides_are_said_with_their_figures() -> None:
    said = statement(Sides(3, "12,000.00", "800,000.00", "+50,000.00", "2,400,000.00", 2, 1, 4))
    assert said.en == (
        "In the last 12 months the bank gave 3 favours worth CNY 12,000.00; the party brought "
        "CNY 800,000.00 in balances (change over 12 months: CNY +50,000.00), CNY 2,400,000.00 "
        "of settlement inflows, 4 products held and 2 referrals (1 converted)."
    )
    assert said.zh.startswith("近12个月我行为客户提供了3项权益，价值人民币12,000.00元；")
    assert "推荐2位客户（其中1位已成交）" in said.zh


def test_a_masked_ledger_says_the_mask_and_no_figure() -> None:
    said = statement(Sides(1, "****", "****", "****", "****", 1, 0, 1))
    assert "1 favour worth CNY ****" in said.en
    assert "1 referral (0 converted)" in said.en
    assert "1 product held" in said.en


def test_no_favour_yet_is_said_plainly() -> None:
    said = statement(Sides(0, "0.00", "10.00", "+0.00", "0.00", 0, 0, 0))
    assert said.en.startswith("In the last 12 months the bank gave no favours yet;")
    assert said.zh.startswith("近12个月我行尚未为客户提供权益；")
