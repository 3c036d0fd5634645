"""Short notes an RM writes after a contact, per kind of contact and kind of party."""

from __future__ import annotations

from bankladder.demo.names import BANK_NAME
from bankladder.store.vocabulary import InteractionKind as K

PERSON_NOTES: dict[K, tuple[str, ...]] = {
    K.VISIT: (
        "上门拜访，介绍我行存款保险保障和本地服务网点",
        "到客户摊位走访，聊了家庭理财打算",
        "社区走访，客户询问定期存款利率",
        "拜访客户，了解子女教育资金安排",
        "面谈，客户在他行有理财到期，愿意比较",
    ),
    K.CALL: (
        "电话回访，客户对稳健理财有兴趣",
        "电话联系，约下周面谈",
        "电话提醒定期存款到期续存",
        "致电确认信用卡申请进度",
    ),
    K.MESSAGE: (
        "微信发送理财产品说明书",
        "发送节日问候短信",
        "微信提醒客户防范电信诈骗",
        "发送手机银行长辈模式使用说明",
    ),
    K.EVENT: (
        f"参加{BANK_NAME}金融知识进社区讲座",
        "参加理财沙龙：稳健资产配置",
        "参加反诈宣传进市场活动",
        "参加社区重阳节敬老活动",
    ),
    K.CARE: (
        "生日问候并赠送贺卡",
        "中秋节送月饼（在礼品标准内）",
        "客户家人住院，电话慰问",
        "春节上门拜年",
    ),
    K.SERVICE: (
        "协助办理开户并开通手机银行",
        "协助预约大额取现",
        "上门为行动不便的老人办理业务",
        "协助修改预留手机号",
    ),
    K.COMPLAINT: (
        "客户投诉柜台排队时间过长",
        "客户投诉手机银行转账失败",
        "客户对理财产品收益不满",
        "客户投诉信用卡年费扣收",
    ),
}

ENTERPRISE_NOTES: dict[K, tuple[str, ...]] = {
    K.VISIT: (
        "走访企业，了解订单和资金周转情况",
        "拜访财务负责人，介绍经营贷审批时效",
        "实地查看厂房和库存",
        "与老板面谈，企业在他行有贷款，到期后愿意比较",
        "园区走访，递送企业网银资料",
    ),
    K.CALL: (
        "电话跟进贷款资料准备情况",
        "电话回访代发工资使用情况",
        "致电财务，确认对公账户年检",
        "电话联系，约厂区面谈",
    ),
    K.MESSAGE: (
        "微信发送供应链融资方案",
        "发送企业现金管理产品介绍",
        "发送最新减费让利政策",
    ),
    K.EVENT: (
        "参加高新区企业融资对接会",
        "参加小微企业主座谈会",
        f"参加{BANK_NAME}产业链客户交流会",
        "参加税务与财务管理讲座",
    ),
    K.CARE: (
        "企业周年庆送花篮（在礼品标准内）",
        "春节走访慰问企业负责人",
        "为企业引荐一位本地采购商",
        "分享行业政策解读资料",
    ),
    K.SERVICE: (
        "上门安装调试企业网银",
        "协助办理代发工资批量开卡",
        "协助企业办理账户变更",
        "上门收取开户资料",
    ),
    K.COMPLAINT: (
        "企业投诉贷款审批时间过长",
        "企业投诉网银付款延迟到账",
        "企业对账户管理费扣收有异议",
    ),
}

OUTCOMES: dict[K, dict[str, float]] = {
    K.VISIT: {"positive": 0.5, "neutral": 0.35, "negative": 0.15},
    K.CALL: {"positive": 0.35, "neutral": 0.35, "negative": 0.1, "no_answer": 0.2},
    K.MESSAGE: {"positive": 0.3, "neutral": 0.6, "no_answer": 0.1},
    K.EVENT: {"positive": 0.7, "neutral": 0.3},
    K.CARE: {"positive": 0.8, "neutral": 0.2},
    K.SERVICE: {"positive": 0.7, "neutral": 0.25, "negative": 0.05},
    K.COMPLAINT: {"negative": 1.0},
}
