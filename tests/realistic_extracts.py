"""Files shaped like the extracts a bank really sends, for a small bank of ten source tables.

Each table comes as its core banking system or data warehouse would write it: GBK-encoded CSV
with Chinese headers and CRLF line ends, '|'-delimited warehouse exports, Excel workbooks with a
merged title and a data date above the header (numbers as Excel numbers, dates as Excel dates or
as text '20260630'), and Parquet with our own English names. ``small_bank`` writes them all, in
the order they must be imported (references first), each with the shipped mapping it fits.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from bankladder.parties.identifiers import (
    credit_code_check,
    organisation_code_check,
    resident_id_check,
)

Rows = list[list[object]]
BANK_TITLE = "澄州银行客户信息表"
DATA_DATE = "数据日期：2026-06-30"


def resident_id(first17: str) -> str:
    return first17 + resident_id_check(first17)


def credit_code(region: str, body: str) -> str:
    first17 = "91" + region + body + organisation_code_check(body)
    return first17 + credit_code_check(first17)


ZHANG_WEI_ID = resident_id("11010519491231002")
LI_NA_ID = resident_id("44030419900101123")
MACHINERY_CODE = credit_code("350100", "M0001001")
TRADING_CODE = credit_code("350100", "MA002003")


@dataclass(frozen=True)
class RealisticExtract:
    """One file of the small bank: the table it fills and the shipped mapping that reads it."""

    table: str
    path: Path
    mapping: str  # the name of a shipped example mapping


def gbk_csv(path: Path, rows: Rows) -> Path:
    """A CSV file as a Chinese core system writes it: GBK, CRLF line ends."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode("gbk"))
    return path


def piped(path: Path, rows: Rows) -> Path:
    """A data warehouse export: '|' between fields, no quoting, UTF-8, LF line ends."""
    path.write_text("".join("|".join(map(str, row)) + "\n" for row in rows), encoding="utf-8")
    return path


def titled_workbook(path: Path, title: str, rows: Rows) -> Path:
    """A sheet as a branch prepares it: a merged title, the data date, a blank row, the header."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sheet1"
    width = len(rows[0])
    sheet["A1"] = title
    sheet.merge_cells(f"A1:{get_column_letter(width)}1")
    sheet["A2"] = DATA_DATE
    sheet.merge_cells(f"A2:{get_column_letter(width)}2")
    for number, row in enumerate(rows, start=4):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(number, column, value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    workbook.save(path)
    return path


def parquet(path: Path, columns: dict[str, pa.Array]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


def small_bank(folder: Path) -> list[RealisticExtract]:
    """The ten extracts of a small bank with Chinese headers, in the order of import."""
    return [
        RealisticExtract("branch", gbk_csv(folder / "机构信息.csv", BRANCHES), "core_branch"),
        RealisticExtract("rm", piped(folder / "客户经理.dat", RMS), "core_rm"),
        RealisticExtract(
            "product", titled_workbook(folder / "产品.xlsx", "产品目录", PRODUCTS), "core_product"
        ),
        RealisticExtract(
            "party", titled_workbook(folder / "客户信息.xlsx", BANK_TITLE, PARTIES), "core_party"
        ),
        RealisticExtract("holding", gbk_csv(folder / "账户信息.csv", HOLDINGS), "core_holding"),
        RealisticExtract("balance", piped(folder / "账户余额.txt", BALANCES), "core_balance"),
        RealisticExtract(
            "interaction", gbk_csv(folder / "接触记录.csv", INTERACTIONS), "core_interaction"
        ),
        RealisticExtract("need", gbk_csv(folder / "客户需求.csv", NEEDS), "core_need"),
        RealisticExtract(
            "relationship", piped(folder / "客户关系.txt", RELATIONSHIPS), "core_relationship"
        ),
        RealisticExtract(
            "referral",
            titled_workbook(folder / "转介.xlsx", "转介记录", REFERRALS),
            "core_referral",
        ),
    ]


EXPECTED_COUNTS = {
    "branch": 2,
    "rm": 3,
    "product": 4,
    "party": 4,
    "holding": 4,
    "balance": 4,
    "interaction": 3,
    "need": 2,
    "relationship": 2,
    "referral": 2,
}

BRANCHES: Rows = [
    ["机构号", "机构名称", "所在城市"],
    ["BR01", "澄州分行营业部", "澄州"],
    ["BR02", "高新区支行", "澄州"],
]
RMS: Rows = [
    ["客户经理号", "客户经理姓名", "所属机构号", "在职状态"],
    ["RM01", "王经理", "BR01", "在职"],
    ["RM02", "李经理", "BR02", "在职"],
    ["RM03", "赵经理", "BR02", "离职"],
]
PRODUCTS: Rows = [
    ["产品代码", "产品名称", "英文名称", "产品大类", "目标客群", "产品卖点"],
    ["DEP-SAV", "个人活期储蓄", "Personal savings", "存款", "mass、affluent", "存取灵活"],
    ["WM-01", "稳健理财一号", "Steady wealth 1", "理财", "affluent、private", "-"],
    ["LOAN-01", "小微经营贷", "Small business loan", "贷款", "micro、sme", "审批快"],
    ["CARD-01", "澄州信用卡", "Chengzhou credit card", "银行卡", "mass", "无"],
]
PARTY_HEADER = [
    "客户号",
    "客户类型",
    "客户名称",
    "证件号码",
    "手机号",
    "客户细分",
    "行业代码",
    "所属地区",
    "客户经理号",
    "开户日期",
    "首次接触日期",
    "证件到期日",
]
PARTIES: Rows = [
    PARTY_HEADER,
    [
        100001,
        "个人",
        "张伟",
        ZHANG_WEI_ID,
        13800138000,
        "affluent",
        None,
        "高新区",
        "RM01",
        dt.date(2025, 3, 1),
        "20250110",
        "20300101",
    ],
    [
        100002,
        "对私",
        "李娜",
        LI_NA_ID,
        13900139000,
        "mass",
        None,
        "老城区",
        "RM01",
        "20250615",
        dt.date(2025, 6, 1),
        dt.date(2031, 5, 20),
    ],
    [
        200001,
        "对公",
        "澄州机电有限公司",
        MACHINERY_CODE,
        "-",
        "sme",
        "C34",
        "高新区",
        "RM02",
        dt.date(2024, 1, 8),
        "20231120",
        "-",
    ],
    [
        200002,
        "企业",
        "澄州贸易有限公司",
        TRADING_CODE,
        None,
        "micro",
        "F51",
        "无",
        "RM02",
        None,
        "20260630",
        None,
    ],
]
HOLDINGS: Rows = [
    ["账号", "客户号", "产品代码", "开户日期", "销户日期"],
    ["6222020000000001", "100001", "DEP-SAV", "20250301", "00000000"],
    ["6222020000000002", "100001", "WM-01", "20250615", "99991231"],
    ["6222020000000003", "100002", "CARD-01", "20251101", ""],
    ["6222020000000004", "200001", "LOAN-01", "20250401", "20260331"],
]
BALANCES: Rows = [
    ["账号", "数据日期", "余额"],
    ["6222020000000001", "20260531", "8,000.00"],
    ["6222020000000001", "20260630", "12,000.50"],
    ["6222020000000002", "20260630", "1,250,000.00"],
    ["6222020000000004", "20260331", "0.00"],
]
INTERACTIONS: Rows = [
    ["客户号", "客户经理号", "接触方式", "接触时间", "接触结果", "备注", "处理完成时间"],
    ["100001", "RM01", "上门拜访", "2026-06-01 10:00:00", "有意向", "关注理财", ""],
    ["100001", "RM01", "电话", "2026/06/15 09:30", "已预约", "", ""],
    [
        "200001",
        "RM02",
        "投诉",
        "2026-06-20 14:00:00",
        "已受理",
        "对账单延迟",
        "2026-06-22 17:00:00",
    ],
]
NEEDS: Rows = [
    ["客户号", "需求类型", "需求性质", "他行名称", "需求状态", "识别日期", "营销日期", "关闭日期"],
    ["100001", "理财", "他行已有", "某股份制银行", "已推荐", "20260510", "20260601", ""],
    ["200001", "贷款", "潜在", "", "已识别", "20260601", "", ""],
]
RELATIONSHIPS: Rows = [
    ["客户号", "关联客户号", "关系类型", "建立日期"],
    ["200001", "200002", "供应商", "20240101"],
    ["200001", "100001", "雇主", "-"],
]
REFERRALS: Rows = [
    ["推荐人客户号", "被推荐人客户号", "推荐日期", "推荐状态", "转化日期"],
    [100001, 100002, dt.date(2025, 5, 1), "已转化", dt.date(2025, 6, 15)],
    [100001, 200002, "20260610", "已推荐", None],
]


def _dates(*days: str | None) -> pa.Array:
    return pa.array([dt.date.fromisoformat(d) if d else None for d in days], pa.date32())


def small_bank_in_parquet(folder: Path) -> list[tuple[str, Path]]:
    """The same bank from a data lake: Parquet files named with our columns, typed."""
    tables: dict[str, dict[str, pa.Array]] = {
        "branch": {"id": pa.array(["BR01", "BR02"]), "name": pa.array(["营业部", "高新区支行"])},
        "rm": {
            "id": pa.array(["RM01", "RM02", "RM03"]),
            "name": pa.array(["王经理", "李经理", "赵经理"]),
            "branch_id": pa.array(["BR01", "BR02", "BR02"]),
            "active": pa.array([True, True, False]),
        },
        "product": {
            "code": pa.array(["DEP-SAV", "WM-01", "LOAN-01", "CARD-01"]),
            "name_zh": pa.array(["活期储蓄", "稳健理财", "经营贷", "信用卡"]),
            "name_en": pa.array(["Savings", "Wealth", "Loan", "Card"]),
            "family": pa.array(["deposit", "wealth", "loan", "card"]),
            "target_segments": pa.array(["mass,affluent", "affluent", "micro,sme", "mass"]),
        },
        "party": {
            "id": pa.array(["100001", "100002", "200001", "200002"]),
            "kind": pa.array(["person", "person", "enterprise", "enterprise"]),
            "name": pa.array(["张伟", "李娜", "澄州机电有限公司", "澄州贸易有限公司"]),
            "id_number": pa.array([ZHANG_WEI_ID, LI_NA_ID, MACHINERY_CODE, None]),
            "mobile": pa.array(["13800138000", None, None, None]),
            "rm_id": pa.array(["RM01", "RM01", "RM02", "RM02"]),
            "customer_since": _dates("2025-03-01", "2025-06-15", "2024-01-08", None),
        },
        "holding": {
            "account_no": pa.array([f"622202000000000{i}" for i in range(1, 5)]),
            "party_id": pa.array(["100001", "100001", "100002", "200001"]),
            "product_code": pa.array(["DEP-SAV", "WM-01", "CARD-01", "LOAN-01"]),
            "opened_on": _dates("2025-03-01", "2025-06-15", "2025-11-01", "2025-04-01"),
            "closed_on": _dates(None, None, None, "2026-03-31"),
        },
        "balance": {
            "account_no": pa.array([f"622202000000000{i}" for i in (1, 1, 2, 4)]),
            "snapshot_on": _dates("2026-05-31", "2026-06-30", "2026-06-30", "2026-03-31"),
            "amount": pa.array(
                [Decimal(a) for a in ("8000.00", "12000.50", "1250000.00", "0.00")],
                pa.decimal128(18, 2),
            ),
        },
        "interaction": {
            "party_id": pa.array(["100001", "100001", "200001"]),
            "rm_id": pa.array(["RM01", "RM01", "RM02"]),
            "kind": pa.array(["visit", "call", "complaint"]),
            "occurred_at": pa.array(
                [dt.datetime(2026, 6, d, 10) for d in (1, 15, 20)], pa.timestamp("s")
            ),
        },
        "need": {
            "party_id": pa.array(["100001", "200001"]),
            "kind": pa.array(["wealth", "loan"]),
            "nature": pa.array(["existing", "latent"]),
            "status": pa.array(["presented", "identified"]),
            "identified_on": _dates("2026-05-10", "2026-06-01"),
        },
        "relationship": {
            "from_party_id": pa.array(["200001", "200001"]),
            "to_party_id": pa.array(["200002", "100001"]),
            "kind": pa.array(["supplier_of", "employer_of"]),
            "since": _dates("2024-01-01", None),
        },
        "referral": {
            "referrer_id": pa.array(["100001", "100001"]),
            "referee_id": pa.array(["100002", "200002"]),
            "referred_on": _dates("2025-05-01", "2026-06-10"),
            "status": pa.array(["converted", "introduced"]),
        },
    }
    return [(name, parquet(folder / f"{name}.parquet", cols)) for name, cols in tables.items()]
