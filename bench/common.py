"""What the benchmark scripts share: as-of date, ladder, Parquet sources, peak memory."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from bankladder.engine import backends
from bankladder.engine.catalogue import fact_types
from bankladder.engine.sources import SOURCE_COLUMNS
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook import load_playbook
from bankladder.playbooks import default_playbook_path

AS_OF = dt.date(2026, 3, 31)
"""The fixed as-of date: generated data spans the 18 months before it."""
OUT = Path(__file__).resolve().parent / "out"


def default_ladder() -> Ladder:
    """The shipped six-rung playbook for a young bank (the profile with the most criteria)."""
    return load_playbook(default_playbook_path(), fact_types(), BankProfile.young)


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


def cpu_seconds() -> float:
    """User plus system CPU time of this process so far (all its threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load_average() -> float:
    """The machine's 1-minute load average: how many others compete for the cores."""
    return os.getloadavg()[0]


LAZY_IMPORTS = ("ibis.backends.duckdb.converter",)
"""Modules Ibis imports on the first ``to_pyarrow`` (they pull in pandas)."""


def warm_imports() -> float:
    """Import what the engine would import lazily; the seconds it took.

    Timed runs start after this, so one-off import cost (inflated here because the environment
    sets PYTHONDONTWRITEBYTECODE=1 and nothing is byte-compiled) is reported on its own.
    """
    started = time.perf_counter()
    for name in LAZY_IMPORTS:
        importlib.import_module(name)
    return time.perf_counter() - started
