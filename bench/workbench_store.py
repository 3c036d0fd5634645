"""A full bankladder store on PostgreSQL from the generated Parquet, for the workbench benchmark.

    uv run python bench/generate.py --parties 1000000 --out bench/out/1m     # if missing
    uv run python bench/workbench_store.py --data bench/out/1m

Steps, each timed:
1. a fresh database (``--database``, default ``bankladder_bench_workbench``, dropped and made
   again) on the server (``--server``), migrated to the newest schema
   (``store.database.connect_for_upgrade`` + ``upgrade``);
2. the bank (profile young), one branch per ``--rms-per-branch`` RMs and the RMs, from the
   ``rm_id`` values of the party file;
3. the Parquet source tables COPYed into the store's tables (CSV written by PyArrow), with the
   columns the generated data lacks filled with synthetic but valid-looking values (names, mobile
   and resident ID numbers of persons, product names, need kinds, account numbers, the RM of each
   interaction); the foreign keys and secondary indexes are dropped for the load and made again
   after it, the integer id sequences are set past the loaded ids, then ANALYZE;
4. the store evaluated in place on PostgreSQL as of ``--as-of`` with
   ``evaluation.service.evaluate_store`` (assessments, transitions and actions recorded);
5. one workbench user per RM (role rm, username ``rm01234`` for RM ``RM01234``), all with the
   password ``--password``, hashed once (argon2id is slow on purpose) and inserted in one
   statement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import psycopg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import sqlalchemy as sa

from bankladder.accounts.passwords import hash_password
from bankladder.config import Settings
from bankladder.evaluation.ladders import bank_ladder
from bankladder.evaluation.service import evaluate_store
from bankladder.store.database import connect_for_upgrade, unit_of_work, upgrade

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DATABASE = "bankladder_bench_workbench"
PASSWORD = "bench-rm-password-2026"
AS_OF = dt.date(2026, 6, 30)
COPY_ROWS = 200_000
RMS_PER_BRANCH = 10
CITIES = ("上海", "北京", "深圳", "广州", "杭州", "成都", "武汉", "南京", "苏州", "重庆")
REGIONS = ("浦东新区", "徐汇区", "朝阳区", "海淀区", "南山区", "天河区", "西湖区", "高新区")
NEED_KINDS = ("payroll", "settlement", "working_capital", "wealth", "mortgage", "fx", "insurance")
FAMILY_NAMES = {
    "deposit": ("存款", "Deposit"),
    "card": ("信用卡", "Credit card"),
    "wealth": ("理财", "Wealth"),
    "loan": ("贷款", "Loan"),
    "insurance": ("保险", "Insurance"),
    "payment": ("支付结算", "Payments"),
}
ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = np.array(list("10X98765432"))


def database_url(server: str, name: str) -> str:
    return sa.make_url(server).set(database=name).render_as_string(hide_password=False)


def libpq(url: str) -> str:
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def load_average() -> float:
    return os.getloadavg()[0]


@contextmanager
def step(name: str, times: dict[str, float]) -> Iterator[None]:
    started = time.perf_counter()
    print(f"{time.strftime('%H:%M:%S')} {name} ... (load {load_average():.1f})", flush=True)
    yield
    times[name] = time.perf_counter() - started
    print(f"{time.strftime('%H:%M:%S')} {name}: {times[name]:.1f} s", flush=True)


# --- synthetic columns ---------------------------------------------------------------------


def _numbers(ids: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """P00000123 -> 123."""
    return np.asarray(pc.cast(pc.utf8_slice_codeunits(ids, 1), pa.int64()))


def _text(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    return pa.array(np.char.add(prefix, np.char.zfill(numbers.astype(str), width)))


def _resident_ids(numbers: np.ndarray) -> np.ndarray:
    """GB 11643 numbers: a Shanghai area code, a birth date 1960-2004, a sequence, the check."""
    rng = np.random.default_rng(11643)
    born = np.datetime64("1960-01-01") + rng.integers(0, 45 * 365, size=len(numbers))
    day = np.char.replace(np.datetime_as_string(born.astype("datetime64[D]")), "-", "")
    body = np.char.add(np.char.add("310115", day), np.char.zfill((numbers % 1000).astype(str), 3))
    digits = np.frombuffer(body.astype("S17").tobytes(), dtype=np.uint8).reshape(-1, 17) - 48
    check = ID_CHECK[(digits.astype(np.int64) @ ID_WEIGHTS) % 11]
    return np.char.add(body, check)


def party_table(source: pa.Table) -> pa.Table:
    numbers = _numbers(source["id"])
    person = np.asarray(pc.equal(source["kind"], "person"))
    digits = np.char.zfill(numbers.astype(str), 6)
    names = np.where(
        person, np.char.add("客户", digits), np.char.add(np.char.add("某某", digits), "有限公司")
    )
    mobile = np.char.add("138", np.char.zfill(numbers.astype(str), 8))
    region = np.array(REGIONS)[numbers % len(REGIONS)]
    return (
        source.append_column("name", pa.array(names))
        .append_column("mobile", pa.array(mobile, mask=~person))
        .append_column("id_number", pa.array(_resident_ids(numbers), mask=~person))
        .append_column("region", pa.array(region))
    )


def product_table(source: pa.Table) -> pa.Table:
    codes, families = source["code"].to_pylist(), source["family"].to_pylist()
    zh = [f"{FAMILY_NAMES[f][0]}产品{c[-2:]}" for c, f in zip(codes, families, strict=True)]
    en = [f"{FAMILY_NAMES[f][1]} product {c[-2:]}" for c, f in zip(codes, families, strict=True)]
    empty = pa.array(["[]"] * len(codes))
    return (
        source.append_column("name_zh", pa.array(zh))
        .append_column("name_en", pa.array(en))
        .append_column("target_segments", empty)
        .append_column("target_industries", empty)
    )


def holding_table(source: pa.Table) -> pa.Table:
    ids = np.asarray(source["id"])
    return source.append_column("account_no", _text("6222", ids, 15))


def with_ids(source: pa.Table) -> pa.Table:
    return source.add_column(0, "id", pa.array(np.arange(1, source.num_rows + 1, dtype=np.int64)))


def interaction_table(source: pa.Table, rm_of_party: pa.Array) -> pa.Table:
    owner = pc.take(rm_of_party, pa.array(_numbers(source["party_id"])))
    return with_ids(source).append_column("rm_id", owner)


def need_table(source: pa.Table) -> pa.Table:
    pick = np.arange(source.num_rows) % len(NEED_KINDS)
    return with_ids(source).append_column("kind", pa.array(np.array(NEED_KINDS)[pick]))


# --- loading ---------------------------------------------------------------------------------


def copy_table(con: psycopg.Connection, table: str, data: pa.Table) -> None:
    columns = ", ".join(f'"{name}"' for name in data.column_names)
    options = pacsv.WriteOptions(include_header=False)
    with con.cursor().copy(f'COPY "{table}" ({columns}) FROM STDIN (FORMAT csv)') as copy:
        for batch in data.to_batches(COPY_ROWS):
            buffer = io.BytesIO()
            pacsv.write_csv(pa.Table.from_batches([batch]), buffer, options)
            copy.write(buffer.getvalue())


def reference_tables(con: psycopg.Connection, party: pa.Table, per_branch: int) -> int:
    """The bank, its branches and RMs (from the party file's rm_id); the number of RMs."""
    rms = sorted(r for r in pc.unique(party["rm_id"]).to_pylist() if r is not None)
    con.execute("INSERT INTO bank (id, name, profile) VALUES (1, '基准测试银行', 'young')")
    branches = [f"BR{n // per_branch:04d}" for n in range(len(rms))]
    unique_branches = sorted(set(branches))
    copy_table(
        con,
        "branch",
        pa.table(
            {
                "id": unique_branches,
                "name": [f"第{b[2:]}支行" for b in unique_branches],
                "city": [CITIES[n % len(CITIES)] for n in range(len(unique_branches))],
            }
        ),
    )
    copy_table(
        con,
        "rm",
        pa.table(
            {
                "id": rms,
                "name": [f"客户经理{r[2:]}" for r in rms],
                "branch_id": branches,
                "active": [True] * len(rms),
            }
        ),
    )
    return len(rms)


def drop_constraints(con: psycopg.Connection, tables: list[str]) -> list[str]:
    """Drop the foreign keys and secondary indexes of ``tables``; the DDL to make them again."""
    foreign = con.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
        (tables,),
    ).fetchall()
    indexes = con.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
        "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conname = i.indexname)",
        (tables,),
    ).fetchall()
    restore = []
    for table, name, definition in foreign:
        con.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for name, definition in indexes:
        con.execute(f'DROP INDEX "{name}"')
        restore.insert(0, definition)
    return restore


def load_sources(
    con: psycopg.Connection, data: Path, party: pa.Table, times: dict[str, float]
) -> int:
    """COPY the eight source tables; the number of rows."""
    rm_of_party = party["rm_id"].combine_chunks()
    loaders = {
        "party": lambda t: party_table(t),
        "product": product_table,
        "holding": holding_table,
        "balance": lambda t: t,
        "interaction": lambda t: interaction_table(t, rm_of_party),
        "need": need_table,
        "relationship": with_ids,
        "referral": with_ids,
    }
    rows = 0
    for table, shape in loaders.items():
        started = time.perf_counter()
        source = party if table == "party" else pq.read_table(data / f"{table}.parquet")
        shaped = shape(source)
        copy_table(con, table, shaped)
        rows += shaped.num_rows
        times[f"copy {table}"] = time.perf_counter() - started
        print(f"  {table}: {shaped.num_rows:,} rows in {times[f'copy {table}']:.1f} s", flush=True)
    return rows


def reset_sequences(con: psycopg.Connection) -> None:
    tables = con.execute(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND column_name = 'id' AND pg_get_serial_sequence(table_name, 'id') IS NOT NULL"
    ).fetchall()
    for (table,) in tables:
        con.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f'COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)'
        )


def add_users(con: psycopg.Connection, password: str) -> int:
    digest = hash_password(password)
    cursor = con.execute(
        "INSERT INTO user_account (username, password_hash, role, rm_id, locale, active, "
        "created_at) SELECT lower(id), %s, 'rm', id, 'zh-CN', true, now() FROM rm ORDER BY id",
        (digest,),
    )
    return cursor.rowcount


def build(args: argparse.Namespace) -> None:
    times: dict[str, float] = {}
    url = database_url(args.server, args.database)
    total = time.perf_counter()
    with step("create and migrate", times):
        admin = sa.create_engine(args.server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)'))
            c.execute(sa.text(f'CREATE DATABASE "{args.database}"'))
        admin.dispose()
        store = connect_for_upgrade(url)
        upgrade(store)
    party = pq.read_table(args.data / "party.parquet")
    sources = ["party", "product", "holding", "balance", "interaction", "need"]
    sources += ["relationship", "referral"]
    with psycopg.connect(libpq(url)) as con:
        with step("bank, branches, RMs", times):
            rms = reference_tables(con, party, args.rms_per_branch)
            print(f"  {rms:,} RMs in {-(-rms // args.rms_per_branch):,} branches")
        with step("drop foreign keys and indexes", times):
            restore = drop_constraints(con, sources)
        with step("COPY sources", times):
            rows = load_sources(con, args.data, party, times)
            print(f"  {rows:,} rows")
        with step("indexes and foreign keys", times):
            for statement in restore:
                con.execute(statement)
        with step("sequences", times):
            reset_sequences(con)
        con.commit()
    with psycopg.connect(libpq(url), autocommit=True) as con, step("ANALYZE", times):
        con.execute("ANALYZE")
    with step(f"evaluate in place as of {args.as_of}", times):
        settings = Settings(database_url=url)
        with unit_of_work(store) as session:
            ladder = bank_ladder(session, settings)
        run = evaluate_store(store, ladder, args.as_of, engine="postgres")
        print(
            f"  {run.parties:,} parties in {run.seconds:.1f} s (by rank {run.by_rank}), "
            f"{run.transitions:,} transitions, {run.actions_proposed:,} actions proposed"
        )
    with psycopg.connect(libpq(url), autocommit=True) as con:
        with step("users (one argon2id hash)", times):
            users = add_users(con, args.password)
            print(f"  {users:,} users, password {args.password!r}")
        with step("ANALYZE after evaluation", times):
            con.execute("ANALYZE")
    store.dispose()
    print(f"store {url} built in {time.perf_counter() - total:.1f} s")
    for name, seconds in times.items():
        print(f"  {name:<40} {seconds:8.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--rms-per-branch", type=int, default=RMS_PER_BRANCH)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=AS_OF)
    parser.add_argument("--password", default=PASSWORD)
    build(parser.parse_args())


if __name__ == "__main__":
    main()
