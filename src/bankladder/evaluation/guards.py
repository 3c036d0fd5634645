"""The guard rails in words: why an action is held back, and the reason of the compliance
step ``refresh_kyc``, in both languages (``engine/guards.py`` decides; this says why)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bankladder.ladder.model import Text
from bankladder.ladder.policies import Guard, Guards

REFRESH_KYC_REASON = Text(
    zh="客户身份识别资料已过期或未登记：请尽快联系客户更新身份资料；更新前不向其推荐或办理产品。",
    en=(
        "The party's KYC has expired or is not on file: contact the party to refresh it; no "
        "product is offered or opened until it is."
    ),
)


def held_back(guard: str, facts: Mapping[str, Any], guards: Guards) -> Text:
    """Why the guard rail ``guard`` holds an action back, with the party's figures."""
    if guard == Guard.AML:
        return Text(
            zh="客户有未结案的反洗钱预警：暂停一切营销，待合规部门结案后再恢复。",
            en=(
                "An anti-money-laundering alert on the party is open: all marketing is on "
                "hold until compliance closes it."
            ),
        )
    if guard == Guard.KYC:
        return Text(
            zh="客户身份识别已过期：先更新客户身份资料，再推荐或办理产品。",
            en="The party's KYC has expired: refresh it before offering or opening a product.",
        )
    contacts, limit = int(facts.get("contacts_7d") or 0), guards.contacts_per_week
    return Text(
        zh=(
            f"近7天已主动联系客户 {contacts} 次（每周上限 {limit} 次）："
            "本周暂停营销联系，以免打扰客户。"
        ),
        en=(
            f"Contacted {contacts} times in the last 7 days (the limit is {limit} a week): "
            "marketing contact pauses for now so as not to overwhelm the party."
        ),
    )
