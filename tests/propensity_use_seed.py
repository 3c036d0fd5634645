"""Model scores seeded into a store's ``propensity_score`` table, as a scoring run writes them:
what the parity tests need so the priority's propensity term differs from party to party on
every backend (fresh and stale scores, another target, lifts beyond both bounds)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from bankladder.propensity.schemas import WORKLIST_TARGET, Reason, product_target


def seed_scores(path: Path, as_of: dt.date, every: int = 3) -> int:
    """Score every ``every``-th party of the SQLite store at ``path``; the rows written.

    Lifts run from 0.1 to 6.0 (some below 0.2, some above 5), ages from 0 to 119 days (those
    over 90 are stale), and every seventh score is of another target."""
    with sqlite3.connect(path) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM party ORDER BY id")]
        rows = []
        for i, party in enumerate(ids[::every]):
            lift = round(0.1 + (i % 60) / 10, 2)
            target = product_target("wealth") if i % 7 == 0 else WORKLIST_TARGET
            reason = Reason("interactions_90d", float(i % 5), 0.3 if i % 2 else -0.3)
            rows.append(
                (
                    party,
                    (as_of - dt.timedelta(days=i % 120)).isoformat(),
                    target,
                    min(0.99, 0.05 * lift),
                    lift,
                    "v1",
                    json.dumps([reason.as_json()]),
                )
            )
        connection.executemany(
            "INSERT INTO propensity_score (party_id, as_of, target, probability, lift, "
            "model_version, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)
