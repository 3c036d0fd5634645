"""The fact catalogue: every named per-party measure a playbook may use.

A fact is computed as of a date D from the source tables. "Last N days" means the dates
D-N+1 .. D inclusive. How each fact is computed lives in ``facts.py``; this module says what
each one means, in the bank's words, and its type and unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from bankladder.ladder.model import FactType, Text


@dataclass(frozen=True)
class Fact:
    name: str
    type: FactType
    unit: str
    description: Text


def _fact(name: str, kind: FactType, unit: str, zh: str, en: str) -> Fact:
    return Fact(name, kind, unit, Text(zh=zh, en=en))


INT, DEC, BOOL = FactType.integer, FactType.decimal, FactType.boolean

FACTS: tuple[Fact, ...] = (
    # contact
    _fact(
        "days_since_first_contact", INT, "days", "距首次接触天数", "Days since the first contact"
    ),
    _fact(
        "days_since_last_contact", INT, "days", "距最近一次接触天数", "Days since the last contact"
    ),
    _fact("contacts_total", INT, "contacts", "累计接触次数", "Contacts of any kind so far"),
    _fact("interactions_30d", INT, "contacts", "近30天接触次数", "Contacts in the last 30 days"),
    _fact("interactions_90d", INT, "contacts", "近90天接触次数", "Contacts in the last 90 days"),
    _fact("visits_90d", INT, "visits", "近90天拜访次数", "Visits in the last 90 days"),
    _fact("calls_90d", INT, "calls", "近90天电话次数", "Calls in the last 90 days"),
    _fact(
        "events_attended_365d",
        INT,
        "events",
        "近一年参加银行活动次数",
        "Bank events attended in the last 365 days",
    ),
    _fact(
        "care_events_180d", INT, "events", "近180天关怀次数", "Care gestures in the last 180 days"
    ),
    _fact(
        "service_events_180d",
        INT,
        "events",
        "近180天服务跟进次数",
        "Service follow-ups in the last 180 days",
    ),
    _fact(
        "complaints_180d", INT, "complaints", "近180天投诉次数", "Complaints in the last 180 days"
    ),
    _fact("complaints_open", INT, "complaints", "未解决投诉数", "Complaints not yet resolved"),
    # needs
    _fact("needs_existing", INT, "needs", "已识别的现有需求数", "Existing needs identified"),
    _fact("needs_latent", INT, "needs", "已识别的潜在需求数", "Latent needs identified"),
    _fact(
        "needs_identified", INT, "needs", "已识别需求总数", "Needs identified, existing or latent"
    ),
    _fact("needs_presented", INT, "needs", "已推介方案的需求数", "Needs we presented an offer for"),
    _fact("needs_won", INT, "needs", "已赢得的需求数", "Needs won"),
    _fact(
        "competitor_banks_noted",
        INT,
        "banks",
        "已知竞争银行数",
        "Competitor banks known to serve the party",
    ),
    # holdings and balances
    _fact(
        "products_held",
        INT,
        "products",
        "持有产品数",
        "Products held (counted even when missing from the product catalogue)",
    ),
    _fact("product_families_held", INT, "families", "持有产品大类数", "Product families held"),
    _fact(
        "months_as_customer",
        INT,
        "months",
        "成为客户的月数",
        "Whole 30-day months since the first product was opened",
    ),
    _fact("total_balance", DEC, "CNY", "在我行总余额", "Balance across all products held"),
    _fact(
        "balance_change_90d",
        DEC,
        "CNY",
        "近90天余额变化",
        "Change of the total balance over 90 days",
    ),
    _fact(
        "vip_tier",
        INT,
        "tier",
        "贵宾等级(按综合贡献,门槛见剧本vip节)",
        "VIP tier from the contribution (thresholds in the playbook's vip section; by default "
        "50,000 / 500,000 / 6,000,000 CNY for tiers 1-3, enterprises x10)",
    ),
    # share of wallet (the newest estimate on or before the date; NULL when none)
    _fact(
        "wallet",
        DEC,
        "CNY",
        "估算钱包(在各银行金融资产总额)",
        "Estimated wallet: what the party holds with all banks (newest estimate)",
    ),
    _fact(
        "share_of_wallet",
        DEC,
        "0..1",
        "钱包份额(在我行/估算钱包)",
        "Share of wallet: held with us / estimated wallet, 0 to 1",
    ),
    _fact(
        "wallet_opportunity",
        DEC,
        "CNY",
        "钱包机会(估算钱包-在我行)",
        "Wallet opportunity: estimated wallet minus what is held with us",
    ),
    # reciprocity
    _fact(
        "settlement_inflow_365d",
        DEC,
        "CNY",
        "近12个月结算流入",
        "Settlement inflows of the 12 months whose first day is in the last 365 days",
    ),
    _fact(
        "contribution",
        DEC,
        "CNY",
        "综合贡献(总余额+月均结算流入)",
        "Contribution: total balance plus one average month of settlement inflows",
    ),
    _fact(
        "benefits_given_365d",
        INT,
        "benefits",
        "近一年我行给予的权益数",
        "Benefits the bank gave the party in the last 365 days",
    ),
    # network
    _fact("referrals_made", INT, "referrals", "推荐客户数", "Parties this party introduced"),
    _fact(
        "referrals_converted",
        INT,
        "referrals",
        "推荐成功数",
        "Introduced parties who became customers",
    ),
    _fact(
        "supply_chain_links",
        INT,
        "partners",
        "上下游关联数",
        "Suppliers and buyers linked to the party",
    ),
    _fact(
        "partners_on_books",
        INT,
        "partners",
        "上下游中我行客户数",
        "Suppliers and buyers who are our customers",
    ),
    # standing
    _fact("kyc_valid", BOOL, "", "客户身份识别有效", "KYC is on file and not expired"),
    _fact("is_customer", BOOL, "", "已成为我行客户", "Has become a customer of the bank"),
    _fact(
        "aml_flagged",
        BOOL,
        "",
        "有未结案的反洗钱预警",
        "An anti-money-laundering alert on the party is open",
    ),
    _fact(
        "contacts_7d",
        INT,
        "contacts",
        "近7天我行主动联系次数",
        "Visits, calls, messages and care contacts by the bank in the last 7 days",
    ),
    # industry focus
    _fact(
        "industry_targeted",
        BOOL,
        "",
        "所属行业为我行目标行业",
        "The party's industry (GB/T 4754) is one the bank targets",
    ),
    _fact(
        "rm_specialised",
        BOOL,
        "",
        "客户经理专长于该客户所属行业",
        "The party's RM specialises in its industry",
    ),
    # the bank's own outcomes (a model's score; NULL when none in the last 90 days)
    _fact(
        "propensity_lift",
        DEC,
        "x",
        "90天内升阶可能性是平均水平的倍数(模型评分,限0.2-5)",
        "How many times the average party's chance of moving up a rung within 90 days this "
        "party has (the newest model score of the last 90 days, kept within 0.2-5)",
    ),
)

MODEL_OUTPUTS = ("propensity_lift",)
"""Facts that are a model's own output: a model must never read them as a feature (it would
learn from its own past scores)."""

VIP_THRESHOLDS: tuple[tuple[int, int], ...] = ((3, 6_000_000), (2, 500_000), (1, 50_000))
"""(tier, minimum contribution in CNY) for persons; enterprises need ten times as much. The
defaults of a playbook without a ``vip:`` section (``ladder.model.DEFAULT_VIP``), which is what
the engine reads."""
ENTERPRISE_VIP_FACTOR = 10


@cache
def fact_types() -> Mapping[str, FactType]:
    """Fact name -> type: what a playbook is checked against."""
    return MappingProxyType({fact.name: fact.type for fact in FACTS})


def fact_named(name: str) -> Fact:
    for fact in FACTS:
        if fact.name == name:
            return fact
    raise KeyError(name)
