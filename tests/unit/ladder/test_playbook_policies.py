"""The playbook's ``guards:``, ``authority:`` and ``gifts:`` sections and each action's
``purpose``: read with their defaults, every problem reported with its line."""

from decimal import Decimal
from textwrap import dedent

import pytest

from bankladder.ladder.facts import FactType
from bankladder.ladder.model import Ladder
from bankladder.ladder.playbook import check_playbook_text, load_playbook_text
from bankladder.ladder.policies import (
    DEFAULT_AUTHORITIES,
    DEFAULT_GIFTS,
    DEFAULT_GUARDS,
    Authority,
    Guard,
    Purpose,
)

pytestmark = pytest.mark.unit

STAGES = """\
stages:
  - id: first
    name: {zh: 一, en: One}
    summary: {zh: 初识, en: Getting acquainted}
    criteria:
      - id: met_once
        when: contacts_total >= 1
        action: {kind: first_contact, reason: {zh: 接触, en: Contact}}
  - id: second
    name: {zh: 二, en: Two}
    summary: {zh: 产品, en: Product}
    criteria:
      - id: holds_one
        when: products_held >= 1
        action: {kind: open_first_product, purpose: product, reason: {zh: 开户, en: Open}}
"""


def playbook(sections: str = "") -> str:
    head = 'ladder: mini\nversion: "1"\nname: {zh: 小, en: Mini}\n'
    return head + dedent(sections) + STAGES


def problems(sections: str, fact_types: dict[str, FactType]) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_playbook_text(playbook(sections), fact_types)]


def test_without_the_sections_the_bank_rules_are_the_defaults(
    fact_types: dict[str, FactType],
) -> None:
    ladder = load_playbook_text(playbook(), fact_types)
    assert (ladder.guards, ladder.authorities, ladder.gifts) == (
        DEFAULT_GUARDS,
        DEFAULT_AUTHORITIES,
        DEFAULT_GIFTS,
    )
    first, second = (stage.criteria[0].action for stage in ladder.stages)
    assert (first.purpose, second.purpose) == (Purpose.MARKETING, Purpose.PRODUCT)


def test_the_sections_set_the_limits(fact_types: dict[str, FactType]) -> None:
    text = playbook(
        """\
        guards:
          contacts_per_week: 2
          blocks: {kyc: [product, marketing]}
        authority:
          manager: {rate_bp: 10, fee_pct: 20, loan_amount: 1_000_000, gift: 200}
        gifts: {per_gift: 250.5, per_party_year: 800, without_approval: 50}
        """
    )
    ladder = load_playbook_text(text, fact_types)
    assert ladder.guards.contacts_per_week == 2
    assert ladder.guards.holds_back(Guard.KYC, Purpose.MARKETING)
    assert ladder.guards.holds_back(Guard.AML, Purpose.PRODUCT)  # not given: the default
    assert not ladder.guards.holds_back(Guard.AML, Purpose.SERVICE)
    assert ladder.authorities.levels == ("manager",)
    assert ladder.authorities.of("manager") == Authority(
        Decimal(10), Decimal(20), Decimal(1_000_000), Decimal(200)
    )
    assert ladder.authorities.of("approver") is None  # not listed: decides nothing
    assert ladder.gifts.per_gift == Decimal("250.5")
    assert ladder.gifts.without_approval == Decimal(50)


def test_authority_must_not_fall_from_one_role_to_the_next(
    fact_types: dict[str, FactType],
) -> None:
    found = problems(
        """\
        authority:
          manager: {rate_bp: 30, fee_pct: 30, loan_amount: 3_000_000, gift: 300}
          approver: {rate_bp: 20, fee_pct: 100, loan_amount: 50_000_000, gift: 300}
        """,
        fact_types,
    )
    assert found == [
        (6, "'authority': approver's rate_bp is below manager's (list the lowest first)")
    ]


def test_unknown_roles_purposes_and_bad_limits_are_reported_by_line(
    fact_types: dict[str, FactType],
) -> None:
    found = problems(
        """\
        guards:
          contacts_per_week: 0
          blocks: {aml: [marketing, sales]}
        authority:
          auditor: {rate_bp: 1, fee_pct: 1, loan_amount: 1, gift: 1}
        gifts: {per_gift: 2000, per_party_year: 1000}
        """,
        fact_types,
    )
    messages = dict(found)
    assert "'contacts_per_week' of 'guards' must be a positive whole number, not '0'" in messages[5]
    assert "unknown purpose 'sales'" in messages[6]
    assert any("unknown key 'auditor' in 'authority'" in m for line, m in found if line == 8)
    assert messages[9] == "'gifts': 'per_gift' may not exceed 'per_party_year'"


def test_an_action_s_purpose_must_be_known(fact_types: dict[str, FactType]) -> None:
    text = playbook().replace("purpose: product", "purpose: selling")
    found = [(p.line, p.message) for p in check_playbook_text(text, fact_types)]
    assert found == [
        (
            18,
            "'purpose' of criterion 'holds_one' must be one of: "
            "marketing, product, service, compliance",
        )
    ]


def test_the_default_playbook_states_its_rules_and_purposes(young_ladder: Ladder) -> None:
    assert young_ladder.guards == DEFAULT_GUARDS
    assert young_ladder.authorities == DEFAULT_AUTHORITIES
    assert young_ladder.gifts == DEFAULT_GIFTS
    purposes = {c.action.kind: c.action.purpose for s in young_ladder.stages for c in s.criteria}
    assert purposes["resolve_complaint"] is Purpose.SERVICE
    assert purposes["cross_sell"] is Purpose.PRODUCT
    assert purposes["first_contact"] is Purpose.MARKETING
