"""The same ladder evaluated row by row in plain Python, against the DuckDB engine.

    uv run python bench/rowwise.py --data bench/out/100k --runs 3

Reads the Parquet sources into Python rows, computes every fact of the catalogue with dicts and
loops (the definitions of ``bankladder.engine.facts``, restated for one row at a time) and calls
the pure ``bankladder.ladder.placement.place`` per party. In the same process it times the
DuckDB engine (register + ``evaluate``) on the same files, prints the ratio per run and the
median, and cross-checks the two: the stage of every party, the value of every fact the
engine's placements carry (those the playbook and the priority read) and, from one extra
untimed ``compute_facts`` over the whole catalogue, the value of every fact of the catalogue.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from bankladder.engine.catalogue import ENTERPRISE_VIP_FACTOR, FACTS, VIP_THRESHOLDS
from bankladder.engine.evaluate import evaluate
from bankladder.engine.fact_groups import SUPPLY_CHAIN
from bankladder.engine.facts import compute_facts
from bankladder.engine.sources import SOURCE_COLUMNS, Sources
from bankladder.ladder.facts import FactType
from bankladder.ladder.model import Ladder
from bankladder.ladder.placement import place
from common import AS_OF, default_ladder, duckdb_on, parquet_path, warm_imports

Row = tuple[Any, ...]
Facts = dict[str, Any]
CENT = Decimal("0.01")
COUNTED = [f.name for f in FACTS if f.type is FactType.integer]
ROW_STEPS = ("read", "facts", "place")
CATALOGUE = [f.name for f in FACTS]


@dataclass(frozen=True)
class Window:
    """As of D: D itself, the first instant after D, and the start of the last N days."""

    day: dt.date

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.day + dt.timedelta(days=1), dt.time.min)

    def since(self, days: int) -> dt.datetime:
        return dt.datetime.combine(self.day - dt.timedelta(days=days - 1), dt.time.min)


def read_rows(folder: Path) -> dict[str, list[Row]]:
    """Every source table as a list of Python tuples, in ``SOURCE_COLUMNS`` order."""
    tables = {}
    for name, columns in SOURCE_COLUMNS.items():
        table = pq.read_table(parquet_path(folder, name), columns=list(columns))
        tables[name] = list(zip(*(table[c].to_pylist() for c in columns), strict=True))
    return tables


def _per_party() -> defaultdict[str, Facts]:
    return defaultdict(dict)


def _add(facts: Facts, name: str, amount: int = 1) -> None:
    facts[name] = facts.get(name, 0) + amount


def interaction_facts(rows: list[Row], w: Window) -> defaultdict[str, Facts]:
    out = _per_party()
    end = w.end
    d30, d90, d180, d365 = w.since(30), w.since(90), w.since(180), w.since(365)
    windowed = {"visit": ("visits_90d", d90), "call": ("calls_90d", d90)}
    windowed |= {"event": ("events_attended_365d", d365), "care": ("care_events_180d", d180)}
    windowed |= {"service": ("service_events_180d", d180), "complaint": ("complaints_180d", d180)}
    for party_id, kind, at, resolved in rows:
        if at >= end:
            continue
        f = out[party_id]
        _add(f, "contacts_total")
        _add(f, "interactions_30d", at >= d30)
        _add(f, "interactions_90d", at >= d90)
        if kind in windowed:
            name, start = windowed[kind]
            _add(f, name, at >= start)
        if kind == "complaint":
            _add(f, "complaints_open", resolved is None or resolved >= end)
        f["first_contact_at"] = min(at, f.get("first_contact_at", at))
        f["last_contact_at"] = max(at, f.get("last_contact_at", at))
    return out


def need_facts(rows: list[Row], w: Window) -> defaultdict[str, Facts]:
    out = _per_party()
    banks: defaultdict[str, set[str]] = defaultdict(set)
    for party_id, nature, bank, status, identified, presented, closed in rows:
        if identified > w.day:
            continue
        f = out[party_id]
        _add(f, "needs_identified")
        _add(f, "needs_existing", nature == "existing")
        _add(f, "needs_latent", nature == "latent")
        _add(f, "needs_presented", presented is not None and presented <= w.day)
        _add(f, "needs_won", status == "won" and closed is not None and closed <= w.day)
        if bank is not None:
            banks[party_id].add(bank)
    for party_id, names in banks.items():
        out[party_id]["competitor_banks_noted"] = len(names)
    return out


def _held(row: Row, day: dt.date) -> bool:
    _id, _party, _code, opened, closed = row
    return bool(opened <= day and (closed is None or closed > day))


def _latest_amounts(balances: list[Row], day: dt.date) -> dict[int, Decimal]:
    latest: dict[int, tuple[dt.date, Decimal]] = {}
    for holding_id, on, amount in balances:
        if on <= day and (holding_id not in latest or on > latest[holding_id][0]):
            latest[holding_id] = (on, amount)
    return {holding_id: amount for holding_id, (_on, amount) in latest.items()}


def _balance(holdings: list[Row], balances: list[Row], day: dt.date) -> dict[str, Decimal]:
    amounts = _latest_amounts(balances, day)
    total: dict[str, Decimal] = {}
    for row in holdings:
        if _held(row, day) and row[0] in amounts:
            total[row[1]] = total.get(row[1], Decimal(0)) + amounts[row[0]]
    return total


def holding_facts(tables: dict[str, list[Row]], w: Window) -> defaultdict[str, Facts]:
    out = _per_party()
    family_of: dict[str, str] = dict(tables["product"])
    families: defaultdict[str, set[str]] = defaultdict(set)
    for row in tables["holding"]:
        _id, party_id, code, opened, _closed = row
        f = out[party_id]
        if opened <= w.day:
            f["first_opened_on"] = min(opened, f.get("first_opened_on", opened))
        if _held(row, w.day) and code in family_of:
            _add(f, "products_held")
            families[party_id].add(family_of[code])
    for party_id, names in families.items():
        out[party_id]["product_families_held"] = len(names)
    before = w.day - dt.timedelta(days=90)
    for key, day in (("balance", w.day), ("balance_before", before)):
        for party_id, amount in _balance(tables["holding"], tables["balance"], day).items():
            out[party_id][key] = amount
    return out


def network_facts(tables: dict[str, list[Row]], w: Window) -> defaultdict[str, Facts]:
    customers = {row[0] for row in tables["party"] if row[5] is not None and row[5] <= w.day}
    partners: defaultdict[str, set[str]] = defaultdict(set)
    for source, target, kind, since in tables["relationship"]:
        if kind in SUPPLY_CHAIN and (since is None or since <= w.day):
            partners[source].add(target)
            partners[target].add(source)
    out = _per_party()
    for party_id, linked in partners.items():
        out[party_id]["supply_chain_links"] = len(linked)
        out[party_id]["partners_on_books"] = len(linked & customers)
    return out


def referral_facts(rows: list[Row], w: Window) -> defaultdict[str, Facts]:
    out = _per_party()
    for referrer, status, referred, converted in rows:
        if referred > w.day:
            continue
        f = out[referrer]
        _add(f, "referrals_made")
        done = status == "converted" and converted is not None and converted <= w.day
        _add(f, "referrals_converted", done)
    return out


def _first_contact(recorded: dt.date | None, logged: dt.datetime | None, day: dt.date) -> Any:
    candidates = [recorded] if recorded is not None and recorded <= day else []
    if logged is not None:
        candidates.append(logged.date())
    return min(candidates) if candidates else None


def _days(day: dt.date, earlier: dt.date | None) -> int | None:
    return None if earlier is None else (day - earlier).days


def _vip_tier(kind: str, balance: Decimal) -> int:
    factor = ENTERPRISE_VIP_FACTOR if kind == "enterprise" else 1
    return next((tier for tier, least in VIP_THRESHOLDS if balance >= factor * least), 0)


def derive(party: Row, raw: Facts, w: Window) -> Facts:
    """The catalogue's facts of one party from its raw per-table measures."""
    _id, kind, _segment, _rm, first_contact_on, customer_since, kyc_expires_on = party
    facts: Facts = {name: raw.get(name, 0) for name in COUNTED}
    balance = raw.get("balance", Decimal(0)).quantize(CENT)
    before = raw.get("balance_before", Decimal(0)).quantize(CENT)
    first = _first_contact(first_contact_on, raw.get("first_contact_at"), w.day)
    last = raw.get("last_contact_at")
    first_opened = raw.get("first_opened_on")
    months = _days(w.day, first_opened)
    facts |= {
        "days_since_first_contact": _days(w.day, first),
        "days_since_last_contact": _days(w.day, last.date() if last else None),
        "months_as_customer": None if months is None else months // 30,
        "total_balance": balance,
        "balance_change_90d": balance - before,
        "vip_tier": _vip_tier(kind, balance),
        "kyc_valid": kyc_expires_on is not None and kyc_expires_on > w.day,
        "is_customer": customer_since is not None and customer_since <= w.day,
    }
    return facts


def all_facts(tables: dict[str, list[Row]], day: dt.date) -> Iterator[tuple[Row, Facts]]:
    """(party row, facts) for every party, in the party table's order."""
    w = Window(day)
    parts = [
        interaction_facts(tables["interaction"], w),
        need_facts(tables["need"], w),
        holding_facts(tables, w),
        network_facts(tables, w),
        referral_facts(tables["referral"], w),
    ]
    for party in tables["party"]:
        raw: Facts = {}
        for part in parts:
            raw |= part.get(party[0], {})
        yield party, derive(party, raw, w)


def rowwise(folder: Path, ladder: Ladder) -> tuple[dict[str, float], dict[str, tuple[int, Facts]]]:
    """Seconds (read, facts, place) and each party's (stage rank, facts), row by row."""
    marks = [time.perf_counter()]
    tables = read_rows(folder)
    marks.append(time.perf_counter())
    facts = list(all_facts(tables, AS_OF))
    marks.append(time.perf_counter())
    placed = {party[0]: (place(ladder, values).rank, values) for party, values in facts}
    marks.append(time.perf_counter())
    laps = {step: b - a for step, (a, b) in zip(ROW_STEPS, pairwise(marks), strict=True)}
    return laps, placed


def engine(folder: Path, ladder: Ladder) -> tuple[float, list[dict[str, Any]]]:
    """Seconds and placements of the DuckDB engine (register + evaluate) on the same files."""
    started = time.perf_counter()
    evaluation = evaluate(duckdb_on(folder), ladder, AS_OF)
    seconds = time.perf_counter() - started
    return seconds, evaluation.placements.to_pylist()


def catalogue(folder: Path) -> dict[str, dict[str, Any]]:
    """Every fact of the catalogue per party, as the engine computes it (untimed: ``evaluate``
    itself computes only the facts its playbook and the priority read)."""
    con = duckdb_on(folder)
    rows = con.to_pyarrow(compute_facts(Sources.on(con), AS_OF)).to_pylist()
    return {row["party_id"]: row for row in rows}


def _same(ours: Any, theirs: Any) -> bool:
    if ours is None or theirs is None:
        return ours is theirs
    if isinstance(ours, Decimal):
        return abs(ours - Decimal(str(theirs))) < CENT / 2
    return bool(ours == theirs)


def cross_check(
    rows: dict[str, tuple[int, Facts]],
    placements: list[dict[str, Any]],
    every_fact: dict[str, dict[str, Any]],
) -> int:
    """Print stage and per-fact mismatches (with an example each); the stage mismatch count.

    Facts are compared twice: those in the placements, and all of the catalogue."""
    stages = 0
    facts: defaultdict[str, list[str]] = defaultdict(list)
    carried = 0
    for theirs in placements:
        party_id = theirs["party_id"]
        rank, ours = rows[party_id]
        if rank != theirs["stage_rank"]:
            stages += 1
            if stages == 1:
                print(f"  first stage mismatch: {party_id} {rank} vs {theirs['stage_rank']}")
        full = every_fact[party_id]
        for name, value in ours.items():
            for where, table in (("placements", theirs), ("catalogue", full)):
                if name not in table:
                    continue
                carried += where == "placements"
                if not _same(value, table[name]):
                    facts[f"{name} ({where})"].append(f"{party_id}: {value!r} vs {table[name]!r}")
    print(f"parties compared: {len(placements):,} (row-wise has {len(rows):,})")
    print(f"stage mismatches: {stages}")
    in_placements = carried // max(len(placements), 1)
    print(
        f"fact mismatches: {sum(len(v) for v in facts.values())} "
        f"({in_placements} facts per party in the placements, {len(CATALOGUE)} in the "
        "catalogue, each compared)"
    )
    for name, examples in sorted(facts.items()):
        print(f"  {name}: {len(examples)} e.g. {examples[0]} (row-wise vs engine)")
    return stages + abs(len(rows) - len(placements))


def measure(folder: Path, ladder: Ladder, runs: int) -> tuple[dict[str, list[float]], Any]:
    """Alternate row-wise and engine ``runs`` times; seconds per step and the last outputs."""
    seconds: dict[str, list[float]] = defaultdict(list)
    for run in range(1, runs + 1):
        laps, rows = rowwise(folder, ladder)
        engine_s, placements = engine(folder, ladder)
        for step, lap in laps.items():
            seconds[step].append(lap)
        seconds["row-wise"].append(sum(laps.values()))
        seconds["engine"].append(engine_s)
        seconds["ratio"].append(seconds["row-wise"][-1] / engine_s)
        steps = ", ".join(f"{step} {laps[step]:.2f}" for step in ROW_STEPS)
        print(
            f"run {run}: row-wise {seconds['row-wise'][-1]:.2f} s ({steps}), "
            f"DuckDB engine {engine_s:.2f} s, ratio {seconds['ratio'][-1]:.1f}x"
        )
    return seconds, (rows, placements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder written by generate.py")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    warm_imports()
    seconds, (rows, placements) = measure(args.data, default_ladder(), args.runs)
    median = {key: statistics.median(values) for key, values in seconds.items()}
    parties = len(placements)
    steps = ", ".join(f"{step} {median[step]:.2f}" for step in ROW_STEPS)
    print(
        f"median of {args.runs}: row-wise {median['row-wise']:.2f} s ({steps}; "
        f"{parties / median['row-wise']:,.0f} parties/s), DuckDB engine {median['engine']:.2f} s "
        f"({parties / median['engine']:,.0f} parties/s), ratio {median['ratio']:.1f}x"
    )
    cross_check(rows, placements, catalogue(args.data))


if __name__ == "__main__":
    main()
