"""Write a bank-telemarketing-like file of past calls with their outcome, for docs/models.md.

Usage: ``python docs/examples/propensity/generate_contacts.py OUT.csv [ROWS]`` (default 20,000).

The columns follow the UCI bank-marketing data (Moro, Cortez & Rita, 2014) in spirit, with a
known signal: P(subscribed) = sigmoid(-2.6 + 0.9 [balance > 2,000] + 0.03 (age - 40)
+ 0.8 [job = retired] + 0.7 [previous outcome = success] - 0.15 (campaign - 1)). ``job`` and
``education`` are "unknown" a tenth of the time; ``duration`` (seconds of the call) is long
when the client said yes: it is known only after the call, the leak the guard must name.
Seeded: the same file every time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

JOBS = ("admin.", "blue-collar", "technician", "services", "management", "retired", "student")
EDUCATION = ("primary", "secondary", "tertiary")


def contacts(rows: int, seed: int = 2014) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    age = rng.integers(18, 90, rows)
    job = rng.choice(JOBS, rows)
    balance = np.round(rng.lognormal(6.5, 1.2, rows) - 300, 0)
    previous = rng.choice(["nonexistent", "failure", "success"], rows, p=[0.8, 0.15, 0.05])
    campaign = rng.integers(1, 8, rows)
    logit = (
        -2.6 + 0.9 * (balance > 2_000) + 0.03 * (age - 40) + 0.8 * (job == "retired")
        + 0.7 * (previous == "success") - 0.15 * (campaign - 1)
    )  # fmt: skip
    subscribed = rng.random(rows) < 1 / (1 + np.exp(-logit))
    duration = np.where(subscribed, rng.gamma(6, 90, rows), rng.gamma(2, 90, rows)).round()
    days = np.sort(rng.integers(0, 730, rows))
    return pd.DataFrame(
        {
            "contact_date": (pd.Timestamp("2023-01-01") + pd.to_timedelta(days, "D")).date,
            "age": age,
            "job": np.where(rng.random(rows) < 0.1, "unknown", job),
            "education": np.where(rng.random(rows) < 0.1, "unknown", rng.choice(EDUCATION, rows)),
            "balance": balance,
            "campaign": campaign,
            "poutcome": previous,
            "duration": duration,
            "y": np.where(subscribed, "yes", "no"),
        }
    )


if __name__ == "__main__":
    out = Path(sys.argv[1])
    contacts(int(sys.argv[2]) if len(sys.argv) > 2 else 20_000).to_csv(out, index=False)
