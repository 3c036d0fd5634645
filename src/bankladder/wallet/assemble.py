"""The table ``estimation.estimate`` reads, put together from what the repository read.

What counts as held with us (decided here, documented in docs/wallet.md): a person's wallet is
financial assets, so a person's loans do not count (a debt is not an asset); an enterprise's
wallet is its deposits and its financing need, so its loans count with its deposits and wealth
products. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from bankladder.wallet.estimation import PARTY_COLUMNS
from bankladder.wallet.peers import TURNOVER_BANDS, UNKNOWN, age_band, industry_section

LOAN_FAMILY = "loan"


def balances_at_bank(holdings: pd.DataFrame) -> pd.DataFrame:
    """(``party_id``, ``assets``, ``loans``) of every party with an open holding
    (``repository.open_holdings``): loans apart from the rest; a holding without a balance
    counts 0."""
    amount = holdings["amount"].fillna(0.0)
    loan = (holdings["family"] == LOAN_FAMILY).to_numpy()
    split = pd.DataFrame(
        {
            "party_id": holdings["party_id"],
            "assets": amount.where(~loan, 0.0),
            "loans": amount.where(loan, 0.0),
        }
    )
    return split.groupby("party_id", as_index=False)[["assets", "loans"]].sum()


def party_frame(profiles: pd.DataFrame, balances: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """One row per party of ``profiles`` (``repository.party_profiles``) with its balances at
    the bank (``balances_at_bank``; a party without a row holds nothing with us)."""
    frame = profiles.merge(balances, on="party_id", how="left")
    customer = frame["assets"].notna().to_numpy()
    assets = frame["assets"].fillna(0.0).astype(float)
    loans = frame["loans"].fillna(0.0).astype(float)
    enterprise = (frame["kind"].astype(str) == "enterprise").to_numpy()
    turnover = pd.to_numeric(frame["turnover"], errors="coerce").astype(float)
    built = pd.DataFrame(
        {
            "party_id": frame["party_id"].astype(str),
            "kind": frame["kind"].astype(str),
            "segment": _text(frame["segment"]),
            "age_band": _each(frame["birth"], lambda birth: age_band(birth, as_of)),
            "region": _text(frame["region"]),
            "industry": _each(frame["industry_code"], industry_section),
            "size_band": _text(frame["size_band"]),
            "turnover_band": turnover_bands(turnover.to_numpy()),
            "turnover": turnover,
            "at_bank": np.where(enterprise, assets + loans, assets).round(2),
            "customer": customer,
        }
    )
    return built[list(PARTY_COLUMNS)]


def _text(values: pd.Series) -> pd.Series:
    """A peer attribute as text; "unknown" when not recorded."""
    return values.astype(object).where(values.notna(), UNKNOWN).astype(str)


def _each(values: pd.Series, band: Callable[[str | None], str]) -> pd.Series:
    """``band`` of each value, worked out once per distinct value (a million parties have a few
    thousand birth dates and industry codes); a missing value is ``band(None)``."""
    present = values.dropna().astype(str)
    bands = {value: band(value) for value in present.unique()}
    return present.map(bands).reindex(values.index).fillna(band(None))


def turnover_bands(turnovers: np.ndarray) -> np.ndarray:
    """``peers.turnover_band`` of each turnover, at once."""
    uppers = np.array([upper for upper, _ in TURNOVER_BANDS])
    names = np.array([name for _, name in TURNOVER_BANDS] + ["1b+"], dtype=object)
    found: np.ndarray = names[
        np.searchsorted(uppers, np.nan_to_num(turnovers, nan=0.0), side="right")
    ]
    found[~(turnovers > 0)] = UNKNOWN  # NaN compares false too
    return found
