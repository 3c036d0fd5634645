"""A realistic bank for the analytics dashboards, generated inside DuckDB with SQL.

Everything is pseudo-random by DuckDB's ``hash()`` of row numbers and a seed: deterministic for
a seed and a size, and no Python loop per row. The tables are the snapshot's (``TABLES`` in
``bankladder.analytics.snapshot``), filled in the connection given.

- parties: ``P000000000``..; 10% enterprises (segments micro/sme/corporate, a GB/T 4754
  division such as ``C13``), the rest persons (mass/affluent/private); masked names; 2,000 RMs,
  20 to a branch over 100 branches (``BR000``..``BR099``); 0.2% without an RM; 80% customers
  (``customer_since``).
- transitions: 24 month-ends, the newest ``NEWEST``. 85% of parties are on the ladder: 60% of
  those were placed at the first month-end on any rung, the others enter later on rung 1 or 2.
  After that a party moves one rung up (52%) or down at a month-end with odds 40% (the 30%
  "active" parties) or 7% (the rest); a rung walk reflecting at the top and bottom rungs.
- contacts: the 12 months up to ``NEWEST``, 0-9 per party plus 0-15 more for a busy 20%.
- answers: RMs' answers to actions (done/snoozed/not relevant) for a quarter of the parties.
- referrals: 15% of parties refer one or two others (any party), over the 24 months; 30% convert
  7-126 days later (unless that is after ``NEWEST``), 15% lost.
- loans: one application for 5% of parties over the 24 months, moved through the statuses to
  disbursed (55%), declined after credit review (15%), withdrawn (10%) or still open (20%),
  2-240 hours between moves.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import duckdb

NEWEST = dt.date(2026, 10, 31)
"""The newest month-end: transitions run from 2024-11-30 to here (24 month-ends)."""
FIRST_MONTH = dt.date(2024, 11, 1)
MONTHS = 24
RMS = 2000
RMS_PER_BRANCH = 20

INDUSTRIES = (
    "A01",
    "A03",
    "B06",
    "C13",
    "C14",
    "C17",
    "C18",
    "C22",
    "C26",
    "C27",
    "C29",
    "C30",
    "C33",
    "C34",
    "C35",
    "C36",
    "C38",
    "C39",
    "D44",
    "E47",
    "E48",
    "F51",
    "F52",
    "G54",
    "G58",
    "H61",
    "H62",
    "I63",
    "I64",
    "I65",
    "J66",
    "K70",
    "L71",
    "L72",
    "M73",
    "M75",
    "N77",
    "O80",
    "P83",
    "Q84",
    "R86",
    "R87",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def _u(expr: str, salt: int, modulo: int) -> str:
    """A pseudo-random integer 0..modulo-1 from ``expr`` and a salt (the seed added later)."""
    return f"CAST(hash({expr}, $seed + {salt}) % {modulo} AS BIGINT)"


def _list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def _rm_index(i: str) -> str:
    """The RM (0..1999) of party ``i``, or -1 for the 0.2% without one."""
    return f"CASE WHEN {_u(i, 5, 500)} = 0 THEN -1 ELSE {_u(i, 4, RMS)} END"


def _rm_id(i: str) -> str:
    rm = _rm_index(i)
    return f"CASE WHEN {rm} < 0 THEN NULL ELSE 'RM' || lpad(CAST({rm} AS VARCHAR), 4, '0') END"


def _party_id(i: str) -> str:
    return f"'P' || lpad(CAST({i} AS VARCHAR), 9, '0')"


def _month_end(m: str) -> str:
    return f"last_day(DATE '{FIRST_MONTH}' + to_months(CAST({m} AS INTEGER)))"


def rms(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    con.execute(
        f"""INSERT INTO rms
        SELECT 'RM' || lpad(CAST(r AS VARCHAR), 4, '0'),
               {_list(list(SURNAMES))}[1 + {_u("r", 1, len(SURNAMES))}]
                 || {_list(list(GIVEN))}[1 + {_u("r", 2, len(GIVEN))}],
               'BR' || lpad(CAST(r // {RMS_PER_BRANCH} AS VARCHAR), 3, '0')
        FROM range({RMS}) t(r)""",
        {"seed": seed},
    )


def parties(con: duckdb.DuckDBPyConnection, n: int, seed: int) -> None:
    rm = _rm_index("i")
    con.execute(
        f"""INSERT INTO parties
        SELECT {_party_id("i")},
               CASE WHEN ent THEN 'enterprise' ELSE 'person' END,
               CASE WHEN ent THEN '**' || {_list(["贸易", "科技", "制造", "建设", "物流"])}[
                        1 + {_u("i", 6, 5)}] || '有限公司'
                    ELSE {_list(list(SURNAMES))}[1 + {_u("i", 7, len(SURNAMES))}] || '**' END,
               {_rm_id("i")},
               CASE WHEN {rm} < 0 THEN NULL
                    ELSE 'BR' || lpad(CAST({rm} // {RMS_PER_BRANCH} AS VARCHAR), 3, '0') END,
               CASE WHEN ent THEN (CASE WHEN s < 50 THEN 'micro' WHEN s < 85 THEN 'sme'
                                        ELSE 'corporate' END)
                    ELSE (CASE WHEN s < 70 THEN 'mass' WHEN s < 95 THEN 'affluent'
                               ELSE 'private' END) END,
               CASE WHEN ent THEN {_list(INDUSTRIES)}[1 + {_u("i", 8, len(INDUSTRIES))}] END,
               CASE WHEN {_u("i", 9, 10)} < 8
                    THEN DATE '2010-01-01' + CAST({_u("i", 10, 6100)} AS INTEGER) END
        FROM (SELECT i, {_u("i", 1, 10)} = 0 AS ent, {_u("i", 2, 100)} AS s
              FROM range({n}) t(i))""",
        {"seed": seed},
    )


def transitions(con: duckdb.DuckDBPyConnection, n: int, seed: int, rungs: int) -> None:
    """The rung walk: first placement (from rank 0), then +-1 moves reflecting at 1 and
    ``rungs`` (position folded with period 2 x (rungs - 1))."""
    period = 2 * (rungs - 1)
    con.execute(
        f"""CREATE TEMP TABLE entries AS
        SELECT i,
               CASE WHEN {_u("i", 21, 100)} < 60 THEN 0 ELSE 1 + {_u("i", 22, MONTHS - 1)} END
                 AS first_month,
               {_u("i", 23, 100)} < 30 AS active
        FROM range({n}) t(i) WHERE {_u("i", 20, 100)} < 85""",
        {"seed": seed},
    )
    first_rank = (
        f"CASE WHEN e.first_month = 0 THEN 1 + {_u('e.i', 24, rungs)} "
        f"ELSE 1 + {_u('e.i', 25, 2)} END"
    )
    con.execute(
        f"""INSERT INTO transitions
        WITH moves AS (
            SELECT e.i, m.m,
                   CASE WHEN m.m = e.first_month THEN {first_rank} - 1
                        WHEN {_u("e.i, m.m", 26, 100)} < 52 THEN 1 ELSE -1 END AS step
            FROM entries e JOIN range({MONTHS}) m(m) ON m.m >= e.first_month
            WHERE m.m = e.first_month
               OR {_u("e.i, m.m", 27, 1000)} < CASE WHEN e.active THEN 400 ELSE 70 END
        ), walked AS (
            SELECT i, m, ((sum(step) OVER w) % {period} + {period}) % {period} AS pos
            FROM moves WINDOW w AS (PARTITION BY i ORDER BY m ROWS UNBOUNDED PRECEDING)
        ), ranked AS (
            SELECT i, m, 1 + CASE WHEN pos > {rungs - 1} THEN {period} - pos ELSE pos END AS rank
            FROM walked
        )
        SELECT {_party_id("i")},
               coalesce(lag(rank) OVER (PARTITION BY i ORDER BY m), 0),
               rank, {_month_end("m")}
        FROM ranked""",
        {"seed": seed},
    )
    con.execute("DROP TABLE entries")


CONTACT_KINDS = (
    ("visit", 20),
    ("call", 35),
    ("message", 25),
    ("event", 5),
    ("care", 7),
    ("service", 6),
    ("complaint", 2),
)


def _weighted(choices: tuple[tuple[str, int], ...], draw: str) -> str:
    """A CASE picking a value by cumulative weights (out of 100) on ``draw`` (0..99)."""
    terms, upto = [], 0
    for value, weight in choices[:-1]:
        upto += weight
        terms.append(f"WHEN {draw} < {upto} THEN '{value}'")
    return f"CASE {' '.join(terms)} ELSE '{choices[-1][0]}' END"


def contacts(con: duckdb.DuckDBPyConnection, n: int, seed: int) -> None:
    since = NEWEST - dt.timedelta(days=364)
    con.execute(
        f"""INSERT INTO contacts
        SELECT {_party_id("i")}, {_rm_id("i")},
               {_weighted(CONTACT_KINDS, _u("i, j", 33, 100))},
               DATE '{since}' + CAST({_u("i, j", 34, 365)} AS INTEGER)
        FROM (SELECT i, unnest(range(c)) AS j
              FROM (SELECT i, {_u("i", 31, 10)}
                              + CASE WHEN {_u("i", 32, 100)} < 20 THEN {_u("i", 35, 16)}
                                     ELSE 0 END AS c
                    FROM range({n}) t(i)))""",
        {"seed": seed},
    )


def answers(con: duckdb.DuckDBPyConnection, n: int, seed: int) -> None:
    since = NEWEST - dt.timedelta(days=364)
    outcomes = (("done", 60), ("snoozed", 25), ("not_relevant", 15))
    con.execute(
        f"""INSERT INTO answers
        SELECT {_party_id("i")}, {_rm_id("i")},
               {_weighted(outcomes, _u("i, j", 42, 100))},
               DATE '{since}' + CAST({_u("i, j", 43, 365)} AS INTEGER)
        FROM (SELECT i, unnest(range(1 + {_u("i", 41, 4)})) AS j
              FROM range({n}) t(i) WHERE {_u("i", 40, 100)} < 25)""",
        {"seed": seed},
    )


def referrals(con: duckdb.DuckDBPyConnection, n: int, seed: int) -> None:
    days = (NEWEST - FIRST_MONTH).days
    con.execute(
        f"""INSERT INTO referrals
        SELECT referrer, referee, referred_on,
               CASE WHEN s < 30 AND converted <= DATE '{NEWEST}' THEN converted END,
               CASE WHEN s < 30 AND converted <= DATE '{NEWEST}' THEN 'converted'
                    WHEN s < 45 THEN 'lost' WHEN s < 70 THEN 'contacted'
                    ELSE 'introduced' END
        FROM (SELECT {_party_id("i")} AS referrer,
                     {_party_id(_u("i, j", 52, n))} AS referee,
                     DATE '{FIRST_MONTH}' + CAST({_u("i, j", 53, days)} AS INTEGER)
                       AS referred_on,
                     {_u("i, j", 54, 100)} AS s,
                     referred_on + 7 + CAST({_u("i, j", 55, 120)} AS INTEGER) AS converted
              FROM (SELECT i, unnest(range(CASE WHEN {_u("i", 51, 3)} = 0 THEN 2 ELSE 1 END))
                             AS j
                    FROM range({n}) t(i) WHERE {_u("i", 50, 100)} < 15))""",
        {"seed": seed},
    )


LOAN_PATHS = {
    "disbursed": ["received", "documents_complete", "credit_review", "approved", "disbursed"],
    "declined": ["received", "documents_complete", "credit_review", "declined"],
    "withdrawn": ["received", "documents_complete", "withdrawn"],
    "open": ["received", "documents_complete", "credit_review"],
}


def loans(con: duckdb.DuckDBPyConnection, n: int, seed: int) -> None:
    hours = (NEWEST - FIRST_MONTH).days * 24 - 30 * 24
    paths = ", ".join(f"'{k}': {_list(v)}" for k, v in LOAN_PATHS.items())
    con.execute(
        f"""CREATE TEMP TABLE moves AS
        WITH apps AS (
            SELECT i, 'L' || lpad(CAST(i AS VARCHAR), 9, '0') AS application_id,
                   TIMESTAMP '{FIRST_MONTH}' + to_hours({_u("i", 61, hours)}) AS received_at,
                   CASE WHEN o < 55 THEN 'disbursed' WHEN o < 70 THEN 'declined'
                        WHEN o < 80 THEN 'withdrawn' ELSE 'open' END AS outcome
            FROM (SELECT i, {_u("i", 62, 100)} AS o FROM range({n}) t(i)
                  WHERE {_u("i", 60, 20)} = 0)
        ), steps AS (
            SELECT i, application_id, received_at,
                   unnest(CASE WHEN outcome = 'open'
                               THEN (MAP {{{paths}}})[outcome][1:1 + {_u("i", 63, 3)}]
                               ELSE (MAP {{{paths}}})[outcome] END) AS to_status,
                   generate_subscripts(CASE WHEN outcome = 'open'
                               THEN (MAP {{{paths}}})[outcome][1:1 + {_u("i", 63, 3)}]
                               ELSE (MAP {{{paths}}})[outcome] END, 1) AS k
            FROM apps
        )
        SELECT i, application_id,
               lag(to_status) OVER w AS from_status, to_status,
               received_at + to_hours(CAST(sum(CASE WHEN k = 1 THEN 0
                                                    ELSE 2 + {_u("i, k", 64, 239)} END)
                                           OVER w AS BIGINT)) AS moved_at
        FROM steps WINDOW w AS (PARTITION BY application_id ORDER BY k)""",
        {"seed": seed},
    )
    con.execute(
        "INSERT INTO loan_moves SELECT application_id, from_status, to_status, moved_at FROM moves"
    )
    con.execute(
        f"""INSERT INTO loans
        SELECT application_id, {_party_id("i")}, {_rm_id("i")},
               arg_max(to_status, moved_at), min(moved_at), max(moved_at)
        FROM moves GROUP BY i, application_id""",
        {"seed": seed},
    )
    con.execute("DROP TABLE moves")


def generate(
    con: duckdb.DuckDBPyConnection,
    n: int,
    seed: int,
    rungs: int,
    report: Callable[[str, float], None],
) -> None:
    """Fill every snapshot table but ``stages`` (and the derived spells); ``report`` is told
    each table's name and the seconds it took."""
    steps: list[tuple[str, Callable[[], None]]] = [
        ("rms", lambda: rms(con, seed)),
        ("parties", lambda: parties(con, n, seed)),
        ("transitions", lambda: transitions(con, n, seed, rungs)),
        ("contacts", lambda: contacts(con, n, seed)),
        ("answers", lambda: answers(con, n, seed)),
        ("referrals", lambda: referrals(con, n, seed)),
        ("loans", lambda: loans(con, n, seed)),
    ]
    for name, step in steps:
        started = time.perf_counter()
        step()
        report(name, time.perf_counter() - started)
