"""The nightly run on a small demo bank in a real SQLite file: wallets estimated for every
date before the ladder reads them, the network computed from the fresh placements, and the
whole run repeatable without duplicating anything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from bankladder.demo import build_demo_bank
from bankladder.engine.catalogue import fact_types
from bankladder.ladder.model import Ladder
from bankladder.ladder.playbook import load_playbook_text
from bankladder.nightly import service as nightly
from bankladder.store.database import connect

pytestmark = pytest.mark.integration
AS_OF = dt.date(2026, 6, 30)
EARLIER = dt.date(2026, 5, 31)
WALLET_PLAYBOOK = """\
ladder: wallet_night
version: "1"
name: {zh: 钱包, en: Wallet}
stages:
  - id: estimated
    name: {zh: 已估算, en: Estimated}
    summary: {zh: 有估算, en: Estimated}
    criteria:
      - id: estimated
        when: wallet >= 0
        action: {kind: estimate, reason: {zh: 估算, en: Estimate}}
  - id: main_bank
    name: {zh: 主办行, en: Main bank}
    summary: {zh: 大部分在我行, en: Most of it with us}
    criteria:
      - id: most_of_the_wallet
        when: share_of_wallet >= 0.5
        action: {kind: mine_the_wallet, reason: {zh: 挖掘, en: Mine}}
"""


@pytest.fixture
def bank(tmp_path: Path) -> Iterator[Engine]:
    store = connect(f"sqlite:///{tmp_path / 'bank.db'}")
    with store.begin() as connection:
        build_demo_bank(connection, parties=1_500, seed=7, as_of=AS_OF)
    yield store
    store.dispose()


def _counts(store: Engine) -> dict[str, int]:
    queries = {
        "estimates": "select count(*) from wallet_estimate",
        "estimate_dates": "select count(distinct as_of) from wallet_estimate",
        "assessments": "select count(*) from assessment",
        "prospects": "select count(*) from network_prospect",
        "intermediaries": "select count(*) from intermediary_score",
        "introductions": "select count(*) from action where criterion_id like 'introduce:%' "
        "and status in ('open', 'snoozed')",
        "live": "select count(*) from action where status in ('open', 'snoozed')",
    }
    with store.connect() as connection:
        return {name: connection.execute(sa.text(q)).scalar_one() for name, q in queries.items()}


def test_one_night_fills_every_step_in_order(bank: Engine, young_ladder: Ladder) -> None:
    steps: list[str] = []
    done = nightly.run(bank, young_ladder, [EARLIER, AS_OF], on_step=steps.append)
    counts = _counts(bank)
    assert steps == ["wallet", "wallet", "evaluation", "evaluation", "network"]
    assert len(steps) == nightly.steps([EARLIER, AS_OF])
    assert counts["estimates"] == 2 * 1_500
    assert counts["estimate_dates"] == 2
    assert counts["assessments"] == 2 * 1_500
    assert done.network is not None
    assert counts["prospects"] == done.network.prospects > 0
    assert counts["intermediaries"] == done.network.introducers > 0
    assert counts["introductions"] > 0


def test_the_ladder_reads_the_wallets_estimated_the_same_night(bank: Engine) -> None:
    ladder = load_playbook_text(WALLET_PLAYBOOK, fact_types())
    nightly.run(bank, ladder, [AS_OF], network=False)
    with bank.connect() as connection:
        placed = connection.execute(
            sa.text(
                "select a.stage_rank, w.share from assessment a left join wallet_estimate w "
                "on w.party_id = a.party_id and w.as_of = a.as_of where a.as_of = :day"
            ),
            {"day": AS_OF},
        ).all()
    assert len(placed) == 1_500
    assert all(share is not None for _, share in placed)  # every party estimated first
    assert {rank for rank, _ in placed} == {1, 2}  # so none is left unknown at rank 0
    assert all((rank == 2) == (share >= 0.5) for rank, share in placed)


def test_a_second_night_on_the_same_date_duplicates_nothing(
    bank: Engine, young_ladder: Ladder
) -> None:
    nightly.run(bank, young_ladder, [AS_OF])
    first = _counts(bank)
    nightly.run(bank, young_ladder, [AS_OF])
    assert _counts(bank) == first


def test_without_the_network_its_results_stay_as_they_were(
    bank: Engine, young_ladder: Ladder
) -> None:
    done = nightly.run(bank, young_ladder, [AS_OF], network=False)
    counts = _counts(bank)
    assert done.network is None
    assert (counts["prospects"], counts["intermediaries"], counts["introductions"]) == (0, 0, 0)
