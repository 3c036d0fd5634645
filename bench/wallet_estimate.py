"""How long ``bankladder wallet estimate`` takes on a SQLite store of N parties (default 1M).

    uv run python bench/wallet_estimate.py [--parties 1000000] [--folder /tmp/wallet-bench]

Writes a synthetic store once (parties with segment, region, resident ID, industry, size band
and turnover; 1.5 holdings a party, 3 month-end balances each), then runs
``wallet.service.estimate`` and prints its seconds per phase and the peak memory. The store is
kept in the folder and reused by the next run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sqlite3
import time
from pathlib import Path

import numpy as np

from bankladder.store.database import connect, connect_for_upgrade, unit_of_work, upgrade
from bankladder.wallet import repository
from bankladder.wallet.assemble import balances_at_bank, party_frame
from bankladder.wallet.estimation import estimate, peer_holdings
from bankladder.wallet.service import record

AS_OF = dt.date(2026, 6, 30)
PRODUCTS = {"DEP": "deposit", "TD": "deposit", "WM": "wealth", "LOAN": "loan", "CARD": "card"}
SEGMENTS = {"person": ["mass", "affluent", "private"], "enterprise": ["micro", "sme", "corporate"]}


def build(path: Path, parties: int, rng: np.random.Generator) -> None:
    engine = connect_for_upgrade(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO bank (name, profile) VALUES ('bench', 'young')")
    con.execute("INSERT INTO branch (id, name) VALUES ('BR01', 'one')")
    con.execute("INSERT INTO rm (id, name, branch_id, active) VALUES ('RM01', 'rm', 'BR01', 1)")
    con.executemany(
        "INSERT INTO product (code, name_zh, name_en, family, target_segments, target_industries,"
        " need_kinds, prerequisites) VALUES (?, ?, ?, ?, '[]', '[]', '[]', '[]')",
        [(code, code, code, family) for code, family in PRODUCTS.items()],
    )
    person = rng.random(parties) < 0.7
    births = rng.integers(1950, 2004, parties)
    rows = []
    for i in range(parties):
        kind = "person" if person[i] else "enterprise"
        segment = SEGMENTS[kind][int(rng.integers(0, 3))]
        ident = f"330102{births[i]}0101{i % 1000:03d}X" if person[i] else f"9133{i:014d}"
        industry = None if person[i] else f"C{int(rng.integers(13, 44))}"
        size = None if person[i] else ["micro", "small", "medium", "large"][int(rng.integers(0, 4))]
        turnover = None if person[i] else f"{rng.lognormal(17, 1.2):.2f}"
        region = f"district{int(rng.integers(0, 10))}"
        rows.append(
            (
                f"P{i:08d}",
                kind,
                f"name{i}",
                ident,
                segment,
                industry,
                region,
                "RM01",
                size,
                turnover,
            )
        )
    con.executemany(
        "INSERT INTO party (id, kind, name, id_number, segment, industry_code, region, rm_id,"
        " size_band, annual_turnover, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        rows,
    )
    holdings, balances, hid = [], [], 0
    codes = list(PRODUCTS)
    for i in range(parties):
        for _ in range(int(rng.choice([0, 1, 2, 3], p=[0.3, 0.3, 0.2, 0.2]))):
            hid += 1
            holdings.append((hid, f"P{i:08d}", codes[int(rng.integers(0, 5))], "2025-01-01"))
            for day in ("2026-04-30", "2026-05-31", "2026-06-30"):
                balances.append((hid, day, f"{rng.lognormal(10, 1.5):.2f}"))
    con.executemany(
        "INSERT INTO holding (id, party_id, product_code, opened_on) VALUES (?, ?, ?, ?)", holdings
    )
    con.executemany(
        "INSERT INTO balance (holding_id, snapshot_on, amount) VALUES (?, ?, ?)", balances
    )
    con.commit()
    con.close()
    print(f"built {parties:,} parties, {len(holdings):,} holdings, {len(balances):,} balances")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parties", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/wallet-bench"))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    path = args.folder / f"store-{args.parties}.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.parties, np.random.default_rng(1))
        print(f"(store written in {time.perf_counter() - started:.0f} s)")
    store = connect(f"sqlite:///{path}")
    laps: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        laps[name], clock = now - clock, now

    with unit_of_work(store) as session:
        profiles = repository.party_profiles(session)
        lap("read parties")
        holdings = repository.open_holdings(session, AS_OF)
        lap("read open holdings and latest balances")
    parties = party_frame(profiles, balances_at_bank(holdings), AS_OF)
    lap("assemble")
    found = estimate(parties)
    lap("estimate (quantiles per peer level)")
    held = holdings[["party_id", "product_code"]]
    lap("peer holdings")
    with unit_of_work(store) as session:
        record(session, AS_OF, found, held)
    lap("write estimates and peer holdings")
    total = sum(laps.values())
    for name, seconds in laps.items():
        print(f"{name:<42}{seconds:>8.1f} s")
    print(f"{'total':<42}{total:>8.1f} s for {len(parties):,} parties")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MiB; {len(peer_holdings(found.members, held)):,} peer rows")
    store.dispose()


if __name__ == "__main__":
    main()
