"""Peer-group cells against a gradient-boosted quantile model on the demo bank's true wallets.

    uv run python bench/wallet_methods.py [--parties 20000] [--seed 42]

Builds the demo bank in a temporary SQLite file, estimates the wallets with the shipped
method (a quantile per peer group, ``wallet.estimation``) and with scikit-learn's
``HistGradientBoostingRegressor`` (quantile loss on the logarithm of the balance with us, the
same peer attributes as features, fitted on customers), and prints the accuracy of each
(docs/wallet.md records the figures).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
from sklearn.ensemble import HistGradientBoostingRegressor  # type: ignore[import-untyped]

from bankladder.demo.generator import build_demo_bank
from bankladder.store.database import connect, unit_of_work
from bankladder.wallet import repository
from bankladder.wallet.accuracy import accuracy
from bankladder.wallet.assemble import balances_at_bank, party_frame
from bankladder.wallet.estimation import Settings, estimate
from bankladder.wallet.validate import DEMO_AS_OF, true_wallets

CATEGORIES = ["kind", "segment", "age_band", "region", "industry", "size_band"]


def boosted(frame: pd.DataFrame, quantile: float) -> np.ndarray:
    features = pd.DataFrame({c: frame[c].astype("category").cat.codes for c in CATEGORIES})
    features["log_turnover"] = np.log1p(frame["turnover"].fillna(0))
    held = frame["at_bank"].to_numpy()
    fit_on = frame["customer"].to_numpy() & (held > 0)
    model = HistGradientBoostingRegressor(
        loss="quantile",
        quantile=quantile,
        categorical_features=list(range(len(CATEGORIES))),
        random_state=0,
    )
    model.fit(features[fit_on], np.log(held[fit_on]))
    return np.maximum(np.exp(model.predict(features)), held)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parties", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = connect(f"sqlite:///{Path(folder) / 'demo.db'}")
        with store.begin() as connection:
            build_demo_bank(connection, parties=args.parties, seed=args.seed, as_of=DEMO_AS_OF)
        with unit_of_work(store) as session:
            profiles = repository.party_profiles(session)
            holdings = repository.open_holdings(session, DEMO_AS_OF)
        store.dispose()
    frame = party_frame(profiles, balances_at_bank(holdings), DEMO_AS_OF)
    truth = true_wallets(args.parties, args.seed, DEMO_AS_OF)
    true = frame["party_id"].map(lambda pid: truth[pid][1]).to_numpy()
    for quantile in (0.8, 0.9):
        started = time.perf_counter()
        cells = estimate(frame, Settings(quantile=quantile)).wallets["wallet"].to_numpy()
        print(f"cells q{quantile} ({time.perf_counter() - started:.1f} s): {accuracy(cells, true)}")
        started = time.perf_counter()
        model = boosted(frame, quantile)
        print(
            f"boosted q{quantile} ({time.perf_counter() - started:.1f} s): {accuracy(model, true)}"
        )


if __name__ == "__main__":
    main()
