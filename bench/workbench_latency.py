"""Latency of the workbench pages for one signed-in RM, over real HTTP, and the locust load run.

    uv run python bench/workbench_store.py --data bench/out/1m           # the store, once
    uv run python bench/workbench_latency.py                             # one RM, median of 3
    uv run python bench/workbench_latency.py --locust                    # 50 RMs for 2 minutes

Starts ``bankladder serve --host 127.0.0.1 --port P --workers 2`` on the bench store (plain
http on loopback: cookies are not Secure), waits for ``/healthz`` and signs in as one RM (the
one with the most open actions unless ``--username``) with the sign-in form and its hidden
CSRF token. Then, for each page (My day ``/``, Party 360 ``/parties/{id}`` over the parties of
that RM's open actions, and the API equivalents), ``--warm-up`` requests and ``--requests``
measured ones, each timed with ``time.perf_counter`` around the request. A page that is not
served yet (404 or 405 on its first request) is skipped with a note. Every run prints
p50/p95/p99 and the max per page with the 1-minute load average; the summary is the median of
the runs, stat by stat.

With ``--locust`` it runs ``bench/locustfile.py`` headless instead (``--users`` RMs, spawned
``--spawn-rate`` a second, for ``--duration``) against the same server and prints locust's
figures per request type from ``bench/out/locust_stats.csv``; the figures count from the moment
the last RM has signed in (``--include-sign-in`` keeps the sign-in burst).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2
import numpy as np
import psycopg
import sqlalchemy as sa

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DATABASE = "bankladder_bench_workbench"
PASSWORD = "bench-rm-password-2026"
BANKLADDER = str(Path(sys.executable).parent / "bankladder")
HERE = Path(__file__).resolve().parent
PYCACHE = "/tmp/bankladder-bench-pycache"
HIDDEN_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PAGES = {
    "my_day": "/",
    "party_360": "/parties/{party}",
    "api_actions": "/api/v1/actions",
    "api_party": "/api/v1/parties/{party}",
    "api_me": "/api/v1/me",
}


@dataclass(frozen=True)
class Stats:
    p50: float
    p95: float
    p99: float
    max: float
    errors: int


def database_url(server: str, name: str) -> str:
    return sa.make_url(server).set(database=name).render_as_string(hide_password=False)


def libpq(url: str) -> str:
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def load_average() -> float:
    return os.getloadavg()[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(base: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/healthz").status_code == 200:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the workbench at {base} did not answer /healthz in {seconds:.0f} s")


def wait_workers(log: Path, workers: int, seconds: float = 180) -> None:
    """Every worker has started (uvicorn logs one startup per worker)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = log.read_text()
        if text.count("Application startup complete") >= workers:
            return
        time.sleep(0.5)
    raise SystemExit(f"{workers} workers did not start in {seconds:.0f} s; see {log}")


@contextmanager
def serve(url: str, port: int, workers: int, log: Path) -> Iterator[str]:
    """``bankladder serve`` on 127.0.0.1:port over the store at ``url``; its base URL.

    Bytecode is cached (under ``PYCACHE``, outside the work tree) for the server: with
    ``PYTHONDONTWRITEBYTECODE=1`` a worker imports for 8-14 s on this machine, longer than
    uvicorn's 5 s worker health check, and the supervisor kills and respawns it forever."""
    env = {**os.environ, "BANKLADDER_DATABASE_URL": url, "PYTHONPYCACHEPREFIX": PYCACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [BANKLADDER, "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base)
            wait_workers(log, workers)
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def sign_in(client: httpx2.Client, username: str, password: str) -> str:
    """Sign in with the form and its CSRF token; the session's CSRF token (from My day)."""
    form = HIDDEN_CSRF.search(client.get("/sign-in").text)
    if form is None:
        raise SystemExit("no csrf_token in the sign-in form")
    data = {"username": username, "password": password, "csrf_token": form.group(1)}
    answer = client.post("/sign-in", data=data)
    if answer.status_code != 303:
        raise SystemExit(f"sign-in as {username} refused: {answer.status_code}")
    page = HIDDEN_CSRF.search(client.get("/").text)
    return page.group(1) if page else ""


def busiest_rm(url: str) -> tuple[str, str]:
    """The RM user with the most open actions: (username, rm_id)."""
    with psycopg.connect(libpq(url)) as con:
        row = con.execute(
            "SELECT u.username, u.rm_id FROM user_account u JOIN (SELECT rm_id, count(*) AS n "
            "FROM action WHERE status = 'open' GROUP BY rm_id) a ON a.rm_id = u.rm_id "
            "WHERE u.role = 'rm' ORDER BY a.n DESC, u.username LIMIT 1"
        ).fetchone()
    if row is None:
        raise SystemExit("no RM user with open actions: build the store with workbench_store.py")
    return str(row[0]), str(row[1])


def rm_of(url: str, username: str) -> str:
    with psycopg.connect(libpq(url)) as con:
        row = con.execute("SELECT rm_id FROM user_account WHERE username = %s", (username,))
        found = row.fetchone()
    if found is None or found[0] is None:
        raise SystemExit(f"no RM user {username!r}")
    return str(found[0])


def book(url: str, rm_id: str, limit: int = 100) -> tuple[list[str], int, int]:
    """Parties of the RM's open actions (highest priority first), open actions, parties held."""
    with psycopg.connect(libpq(url)) as con:
        parties = [
            str(r[0])
            for r in con.execute(
                "SELECT party_id FROM action WHERE rm_id = %s AND status = 'open' "
                "GROUP BY party_id ORDER BY max(priority) DESC, party_id LIMIT %s",
                (rm_id, limit),
            )
        ]
        counted = con.execute(
            "SELECT (SELECT count(*) FROM action WHERE rm_id = %s AND status = 'open'), "
            "(SELECT count(*) FROM party WHERE rm_id = %s)",
            (rm_id, rm_id),
        ).fetchone()
    assert counted is not None
    return parties, int(counted[0]), int(counted[1])


def stats(seconds: list[float], errors: int) -> Stats:
    ms = np.array(seconds) * 1000
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    return Stats(float(p50), float(p95), float(p99), float(ms.max()), errors)


def measure(
    client: httpx2.Client, path: str, parties: list[str], warm_up: int, requests: int
) -> Stats | None:
    """Time ``requests`` GETs of ``path`` (cycling through ``parties``) after ``warm_up``;
    None when the route is not served."""
    paths = [path.format(party=p) for p in parties] if "{party}" in path else [path]
    first = client.get(paths[0])
    if first.status_code in (404, 405):
        return None
    for n in range(warm_up):
        client.get(paths[n % len(paths)])
    seconds, errors = [], 0
    for n in range(requests):
        started = time.perf_counter()
        answer = client.get(paths[n % len(paths)])
        seconds.append(time.perf_counter() - started)
        if answer.status_code != 200:
            errors += 1
    return stats(seconds, errors)


def latency(args: argparse.Namespace, url: str) -> None:
    username = args.username
    rm_id = rm_of(url, username) if username else None
    if username is None:
        username, rm_id = busiest_rm(url)
    assert rm_id is not None
    parties, open_actions, held = book(url, rm_id)
    print(
        f"RM {rm_id} (user {username}): {held:,} parties, {open_actions:,} open actions; "
        f"Party 360 cycles through {len(parties)} parties of its open actions"
    )
    runs: dict[str, list[Stats]] = {}
    with serve(url, args.port or free_port(), args.workers, args.log) as base:
        print(
            f"serving {base} with {args.workers} workers (log {args.log}); "
            f"fresh connections {args.fresh_connections}"
        )
        for run in range(1, args.runs + 1):
            headers = {"Connection": "close"} if args.fresh_connections else {}
            with httpx2.Client(base_url=base, timeout=60, headers=headers) as client:
                sign_in(client, username, args.password)
                for name, path in PAGES.items():
                    before = load_average()
                    got = measure(client, path, parties, args.warm_up, args.requests)
                    if got is None:
                        print(f"run {run} {name:<12} {path}: not served yet (404/405), skipped")
                        continue
                    runs.setdefault(name, []).append(got)
                    print(
                        f"run {run} {name:<12} p50 {got.p50:7.1f}  p95 {got.p95:7.1f}  "
                        f"p99 {got.p99:7.1f}  max {got.max:7.1f} ms  errors {got.errors}  "
                        f"load {before:.1f}->{load_average():.1f}",
                        flush=True,
                    )
    print(
        f"\nmedian of {args.runs} runs, {args.requests} requests each after {args.warm_up} "
        f"warm-up (ms):"
    )
    print(f"{'page':<12} {'path':<24} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} {'errors':>6}")
    for name, measured in runs.items():
        print(
            f"{name:<12} {PAGES[name]:<24} "
            f"{statistics.median(s.p50 for s in measured):7.1f} "
            f"{statistics.median(s.p95 for s in measured):7.1f} "
            f"{statistics.median(s.p99 for s in measured):7.1f} "
            f"{statistics.median(s.max for s in measured):7.1f} "
            f"{sum(s.errors for s in measured):>6}"
        )


def locust(args: argparse.Namespace, url: str) -> None:
    prefix = HERE / "out" / "locust"
    port = args.port or free_port()
    with serve(url, port, args.workers, args.log) as base:
        print(
            f"serving {base} with {args.workers} workers; think time {args.wait} s; "
            f"weights {args.weights}; "
            f"fresh connections {args.fresh_connections}; load {load_average():.1f}"
        )
        command = [str(Path(sys.executable).parent / "locust"), "-f", str(HERE / "locustfile.py")]
        command += ["--headless", "-u", str(args.users), "-r", str(args.spawn_rate)]
        command += ["-t", args.duration, "--host", base, "--csv", str(prefix), "--only-summary"]
        env = {**os.environ, "BENCH_DATABASE_URL": url, "BENCH_PASSWORD": args.password}
        env["BENCH_WAIT"], env["BENCH_WEIGHTS"] = args.wait, args.weights
        env["BENCH_MEASURE_AFTER_SIGN_IN"] = "0" if args.include_sign_in else "1"
        env["BENCH_FRESH_CONNECTIONS"] = "1" if args.fresh_connections else ""
        print(" ".join(command), flush=True)
        started = time.perf_counter()
        done = subprocess.run(command, env=env, check=False)
        print(
            f"locust exited {done.returncode} after {time.perf_counter() - started:.0f} s; "
            f"load {load_average():.1f}"
        )
    print_locust(prefix)


def print_locust(prefix: Path) -> None:
    with Path(f"{prefix}_stats.csv").open() as stats_file:
        rows = list(csv.DictReader(stats_file))
    print(
        f"{'type':<5} {'name':<28} {'requests':>8} {'errors':>6} {'req/s':>6} "
        f"{'p50':>6} {'p95':>6} {'p99':>6} {'max':>7} (ms)"
    )
    for row in rows:
        print(
            f"{row['Type']:<5} {row['Name']:<28} {row['Request Count']:>8} "
            f"{row['Failure Count']:>6} {float(row['Requests/s']):6.1f} {row['50%']:>6} "
            f"{row['95%']:>6} {row['99%']:>6} {float(row['Max Response Time']):7.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--username", help="default: the RM user with the most open actions")
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--port", type=int, help="default: a free port")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--fresh-connections",
        action="store_true",
        help="a new TCP connection per request (Connection: close), which avoids the 40 ms "
        "delayed-ACK stall of keep-alive connections to `serve --workers N` (see the notes)",
    )
    parser.add_argument("--wait", default="1,3", help="locust think time: MIN,MAX seconds")
    parser.add_argument(
        "--include-sign-in",
        action="store_true",
        help="locust: keep the sign-in burst in the figures (default: reset after the last)",
    )
    parser.add_argument("--weights", default="5,4,1", help="locust: My day, 360, log a visit")
    parser.add_argument("--log", type=Path, default=HERE / "out" / "workbench_serve.log")
    parser.add_argument("--locust", action="store_true", help="the locust load run instead")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--duration", default="2m")
    args = parser.parse_args()
    url = database_url(args.server, args.database)
    if args.locust:
        locust(args, url)
    else:
        latency(args, url)


if __name__ == "__main__":
    main()
