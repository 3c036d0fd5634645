"""The playbook's ``vip:`` section: the VIP tiers a contribution reaches, checked by line."""

from textwrap import dedent

import pytest

from bankladder.ladder.facts import FactType
from bankladder.ladder.model import DEFAULT_VIP, Ladder, VipTiers
from bankladder.ladder.playbook import check_playbook_text, load_playbook_text

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
    summary: {zh: 贵宾, en: VIP}
    criteria:
      - id: vip
        when: vip_tier >= 2
        action: {kind: vip, reason: {zh: 贵宾, en: VIP}}
"""


def playbook(vip: str = "") -> str:
    head = 'ladder: mini\nversion: "1"\nname: {zh: 小, en: Mini}\n'
    return head + dedent(vip) + STAGES


def test_without_a_vip_section_the_tiers_are_the_defaults(
    fact_types: dict[str, FactType],
) -> None:
    ladder = load_playbook_text(playbook(), fact_types)
    assert ladder.vip == DEFAULT_VIP == VipTiers((50_000, 500_000, 6_000_000), 10)


def test_the_vip_section_sets_the_minimums_and_the_enterprise_factor(
    fact_types: dict[str, FactType],
) -> None:
    text = playbook("vip: {persons: [10_000, 200_000], enterprise_factor: 5}\n")
    vip = load_playbook_text(text, fact_types).vip
    assert vip == VipTiers((10_000.0, 200_000.0), 5.0)
    assert [vip.tier(x, enterprise=False) for x in (9_999, 10_000, 199_999, 200_000)] == [
        0,
        1,
        1,
        2,
    ]
    assert vip.tier(200_000, enterprise=True) == 1  # an enterprise needs five times as much


def test_the_default_playbook_carries_today_s_thresholds(young_ladder: Ladder) -> None:
    assert young_ladder.vip == DEFAULT_VIP


@pytest.mark.parametrize(
    ("vip", "line", "message"),
    [
        ("vip: {persons: [100, 50]}\n", 4, "must rise: 50 is not above 100"),
        ("vip:\n  persons: []\n", 5, "minimum of tier 1"),
        ("vip:\n  persons: [100, -5]\n", 5, "a minimum of 'vip' must be a positive number"),
        ("vip:\n  enterprise_factor: 0\n", 5, "'enterprise_factor' of 'vip' must be a positive"),
        ("vip:\n  tiers: [1]\n", 5, "unknown key 'tiers' in 'vip'"),
        ("vip: 3\n", 4, "'vip' must be a mapping"),
        ("vip:\n  persons: 100\n", 5, "'persons' of 'vip' must be a list"),
    ],
)
def test_a_broken_vip_section_is_reported_at_its_line(
    fact_types: dict[str, FactType], vip: str, line: int, message: str
) -> None:
    problems = check_playbook_text(playbook(vip), fact_types, file="p.yaml")
    assert [(p.line, message in p.message) for p in problems] == [(line, True)], problems


def test_the_default_tiers_are_the_engine_s_former_constants() -> None:
    from bankladder.engine.catalogue import ENTERPRISE_VIP_FACTOR, VIP_THRESHOLDS

    assert DEFAULT_VIP.minimums(enterprise=False) == VIP_THRESHOLDS
    assert DEFAULT_VIP.enterprise_factor == ENTERPRISE_VIP_FACTOR
