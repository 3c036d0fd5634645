"""Which kind of bank a competitor is, so a selling point written against a kind (国有大行,
股份制银行, 互联网银行, 农商行) answers a need that names a bank (``need.competitor_bank``).

Pure. A selling point may also name one bank exactly (an import can): an exact name wins over
the kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bankladder.ladder.model import Text

BIG = "国有大行"
JOINT_STOCK = "股份制银行"
ONLINE = "互联网银行"
RURAL = "农商行"
KIND_NAMES: dict[str, Text] = {
    BIG: Text(zh="国有大行", en="state-owned big bank"),
    JOINT_STOCK: Text(zh="股份制银行", en="joint-stock bank"),
    ONLINE: Text(zh="互联网银行", en="online bank"),
    RURAL: Text(zh="农商行", en="rural commercial bank"),
}
BANKS_OF_KIND: dict[str, tuple[str, ...]] = {
    BIG: (
        "工商银行",
        "工行",
        "ICBC",
        "建设银行",
        "建行",
        "CCB",
        "农业银行",
        "农行",
        "ABC",
        "中国银行",
        "中行",
        "BOC",
        "交通银行",
        "交行",
        "BOCOM",
        "邮储银行",
        "邮政储蓄银行",
        "PSBC",
    ),
    JOINT_STOCK: (
        "招商银行",
        "招行",
        "CMB",
        "中信银行",
        "浦发银行",
        "兴业银行",
        "民生银行",
        "光大银行",
        "华夏银行",
        "平安银行",
        "广发银行",
        "浙商银行",
        "恒丰银行",
        "渤海银行",
    ),
    ONLINE: (
        "网商银行",
        "微众银行",
        "新网银行",
        "百信银行",
        "苏宁银行",
        "众邦银行",
        "WeBank",
        "MYbank",
    ),
}
RURAL_MARKS = ("农村商业银行", "农商银行", "农商行", "农村信用", "农信", "rural commercial")


def kind_of(bank: str) -> str | None:
    """The kind of a named bank: a full name contains a short one (中国工商银行 -> 工商银行);
    None for a bank of no known kind (a city commercial bank, a foreign bank)."""
    name = bank.strip()
    if any(mark.lower() in name.lower() for mark in RURAL_MARKS):
        return RURAL
    for kind, banks in BANKS_OF_KIND.items():
        if any(short.lower() in name.lower() for short in banks):
            return kind
    return None


def competitor_name(competitor: str) -> Text:
    """How a selling point's competitor is shown: a kind in both languages, a bank as named."""
    return KIND_NAMES.get(competitor, Text(zh=competitor, en=competitor))


def points_against(banks: Sequence[str], competitors: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """For each bank the party uses (in order), the competitor of ``competitors`` whose selling
    points answer it: the bank itself when a point names it, else its kind; as pairs (bank,
    competitor), each competitor once."""
    known = set(competitors)
    chosen: list[tuple[str, str]] = []
    for bank in banks:
        kind = kind_of(bank)
        match = bank if bank in known else (kind if kind in known else None)
        if match is not None and match not in {c for _, c in chosen}:
            chosen.append((bank, match))
    return tuple(chosen)
