"""What the benchmark scripts share: as-of date, ladder, Parquet sources, peak memory."""

from __future__ import annotations

import datetime as dt
import resource
import sys
from pathlib import Path
from typing import Any

from bankladder import playbooks
from bankladder.engine import backends
from bankladder.engine.catalogue import fact_types
from bankladder.engine.sources import SOURCE_COLUMNS
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook import load_playbook

AS_OF = dt.date(2026, 3, 31)
"""The fixed as-of date: generated data spans the 18 months before it."""
OUT = Path(__file__).resolve().parent / "out"


def default_ladder() -> Ladder:
    """The shipped six-rung playbook for a young bank (the profile with the most criteria)."""
    find = getattr(playbooks, "default_playbook", None) or playbooks.default_playbook_path
    return load_playbook(find(), fact_types(), BankProfile.young)


def parquet_path(folder: Path, table: str) -> Path:
    return folder / f"{table}.parquet"


def duckdb_on(folder: Path, threads: int | None = None) -> Any:
    """An Ibis DuckDB connection with every source table registered from ``folder``."""
    con = backends.duckdb(threads)
    for name in SOURCE_COLUMNS:
        con.read_parquet(parquet_path(folder, name), table_name=name)
    return con


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10
