"""The product families of the catalogue, named in both languages; a family the bank adds
shows as its code."""

from __future__ import annotations

from bankladder.ladder.model import Text

FAMILY_NAMES: dict[str, Text] = {
    "deposit": Text(zh="存款", en="Deposits"),
    "wealth": Text(zh="理财", en="Wealth management"),
    "loan": Text(zh="贷款", en="Loans"),
    "card": Text(zh="银行卡", en="Cards"),
    "payroll": Text(zh="代发工资", en="Payroll agency"),
    "cash_management": Text(zh="现金管理", en="Cash management"),
    "ebanking": Text(zh="电子银行", en="E-banking"),
    "insurance_agency": Text(zh="代理保险", en="Insurance agency"),
}


def family_name(family: str) -> Text:
    return FAMILY_NAMES.get(family, Text(zh=family, en=family))
