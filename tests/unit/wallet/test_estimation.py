"""The wallet estimate on hand-made tables whose answers are worked out by hand."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankladder.wallet.estimation import Settings, estimate, peer_holdings


def party(pid: str, at_bank: float, **attributes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "party_id": pid,
        "kind": "person",
        "segment": "mass",
        "age_band": "30-44",
        "region": "东城区",
        "industry": "unknown",
        "size_band": "unknown",
        "turnover_band": "unknown",
        "turnover": math.nan,
        "at_bank": at_bank,
        "customer": at_bank > 0,
    }
    return row | attributes


def wallets(rows: list[dict[str, Any]], **options: Any) -> dict[str, dict[str, Any]]:
    found = estimate(pd.DataFrame(rows), Settings(**options)).wallets
    return {row["party_id"]: row for row in found.to_dict("records")}


TEN = [party(f"M{i}", 100.0 * i) for i in range(1, 11)]  # 100 .. 1000


def test_the_wallet_is_the_high_quantile_of_the_peers_balances() -> None:
    got = wallets([*TEN, party("NEW", 0.0)], min_peers=5)
    # 0.9 quantile of 100..1000 (linear): 100 + 0.9 * 9 * 100 = 910
    assert got["M1"]["wallet"] == pytest.approx(910.0)
    assert got["M1"]["share"] == pytest.approx(100 / 910)
    assert got["M1"]["opportunity"] == pytest.approx(810.0)
    assert got["M1"]["peer_group"] == "person/segment=mass/age=30-44/region=东城区"
    assert got["M1"]["peers"] == 10  # the prospect is no peer: it holds nothing with us
    assert got["M1"]["method"] == "q0.90 balance"
    # the best-served peer holds more than the quantile: its wallet is what it holds here
    assert (got["M10"]["wallet"], got["M10"]["share"], got["M10"]["opportunity"]) == (
        1000.0,
        1.0,
        0.0,
    )
    # a prospect of the group: its whole wallet is the opportunity
    assert (got["NEW"]["wallet"], got["NEW"]["share"]) == (pytest.approx(910.0), 0.0)


def test_a_group_with_too_few_customers_backs_off_to_a_coarser_one() -> None:
    westerners = [party(f"W{i}", 5000.0, region="西城区") for i in range(3)]
    got = wallets([*TEN, *westerners], min_peers=5)
    w = got["W0"]
    assert w["peer_group"] == "person/segment=mass/age=30-44"
    assert w["peers"] == 13
    # 0.9 quantile of 100..1000 and three 5000s: position 0.9 * 12 = 10.8 -> 5000
    assert w["wallet"] == 5000.0
    assert got["M1"]["peer_group"].endswith("region=东城区")  # its own group is big enough


def test_the_coarsest_group_is_used_when_no_group_is_big_enough() -> None:
    got = wallets([party("A", 100.0), party("B", 300.0, segment="affluent")], min_peers=30)
    assert got["A"]["peer_group"] == "person"
    assert got["A"]["peers"] == 2
    assert got["A"]["wallet"] == pytest.approx(100 + 0.9 * 200)


def test_a_party_without_any_peer_keeps_its_own_balance_as_its_wallet() -> None:
    got = wallets([party("E", 0.0, kind="enterprise"), party("P", 50.0)])
    assert (got["E"]["wallet"], got["E"]["share"], got["E"]["opportunity"]) == (0.0, 0.0, 0.0)
    assert (got["E"]["peers"], got["E"]["method"]) == (0, "no peers")
    assert got["E"]["peer_group"] == "enterprise"
    assert (got["P"]["wallet"], got["P"]["share"]) == (50.0, 1.0)  # its own only peer


def firm(pid: str, at_bank: float, turnover: float) -> dict[str, Any]:
    return party(
        pid,
        at_bank,
        kind="enterprise",
        segment="sme",
        age_band="unknown",
        industry="C",
        size_band="small",
        turnover_band="10m-100m",
        turnover=turnover,
    )


def test_an_enterprise_wallet_scales_the_peers_ratio_by_its_own_turnover() -> None:
    # ratios of balance to turnover: 0.01 .. 0.10; the 0.9 quantile is 0.091
    firms = [firm(f"F{i}", 200_000.0 * i, 20_000_000.0) for i in range(1, 11)]
    got = wallets([*firms, firm("BIG", 0.0, 50_000_000.0)], min_peers=5)
    assert got["BIG"]["wallet"] == pytest.approx(0.091 * 50_000_000)
    assert got["BIG"]["method"] == "q0.90 turnover ratio"
    assert got["BIG"]["peer_group"] == (
        "enterprise/segment=sme/industry=C/size=small/turnover=10m-100m/region=东城区"
    )
    assert got["F1"]["wallet"] == pytest.approx(0.091 * 20_000_000)


def test_an_enterprise_without_turnover_is_compared_on_balances() -> None:
    firms = [firm(f"F{i}", 1000.0 * i, 1e7) for i in range(1, 11)]
    unknown = party("U", 10.0, kind="enterprise", segment="sme", size_band="small", industry="C")
    got = wallets([*firms, unknown], min_peers=5)
    assert got["U"]["method"] == "q0.90 balance"
    assert got["U"]["peer_group"] == "enterprise/segment=sme/industry=C/size=small"  # 11
    assert got["U"]["wallet"] == pytest.approx(9000.0)  # 10 and 1000..10000: index 9 -> 9000


def test_the_quantile_is_a_setting() -> None:
    assert wallets(TEN, quantile=0.5, min_peers=5)["M1"]["wallet"] == pytest.approx(550.0)
    with pytest.raises(ValueError, match="quantile"):
        Settings(quantile=1.0)


def test_peer_holdings_count_the_customers_of_each_group_used_holding_each_product() -> None:
    found = estimate(pd.DataFrame([*TEN, party("NEW", 0.0)]), Settings(min_peers=5))
    held = pd.DataFrame(
        {
            "party_id": ["M1", "M1", "M2", "M3", "NEW"],
            "product_code": ["DEP", "DEP", "DEP", "WM", "DEP"],
        }
    )
    rows = peer_holdings(found.members, held).to_dict("records")
    group = "person/segment=mass/age=30-44/region=东城区"
    assert rows == [
        {"peer_group": group, "product_code": "DEP", "holders": 2, "peers": 10},
        {"peer_group": group, "product_code": "WM", "holders": 1, "peers": 10},
    ]


amounts = st.floats(min_value=0, max_value=1e10, allow_nan=False).map(lambda x: round(x, 2))
kinds = st.sampled_from(["person", "enterprise"])
turnovers = st.one_of(
    st.just(math.nan), st.floats(min_value=0, max_value=1e11).map(lambda x: round(x, 2))
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(amounts, kinds, st.sampled_from(["a", "b"]), turnovers, st.booleans()),
        min_size=1,
        max_size=40,
    ),
    st.floats(min_value=0.5, max_value=0.99),
    st.integers(min_value=1, max_value=10),
)
def test_the_share_stays_within_0_and_1_and_the_opportunity_is_never_negative(
    rows: list[tuple[float, str, str, float, bool]], quantile: float, min_peers: int
) -> None:
    frame = pd.DataFrame(
        [
            party(f"X{i}", at_bank, kind=kind, segment=segment, turnover=turnover)
            | {"customer": at_bank > 0 or held}
            for i, (at_bank, kind, segment, turnover, held) in enumerate(rows)
        ]
    )
    got = estimate(frame, Settings(quantile=quantile, min_peers=min_peers)).wallets
    assert len(got) == len(rows)
    assert got["share"].between(0.0, 1.0).all()
    assert (got["opportunity"] >= 0).all()
    assert (got["wallet"] >= got["at_bank"]).all()
    assert ((got["wallet"] - got["at_bank"]).round(2) == got["opportunity"].round(2)).all()
