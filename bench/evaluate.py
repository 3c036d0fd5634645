"""End-to-end engine benchmark on DuckDB, from the Parquet sources to Parquet results.

    uv run python bench/evaluate.py --data bench/out/1m --out bench/out/1m-result --runs 5

Each run is a fresh child process (so its peak memory, ``ru_maxrss``, is its own) that
registers the sources, calls ``bankladder.engine.evaluate.evaluate``, renders the reasons of
each RM's top 10 actions in Chinese and English, and writes placements, actions and that
worklist as Parquet. The parent prints every run and the medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bankladder.engine.evaluate import Evaluation, evaluate
from bankladder.evaluation.explain import reasons
from bankladder.ladder.model import Ladder
from common import (
    AS_OF,
    cpu_seconds,
    default_ladder,
    duckdb_on,
    load_average,
    peak_rss_mb,
    warm_imports,
)

TOP = 10
STEPS = ("register", "evaluate", "render", "write")
TARGET_RATE = 500_000
TARGET_PEAK_MB = 3 * 1024


def top_actions(actions: pa.Table, top: int = TOP) -> pa.Table:
    """Each RM's ``top`` most pressing actions (the engine ranks them within the RM's book)."""
    return actions.filter(pc.less_equal(actions["rank_in_book"], top))


def render(evaluation: Evaluation, top: int = TOP) -> pa.Table:
    """The worklist: each RM's top actions with their reasons in both languages."""
    ladder: Ladder = evaluation.ladder
    chosen = top_actions(evaluation.actions, top)
    placements = evaluation.placements
    wanted = pc.is_in(placements["party_id"], value_set=pc.unique(chosen["party_id"]))
    parties = {row["party_id"]: row for row in placements.filter(wanted).to_pylist()}
    criteria = {(s.id, c.id): (s, c) for s in ladder.stages for c in s.criteria}
    rows = []
    for action in chosen.to_pylist():
        stage, criterion = criteria[(action["target_stage"], action["criterion_id"])]
        text = reasons(stage, criterion, action, parties[action["party_id"]])
        rows.append(
            {
                "rm_id": action["rm_id"],
                "rank_in_book": action["rank_in_book"],
                "party_id": action["party_id"],
                "criterion_id": action["criterion_id"],
                "reason_zh": text.zh,
                "reason_en": text.en,
            }
        )
    return pa.Table.from_pylist(rows)


def write(evaluation: Evaluation, worklist: pa.Table, out: Path) -> None:
    """The three files, two at a time (pyarrow writes a file on one thread, without the GIL);
    each file is the same bytes as written alone."""
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "placements": evaluation.placements,
        "actions": evaluation.actions,
        "worklist": worklist,
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = [pool.submit(pq.write_table, t, out / f"{n}.parquet") for n, t in files.items()]
    for job in done:
        job.result()


def stage_mix(placements: pa.Table) -> dict[str, int]:
    ids = placements["stage_id"].to_pylist()
    counts = Counter("(none)" if stage is None else stage for stage in ids)
    return dict(counts)


def run_once(data: Path, out: Path, threads: int | None) -> dict[str, Any]:
    """One measured run in this process: seconds per step, rows, peak memory, stage mix."""
    imports = warm_imports()
    load, cpu = load_average(), cpu_seconds()
    marks = [time.perf_counter()]
    con = duckdb_on(data, threads)
    marks.append(time.perf_counter())
    evaluation = evaluate(con, default_ladder(), AS_OF)
    marks.append(time.perf_counter())
    worklist = render(evaluation)
    marks.append(time.perf_counter())
    write(evaluation, worklist, out)
    marks.append(time.perf_counter())
    seconds = {step: b - a for step, (a, b) in zip(STEPS, pairwise(marks), strict=True)}
    parties = evaluation.placements.num_rows
    total = marks[-1] - marks[0]
    return {
        "parties": parties,
        "actions": evaluation.actions.num_rows,
        "worklist": worklist.num_rows,
        "seconds": seconds,
        "total": total,
        "parties_per_s": parties / total,
        "cpu": cpu_seconds() - cpu,
        "imports": imports,
        "load": load,
        "peak_mb": peak_rss_mb(),
        "stage_mix": stage_mix(evaluation.placements),
        "example": worklist.slice(0, 1).to_pylist(),
    }


def child(data: Path, out: Path, threads: int | None) -> dict[str, Any]:
    """Run once in a fresh interpreter and read back its JSON line."""
    command = [sys.executable, __file__, "--data", str(data), "--out", str(out), "--child"]
    if threads:
        command += ["--threads", str(threads)]
    started = time.perf_counter()
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process"] = time.perf_counter() - started
    return result


COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("total s", "total", ".2f"),
    *((step, step, ".2f") for step in STEPS),
    ("parties/s", "parties_per_s", ",.0f"),
    ("CPU s", "cpu", ".2f"),
    ("peak MiB", "peak_mb", ",.0f"),
    ("load", "load", ".1f"),
    ("imports", "imports", ".2f"),
    ("process s", "process", ".2f"),
)
"""(header, key, format) of the per-run table; a step's key reads from ``seconds``."""


def _value(run: dict[str, Any], key: str) -> float:
    return float(run["seconds"][key] if key in STEPS else run[key])


def _line(label: str, values: list[float]) -> str:
    cells = "".join(f"{v:>11{fmt}}" for v, (_, _, fmt) in zip(values, COLUMNS, strict=True))
    return f"{label:>4}{cells}"


def report(runs: list[dict[str, Any]], ladder: Ladder) -> dict[str, float]:
    """Print every run, the medians, the stage mix and the verdict; return the medians."""
    print("run " + "".join(f"{header:>11}" for header, _, _ in COLUMNS))
    for i, run in enumerate(runs, 1):
        print(_line(str(i), [_value(run, key) for _, key, _ in COLUMNS]))
    median = {key: statistics.median(_value(r, key) for r in runs) for _, key, _ in COLUMNS}
    print(_line("med", list(median.values())))
    first = runs[0]
    counts = f"{first['parties']:,} parties, {first['actions']:,} actions"
    print(f"{counts}, {first['worklist']:,} reasons rendered (x2 languages)")
    order = ["(none)", *(s.id for s in ladder.stages)]
    mix = first["stage_mix"]
    print("stage mix: " + ", ".join(f"{s} {mix.get(s, 0) / first['parties']:.1%}" for s in order))
    print("example reason:", json.dumps(first["example"], ensure_ascii=False))
    rate_ok = median["parties_per_s"] >= TARGET_RATE
    peak_ok = median["peak_mb"] <= TARGET_PEAK_MB
    print(
        f"target >= {TARGET_RATE:,} parties/s: {'met' if rate_ok else 'MISSED'}; "
        f"peak <= {TARGET_PEAK_MB:,} MiB: {'met' if peak_ok else 'MISSED'}"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder written by generate.py")
    parser.add_argument("--out", type=Path, required=True, help="folder for the results")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (all cores)")
    parser.add_argument("--save", type=Path, default=None, help="write every run as JSON")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.data, args.out, args.threads), ensure_ascii=False))
        return
    runs = [child(args.data, args.out, args.threads) for _ in range(args.runs)]
    report(runs, default_ladder())
    if args.save:
        args.save.write_text(json.dumps(runs, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
