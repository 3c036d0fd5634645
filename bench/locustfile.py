"""50 RMs at work on the workbench: My day, a party's 360 page, now and then a visit logged.

Run through the harness, which starts ``bankladder serve --workers 2`` on the bench store and
prints the figures per request type afterwards:

    uv run python bench/workbench_latency.py --locust --users 50 --spawn-rate 10 --duration 2m

or by hand against a server already running on the bench store:

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bankladder_bench_workbench \\
    uv run locust -f bench/locustfile.py --headless -u 50 -r 10 -t 2m \\
        --host http://127.0.0.1:PORT --csv bench/out/locust

Each simulated user signs in as a different RM (the RM users of the store, ``--users`` of them
spread evenly over the RMs by id, all with the one password ``BENCH_PASSWORD``), then loops
with weights 5:4:1 over: My day (``GET /``), the 360 page of one of the parties of its open
actions (``GET /parties/{id}``), and logging a visit to one of them (``POST
/parties/{id}/interactions`` with the session's CSRF token; 303 is success, the redirect is not
followed). Think time ``BENCH_WAIT`` (default 1,3: 1-3 s) between requests. With
``BENCH_FRESH_CONNECTIONS=1`` every request asks for ``Connection: close`` (a new TCP
connection each time). ``BENCH_WEIGHTS`` (default 5,4,1) sets the three weights; a weight
of 0 leaves that request out. The statistics are reset when the last RM has signed in
(argon2id makes 50 sign-ins a burst of CPU that is not the steady work being measured);
``BENCH_MEASURE_AFTER_SIGN_IN=0`` keeps them from the start.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import re
import threading
from typing import Any

import psycopg
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bankladder_bench_workbench"
).replace("postgresql+psycopg://", "postgresql://")
PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-rm-password-2026")
WAIT = [float(s) for s in os.environ.get("BENCH_WAIT", "1,3").split(",")]
HEADERS = {"Connection": "close"} if os.environ.get("BENCH_FRESH_CONNECTIONS") else {}
WEIGHTS = [int(s) for s in os.environ.get("BENCH_WEIGHTS", "5,4,1").split(",")]
MEASURE_AFTER_SIGN_IN = os.environ.get("BENCH_MEASURE_AFTER_SIGN_IN", "1") == "1"
PARTIES_PER_RM = 50
HIDDEN_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

_books: list[tuple[str, list[str]]] = []
_next = itertools.count()
_signed_in = itertools.count(1)
_lock = threading.Lock()


def _load_books(environment: Any, **_kwargs: Any) -> None:
    """The RM users, spread over the RMs, with the parties of their open actions."""
    users = environment.parsed_options.num_users if environment.parsed_options else 50
    with psycopg.connect(DATABASE) as con:
        names = [
            (str(r[0]), str(r[1]))
            for r in con.execute(
                "SELECT username, rm_id FROM user_account WHERE role = 'rm' ORDER BY rm_id"
            )
        ]
        step = max(1, len(names) // users)
        chosen = names[::step][:users]
        for username, rm_id in chosen:
            parties = [
                str(r[0])
                for r in con.execute(
                    "SELECT party_id FROM action WHERE rm_id = %s AND status = 'open' "
                    "GROUP BY party_id ORDER BY max(priority) DESC LIMIT %s",
                    (rm_id, PARTIES_PER_RM),
                )
            ]
            _books.append((username, parties))


events.test_start.add_listener(_load_books)  # type: ignore[no-untyped-call]


class RelationshipManager(FastHttpUser):
    wait_time = between(WAIT[0], WAIT[1])

    def on_start(self) -> None:
        with _lock:
            self.username, self.parties = _books[next(_next) % len(_books)]
        form = self.client.get("/sign-in", name="/sign-in", headers=HEADERS)
        found = HIDDEN_CSRF.search(form.text or "")
        token = found.group(1) if found else ""
        data = {"username": self.username, "password": PASSWORD, "csrf_token": token}
        with self.client.post(
            "/sign-in",
            data=data,
            name="/sign-in",
            headers=HEADERS,
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 303:
                answer.failure(f"sign-in of {self.username} refused: {answer.status_code}")
        self.csrf = ""
        self.my_day()
        with _lock:
            signed_in = next(_signed_in)
        if signed_in == len(_books) and MEASURE_AFTER_SIGN_IN:
            # argon2id makes 50 sign-ins a burst of CPU: measure the work from here on
            print(f"all {signed_in} RMs signed in: statistics reset", flush=True)
            self.environment.stats.reset_all()

    @task(WEIGHTS[0])
    def my_day(self) -> None:
        answer = self.client.get("/", name="my day /", headers=HEADERS)
        found = HIDDEN_CSRF.search(answer.text or "")
        if found:
            self.csrf = found.group(1)

    @task(WEIGHTS[1])
    def party_360(self) -> None:
        if self.parties:
            party = random.choice(self.parties)
            self.client.get(f"/parties/{party}", name="party 360 /parties/[id]", headers=HEADERS)

    @task(WEIGHTS[2])
    def log_visit(self) -> None:
        if not self.parties:
            return
        party = random.choice(self.parties)
        now = dt.datetime.now().replace(second=0, microsecond=0)
        data = {
            "csrf_token": self.csrf,
            "kind": "visit",
            "occurred_at": now.isoformat(timespec="minutes"),
            "outcome": "positive",
            "note": "bench visit",
        }
        with self.client.post(
            f"/parties/{party}/interactions",
            data=data,
            name="log visit POST /parties/[id]/interactions",
            headers=HEADERS,
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 303:
                answer.failure(f"log visit answered {answer.status_code}")
