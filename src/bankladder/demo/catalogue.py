"""The demo bank's product catalogue, with selling points against a generic competitor."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Family(StrEnum):
    DEPOSIT = "deposit"
    WEALTH = "wealth"
    LOAN = "loan"
    CARD = "card"
    PAYROLL = "payroll"
    CASH_MANAGEMENT = "cash_management"
    EBANKING = "ebanking"
    INSURANCE_AGENCY = "insurance_agency"


class ProductSheet(NamedTuple):
    code: str
    name_zh: str
    name_en: str
    family: Family
    target_segments: tuple[str, ...]
    target_industries: tuple[str, ...]
    selling_points_zh: str
    selling_points_en: str

    @property
    def for_persons(self) -> bool:
        return any(s in PERSON_SEGMENTS for s in self.target_segments)

    @property
    def for_enterprises(self) -> bool:
        return any(s in ENTERPRISE_SEGMENTS for s in self.target_segments)


PERSON_SEGMENTS = ("mass", "affluent", "private")
ENTERPRISE_SEGMENTS = ("micro", "sme", "corporate")
ALL_PERSONS = PERSON_SEGMENTS
TRADE_AND_MAKERS = ("C13", "C18", "C34", "C38", "F51", "F52", "G54")

CATALOGUE: tuple[ProductSheet, ...] = (
    ProductSheet(
        "DEP-SAV",
        "个人活期储蓄",
        "Personal savings account",
        Family.DEPOSIT,
        ALL_PERSONS,
        (),
        "存款受存款保险保障；本地网点近、柜面不排长队；手机银行转账免费。",
        "Covered by deposit insurance; branches nearby with short queues; free mobile transfers.",
    ),
    ProductSheet(
        "DEP-TD",
        "个人整存整取定期存款",
        "Personal time deposit",
        Family.DEPOSIT,
        ALL_PERSONS,
        (),
        "利率在大行挂牌利率基础上适度上浮；可提前支取部分本金，不损失全部利息。",
        "Rates set above the large banks' board rates; part can be withdrawn early "
        "without losing all interest.",
    ),
    ProductSheet(
        "DEP-BASIC",
        "单位基本存款账户",
        "Corporate basic account",
        Family.DEPOSIT,
        ENTERPRISE_SEGMENTS,
        (),
        "开户资料一次讲清，客户经理上门核实，最快两个工作日可用；账户管理费减免。",
        "One clear list of documents, the RM verifies on site, usable within two working "
        "days; account fees waived.",
    ),
    ProductSheet(
        "DEP-CORP-TD",
        "单位定期及协定存款",
        "Corporate time and negotiated deposits",
        Family.DEPOSIT,
        ("sme", "corporate"),
        (),
        "闲置资金按协定利率计息，比放在活期多赚利息；期限灵活，随时可与客户经理议价。",
        "Idle cash earns a negotiated rate well above demand deposits; flexible terms, "
        "rates open to discussion with the RM.",
    ),
    ProductSheet(
        "WM-STEADY",
        "澄盈稳健理财",
        "Chengying steady wealth plan",
        Family.WEALTH,
        ("affluent", "private"),
        (),
        "中低风险、净值波动小，持有期从30天起；客户经理一对一讲清风险，不夸大收益。",
        "Low-to-medium risk with small swings, holding periods from 30 days; the RM explains "
        "the risks one to one and never oversells returns.",
    ),
    ProductSheet(
        "WM-CORP",
        "企业闲置资金理财",
        "Corporate surplus-cash wealth plan",
        Family.WEALTH,
        ("sme", "corporate"),
        (),
        "按企业回款周期定制期限，到期资金自动回到结算账户，不影响付款。",
        "Terms fitted to the firm's collection cycle; money returns to the operating account "
        "at maturity, so payments are never held up.",
    ),
    ProductSheet(
        "LN-BIZ",
        "小微经营贷",
        "Small-business operating loan",
        Family.LOAN,
        ("micro", "sme"),
        TRADE_AND_MAKERS,
        "本地审批，资料齐全最快两天放款；随借随还、按日计息，比大行等审批快得多。",
        "Approved locally, paid out in as little as two days once documents are complete; "
        "draw and repay at will with daily interest, far quicker than waiting on a big bank.",
    ),
    ProductSheet(
        "LN-SUPPLY",
        "供应链融资",
        "Supply-chain finance",
        Family.LOAN,
        ("sme", "corporate"),
        ("C13", "C34", "C38", "E47", "F51", "G54"),
        "凭核心企业的应收账款融资，不必另找抵押；额度随订单增长。",
        "Finance against receivables from the anchor buyer with no extra collateral; the "
        "limit grows with the orders.",
    ),
    ProductSheet(
        "LN-CONSUMER",
        "个人消费贷",
        "Personal consumer loan",
        Family.LOAN,
        ("mass", "affluent"),
        (),
        "线上申请、额度循环使用；利率明示，无任何隐藏费用。",
        "Apply online, revolving limit; the rate is stated up front with no hidden fees.",
    ),
    ProductSheet(
        "CARD-DEBIT",
        "澄州卡借记卡",
        "Chengzhou debit card",
        Family.CARD,
        ALL_PERSONS,
        (),
        "本地公交、菜场扫码优惠；同城跨行取现免手续费。",
        "Discounts on local buses and at market stalls; free cash withdrawals at other "
        "banks in the city.",
    ),
    ProductSheet(
        "CARD-CREDIT",
        "澄州信用卡",
        "Chengzhou credit card",
        Family.CARD,
        ("mass", "affluent"),
        (),
        "最长56天免息期；本地商户积分加倍，年费刷卡即免。",
        "Up to 56 interest-free days; double points with local merchants; annual fee waived "
        "with use.",
    ),
    ProductSheet(
        "PAYROLL",
        "代发工资",
        "Payroll service",
        Family.PAYROLL,
        ENTERPRISE_SEGMENTS,
        (),
        "代发当日到账，员工免费办卡并享专属理财；企业财务少跑腿。",
        "Salaries arrive the same day, staff get free cards and payroll-only wealth plans; "
        "fewer errands for the finance team.",
    ),
    ProductSheet(
        "CASH-POOL",
        "企业现金管理",
        "Corporate cash management",
        Family.CASH_MANAGEMENT,
        ("sme", "corporate"),
        (),
        "多账户资金自动归集、收付款一目了然；按余额分层计息，比普通活期收益高。",
        "Cash from many accounts swept automatically, receipts and payments at a glance; "
        "tiered interest beats an ordinary current account.",
    ),
    ProductSheet(
        "EB-CORP",
        "企业网上银行",
        "Corporate online banking",
        Family.EBANKING,
        ENTERPRISE_SEGMENTS,
        (),
        "客户经理上门安装调试；转账、代发、对账一站办理，网银转账手续费全免。",
        "The RM installs and sets it up on site; transfers, payroll and reconciliation in "
        "one place, transfer fees waived.",
    ),
    ProductSheet(
        "EB-MOBILE",
        "手机银行",
        "Mobile banking",
        Family.EBANKING,
        ALL_PERSONS,
        (),
        "界面简洁，支持长辈模式；缴费、理财、预约取现都能在手机上完成。",
        "A clean app with a large-text mode for elders; bills, wealth plans and cash "
        "bookings all on the phone.",
    ),
    ProductSheet(
        "INS-AGENCY",
        "代理保险",
        "Insurance agency",
        Family.INSURANCE_AGENCY,
        ("affluent", "private"),
        (),
        "精选多家保险公司的年金与健康险，客户经理按家庭需要比较，不只推一家。",
        "Annuities and health cover from several insurers, compared for the family's needs "
        "rather than pushing a single company.",
    ),
)


def products_for(family: Family, *, person: bool) -> tuple[ProductSheet, ...]:
    """The products of one family a person (or an enterprise) can hold."""
    return tuple(
        p
        for p in CATALOGUE
        if p.family == family and (p.for_persons if person else p.for_enterprises)
    )
