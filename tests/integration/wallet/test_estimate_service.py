"""Estimating every party's wallet on a small store, and keeping the estimates of the date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select

from bankladder.store.database import unit_of_work
from bankladder.store.models import PeerHolding, WalletEstimate
from bankladder.wallet.estimation import Settings
from bankladder.wallet.service import estimate, wallets
from tests.integration.wallet.conftest import small_bank
from tests.support import StoreBuilder, d

pytestmark = pytest.mark.integration

AS_OF = d("2026-06-30")
PAIR = Settings(quantile=0.9, min_peers=2)


def _rows(store: Engine) -> dict[str, WalletEstimate]:
    with unit_of_work(store) as session:
        found = session.scalars(select(WalletEstimate)).all()
        session.expunge_all()
    return {row.party_id: row for row in found}


def test_every_party_gets_an_estimate_from_its_peer_group(store: Engine) -> None:
    run = estimate(store, AS_OF, settings=PAIR)
    assert (run.parties, run.customers) == (6, 5)
    rows = _rows(store)
    a, c, n = rows["A"], rows["C"], rows["N"]
    # persons: deposits only (A's loan is a debt, not an asset); 0.9 quantile of 1000..3000
    assert float(a.at_bank) == 1000.0
    assert float(a.wallet) == pytest.approx(2800.0)
    assert a.share == pytest.approx(1000 / 2800)
    assert float(a.opportunity) == pytest.approx(1800.0)
    assert a.peer_group == "person/segment=mass/age=30-44/region=东城区"
    assert (a.peers, a.method) == (3, "q0.90 balance")
    assert float(c.at_bank) == 3000.0  # the wealth product closed on the date is not held
    assert (float(c.wallet), c.share) == (3000.0, 1.0)
    assert (float(n.at_bank), n.share) == (0.0, 0.0)
    assert float(n.opportunity) == pytest.approx(2800.0)


def test_an_enterprise_s_loans_count_and_its_wallet_follows_its_turnover(store: Engine) -> None:
    estimate(store, AS_OF, settings=PAIR)
    e1 = _rows(store)["E1"]
    assert float(e1.at_bank) == 100000.0
    # ratios 0.10 and 0.15: the 0.9 quantile is 0.145, times a turnover of 1,000,000
    assert float(e1.wallet) == pytest.approx(145000.0)
    assert e1.method == "q0.90 turnover ratio"
    assert e1.peer_group.startswith("enterprise/segment=sme/industry=C/size=small/turnover=1m-10m")


def test_estimating_again_replaces_the_date_and_keeps_other_dates(store: Engine) -> None:
    estimate(store, AS_OF, settings=PAIR)
    estimate(store, AS_OF - dt.timedelta(days=30), settings=PAIR)
    estimate(store, AS_OF, settings=PAIR)
    with unit_of_work(store) as session:
        counted = select(WalletEstimate.as_of, func.count()).group_by(WalletEstimate.as_of)
        per_date = dict(session.execute(counted).tuples().all())
        held = session.execute(
            select(PeerHolding.product_code, PeerHolding.holders, PeerHolding.peers).where(
                PeerHolding.as_of == AS_OF,
                PeerHolding.peer_group == "person/segment=mass/age=30-44/region=东城区",
            )
        ).all()
    assert per_date == {AS_OF: 6, AS_OF - dt.timedelta(days=30): 6}
    assert sorted(held) == [("DEP", 3, 3), ("LOAN", 1, 3)]


def test_the_newest_estimates_on_or_before_a_date_are_read_back(store: Engine) -> None:
    estimate(store, AS_OF - dt.timedelta(days=30), settings=PAIR)
    estimate(store, AS_OF, settings=PAIR)
    with unit_of_work(store) as session:
        assert wallets(session, d("2026-06-15"))[0].as_of == AS_OF - dt.timedelta(days=30)
        newest = wallets(session)
        one = wallets(session, None, ["A"])
        none = wallets(session, d("2020-01-01"))
    assert newest[0].as_of == AS_OF
    assert newest[0].opportunity >= newest[-1].opportunity  # largest opportunity first
    assert [w.party_id for w in one] == ["A"]
    assert none == []


@pytest.mark.postgres
def test_postgresql_gives_the_same_estimates(store: Engine, postgres_url: str) -> None:
    b = StoreBuilder()
    small_bank(b)
    server = b.build_at(postgres_url)
    try:
        estimate(store, AS_OF, settings=PAIR)
        estimate(server, AS_OF, settings=PAIR)
        on_file, on_server = _rows(store), _rows(server)
    finally:
        server.dispose()
    columns = ("at_bank", "wallet", "share", "opportunity", "peer_group", "peers", "method")
    assert {k: [getattr(v, c) for c in columns] for k, v in on_file.items()} == {
        k: [getattr(v, c) for c in columns] for k, v in on_server.items()
    }
