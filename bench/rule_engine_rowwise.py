"""The default playbook's criteria as ``rule-engine`` rules, per row, against the DuckDB engine.

    uv run python bench/rule_engine_rowwise.py --data bench/out/100k --runs 3

Each criterion's source (``contacts_total >= 1``, ``care_events_180d + service_events_180d >= 1``,
``referrals_converted >= 1 or partners_on_books >= 1``, ...) is also valid rule-engine syntax, so
it is compiled once, unchanged, into a ``rule_engine.Rule``. Each party is then placed by the
engine's rule (the highest rung k whose criteria, and those of every rung below it, all hold)
calling ``Rule.matches(facts)`` on that party's facts dict, rung by rung, stopping at the first
unmet criterion.

The facts dicts are computed once beforehand, per run, by the plain-Python restatement of the
catalogue in ``rowwise.py`` (read the Parquet into Python rows, then dicts and loops; all 30
facts). rule-engine has no aggregation, so it cannot compute them itself. The script times the
three parts apart (read, facts, rule-engine placement) and, in the same process and alternating
with it, the DuckDB engine (register + ``evaluate``) on the same files; it reports two ratios:
the rule-engine placement step alone and the whole per-row pipeline, each over the engine.

NULL: rule-engine raises ``EvaluationError`` (data type mismatch) when it compares a null fact
(e.g. ``months_as_customer`` of a party with no product). The engine counts a NULL outcome as
unmet, so such an error counts as unmet here. That is exact for these criteria: each null-able
fact appears only in a plain comparison, and the one ``or`` reads two counts that are never null.

The stage each party gets is compared with the engine's ``stage_rank`` and with the pure-Python
``place()`` on the same facts (untimed).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

import rule_engine

from bankladder.engine.evaluate import evaluate
from bankladder.ladder.model import Ladder
from bankladder.ladder.placement import place
from common import AS_OF, cpu_seconds, default_ladder, duckdb_on, load_average, warm_imports
from rowwise import Facts, all_facts, read_rows

Rungs = list[list[rule_engine.Rule]]


def compile_rules(ladder: Ladder) -> Rungs:
    """Every rung's criteria as rule-engine rules, from the playbook sources unchanged."""
    return [[rule_engine.Rule(c.source) for c in stage.criteria] for stage in ladder.stages]


def holds(rule: rule_engine.Rule, facts: Facts) -> bool:
    try:
        return bool(rule.matches(facts))
    except rule_engine.EvaluationError:  # a null fact compared: NULL, which is unmet
        return False


def stage_rank(rungs: Rungs, facts: Facts) -> int:
    """The rank of the highest rung whose criteria, and those of all rungs below, hold."""
    rank = 0
    for rules in rungs:
        if not all(holds(rule, facts) for rule in rules):
            return rank
        rank += 1
    return rank


def per_row(folder: Path, rungs: Rungs) -> tuple[dict[str, float], dict[str, int], list[Any]]:
    """Seconds of (read, facts, rule-engine), each party's rank, and the (party, facts) list."""
    marks = [time.perf_counter()]
    tables = read_rows(folder)
    marks.append(time.perf_counter())
    facts = list(all_facts(tables, AS_OF))
    marks.append(time.perf_counter())
    ranks = {party[0]: stage_rank(rungs, values) for party, values in facts}
    marks.append(time.perf_counter())
    steps = ("read", "facts", "rule-engine")
    laps = {step: marks[i + 1] - marks[i] for i, step in enumerate(steps)}
    return laps, ranks, facts


def engine(folder: Path, ladder: Ladder) -> tuple[float, float, dict[str, int]]:
    """Wall and CPU seconds of register + ``evaluate``, and each party's stage rank."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    evaluation = evaluate(duckdb_on(folder), ladder, AS_OF)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    placements = evaluation.placements
    ranks = dict(
        zip(placements["party_id"].to_pylist(), placements["stage_rank"].to_pylist(), strict=True)
    )
    return wall, cpu, ranks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder written by generate.py")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    warm_imports()
    ladder = default_ladder()
    rungs = compile_rules(ladder)
    seconds: dict[str, list[float]] = {}
    for run in range(1, args.runs + 1):
        load = load_average()
        cpu = cpu_seconds()
        laps, ranks, facts = per_row(args.data, rungs)
        row_cpu = cpu_seconds() - cpu
        engine_s, engine_cpu, engine_ranks = engine(args.data, ladder)
        total = sum(laps.values())
        sample = {
            **laps,
            "per-row total": total,
            "per-row CPU": row_cpu,
            "engine": engine_s,
            "engine CPU": engine_cpu,
            "ratio rule-engine step": laps["rule-engine"] / engine_s,
            "ratio whole per-row": total / engine_s,
        }
        for key, value in sample.items():
            seconds.setdefault(key, []).append(value)
        print(
            f"run {run} (load {load:.1f}): per-row {total:.2f} s (read {laps['read']:.2f}, "
            f"facts {laps['facts']:.2f}, rule-engine {laps['rule-engine']:.2f}; CPU "
            f"{row_cpu:.2f}), DuckDB engine {engine_s:.2f} s (CPU {engine_cpu:.2f}); "
            f"rule-engine step / engine {sample['ratio rule-engine step']:.1f}x, "
            f"whole per-row / engine {sample['ratio whole per-row']:.1f}x"
        )
    median = {key: statistics.median(values) for key, values in seconds.items()}
    parties = len(engine_ranks)
    print(
        f"median of {args.runs} over {parties:,} parties: rule-engine step "
        f"{median['rule-engine']:.2f} s ({parties / median['rule-engine']:,.0f} parties/s), "
        f"whole per-row {median['per-row total']:.2f} s "
        f"({parties / median['per-row total']:,.0f} parties/s), DuckDB engine "
        f"{median['engine']:.2f} s ({parties / median['engine']:,.0f} parties/s); ratios "
        f"{median['ratio rule-engine step']:.1f}x (rule-engine step) and "
        f"{median['ratio whole per-row']:.1f}x (whole per-row)"
    )
    oracle = {party[0]: place(ladder, values).rank for party, values in facts}
    vs_engine = [p for p, rank in engine_ranks.items() if ranks.get(p) != rank]
    vs_place = [p for p, rank in oracle.items() if ranks.get(p) != rank]
    print(f"parties: engine {parties:,}, rule-engine {len(ranks):,}")
    print(f"stage mismatches vs the engine: {len(vs_engine)}; vs place(): {len(vs_place)}")
    for p in (vs_engine + vs_place)[:5]:
        print(f"  {p}: rule-engine {ranks.get(p)}, engine {engine_ranks.get(p)}, place {oracle[p]}")
    mix = Counter(ranks.values())
    print("stage mix (rule-engine): " + ", ".join(f"{k}: {mix[k]:,}" for k in sorted(mix)))


if __name__ == "__main__":
    main()
