"""Static Chinese data of the demo bank: its city, districts, prospect groups and industries.

The city and the bank are fictional; district codes only have the shape of real
administrative division codes (GB/T 2260) so that ID and credit codes look genuine.
"""

from __future__ import annotations

from typing import NamedTuple

CITY = "澄州市"
CITY_SHORT = "澄州"
BANK_NAME = "澄州银行"
BANK_PROFILE = "young"  # a city commercial bank (城市商业银行): trust comes first


class District(NamedTuple):
    name: str
    code: str  # administrative division code, used in ID numbers and credit codes
    weight: float  # share of the city's parties; each branch serves about the same number
    branch_id: str


DISTRICTS: tuple[District, ...] = (
    District("澄江区", "361302", 0.75, "BR02"),
    District("南塘区", "361303", 0.45, "BR02"),
    District("东湖区", "361304", 1.2, "BR03"),
    District("西城区", "361305", 0.75, "BR04"),
    District("北关区", "361306", 0.45, "BR04"),
    District("滨江区", "361307", 1.2, "BR05"),
    District("高新区", "361371", 1.2, "BR01"),
)

# Birthplaces of people who moved to the city (first six digits of their resident ID).
OTHER_BIRTHPLACES = ("110105", "320102", "330106", "350102", "420106", "430102", "510107")


class BranchSite(NamedTuple):
    id: str
    name: str


BRANCHES: tuple[BranchSite, ...] = (
    BranchSite("BR01", f"{BANK_NAME}高新区支行"),
    BranchSite("BR02", f"{BANK_NAME}澄江支行"),
    BranchSite("BR03", f"{BANK_NAME}东湖支行"),
    BranchSite("BR04", f"{BANK_NAME}西城支行"),
    BranchSite("BR05", f"{BANK_NAME}滨江支行"),
)
RMS_PER_BRANCH = 6


class ProspectGroup(NamedTuple):
    """A place an RM sweeps for prospects (外拓营销): a market, a park, a community."""

    name: str
    district: str
    persons: bool  # residents or stall holders
    trades: str  # GB/T 4754 sections of the firms found there


PROSPECT_GROUPS: tuple[ProspectGroup, ...] = (
    ProspectGroup("城东农贸市场", "东湖区", persons=True, trades="AFH"),
    ProspectGroup("澄江小商品市场", "澄江区", persons=True, trades="F"),
    ProspectGroup("北关建材市场", "北关区", persons=True, trades="EF"),
    ProspectGroup("滨江水产批发市场", "滨江区", persons=True, trades="AFH"),
    ProspectGroup("高新区工业园", "高新区", persons=False, trades="CIM"),
    ProspectGroup("滨江物流园", "滨江区", persons=False, trades="FG"),
    ProspectGroup("东湖科技孵化园", "东湖区", persons=False, trades="IMPQ"),
    ProspectGroup("南塘五金工业园", "南塘区", persons=False, trades="CE"),
    ProspectGroup("锦绣花园社区", "澄江区", persons=True, trades=""),
    ProspectGroup("翠湖苑社区", "东湖区", persons=True, trades=""),
    ProspectGroup("阳光新城社区", "高新区", persons=True, trades=""),
    ProspectGroup("西城老街社区", "西城区", persons=True, trades=""),
    ProspectGroup("滨江壹号社区", "滨江区", persons=True, trades=""),
    ProspectGroup("南塘新村社区", "南塘区", persons=True, trades=""),
)


class Industry(NamedTuple):
    """A GB/T 4754-2017 division, with the words firms of that trade put in their names."""

    code: str
    name: str
    trade_words: tuple[str, ...]  # for limited companies
    shop_word: str  # for individual businesses (个体工商户)
    weight: float


INDUSTRIES: tuple[Industry, ...] = (
    Industry("A01", "农业", ("农业开发", "生态农业"), "家庭农场", 0.5),
    Industry("C13", "农副食品加工业", ("食品", "粮油"), "食品加工坊", 0.8),
    Industry("C18", "纺织服装、服饰业", ("服饰", "制衣"), "服装加工厂", 0.7),
    Industry("C34", "通用设备制造业", ("机械", "机电设备"), "机械加工厂", 0.7),
    Industry("C38", "电气机械和器材制造业", ("电气", "电器"), "电器维修部", 0.6),
    Industry("E47", "房屋建筑业", ("建筑工程", "建设"), "装饰工程部", 0.6),
    Industry("F51", "批发业", ("商贸", "贸易"), "批发部", 1.6),
    Industry("F52", "零售业", ("百货", "超市"), "便利店", 1.8),
    Industry("G54", "道路运输业", ("物流", "运输"), "货运部", 0.8),
    Industry("H61", "住宿业", ("酒店管理", "宾馆"), "民宿", 0.4),
    Industry("H62", "餐饮业", ("餐饮管理", "酒楼"), "饭店", 1.2),
    Industry("I65", "软件和信息技术服务业", ("软件科技", "信息技术"), "网络工作室", 0.6),
    Industry("K70", "房地产业", ("置业", "物业管理"), "房产中介", 0.4),
    Industry("M73", "研究和试验发展", ("生物科技", "检测技术"), "技术服务部", 0.3),
    Industry("P83", "教育", ("教育科技", "文化传播"), "培训中心", 0.4),
    Industry("Q84", "卫生", ("医疗管理", "健康管理"), "诊所", 0.4),
)

# Characters firms combine into their trade name (字号).
BRAND_CHARACTERS = "恒泰鑫华盛达宏瑞丰源兴隆安博嘉信诚德鼎永昌润景明祥和聚远金益通创佳康"
COMPANY_SUFFIXES = ("有限公司", "有限公司", "有限责任公司")
CORPORATE_SUFFIX = "股份有限公司"

COMPETITOR_BANKS = (
    "工商银行",
    "建设银行",
    "农业银行",
    "中国银行",
    "交通银行",
    "招商银行",
    "邮储银行",
    f"{CITY_SHORT}农村商业银行",
)
