"""GB/T 4754-2017, the classification of national economic activities (国民经济行业分类): its
20 sections (门类, A to T) and 97 divisions (大类, 01 to 97), pure data.

The Chinese names are the standard's; the English ones are our own plain wording. The store
writes a party's industry as the section letter and the division's two digits (``C13``); a
section alone (``C``) names the whole section. Codes are read case-insensitively and without
surrounding spaces; a bare division (``13``) is not a code of ours.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from bankladder.ladder.reasons import is_chinese


class Heading(NamedTuple):
    """A section or a division: its code and its names in both languages."""

    code: str
    zh: str
    en: str


class Section(NamedTuple):
    letter: str
    zh: str
    en: str
    first: int  # its first division
    last: int  # its last division


SECTIONS: tuple[Section, ...] = (
    Section("A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishing", 1, 5),
    Section("B", "采矿业", "Mining", 6, 12),
    Section("C", "制造业", "Manufacturing", 13, 43),
    Section(
        "D",
        "电力、热力、燃气及水生产和供应业",
        "Electricity, heat, gas and water production and supply",
        44,
        46,
    ),
    Section("E", "建筑业", "Construction", 47, 50),
    Section("F", "批发和零售业", "Wholesale and retail trade", 51, 52),
    Section("G", "交通运输、仓储和邮政业", "Transport, storage and postal services", 53, 60),
    Section("H", "住宿和餐饮业", "Accommodation and catering", 61, 62),
    Section(
        "I",
        "信息传输、软件和信息技术服务业",
        "Information transmission, software and IT services",
        63,
        65,
    ),
    Section("J", "金融业", "Finance", 66, 69),
    Section("K", "房地产业", "Real estate", 70, 70),
    Section("L", "租赁和商务服务业", "Leasing and business services", 71, 72),
    Section("M", "科学研究和技术服务业", "Scientific research and technical services", 73, 75),
    Section(
        "N",
        "水利、环境和公共设施管理业",
        "Water, environment and public facilities management",
        76,
        79,
    ),
    Section("O", "居民服务、修理和其他服务业", "Household, repair and other services", 80, 82),
    Section("P", "教育", "Education", 83, 83),
    Section("Q", "卫生和社会工作", "Health and social work", 84, 85),
    Section("R", "文化、体育和娱乐业", "Culture, sports and entertainment", 86, 90),
    Section(
        "S",
        "公共管理、社会保障和社会组织",
        "Public administration, social security and social organisations",
        91,
        96,
    ),
    Section("T", "国际组织", "International organisations", 97, 97),
)

DIVISION_NAMES: dict[int, tuple[str, str]] = {
    1: ("农业", "Crop farming"),
    2: ("林业", "Forestry"),
    3: ("畜牧业", "Animal husbandry"),
    4: ("渔业", "Fishing and aquaculture"),
    5: ("农、林、牧、渔专业及辅助性活动", "Support activities for farming, forestry and fishing"),
    6: ("煤炭开采和洗选业", "Coal mining and washing"),
    7: ("石油和天然气开采业", "Oil and natural gas extraction"),
    8: ("黑色金属矿采选业", "Ferrous metal ore mining"),
    9: ("有色金属矿采选业", "Non-ferrous metal ore mining"),
    10: ("非金属矿采选业", "Non-metallic mineral mining"),
    11: ("开采专业及辅助性活动", "Support activities for mining"),
    12: ("其他采矿业", "Other mining"),
    13: ("农副食品加工业", "Processing of farm and sideline foods"),
    14: ("食品制造业", "Food manufacturing"),
    15: ("酒、饮料和精制茶制造业", "Liquor, beverages and refined tea"),
    16: ("烟草制品业", "Tobacco products"),
    17: ("纺织业", "Textiles"),
    18: ("纺织服装、服饰业", "Clothing and apparel"),
    19: ("皮革、毛皮、羽毛及其制品和制鞋业", "Leather, fur, feathers and footwear"),
    20: ("木材加工和木、竹、藤、棕、草制品业", "Wood, bamboo, rattan, palm and straw products"),
    21: ("家具制造业", "Furniture"),
    22: ("造纸和纸制品业", "Paper and paper products"),
    23: ("印刷和记录媒介复制业", "Printing and reproduction of recorded media"),
    24: ("文教、工美、体育和娱乐用品制造业", "Stationery, crafts, sports goods and toys"),
    25: ("石油、煤炭及其他燃料加工业", "Petroleum, coal and other fuel processing"),
    26: ("化学原料和化学制品制造业", "Chemical raw materials and chemical products"),
    27: ("医药制造业", "Pharmaceuticals"),
    28: ("化学纤维制造业", "Chemical fibres"),
    29: ("橡胶和塑料制品业", "Rubber and plastic products"),
    30: ("非金属矿物制品业", "Non-metallic mineral products"),
    31: ("黑色金属冶炼和压延加工业", "Smelting and rolling of ferrous metals"),
    32: ("有色金属冶炼和压延加工业", "Smelting and rolling of non-ferrous metals"),
    33: ("金属制品业", "Metal products"),
    34: ("通用设备制造业", "General-purpose machinery"),
    35: ("专用设备制造业", "Special-purpose machinery"),
    36: ("汽车制造业", "Motor vehicles"),
    37: (
        "铁路、船舶、航空航天和其他运输设备制造业",
        "Railway, ship, aerospace and other transport equipment",
    ),
    38: ("电气机械和器材制造业", "Electrical machinery and equipment"),
    39: ("计算机、通信和其他电子设备制造业", "Computers, communication and other electronics"),
    40: ("仪器仪表制造业", "Instruments and meters"),
    41: ("其他制造业", "Other manufacturing"),
    42: ("废弃资源综合利用业", "Recycling of waste resources"),
    43: ("金属制品、机械和设备修理业", "Repair of metal products, machinery and equipment"),
    44: ("电力、热力生产和供应业", "Electricity and heat production and supply"),
    45: ("燃气生产和供应业", "Gas production and supply"),
    46: ("水的生产和供应业", "Water production and supply"),
    47: ("房屋建筑业", "Building construction"),
    48: ("土木工程建筑业", "Civil engineering"),
    49: ("建筑安装业", "Building installation"),
    50: ("建筑装饰、装修和其他建筑业", "Building decoration, fit-out and other construction"),
    51: ("批发业", "Wholesale trade"),
    52: ("零售业", "Retail trade"),
    53: ("铁路运输业", "Rail transport"),
    54: ("道路运输业", "Road transport"),
    55: ("水上运输业", "Water transport"),
    56: ("航空运输业", "Air transport"),
    57: ("管道运输业", "Pipeline transport"),
    58: ("多式联运和运输代理业", "Multimodal transport and freight forwarding"),
    59: ("装卸搬运和仓储业", "Cargo handling and warehousing"),
    60: ("邮政业", "Postal and courier services"),
    61: ("住宿业", "Accommodation"),
    62: ("餐饮业", "Food and beverage service"),
    63: (
        "电信、广播电视和卫星传输服务",
        "Telecommunications, broadcasting and satellite transmission",
    ),
    64: ("互联网和相关服务", "Internet and related services"),
    65: ("软件和信息技术服务业", "Software and IT services"),
    66: ("货币金融服务", "Monetary and banking services"),
    67: ("资本市场服务", "Capital market services"),
    68: ("保险业", "Insurance"),
    69: ("其他金融业", "Other financial services"),
    70: ("房地产业", "Real estate"),
    71: ("租赁业", "Leasing"),
    72: ("商务服务业", "Business services"),
    73: ("研究和试验发展", "Research and experimental development"),
    74: ("专业技术服务业", "Professional technical services"),
    75: ("科技推广和应用服务业", "Technology promotion and application services"),
    76: ("水利管理业", "Water management"),
    77: ("生态保护和环境治理业", "Ecological protection and environmental management"),
    78: ("公共设施管理业", "Public facilities management"),
    79: ("土地管理业", "Land management"),
    80: ("居民服务业", "Household services"),
    81: ("机动车、电子产品和日用产品修理业", "Repair of vehicles, electronics and household goods"),
    82: ("其他服务业", "Other services"),
    83: ("教育", "Education"),
    84: ("卫生", "Health care"),
    85: ("社会工作", "Social work"),
    86: ("新闻和出版业", "News and publishing"),
    87: ("广播、电视、电影和录音制作业", "Radio, television, film and sound recording"),
    88: ("文化艺术业", "Culture and arts"),
    89: ("体育", "Sports"),
    90: ("娱乐业", "Entertainment"),
    91: ("中国共产党机关", "Organs of the Communist Party of China"),
    92: ("国家机构", "State bodies"),
    93: ("人民政协、民主党派", "People's Political Consultative Conference and democratic parties"),
    94: ("社会保障", "Social security"),
    95: ("群众团体、社会团体和其他成员组织", "Mass, social and other membership organisations"),
    96: ("基层群众自治组织及其他组织", "Grassroots self-governing and other organisations"),
    97: ("国际组织", "International organisations"),
}
"""The 97 divisions by number, each (Chinese name, English name)."""

_SECTION_BY_LETTER = {section.letter: section for section in SECTIONS}
_SECTION_OF_DIVISION = {
    number: section.letter
    for section in SECTIONS
    for number in range(section.first, section.last + 1)
}


def normal(code: str) -> str:
    """The code as the store writes it: upper case, no spaces (``" c13 "`` is ``C13``)."""
    return code.strip().upper()


def division_code(number: int) -> str:
    """The store's code of a division: ``13`` is ``C13``."""
    return f"{_SECTION_OF_DIVISION[number]}{number:02d}"


def _division_number(code: str) -> int | None:
    """The division's number of a code such as ``C13``, when it is one of the standard's."""
    digits = code[1:]
    if len(code) != 3 or not digits.isdigit():
        return None
    number = int(digits)
    return number if _SECTION_OF_DIVISION.get(number) == code[0] else None


def is_valid(code: str) -> bool:
    """A section (``C``) or a division under its own section (``C13``; ``F13`` is not)."""
    found = normal(code)
    return found in _SECTION_BY_LETTER or _division_number(found) is not None


def section_of(code: str) -> str | None:
    """The section letter of a valid code (``C13`` and ``C`` are both ``C``); None otherwise."""
    found = normal(code)
    return found[:1] if is_valid(found) else None


def heading(code: str) -> Heading | None:
    """The section or division a code names, with its names; None for an unknown code."""
    found = normal(code)
    if found in _SECTION_BY_LETTER:
        section = _SECTION_BY_LETTER[found]
        return Heading(section.letter, section.zh, section.en)
    number = _division_number(found)
    if number is None:
        return None
    zh, en = DIVISION_NAMES[number]
    return Heading(found, zh, en)


def name(code: str, locale: str) -> str | None:
    """The name of a section or division in ``locale`` (zh or zh-CN: Chinese; otherwise
    English); None for an unknown code."""
    found = heading(code)
    if found is None:
        return None
    return found.zh if is_chinese(locale) else found.en


def divisions(section: str) -> tuple[Heading, ...]:
    """The divisions of a section in the standard's order; empty for an unknown letter."""
    found = _SECTION_BY_LETTER.get(normal(section))
    if found is None:
        return ()
    return tuple(_division_heading(n) for n in range(found.first, found.last + 1))


def all_divisions() -> tuple[Heading, ...]:
    """All 97 divisions, 01 to 97."""
    return tuple(_division_heading(n) for n in sorted(DIVISION_NAMES))


def sections() -> tuple[Heading, ...]:
    return tuple(Heading(s.letter, s.zh, s.en) for s in SECTIONS)


def _division_heading(number: int) -> Heading:
    zh, en = DIVISION_NAMES[number]
    return Heading(division_code(number), zh, en)


def nearest(code: str) -> str | None:
    """A valid code close to an invalid one, to suggest in an error: the division of the
    same number under its right section (``F13`` -> ``C13``; ``13`` -> ``C13``), else the
    division it starts with (``C13X`` -> ``C13``), else the closest code by spelling, else
    the section of the first letter."""
    found = normal(code)
    digits = found.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if digits.isdigit() and 0 < int(digits) <= max(DIVISION_NAMES):
        return division_code(int(digits))
    if is_valid(found[:3]):
        return found[:3]
    every = [s.letter for s in SECTIONS] + [h.code for h in all_divisions()]
    close = difflib.get_close_matches(found, every, n=1, cutoff=0.5)
    if close:
        return close[0]
    return found[:1] if found[:1] in _SECTION_BY_LETTER else None
