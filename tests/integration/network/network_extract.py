"""A hand-made network written as an extract's Parquet files (the batch export layout)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

AS_OF = dt.date(2026, 6, 30)
SINCE = dt.date(2020, 1, 1)
PARTIES = [
    # id, customer?, rung, size band, wallet
    ("P01", True, 5, "medium", None),  # an introducer
    ("P02", True, 3, "small", None),
    ("P03", False, 0, "large", None),
    ("P04", False, 0, None, Decimal("2500000.00")),
    ("P05", False, 0, "micro", None),
    ("P06", True, 6, None, None),  # another introducer
    ("P07", False, 0, "small", None),
    ("P08", False, 0, "small", None),
    ("P09", True, 2, None, None),
    ("P10", False, 1, "medium", None),
    ("P11", True, 5, None, None),  # an introducer with no edges
]
RELATIONSHIPS = [
    ("P01", "P02", "supplier_of"),
    ("P03", "P02", "shareholder_of"),
    ("P04", "P01", "employer_of"),
    ("P04", "P05", "family"),
    ("P02", "P05", "buyer_of"),
    ("P06", "P07", "supplier_of"),
    ("P08", "P06", "supplier_of"),  # P07 and P08 tie for P06: by id
    ("P07", "P09", "family"),
    ("P09", "P10", "employer_of"),
    ("P06", "P09", "buyer_of"),
    ("P09", "P06", "supplier_of"),  # parallel edges of equal strength: the kind decides
    ("P10", "P03", "supplier_of"),
]
REFERRALS = [("P01", "P03"), ("P06", "P10"), ("P06", "P10")]  # one referral recorded twice


def write_extract(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        pa.table(
            {
                "id": [p[0] for p in PARTIES],
                "kind": ["enterprise"] * len(PARTIES),
                "rm_id": ["RM1"] * len(PARTIES),
                "customer_since": [SINCE if p[1] else None for p in PARTIES],
                "size_band": [p[3] for p in PARTIES],
            }
        ),
        folder / "party.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "from_party_id": [r[0] for r in RELATIONSHIPS],
                "to_party_id": [r[1] for r in RELATIONSHIPS],
                "kind": [r[2] for r in RELATIONSHIPS],
            }
        ),
        folder / "relationship.parquet",
    )
    pq.write_table(
        pa.table(
            {"referrer_id": [r[0] for r in REFERRALS], "referee_id": [r[1] for r in REFERRALS]}
        ),
        folder / "referral.parquet",
    )
    ranked = [p for p in PARTIES if p[2] > 0]
    pq.write_table(
        pa.table(
            {
                "party_id": [p[0] for p in ranked],
                "as_of": [AS_OF - dt.timedelta(days=1)] * len(ranked),
                "stage_id": [f"s{p[2]}" for p in ranked],
                "stage_rank": pa.array([p[2] for p in ranked], pa.int64()),
            }
        ),
        folder / "previous_stage.parquet",
    )
    wallets = [p for p in PARTIES if p[4] is not None]
    pq.write_table(
        pa.table(
            {
                "party_id": [p[0] for p in wallets],
                "as_of": [AS_OF] * len(wallets),
                "wallet": pa.array([p[4] for p in wallets], pa.decimal128(18, 2)),
            }
        ),
        folder / "wallet_estimate.parquet",
    )
    return folder
