"""Product fit on a hand-made catalogue: which products a party is offered, and why."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.unit.products.catalogue_cards import CATALOGUE

from bankladder.products.fit import PartyPicture, fits, suggest
from bankladder.products.schemas import (
    IdleCash,
    OpenNeed,
    PartyProfile,
    PeerShare,
    Source,
    WalletGap,
)

pytestmark = pytest.mark.unit
AFFLUENT = PartyProfile("person", "affluent", None)
SME_FOOD = PartyProfile("enterprise", "sme", "C1310")


def shown(value: Decimal) -> str:
    return f"{value:,.2f}"


def masked(value: Decimal) -> str:
    return "****"


def codes(picture: PartyPicture) -> list[str]:
    return [s.product_code for s in suggest(CATALOGUE, picture, shown)]


def wallet(share: float, opportunity: str = "600000") -> WalletGap:
    return WalletGap(
        as_of=dt.date(2026, 6, 30),
        at_bank=Decimal("400000"),
        wallet=Decimal("1000000"),
        share=share,
        opportunity=Decimal(opportunity),
        peer_group="person|affluent|40-49",
        peers=120,
        method="quantile_0.9",
    )


def test_a_recorded_need_finds_the_products_that_answer_it() -> None:
    party = PartyPicture(AFFLUENT, frozenset({"SAV"}), (OpenNeed("wealth", None),))
    [only] = suggest(CATALOGUE, party, shown)
    assert only.product_code == "WM"
    assert only.rung == 2
    assert [r.source for r in only.reasons] == [Source.NEED]
    assert "wealth management" in only.reasons[0].text.en
    assert "理财" in only.reasons[0].text.zh


def test_a_product_already_held_is_never_offered() -> None:
    party = PartyPicture(AFFLUENT, frozenset({"SAV", "WM"}), (OpenNeed("wealth", None),))
    assert codes(party) == []


def test_a_product_whose_prerequisite_is_missing_is_replaced_by_the_prerequisite() -> None:
    party = PartyPicture(AFFLUENT, frozenset(), (OpenNeed("wealth", None),))
    [first] = suggest(CATALOGUE, party, shown)
    assert first.product_code == "SAV"
    assert first.unlocks == ("WM",)
    assert first.reasons[-1].source is Source.PREREQUISITE
    assert "WM en" in first.reasons[-1].text.en


def test_segments_and_industries_leave_out_parties_they_do_not_target() -> None:
    mass = PartyPicture(
        PartyProfile("person", "mass", None), frozenset({"SAV"}), (OpenNeed("wealth", None),)
    )
    assert codes(mass) == []  # WM is for the affluent and private
    firm = PartyPicture(SME_FOOD, frozenset({"BASIC"}), (OpenNeed("loan", None),))
    assert codes(firm) == ["BIZ"]  # C1310 lies under C13
    builder = PartyPicture(
        PartyProfile("enterprise", "sme", "E47"), frozenset({"BASIC"}), (OpenNeed("loan", None),)
    )
    assert codes(builder) == []


def test_an_unknown_segment_or_industry_excludes_nothing() -> None:
    assert fits(CATALOGUE[6], PartyProfile("enterprise", None, None))


def test_the_wallet_gap_offers_the_families_that_carry_money_with_the_amount_masked() -> None:
    party = PartyPicture(AFFLUENT, frozenset({"SAV"}), wallet=wallet(0.4))
    [only] = suggest(CATALOGUE, party, masked)
    assert only.product_code == "WM"
    assert only.reasons[0].source is Source.WALLET
    assert only.reasons[0].text.en == (
        "About 60% of its money (CNY ****) is with other banks: draw it here"
    )
    assert only.rung == 4


def test_a_high_share_of_wallet_leaves_no_gap_to_mine() -> None:
    party = PartyPicture(AFFLUENT, frozenset({"SAV"}), wallet=wallet(0.8))
    assert codes(party) == []


def test_products_most_peers_hold_are_offered_with_the_share_that_holds_them() -> None:
    peers = (
        PeerShare("WM", 30, 50),  # 60%: offered
        PeerShare("CONS", 10, 50),  # 20%: too few
        PeerShare("SAV", 50, 50),  # held already
    )
    party = PartyPicture(AFFLUENT, frozenset({"SAV"}), wallet=wallet(0.9), peers=peers)
    [only] = suggest(CATALOGUE, party, shown)
    assert only.product_code == "WM"
    assert only.reasons[0].text.en == "Held by 60% of similar customers (30 of 50)"


def test_a_peer_group_too_small_says_nothing() -> None:
    party = PartyPicture(AFFLUENT, frozenset({"SAV"}), peers=(PeerShare("WM", 3, 4),))
    assert codes(party) == []


def test_idle_cash_leads_an_enterprise_to_cash_management_and_wealth() -> None:
    idle = IdleCash(Decimal("800000"), 4, dt.date(2026, 3, 1))
    party = PartyPicture(SME_FOOD, frozenset({"BASIC"}), idle=idle)
    found = suggest(CATALOGUE, party, shown)
    assert [s.product_code for s in found] == ["POOL", "WMC"]
    assert found[0].reasons[0].text.en == (
        "CNY 800,000.00 has stayed idle for 4 months: the RM as the enterprise's adviser"
    )


def test_reasons_from_several_sources_add_up_and_rank_first() -> None:
    idle = IdleCash(Decimal("800000"), 4, dt.date(2026, 3, 1))
    needs = (OpenNeed("wealth", None),)
    party = PartyPicture(SME_FOOD, frozenset({"BASIC"}), needs, idle=idle)
    first, second = suggest(CATALOGUE, party, shown)
    assert (first.product_code, second.product_code) == ("WMC", "POOL")
    assert {r.source for r in first.reasons} == {Source.NEED, Source.IDLE_CASH}
    assert first.score > second.score


def test_selling_points_answer_the_bank_the_need_names_by_name_before_kind() -> None:
    needs = (OpenNeed("loan", "招商银行"), OpenNeed("deposit", "中国工商银行"))
    party = PartyPicture(SME_FOOD, frozenset({"BASIC"}), needs)
    [biz] = [s for s in suggest(CATALOGUE, party, shown) if s.product_code == "BIZ"]
    assert [(p.competitor, p.point.en) for p in biz.selling_points] == [
        ("招商银行", "beats 招商银行")
    ]
    affluent = PartyPicture(AFFLUENT, frozenset({"SAV"}), (OpenNeed("wealth", "中国工商银行"),))
    [wm] = suggest(CATALOGUE, affluent, shown)
    assert [p.competitor_name.en for p in wm.selling_points] == [
        "中国工商银行 (state-owned big bank)"
    ]
    assert wm.selling_points[0].point.zh == "胜过国有大行"


def test_no_competitor_named_means_no_selling_point_chosen() -> None:
    party = PartyPicture(AFFLUENT, frozenset({"SAV"}), (OpenNeed("wealth", None),))
    assert suggest(CATALOGUE, party, shown)[0].selling_points == ()


@given(
    held=st.frozensets(st.sampled_from([c.code for c in CATALOGUE])),
    needs=st.lists(st.sampled_from(["deposit", "wealth", "loan", "payroll", "cash_management"])),
    share=st.floats(0, 1),
    segment=st.sampled_from(["mass", "affluent", "private", "micro", "sme", "corporate", None]),
)
def test_no_suggestion_is_held_or_lacks_its_prerequisites_or_misses_its_targets(
    held: frozenset[str], needs: list[str], share: float, segment: str | None
) -> None:
    kind = "person" if segment in {"mass", "affluent", "private"} else "enterprise"
    profile = PartyProfile(kind, segment, "F5191")
    party = PartyPicture(
        profile, held, tuple(OpenNeed(n, None) for n in needs), wallet=wallet(share)
    )
    by_code = {c.code: c for c in CATALOGUE}
    for suggestion in suggest(CATALOGUE, party, shown):
        product = by_code[suggestion.product_code]
        assert product.code not in held
        assert fits(product, profile)
        assert not product.prerequisites or set(product.prerequisites) & held
