"""Seeded, vectorised generator of the engine's source tables as Parquet.

    uv run python bench/generate.py --parties 1000000 --out bench/out/1m

About 15 source rows per party (≈2 holdings, ≈4 balance snapshots, ≈7 interactions, ≈1 need,
≈0.3 relationships, ≈0.2 referrals), one RM per 700 parties, dates over the 18 months before
``common.AS_OF`` (about 1% of dated rows fall just after it, to exercise the as-of filters).

Each party draws a hidden engagement level 0..6; the level guarantees the rows that meet the
rungs up to it (an event in the last year, two recent contacts and a need, a product and a care
visit, two product families with 50k CNY for six months, VIP balance with three families and a
third recent contact, a customer partner or a converted referral). Random extra rows on top
(complaints left open, closed products, contacts of any kind) move parties up and down, so every
rung of the default playbook is populated. Rows of the child tables are written in random order,
as an extract would not arrive grouped by party.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bankladder.batch.export import schema_of
from bankladder.batch.repository import source_table
from bankladder.engine.sources import SOURCE_COLUMNS
from common import AS_OF, parquet_path

NOT_GENERATED = (
    "wallet_estimate",
    "settlement",
    "benefit",
    "aml_flag",
    "target_industry",
    "rm_specialisation",
    "propensity_score",
)
"""Source tables the benchmark leaves empty (their facts are NULL or 0 for every party)."""

HISTORY_DAYS = 547  # 18 months
DAY_US = 86_400_000_000
LEVEL_SHARES = (0.08, 0.14, 0.16, 0.18, 0.18, 0.14, 0.12)
PARTIES_PER_RM = 700

FAMILIES = ("deposit", "card", "wealth", "loan", "insurance", "payment")
CODES_PER_FAMILY = 4
INTERACTION_KINDS = ("visit", "call", "message", "event", "care", "service", "complaint")
EXTRA_INTERACTION_SHARES = (0.22, 0.30, 0.25, 0.05, 0.06, 0.07, 0.05)
NEED_STATUSES = ("identified", "presented", "won", "lost")
NEED_STATUS_SHARES = (0.35, 0.30, 0.20, 0.15)
RELATIONSHIP_KINDS = ("supplier_of", "buyer_of", "family", "employer_of", "shareholder_of")
RELATIONSHIP_SHARES = (0.35, 0.35, 0.15, 0.10, 0.05)
REFERRAL_STATUSES = ("introduced", "contacted", "converted", "lost")
REFERRAL_SHARES = (0.30, 0.25, 0.30, 0.15)
SEGMENTS = ("mass", "affluent", "private", "sme", "corporate")
BANKS = tuple(f"bank_{i:02d}" for i in range(12))


@dataclass(frozen=True)
class Parties:
    """Per-party draws the child tables depend on."""

    n: int
    ids: pa.Array
    level: np.ndarray
    enterprise: np.ndarray
    customer: np.ndarray  # customer_since on or before the as-of date


def _as_of_days() -> int:
    return int(np.datetime64(AS_OF, "D").astype(np.int64))


def _dates(days_ago: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    values = (_as_of_days() - days_ago).astype("datetime64[D]")
    return pa.array(values, type=pa.date32(), mask=null)


def _timestamps(days_ago: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Microseconds since the epoch: a random moment of the day ``days_ago`` before as-of."""
    day_start = (_as_of_days() - days_ago).astype(np.int64) * DAY_US
    return day_start + rng.integers(0, DAY_US, size=len(days_ago))


def _to_timestamp(us: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array(us.astype("datetime64[us]"), type=pa.timestamp("us"), mask=null)


def _pick(names: tuple[str, ...], index: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """A string column from category indexes (built as a dictionary, then decoded)."""
    indices = pa.array(index.astype(np.int32), mask=null)
    return pa.DictionaryArray.from_arrays(indices, pa.array(names)).dictionary_decode()


def _choice(rng: np.random.Generator, shares: tuple[float, ...], n: int) -> np.ndarray:
    return rng.choice(len(shares), size=n, p=np.asarray(shares) / sum(shares))


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner index, position within owner) for ``counts[i]`` rows owned by each i."""
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return owner, np.arange(len(owner)) - np.repeat(starts, counts)


def _money(values: np.ndarray) -> pa.Array:
    return pa.array(np.round(values, 2)).cast(pa.decimal128(18, 2))


def _shuffled(table: pa.Table, rng: np.random.Generator) -> pa.Table:
    return table.take(pa.array(rng.permutation(table.num_rows)))


def _future(rng: np.random.Generator, days_ago: np.ndarray, share: float) -> np.ndarray:
    """``days_ago`` with about ``share`` of the rows moved 1..15 days after the as-of date."""
    late = rng.random(len(days_ago)) < share
    return np.where(late, -rng.integers(1, 16, size=len(days_ago)), days_ago)


def parties(n: int, rng: np.random.Generator) -> tuple[Parties, pa.Table]:
    level = _choice(rng, LEVEL_SHARES, n)
    enterprise = rng.random(n) < 0.15
    ids = _ids("P", np.arange(n), 8)
    rms = max(1, n // PARTIES_PER_RM)
    rm_id = pc.take(_ids("RM", np.arange(rms), 5), pa.array(rng.integers(0, rms, size=n)))
    unassigned = rng.random(n) < 0.002
    rm_id = pc.if_else(pa.array(unassigned), pa.nulls(n, pa.string()), rm_id)
    is_customer = (level >= 3) | (rng.random(n) < 0.15)
    since_ago = np.where(
        level >= 3, rng.integers(180, HISTORY_DAYS, size=n), rng.integers(0, HISTORY_DAYS, size=n)
    )
    since_ago = _future(rng, since_ago, 0.01)
    first_contact_ago = _future(rng, rng.integers(0, HISTORY_DAYS, size=n), 0.01)
    segment = np.where(enterprise, rng.integers(3, 5, size=n), rng.integers(0, 3, size=n))
    table = pa.table(
        {
            "id": ids,
            "kind": _pick(("person", "enterprise"), enterprise.astype(np.int8)),
            "segment": _pick(SEGMENTS, segment),
            "rm_id": rm_id,
            "first_contact_on": _dates(first_contact_ago, null=rng.random(n) < 0.3),
            "customer_since": _dates(since_ago, null=~is_customer),
            "kyc_expires_on": _dates(-rng.integers(-300, 1100, size=n), null=rng.random(n) < 0.05),
        }
    )
    customer = is_customer & (since_ago >= 0)
    return Parties(n, ids, level, enterprise, customer), table


def products() -> pa.Table:
    family = np.repeat(np.arange(len(FAMILIES)), CODES_PER_FAMILY)
    codes = [
        f"{FAMILIES[f][:3].upper()}{i % CODES_PER_FAMILY + 1:02d}" for i, f in enumerate(family)
    ]
    return pa.table({"code": codes, "family": [FAMILIES[f] for f in family]})


# Guaranteed interaction slots: (minimum level, kinds to draw from, look-back in days).
INTERACTION_SLOTS = (
    (1, (3,), 365),  # an event in the last year (acquaintance)
    (2, (0, 1, 2), 90),  # two recent contacts (discovery)
    (2, (0, 1, 2), 90),
    (3, (4, 5), 180),  # a care or service gesture (goodwill)
    (5, (0, 1), 90),  # a third recent contact (win-win)
)


def interactions(p: Parties, rng: np.random.Generator) -> pa.Table:
    base = sum((p.level >= lvl).astype(np.int64) for lvl, _, _ in INTERACTION_SLOTS)
    owner, pos = _expand(base + rng.poisson(3.6, size=p.n))
    n = len(owner)
    slot = np.where(pos < base[owner], pos, -1)
    kind = _choice(rng, EXTRA_INTERACTION_SHARES, n)
    days_ago = _future(rng, rng.integers(0, HISTORY_DAYS, size=n), 0.01)
    for i, (_, kinds, window) in enumerate(INTERACTION_SLOTS):
        hit = slot == i
        kind[hit] = np.asarray(kinds)[rng.integers(0, len(kinds), size=int(hit.sum()))]
        days_ago[hit] = rng.integers(0, window, size=int(hit.sum()))
    occurred = _timestamps(days_ago, rng)
    complaint = kind == INTERACTION_KINDS.index("complaint")
    still_open = ~complaint | (rng.random(n) < 0.2)
    resolved = occurred + rng.integers(DAY_US // 24, 20 * DAY_US, size=n)
    return pa.table(
        {
            "party_id": pc.take(p.ids, pa.array(owner)),
            "kind": _pick(INTERACTION_KINDS, kind),
            "occurred_at": _to_timestamp(occurred),
            "resolved_at": _to_timestamp(resolved, null=still_open),
        }
    )


def needs(p: Parties, rng: np.random.Generator) -> pa.Table:
    base = (p.level >= 2).astype(np.int64)
    owner, pos = _expand(base + rng.poisson(0.3, size=p.n))
    n = len(owner)
    guaranteed = pos < base[owner]
    identified_ago = np.where(
        guaranteed,
        rng.integers(0, HISTORY_DAYS, size=n),
        _future(rng, rng.integers(0, HISTORY_DAYS, size=n), 0.02),
    )
    status = _choice(rng, NEED_STATUS_SHARES, n)
    presented_ago = identified_ago - rng.integers(0, 60, size=n)
    closed_ago = presented_ago - rng.integers(0, 60, size=n)
    return pa.table(
        {
            "party_id": pc.take(p.ids, pa.array(owner)),
            "nature": _pick(("existing", "latent"), (rng.random(n) < 0.45).astype(np.int8)),
            "competitor_bank": _pick(
                BANKS, rng.integers(0, len(BANKS), size=n), null=rng.random(n) < 0.4
            ),
            "status": _pick(NEED_STATUSES, status),
            "identified_on": _dates(identified_ago),
            "presented_on": _dates(presented_ago, null=status == 0),
            "closed_on": _dates(closed_ago, null=status < 2),
        }
    )


def holdings(p: Parties, rng: np.random.Generator) -> pa.Table:
    """Holdings; the first ``base`` of a party are held now, in distinct families."""
    base = np.array([0, 0, 0, 1, 2, 3, 3])[p.level]
    owner, pos = _expand(base + rng.poisson(0.6, size=p.n))
    n = len(owner)
    guaranteed = pos < base[owner]
    family = np.where(guaranteed, pos, rng.integers(0, len(FAMILIES), size=n))
    code = family * CODES_PER_FAMILY + rng.integers(0, CODES_PER_FAMILY, size=n)
    opened_ago = rng.integers(0, HISTORY_DAYS, size=n)
    seasoned = guaranteed & (pos == 0) & (p.level[owner] >= 4)
    opened_ago[seasoned] = rng.integers(200, HISTORY_DAYS, size=int(seasoned.sum()))
    opened_ago = np.where(guaranteed, opened_ago, _future(rng, opened_ago, 0.01))
    closed = ~guaranteed & (rng.random(n) < 0.2) & (opened_ago > 0)
    closed_ago = (opened_ago * rng.random(n)).astype(np.int64)
    return pa.table(
        {
            "id": pa.array(np.arange(1, n + 1, dtype=np.int64)),
            "party_id": pc.take(p.ids, pa.array(owner)),
            "product_code": pc.take(products()["code"], pa.array(code)),
            "opened_on": _dates(opened_ago),
            "closed_on": _dates(closed_ago, null=~closed),
            "_owner": pa.array(owner),
        }
    )


def _wealth(p: Parties, rng: np.random.Generator) -> np.ndarray:
    """A party's total balance scale: modest below level 4, 150k at 4, VIP (x10 firms) above."""
    median = np.select([p.level >= 5, p.level == 4], [1_500_000.0, 150_000.0], 15_000.0)
    median = np.where(p.enterprise & (p.level >= 5), median * 10, median)
    return median * rng.lognormal(0.0, 0.7, size=p.n)


def balances(p: Parties, holding: pa.Table, rng: np.random.Generator) -> pa.Table:
    """Month-spaced snapshots per holding, the newest in the last 30 days (1% just after)."""
    owner = holding["_owner"].to_numpy()
    per_party = np.bincount(owner, minlength=p.n)
    share = _wealth(p, rng)[owner] / per_party[owner]
    which, pos = _expand(1 + rng.poisson(1.1, size=len(owner)))
    n = len(which)
    days_ago = pos * 30 + rng.integers(0, 30, size=n)
    days_ago = np.where(pos == 0, _future(rng, days_ago, 0.01), days_ago)
    drift = np.where(pos == 0, 1.0, rng.lognormal(0.0, 0.25, size=n))
    amount = share[which] * rng.lognormal(0.0, 0.3, size=n) * drift
    return pa.table(
        {
            "holding_id": pc.take(holding["id"], pa.array(which)),
            "snapshot_on": _dates(days_ago),
            "amount": _money(amount),
        }
    )


def _other_party(rng: np.random.Generator, source: np.ndarray, n: int) -> np.ndarray:
    return (source + 1 + rng.integers(0, n - 1, size=len(source))) % n


def relationships(p: Parties, rng: np.random.Generator) -> pa.Table:
    """Random edges, plus a supply-chain link to a customer for half the top-level parties."""
    top = np.flatnonzero((p.level == 6) & (rng.random(p.n) < 0.5))
    customers = np.flatnonzero(p.customer)
    extra = rng.integers(0, p.n, size=int(p.n * 0.25))
    source = np.concatenate([top, extra])
    target = np.concatenate(
        [customers[rng.integers(0, len(customers), size=len(top))], _other_party(rng, extra, p.n)]
    )
    target = np.where(target == source, _other_party(rng, source, p.n), target)
    kind = np.concatenate(
        [np.zeros(len(top), np.int64), _choice(rng, RELATIONSHIP_SHARES, len(extra))]
    )
    since_ago = _future(rng, rng.integers(0, HISTORY_DAYS, size=len(source)), 0.01)
    since_ago[: len(top)] = rng.integers(0, HISTORY_DAYS, size=len(top))
    return pa.table(
        {
            "from_party_id": pc.take(p.ids, pa.array(source)),
            "to_party_id": pc.take(p.ids, pa.array(target)),
            "kind": _pick(RELATIONSHIP_KINDS, kind),
            "since": _dates(since_ago, null=rng.random(len(source)) < 0.1),
        }
    )


def referrals(p: Parties, rng: np.random.Generator) -> pa.Table:
    """Random referrals, plus a converted one for the top-level parties without a partner link."""
    top = np.flatnonzero((p.level == 6) & (rng.random(p.n) < 0.5))
    extra = rng.integers(0, p.n, size=int(p.n * 0.15))
    referrer = np.concatenate([top, extra])
    status = np.concatenate([np.full(len(top), 2), _choice(rng, REFERRAL_SHARES, len(extra))])
    referred_ago = _future(rng, rng.integers(0, HISTORY_DAYS, size=len(referrer)), 0.01)
    converted_ago = referred_ago - rng.integers(1, 60, size=len(referrer))
    converted_ago[: len(top)] = rng.integers(0, 120, size=len(top))
    referred_ago[: len(top)] = converted_ago[: len(top)] + rng.integers(1, 60, size=len(top))
    return pa.table(
        {
            "referrer_id": pc.take(p.ids, pa.array(referrer)),
            "referee_id": pc.take(p.ids, pa.array(_other_party(rng, referrer, p.n))),
            "status": _pick(REFERRAL_STATUSES, status),
            "referred_on": _dates(referred_ago),
            "converted_on": _dates(converted_ago, null=status != 2),
        }
    )


def generate(n: int, seed: int) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    p, party = parties(n, rng)
    holding = holdings(p, rng)
    tables = {
        "party": party,
        "product": products(),
        "holding": holding,
        "balance": balances(p, holding, rng),
        "interaction": interactions(p, rng),
        "need": needs(p, rng),
        "relationship": relationships(p, rng),
        "referral": referrals(p, rng),
    }
    tables["holding"] = holding.drop_columns("_owner")
    for name in NOT_GENERATED:
        tables[name] = schema_of(source_table(name), SOURCE_COLUMNS[name]).empty_table()
    for name in ("holding", "balance", "interaction", "need", "relationship", "referral"):
        tables[name] = _shuffled(tables[name], rng)
    return tables


def write(tables: dict[str, pa.Table], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    total_rows = total_bytes = 0
    for name, table in tables.items():
        path = parquet_path(out, name)
        pq.write_table(table, path)
        size = path.stat().st_size
        total_rows += table.num_rows
        total_bytes += size
        print(f"{name:<13}{table.num_rows:>13,} rows{size / 2**20:>10.1f} MiB")
    parties_n = tables["party"].num_rows
    print(f"{'total':<13}{total_rows:>13,} rows{total_bytes / 2**20:>10.1f} MiB")
    per_party = f"{total_rows / parties_n:.2f} source rows, {total_bytes / parties_n:.0f} bytes"
    print(f"{per_party} per party")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20260331)
    args = parser.parse_args()
    started = time.perf_counter()
    tables = generate(args.parties, args.seed)
    write(tables, args.out)
    print(f"as of {AS_OF}; generated in {time.perf_counter() - started:.1f} s into {args.out}")


if __name__ == "__main__":
    main()
