"""The words banks use in their extracts: headers for our columns, values for our vocabularies.

Used by ``infer`` to propose a mapping. A header is looked up after ``normalise_header`` (full-width
characters folded, case and spaces, ``_`` and ``-`` dropped, a unit in brackets removed), so
``客户号``, ``客户号（必填）`` and ``CUST_NO`` are each written once here.

``HEADERS`` maps a header to the columns it may stand for, in order of preference: ``table.column``
applies to that table only, a bare ``column`` to any table that has it. ``客户号`` is the party's
``id`` in a party extract and ``party_id`` everywhere else.
"""

from __future__ import annotations

import re
import unicodedata

from bankladder.store.vocabulary import (
    InteractionKind,
    NeedNature,
    NeedStatus,
    PartyKind,
    ReferralStatus,
    RelationshipKind,
)

_PARTY = ("party.id", "party_id", "relationship.from_party_id")
_RM = ("rm.id", "rm_id")
_BRANCH = ("branch.id", "branch_id")
_PRODUCT = ("product.code", "product_code")


def _each(names: str, columns: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return dict.fromkeys(names.split(), columns)


HEADERS: dict[str, tuple[str, ...]] = {
    **_each(
        "客户号 客户编号 客户代码 客户编码 客户号码 客户id 客户账号 custno custid customerid",
        _PARTY,
    ),
    **_each("客户名称 户名 姓名 客户姓名 名称 customername custname", ("party.name", "rm.name")),
    **_each("证件号码 证件号 身份证号 身份证号码 统一社会信用代码 idno idnumber", ("id_number",)),
    **_each("手机号 手机号码 联系电话 手机 移动电话 电话号码 mobileno phone", ("mobile",)),
    **_each("客户类型 客户类别 客户性质 对公对私标志 对公对私 客户种类", ("party.kind",)),
    **_each("客户细分 客户等级 客户分层 客户层级 客群", ("segment",)),
    **_each("行业代码 行业 所属行业 行业分类", ("industry_code",)),
    **_each("所属地区 地区 区域 所在地区 区县", ("region",)),
    **_each("营销分组 潜客分组 客户来源", ("prospect_group",)),
    **_each("客户经理号 客户经理编号 客户经理代码 客户经理工号 管户经理号 管户客户经理", _RM),
    **_each("员工号 工号 经理号", _RM),
    **_each("客户经理姓名 客户经理名称 客户经理 经理姓名", ("rm.name",)),
    **_each("机构号 网点号 机构代码 机构编号 网点代码 网点编号 所属机构 归属机构号", _BRANCH),
    **_each("所属网点 所属机构号 所属支行 支行号", _BRANCH),
    **_each("机构名称 网点名称 支行名称", ("branch.name",)),
    **_each("城市 所在城市 所属城市", ("city",)),
    **_each("在职标志 在职状态 是否在职 员工状态", ("active",)),
    **_each("产品代码 产品编号 产品号 产品编码", _PRODUCT),
    **_each("产品名称 产品中文名称 中文名称", ("name_zh",)),
    **_each("产品英文名称 英文名称", ("name_en",)),
    **_each("产品类别 产品大类 产品系列 产品分类", ("family",)),
    **_each("目标客群 适用客群", ("target_segments",)),
    **_each("目标行业 适用行业", ("target_industries",)),
    **_each("产品卖点 卖点 中文卖点", ("selling_points_zh",)),
    **_each("英文卖点", ("selling_points_en",)),
    **_each(
        "账号 账户号 账户号码 卡号 账户 合约号 acctno accountno accountnumber", ("account_no",)
    ),
    **_each("开户日期 开立日期 开户日", ("holding.opened_on", "party.customer_since")),
    **_each("成为客户日期 建立关系日期", ("customer_since",)),
    **_each("销户日期 结清日期 销户日", ("closed_on",)),
    **_each("首次接触日期 首次联系日期", ("first_contact_on",)),
    **_each("证件到期日 证件有效期 证件到期日期", ("kyc_expires_on",)),
    **_each("数据日期 统计日期 余额日期 快照日期 日期 数据日 etldate datadate", ("snapshot_on",)),
    **_each("余额 账户余额 当前余额 日终余额 期末余额 金额 balance", ("amount",)),
    **_each("接触方式 联系方式 接触类型 营销方式 拜访方式", ("interaction.kind",)),
    **_each("接触时间 联系时间 拜访时间 发生时间 营销时间", ("occurred_at",)),
    **_each("接触结果 营销结果 结果", ("outcome",)),
    **_each("备注 说明 接触内容 摘要", ("note",)),
    **_each("处理完成时间 解决时间 办结时间", ("resolved_at",)),
    **_each("需求类型 需求类别 需求 需求产品", ("need.kind",)),
    **_each("需求性质 需求属性", ("nature",)),
    **_each("他行 他行名称 竞争银行 同业机构 合作他行", ("competitor_bank",)),
    **_each("需求状态 营销状态 推荐状态 转介状态 状态", ("status",)),
    **_each("识别日期 发现日期 登记日期", ("identified_on",)),
    **_each("推荐日期 转介日期", ("referral.referred_on", "need.presented_on")),
    **_each("营销日期 展示日期", ("presented_on",)),
    **_each("关闭日期 结束日期", ("closed_on",)),
    **_each("关联客户号 对方客户号 关联方客户号", ("to_party_id",)),
    **_each("关系类型 关系 关联关系", ("relationship.kind",)),
    **_each("建立日期 起始日期 关系起始日", ("since",)),
    **_each("推荐人客户号 推荐人 转介人客户号 推荐客户号", ("referrer_id",)),
    **_each("被推荐人客户号 被推荐人 被转介人客户号 被推荐客户号", ("referee_id",)),
    **_each("转化日期 成交日期 转化开户日期", ("converted_on",)),
}

EMPTY_MARKERS = (
    *("-", "--", "/", "无", "空", "未知", "NULL", "null", "N/A", "n/a", "\\N", "unknown"),
    *("00000000", "99991231"),  # a date never set: core systems' open account
)
"""Values banks write for 'nothing here'; only these are ever copied from a sample."""

_WORDS: tuple[tuple[str, str], ...] = (
    ("个人 对私 自然人 个人客户 私人", PartyKind.PERSON),
    ("对公 企业 公司 单位 对公客户 企业客户", PartyKind.ENTERPRISE),
    ("拜访 上门拜访 走访 面谈 面访", InteractionKind.VISIT),
    ("电话 电话联系 外呼 致电", InteractionKind.CALL),
    ("短信 微信 消息 邮件", InteractionKind.MESSAGE),
    ("活动 沙龙 讲座", InteractionKind.EVENT),
    ("关怀 生日关怀 节日问候", InteractionKind.CARE),
    ("服务 业务办理", InteractionKind.SERVICE),
    ("投诉", InteractionKind.COMPLAINT),
    ("已有 存量 他行已有 现有", NeedNature.EXISTING),
    ("潜在 潜在需求", NeedNature.LATENT),
    ("已识别 新建 待跟进", NeedStatus.IDENTIFIED),
    ("已推荐 已营销", NeedStatus.PRESENTED),
    ("已成交 已签约 成功", NeedStatus.WON),
    ("已放弃 失败 流失", NeedStatus.LOST),
    ("供应商 上游供应商", RelationshipKind.SUPPLIER_OF),
    ("采购方 下游客户 买方", RelationshipKind.BUYER_OF),
    ("家庭 家人 亲属 配偶 父母 子女", RelationshipKind.FAMILY),
    ("雇主 任职 代发工资", RelationshipKind.EMPLOYER_OF),
    ("股东 控股股东 参股", RelationshipKind.SHAREHOLDER_OF),
    ("已推荐 已转介 待联系", ReferralStatus.INTRODUCED),
    ("已联系 跟进中", ReferralStatus.CONTACTED),
    ("已转化 已开户 成功", ReferralStatus.CONVERTED),
    ("失败 流失", ReferralStatus.LOST),
    ("在职 正常 启用", "true"),
    ("离职 停用 注销", "false"),
)
"""Bank words and our value, for every vocabulary at once: ``known_value`` keeps the ones that
are choices of the column at hand (``已推荐`` is ``presented`` for a need, ``introduced`` for a
referral)."""

_BY_WORD: dict[str, tuple[str, ...]] = {}
for _words, _ours in _WORDS:
    for _word in _words.split():
        _BY_WORD[_word] = (*_BY_WORD.get(_word, ()), str(_ours))

_BRACKETED = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]$")
_IGNORED = re.compile(r"[\s_\-./:：]+")


def normalise_header(header: str) -> str:
    """``客户号（必填）`` -> ``客户号``, ``Cust_No`` -> ``custno``: how ``HEADERS`` is keyed."""
    text = unicodedata.normalize("NFKC", header).strip()
    text = _BRACKETED.sub("", text) or text
    return _IGNORED.sub("", text).lower()


def known_value(word: str, choices: tuple[str, ...]) -> str | None:
    """Our value for a bank's word among ``choices`` (a vocabulary, or ``true``/``false``)."""
    return next((ours for ours in _BY_WORD.get(word, ()) if ours in choices), None)
