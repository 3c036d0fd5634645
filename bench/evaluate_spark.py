"""Spark in local mode against DuckDB on the same Parquet sources, in the same run.

    uv run python bench/evaluate_spark.py --data bench/out/1m --runs 3

Each run is a fresh child process. The Spark run is what `bankladder evaluate --engine spark`
does: start a local[2] session (JVM start-up included), register the extract, compute facts,
placements, transitions and actions with the engine's Ibis expressions and write them as
Parquet. The DuckDB run registers the same files and calls ``engine.evaluate.evaluate``, then
writes placements and actions as Parquet. Peak memory is sampled (every 0.1 s) over the child
and everything it starts, so the JVM's memory counts. The parent prints every run, the medians
and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import pyarrow.parquet as pq

from bankladder.batch import spark as spark_batch
from bankladder.batch.export import PREVIOUS_STAGE_SCHEMA
from bankladder.batch.layout import EXTRACT_KIND, PREVIOUS_STAGE, Manifest, table_file
from bankladder.engine import backends
from bankladder.engine.evaluate import evaluate
from bankladder.engine.sources import SOURCE_COLUMNS
from common import AS_OF, cpu_seconds, default_ladder, duckdb_on, load_average

ENGINES = ("spark", "duckdb")


class PeakMemory:
    """The largest resident memory of this process and its descendants (the JVM), sampled."""

    def __init__(self, every: float = 0.1) -> None:
        self.peak, self._every, self._done = 0, every, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._done.is_set():
            total = 0
            for process in (me, *me.children(recursive=True)):
                try:
                    total += process.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
            self.peak = max(self.peak, total)
            self._done.wait(self._every)

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return self.peak / 2**20


def as_extract(data: Path, folder: Path) -> Path:
    """The generated sources as an extract: links to them, no earlier stages, a manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = {}
    for name in SOURCE_COLUMNS:
        link = table_file(folder, name)
        if not link.exists():
            link.symlink_to(table_file(data, name).resolve())
        rows[name] = pq.read_metadata(link).num_rows
    pq.write_table(PREVIOUS_STAGE_SCHEMA.empty_table(), table_file(folder, PREVIOUS_STAGE))
    rows[PREVIOUS_STAGE] = 0
    Manifest(
        kind=EXTRACT_KIND,
        as_of=AS_OF,
        rows=rows,
        baseline={"assessments": 0, "newest_assessment_id": 0},  # no history in the bench
        bank_profile="young",
    ).write(folder)
    return folder


def run_spark(extract: Path, out: Path) -> dict[str, Any]:
    started = time.perf_counter()
    backend = backends.spark(backends.SPARK_LOCAL, {"spark.driver.memory": "4g"})
    session = time.perf_counter() - started
    try:
        done = spark_batch.evaluate_extract(backend, default_ladder(), extract, out, AS_OF)
    finally:
        backend.disconnect()
    return {"parties": done.rows["assessments"], "actions": done.rows["actions"], "start": session}


def run_duckdb(extract: Path, out: Path) -> dict[str, Any]:
    evaluation = evaluate(duckdb_on(extract), default_ladder(), AS_OF)
    out.mkdir(parents=True, exist_ok=True)
    pq.write_table(evaluation.placements, out / "placements.parquet")
    pq.write_table(evaluation.actions, out / "actions.parquet")
    parties, actions = evaluation.placements.num_rows, evaluation.actions.num_rows
    return {"parties": parties, "actions": actions, "start": 0.0}


def run_once(engine: str, extract: Path, out: Path) -> dict[str, Any]:
    memory, load, cpu = PeakMemory(), load_average(), cpu_seconds()
    started = time.perf_counter()
    result = (run_spark if engine == "spark" else run_duckdb)(extract, out / engine)
    total = time.perf_counter() - started
    return {
        **result,
        "engine": engine,
        "total": total,
        "parties_per_s": result["parties"] / total,
        "cpu_driver": cpu_seconds() - cpu,
        "peak_mb": memory.stop(),
        "load": load,
    }


def child(engine: str, extract: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", engine, "--extract", str(extract)]
    done = subprocess.run(
        [*command, "--out", str(out)], check=True, stdout=subprocess.PIPE, text=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(runs: list[dict[str, Any]]) -> None:
    print(
        f"{'engine':>7}{'total s':>10}{'start s':>10}{'parties/s':>12}{'peak MiB':>10}{'load':>6}"
    )
    medians = {}
    for engine in ENGINES:
        mine = [r for r in runs if r["engine"] == engine]
        for r in mine:
            print(
                f"{engine:>7}{r['total']:>10.1f}{r['start']:>10.1f}{r['parties_per_s']:>12,.0f}"
                f"{r['peak_mb']:>10,.0f}{r['load']:>6.1f}"
            )
        medians[engine] = {k: statistics.median(r[k] for r in mine) for k in ("total", "peak_mb")}
        print(
            f"{'median':>7}{medians[engine]['total']:>10.1f}{'':>22}{medians[engine]['peak_mb']:>10,.0f}"
        )
    print(
        f"{runs[0]['parties']:,} parties; Spark / DuckDB time: "
        f"{medians['spark']['total'] / medians['duckdb']['total']:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder written by generate.py")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--save", type=Path, default=None, help="write every run as JSON")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--extract", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.child, args.extract, args.out)))
        return
    extract = as_extract(args.data, args.data.with_name(args.data.name + "-extract"))
    out = args.data.with_name(args.data.name + "-spark-result")
    runs = []
    for _ in range(args.runs):
        for engine in ENGINES:  # interleaved, so both meet the same load
            runs.append(child(engine, extract, out))
            print(json.dumps(runs[-1]), flush=True)
    report(runs)
    if args.save:
        args.save.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    print(f"as of {AS_OF}, finished {dt.datetime.now():%H:%M}")


if __name__ == "__main__":
    main()
