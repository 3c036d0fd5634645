"""The wallet estimate: a high quantile of what comparable parties hold with us.

Why a high quantile (Perlich et al. 2007, "High-quantile modeling for customer wallet
estimation"; Glady & Croux 2009, "Predicting customer wallet without survey data"): nobody
reports what they hold at other banks, but among comparable parties the best-served ones keep
nearly all of theirs with us, so what they hold here is close to what such a party holds in
all. The wallet of a party is therefore the ``quantile`` (0.9 by default) of its peers' balances
with us; for an enterprise with a recorded turnover, the quantile of its peers' balance to
turnover ratio times its own turnover (a wallet grows with the business).

Peers are our customers (parties holding a product on the date) of the same kind in the finest
peer group (``peers.LEVELS``) that has at least ``min_peers`` of them; the group used and its
size are kept with the estimate. A wallet is never below what the party holds with us, so the
share is in [0, 1] and the opportunity is never negative. A party with nothing here and an
estimate of nothing (a group without any balance) has a share of 0, not an undefined one.

Pure: pandas frames in, frames out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from bankladder.wallet.peers import LABELS, LEVELS

MIN_TURNOVER = 1.0
"""A turnover below one yuan is no turnover to scale by (the party is compared on balances)."""
DEFAULT_QUANTILE = 0.9
DEFAULT_MIN_PEERS = 30
BALANCE, TURNOVER = "balance", "turnover"
PARTY_COLUMNS = (
    "party_id",
    "kind",
    "segment",
    "age_band",
    "region",
    "industry",
    "size_band",
    "turnover_band",
    "turnover",
    "at_bank",
    "customer",
)
"""What ``estimate`` reads of each party: its peer attributes (text, "unknown" when not known),
its turnover (CNY, NaN when not known), what it holds with us (CNY) and whether it is a customer
(holds a product on the date)."""
ESTIMATE_COLUMNS = (
    "party_id",
    "at_bank",
    "wallet",
    "share",
    "opportunity",
    "peer_group",
    "peers",
    "method",
)


@dataclass(frozen=True)
class Settings:
    """``quantile``: how high among peers the wallet is read (0.5 < q < 1); ``min_peers``: the
    fewest customers a peer group needs before it is used rather than a coarser one."""

    quantile: float = DEFAULT_QUANTILE
    min_peers: int = DEFAULT_MIN_PEERS

    def __post_init__(self) -> None:
        if not 0.5 <= self.quantile < 1:
            raise ValueError("the wallet quantile must be at least 0.5 and below 1")
        if self.min_peers < 1:
            raise ValueError("a peer group needs at least one customer")

    def method(self, basis: str) -> str:
        what = "balance" if basis == BALANCE else "turnover ratio"
        return f"q{self.quantile:.2f} {what}"


DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class Estimates:
    """One row per party (``ESTIMATE_COLUMNS``), and the customers of each peer group used
    (``party_id``, ``peer_group``): what similar customers hold is read from them."""

    wallets: pd.DataFrame
    members: pd.DataFrame


def estimate(parties: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS) -> Estimates:
    """The wallet, share and opportunity of every party of ``parties`` (``PARTY_COLUMNS``)."""
    frame = parties.reset_index(drop=True)
    basis = np.where(
        (frame["kind"] == "enterprise") & (frame["turnover"].fillna(0) >= MIN_TURNOVER),
        TURNOVER,
        BALANCE,
    )
    frame = frame.assign(basis=basis, quantile_value=np.nan, peer_group="", peers=0)
    members = []
    for kind, levels in LEVELS.items():
        for chosen in (BALANCE, TURNOVER) if kind == "enterprise" else (BALANCE,):
            targets = (frame["kind"] == kind) & (frame["basis"] == chosen)
            if targets.any():
                members += _estimate_group(frame, targets, kind, chosen, levels, settings)
    wallets = _wallets(frame, settings)
    used = pd.concat(members, ignore_index=True) if members else _no_members()
    return Estimates(wallets, used)


def _pool(frame: pd.DataFrame, kind: str, basis: str) -> pd.DataFrame:
    """The peers a party of ``kind`` may be compared with, and the value read of each."""
    pool = frame[(frame["kind"] == kind) & frame["customer"]]
    if basis == TURNOVER:
        pool = pool[pool["turnover"].fillna(0) >= MIN_TURNOVER]
        return pool.assign(value=pool["at_bank"] / pool["turnover"])
    return pool.assign(value=pool["at_bank"])


def _estimate_group(
    frame: pd.DataFrame,
    targets: pd.Series,
    kind: str,
    basis: str,
    levels: tuple[tuple[str, ...], ...],
    settings: Settings,
) -> list[pd.DataFrame]:
    """Fill ``quantile_value``, ``peer_group`` and ``peers`` of the targets, finest group first;
    the members of every group used."""
    pool = _pool(frame, kind, basis)
    open_ = targets.copy()
    members = []
    for depth, level in enumerate(levels):
        coarsest = depth == len(levels) - 1
        pool_keys = group_labels(pool, kind, basis, level)
        grouped = pool.groupby(pool_keys.to_numpy())["value"]
        stats = pd.DataFrame({"count": grouped.count(), "q": grouped.quantile(settings.quantile)})
        keys = group_labels(frame[open_], kind, basis, level)
        found = stats.reindex(keys.to_numpy())
        enough = found["count"].fillna(0).to_numpy() >= (1 if coarsest else settings.min_peers)
        chosen = frame.index[open_][enough]
        frame.loc[chosen, "quantile_value"] = found["q"].to_numpy()[enough]
        frame.loc[chosen, "peer_group"] = keys.to_numpy()[enough]
        frame.loc[chosen, "peers"] = found["count"].to_numpy()[enough].astype("int64")
        used = set(keys.to_numpy()[enough])
        in_used = pool_keys.isin(used).to_numpy()
        members.append(
            pd.DataFrame(
                {"party_id": pool["party_id"].to_numpy()[in_used], "peer_group": pool_keys[in_used]}
            )
        )
        open_.loc[chosen] = False
        if not open_.any():
            break
    leftover = frame.index[open_]  # no peer at all: named by the coarsest group, 0 peers
    frame.loc[leftover, "peer_group"] = group_labels(frame.loc[leftover], kind, basis, ())
    return members


def group_labels(frame: pd.DataFrame, kind: str, basis: str, level: tuple[str, ...]) -> pd.Series:
    """The peer group of each row at ``level``, as ``peers.label`` writes it; groups of the
    turnover ratio say so when the level does not name a turnover band."""
    labels = pd.Series(kind, index=frame.index, dtype="object")
    for name in level:
        labels = labels + f"/{LABELS[name]}=" + frame[name].astype(str)
    if basis == TURNOVER and "turnover_band" not in level:
        labels = labels + "/turnover=known"
    return labels


def _wallets(frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    at_bank = frame["at_bank"].astype(float).round(2)
    scale = np.where(frame["basis"] == TURNOVER, frame["turnover"], 1.0)
    estimated = (frame["quantile_value"] * scale).fillna(0.0).round(2)
    wallet = np.maximum(estimated, at_bank)
    share = np.where(wallet > 0, at_bank / wallet.where(wallet > 0, 1.0), 0.0)
    methods = {basis: settings.method(basis) for basis in (BALANCE, TURNOVER)}
    method = frame["basis"].map(methods).where(frame["peers"] > 0, "no peers")
    return pd.DataFrame(
        {
            "party_id": frame["party_id"],
            "at_bank": at_bank,
            "wallet": wallet,
            "share": np.clip(share, 0.0, 1.0),
            "opportunity": np.maximum((wallet - at_bank).round(2), 0.0),
            "peer_group": frame["peer_group"],
            "peers": frame["peers"].astype("int64"),
            "method": method,
        }
    )


def _no_members() -> pd.DataFrame:
    return pd.DataFrame(
        {"party_id": pd.Series(dtype=object), "peer_group": pd.Series(dtype=object)}
    )


def peer_holdings(members: pd.DataFrame, held: pd.DataFrame) -> pd.DataFrame:
    """Per peer group used and product: how many of the group's customers hold it (``holders``)
    of how many customers (``peers``). ``held``: (``party_id``, ``product_code``) rows of the
    products held on the date."""
    columns = ["peer_group", "product_code", "holders", "peers"]
    if members.empty:
        return pd.DataFrame(columns=columns)
    sizes = members.groupby("peer_group").size().rename("peers")
    distinct = held[["party_id", "product_code"]].drop_duplicates()
    joined = members.merge(distinct, on="party_id")
    counts = joined.groupby(["peer_group", "product_code"]).size().rename("holders").reset_index()
    counts["peers"] = counts["peer_group"].map(sizes).astype("int64")
    return counts[columns].sort_values(["peer_group", "product_code"], ignore_index=True)
