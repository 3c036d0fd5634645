"""The ledger's balance said in words, in both languages (pure).

"The bank gave 3 favours worth CNY 12,000.00; the party brought ..." lets an RM read the
relationship at a glance before a price talk. Amounts are the caller's strings, so a masked
ledger says ``CNY ****`` and never a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from bankladder.ladder.model import Text


@dataclass(frozen=True)
class Sides:
    """Both sides of the ledger as they will be said (amounts already shown or masked)."""

    favours: int
    favours_worth: str
    balance: str
    balance_change: str
    settlement_inflow: str
    referrals_made: int
    referrals_converted: int
    products_held: int


def statement(sides: Sides) -> Text:
    return Text(zh=_zh(sides), en=_en(sides))


def _zh(s: Sides) -> str:
    gave = (
        f"近12个月我行为客户提供了{s.favours}项权益，价值人民币{s.favours_worth}元"
        if s.favours
        else "近12个月我行尚未为客户提供权益"
    )
    brought = (
        f"客户带来余额人民币{s.balance}元（12个月变化{s.balance_change}元），"
        f"结算流入人民币{s.settlement_inflow}元，持有{s.products_held}个产品，"
        f"推荐{s.referrals_made}位客户（其中{s.referrals_converted}位已成交）"
    )
    return f"{gave}；{brought}。"


def _en(s: Sides) -> str:
    gave = (
        f"In the last 12 months the bank gave {_count(s.favours, 'favour')} "
        f"worth CNY {s.favours_worth}"
        if s.favours
        else "In the last 12 months the bank gave no favours yet"
    )
    brought = (
        f"the party brought CNY {s.balance} in balances (change over 12 months: "
        f"CNY {s.balance_change}), CNY {s.settlement_inflow} of settlement inflows, "
        f"{_count(s.products_held, 'product')} held and "
        f"{_count(s.referrals_made, 'referral')} ({s.referrals_converted} converted)"
    )
    return f"{gave}; {brought}."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
