"""The demo bank's product catalogue: families, target segments and industries, the needs each
product answers, what a party must hold first, and selling points against kinds of competitor.

This module is data more than code, and long for that reason: each product is one sheet, each
selling point one sentence in each language, written for this demo bank (a young city
commercial bank in 澄州) in our own words. Points are written against a kind of competitor
(国有大行, 股份制银行, 互联网银行, 农商行) rather than a named bank, so that no claim is made about
any one bank; ``bankladder.products.competitors`` tells which kind a named bank is.

The demo's customers open only the first sixteen products (``DEMO_HELD``): the later ones
exist to be advised, and keeping them out of the draw keeps the demo's holdings unchanged.
"""

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


class SellingPointSheet(NamedTuple):
    """Why our product beats a competitor's, in both languages."""

    competitor: str
    zh: str
    en: str


class ProductSheet(NamedTuple):
    code: str
    name_zh: str
    name_en: str
    family: Family
    target_segments: tuple[str, ...]
    target_industries: tuple[str, ...]
    selling_points_zh: str
    selling_points_en: str
    need_kinds: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()  # hold any one of these first
    points: tuple[SellingPointSheet, ...] = ()

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
BIG = "国有大行"
JOINT_STOCK = "股份制银行"
ONLINE = "互联网银行"
RURAL = "农商行"
PERSONAL_ACCOUNT = ("DEP-SAV", "CARD-DEBIT")
"""A person's settlement account: a savings account or the debit card that carries one."""
BASIC_ACCOUNT = ("DEP-BASIC",)
"""An enterprise's settlement account: its basic account (基本存款账户)."""


def _p(competitor: str, zh: str, en: str) -> SellingPointSheet:
    return SellingPointSheet(competitor, zh, en)


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
        ("deposit",),
        (),
        (
            _p(
                BIG,
                "网点就在社区，柜面等候短；同样受存款保险保障，安全性不打折。",
                "A branch in the neighbourhood with short waits, and the same deposit "
                "insurance cover: no less safe.",
            ),
            _p(
                ONLINE,
                "线上能办的都能在手机上办，线下还有客户经理可以当面问。",
                "Everything an app does, plus an RM to ask face to face.",
            ),
        ),
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
        ("deposit",),
        (),
        (
            _p(
                BIG,
                "挂牌利率在大行基础上适度上浮，同一笔钱多得利息。",
                "Board rates a notch above the big banks': the same money earns more.",
            ),
            _p(
                RURAL,
                "可部分提前支取，未支取部分照常按定期计息。",
                "Part can be withdrawn early while the rest keeps its time-deposit rate.",
            ),
        ),
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
        ("deposit", "cash_management"),
        (),
        (
            _p(
                BIG,
                "开户资料一次讲清、客户经理上门核实，不必多次跑网点。",
                "One list of documents and an on-site check by the RM: no repeated trips "
                "to a branch.",
            ),
            _p(
                JOINT_STOCK,
                "账户管理费、网银年费减免，小企业的固定成本更低。",
                "Account and online-banking fees waived: lower fixed costs for a small firm.",
            ),
        ),
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
        ("deposit", "cash_management"),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "协定利率由本地分行直接议定，不必等总行审批。",
                "The negotiated rate is agreed by the local branch, with no wait for head office.",
            ),
            _p(
                RURAL,
                "协定存款额度以上部分自动按协定利率计息，付款不受影响。",
                "Money above the agreed base earns the negotiated rate automatically; "
                "payments are never held up.",
            ),
        ),
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
        ("wealth",),
        PERSONAL_ACCOUNT,
        (
            _p(
                BIG,
                "客户经理一对一讲清风险等级和历史波动，不是在柜台匆匆签字。",
                "The RM walks through the risk level and past swings one to one, not a "
                "hurried signature at the counter.",
            ),
            _p(
                ONLINE,
                "产品说明和风险测评有人当面解释，赎回到账时间写得清清楚楚。",
                "Someone explains the terms and the risk test in person; redemption "
                "times are written out plainly.",
            ),
            _p(
                JOINT_STOCK,
                "起购金额低、持有期从30天起，适合逐步把钱转过来。",
                "A low minimum and holding periods from 30 days: easy to move money "
                "over step by step.",
            ),
        ),
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
        ("wealth", "cash_management"),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "期限按企业回款周期定制，而不是只有几档固定期限。",
                "Terms fitted to the firm's collection cycle, not a few fixed tenors.",
            ),
            _p(
                JOINT_STOCK,
                "到期资金自动回到结算账户，发工资、付货款不受影响。",
                "Money returns to the operating account at maturity: payroll and supplier "
                "payments are never held up.",
            ),
        ),
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
        ("loan",),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "本地审批，资料齐全最快两天放款，不必等上级行层层审批。",
                "Approved locally and paid out in as little as two days, with no chain of "
                "approvals upstairs.",
            ),
            _p(
                ONLINE,
                "客户经理实地看过经营情况，额度不只看流水数据，旺季也能及时提额。",
                "The RM has seen the business on site, so the limit rests on more than "
                "transaction data and can rise in the busy season.",
            ),
            _p(
                RURAL,
                "随借随还、按日计息，不用时不付息。",
                "Draw and repay at will with daily interest: no interest on what is unused.",
            ),
        ),
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
        ("loan", "cash_management"),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "本地核心企业的上下游都在本行，应收账款确认快。",
                "The local anchor firms and their suppliers bank with us, so receivables "
                "are confirmed quickly.",
            ),
            _p(
                JOINT_STOCK,
                "不必另找抵押，额度随订单增长，不设过高的起点金额。",
                "No extra collateral, a limit that grows with orders, and no high minimum.",
            ),
        ),
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
        ("loan",),
        PERSONAL_ACCOUNT,
        (
            _p(
                ONLINE,
                "年化利率在合同首页写明，没有服务费、会员费等附加费用。",
                "The annual rate is on the contract's first page, with no service or "
                "membership fees on top.",
            ),
            _p(
                BIG,
                "线上申请，额度循环使用，本地客户经理可以当面解答。",
                "Apply online with a revolving limit, and a local RM to answer questions "
                "in person.",
            ),
        ),
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
        ("card", "deposit"),
        (),
        (
            _p(
                BIG,
                "本地公交、菜场扫码有优惠，同城跨行取现免手续费。",
                "Discounts on local buses and at market stalls; free withdrawals at other "
                "banks in the city.",
            ),
            _p(
                RURAL,
                "卡片管理费、短信提醒费全免。",
                "No card fee and no charge for text alerts.",
            ),
        ),
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
        ("card",),
        (),
        (
            _p(
                JOINT_STOCK,
                "本地商户积分加倍，权益用在身边的商户而不是远方的商城。",
                "Double points with local merchants: rewards spent nearby, not in a distant "
                "online mall.",
            ),
            _p(
                BIG,
                "年费刷卡即免，最长56天免息期。",
                "Annual fee waived with use; up to 56 interest-free days.",
            ),
        ),
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
        ("payroll",),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "客户经理上门为员工集中办卡，代发当日到账。",
                "The RM opens staff cards on site in one visit; salaries arrive the same day.",
            ),
            _p(
                JOINT_STOCK,
                "员工享代发专属理财和贷款优惠，企业不额外付费。",
                "Staff get payroll-only wealth plans and loan terms at no cost to the firm.",
            ),
        ),
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
        ("cash_management",),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "方案按企业实际账户结构设计，中型企业也能用上资金归集。",
                "Designed around the firm's own accounts, so a mid-sized firm gets cash "
                "pooling too.",
            ),
            _p(
                JOINT_STOCK,
                "按余额分层计息，沉淀资金不必另行购买产品也能多得利息。",
                "Tiered interest on balances: idle cash earns more without buying a "
                "separate product.",
            ),
            _p(
                ONLINE,
                "多银行账户的收付款可以在一处查看，客户经理帮助设置归集规则。",
                "Receipts and payments seen in one place, with the RM setting up the "
                "sweeping rules.",
            ),
        ),
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
        ("ebanking",),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "网银转账手续费全免，U盾免费。",
                "No fees on online transfers, and the security key is free.",
            ),
            _p(
                RURAL,
                "客户经理上门安装调试，财务人员换人时上门重新培训。",
                "The RM installs it on site and trains new finance staff when they change.",
            ),
        ),
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
        ("ebanking",),
        PERSONAL_ACCOUNT,
        (
            _p(
                ONLINE,
                "手机上办不了的，网点和客户经理可以接着办。",
                "What the app cannot do, a branch and an RM can finish.",
            ),
            _p(
                BIG,
                "长辈模式字大、步骤少，本地缴费项目齐全。",
                "A large-text mode with fewer steps for elders, and every local bill to pay.",
            ),
        ),
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
        ("insurance_agency",),
        PERSONAL_ACCOUNT,
        (
            _p(
                BIG,
                "多家保险公司的产品放在一起比较，按家庭需要选，不只推一家。",
                "Cover from several insurers compared side by side for the family's needs, "
                "not one company's.",
            ),
            _p(
                ONLINE,
                "犹豫期、退保损失当面讲清，理赔时客户经理协助准备材料。",
                "The cooling-off period and surrender costs explained in person; the RM "
                "helps with claim papers.",
            ),
        ),
    ),
    # Products that the demo's customers do not hold yet: there to be advised.
    ProductSheet(
        "DEP-LCD",
        "个人大额存单",
        "Personal large certificate of deposit",
        Family.DEPOSIT,
        ("affluent", "private"),
        (),
        "起存20万元，利率高于同期定期；可转让、可质押，急用钱时不必提前支取。",
        "From CNY 200,000 at a rate above time deposits; transferable and pledgeable, so "
        "urgent needs do not force an early withdrawal.",
        ("deposit", "wealth"),
        PERSONAL_ACCOUNT,
        (
            _p(
                BIG,
                "额度充足，不必到点抢购；利率在大行基础上适度上浮。",
                "Enough quota, no rush at release time, and a rate a notch above the big banks'.",
            ),
            _p(
                JOINT_STOCK,
                "可转让、可质押，急用钱时不损失利息。",
                "Transferable and pledgeable: no lost interest when money is needed early.",
            ),
        ),
    ),
    ProductSheet(
        "WM-CASH",
        "澄宝现金理财",
        "Chengbao cash wealth plan",
        Family.WEALTH,
        ("mass", "affluent"),
        (),
        "低风险、每日可申赎，收益一般高于活期；适合存放日常备用金。",
        "Low risk with daily subscription and redemption, usually earning more than a "
        "savings account: a home for everyday reserves.",
        ("wealth", "deposit"),
        PERSONAL_ACCOUNT,
        (
            _p(
                ONLINE,
                "与货币基金同类的低风险产品，由本地银行管理，赎回规则当面讲清。",
                "A low-risk product of the money-fund kind, run by a local bank, with the "
                "redemption rules explained in person.",
            ),
            _p(
                BIG,
                "1元起购、每日可申赎，备用金不再只拿活期利息。",
                "From CNY 1, in and out every day: reserves earn more than savings interest.",
            ),
        ),
    ),
    ProductSheet(
        "LN-MORTGAGE",
        "个人住房贷款",
        "Home loan",
        Family.LOAN,
        ALL_PERSONS,
        (),
        "本地审批、放款节点提前告知；提前还款手续简单。",
        "Approved locally, with each step to pay-out announced ahead; early repayment is simple.",
        ("loan",),
        PERSONAL_ACCOUNT,
        (
            _p(
                BIG,
                "本地审批，放款时间提前告知，不耽误交房。",
                "Approved locally with the pay-out date told ahead, so a handover is never "
                "delayed.",
            ),
            _p(
                JOINT_STOCK,
                "提前还款预约后即可办理，无需长时间排队等待额度。",
                "Early repayment on appointment, with no long wait for a quota.",
            ),
        ),
    ),
    ProductSheet(
        "LN-BILL",
        "银行承兑汇票",
        "Bank acceptance bill",
        Family.LOAN,
        ("sme", "corporate"),
        TRADE_AND_MAKERS,
        "以票据代替现金付货款，延长付款期、少占用流动资金；到期前可贴现。",
        "Pay suppliers with a bill rather than cash: longer terms and less working capital "
        "tied up; discountable before maturity.",
        ("loan", "cash_management"),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "保证金比例按企业结算情况议定，开票当天可办。",
                "The margin is set from the firm's settlement history, and the bill is "
                "issued the same day.",
            ),
            _p(
                RURAL,
                "电子票据全流程在网银完成，贴现利率透明。",
                "Electronic bills handled end to end in online banking, with a plain "
                "discount rate.",
            ),
        ),
    ),
    ProductSheet(
        "CARD-BIZ",
        "澄州商务卡",
        "Chengzhou business card",
        Family.CARD,
        ("micro", "sme", "corporate"),
        (),
        "员工差旅和采购统一刷卡、按月报账；企业可设每张卡的额度。",
        "Staff travel and purchases on one card with monthly statements; the firm sets each "
        "card's limit.",
        ("card",),
        BASIC_ACCOUNT,
        (
            _p(
                JOINT_STOCK,
                "每张卡的额度和用途由企业自行设定，报账明细可导出。",
                "The firm sets each card's limit and use; statements export for the books.",
            ),
            _p(
                BIG,
                "年费全免，客户经理上门集中办卡。",
                "No annual fee, and the RM issues the cards on site in one visit.",
            ),
        ),
    ),
    ProductSheet(
        "INS-CORP",
        "企业财产险代理",
        "Business property insurance (agency)",
        Family.INSURANCE_AGENCY,
        ENTERPRISE_SEGMENTS,
        (),
        "厂房、库存和运输一并比较多家保险公司的方案；出险时客户经理协助理赔。",
        "Premises, stock and transport compared across several insurers; the RM helps when "
        "a claim is made.",
        ("insurance_agency",),
        BASIC_ACCOUNT,
        (
            _p(
                BIG,
                "多家保险公司的方案放在一起比，按厂房和库存的实际情况选。",
                "Several insurers' cover compared for the actual premises and stock.",
            ),
            _p(
                RURAL,
                "出险后客户经理协助准备理赔材料，跟进进度。",
                "After a loss the RM helps with the claim papers and follows it up.",
            ),
        ),
    ),
)
DEMO_HELD = frozenset(p.code for p in CATALOGUE[:16])
"""The products the demo's customers open (the catalogue of the first demo bank)."""


def products_for(family: Family, *, person: bool) -> tuple[ProductSheet, ...]:
    """The products of one family a person (or an enterprise) of the demo may open."""
    return tuple(
        p
        for p in CATALOGUE
        if p.code in DEMO_HELD
        and p.family == family
        and (p.for_persons if person else p.for_enterprises)
    )
