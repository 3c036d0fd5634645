"""The wallet facts in a playbook's criteria: a rung reached by a high share of wallet."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from bankladder.engine.catalogue import fact_types
from bankladder.engine.evaluate import evaluate
from bankladder.evaluation.service import open_backend
from bankladder.ladder.playbook import load_playbook_text
from bankladder.wallet.estimation import Settings
from bankladder.wallet.service import estimate
from tests.support import d

pytestmark = pytest.mark.integration

AS_OF = d("2026-06-30")
PLAYBOOK = """\
ladder: wallet_test
version: "1"
name: {zh: 钱包, en: Wallet}
stages:
  - id: known
    name: {zh: 已知, en: Known}
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
        action:
          kind: mine_the_wallet
          reason: {zh: "还有{wallet_opportunity}元在他行", en: "{wallet_opportunity} CNY elsewhere"}
"""


def test_a_criterion_on_the_share_of_wallet_places_parties(store: Engine) -> None:
    estimate(store, AS_OF, settings=Settings(min_peers=2))
    ladder = load_playbook_text(PLAYBOOK, fact_types())
    backend = open_backend(store, "duckdb", threads=1)
    try:
        result = evaluate(backend, ladder, AS_OF)
    finally:
        backend.disconnect()
    ranks = {row["party_id"]: row["stage_rank"] for row in result.placements.to_pylist()}
    # shares: A 1000/2800, B 2000/2800, C 1.0, N 0 (a prospect); E1 100000/145000, E2 1.0
    assert ranks == {"A": 1, "B": 2, "C": 2, "N": 1, "E1": 2, "E2": 2}
    reasons = {row["party_id"]: row for row in result.actions.to_pylist()}
    assert set(reasons) == {"A", "N"}
    assert reasons["A"]["criterion_id"] == "most_of_the_wallet"


def test_without_an_estimate_the_wallet_is_unknown_and_meets_no_criterion(store: Engine) -> None:
    ladder = load_playbook_text(PLAYBOOK, fact_types())
    backend = open_backend(store, "duckdb", threads=1)
    try:
        placements = evaluate(backend, ladder, AS_OF).placements.to_pylist()
    finally:
        backend.disconnect()
    assert {row["stage_rank"] for row in placements} == {0}
