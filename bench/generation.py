"""Generating a data set with `orderdesk demo`, and its raw baseline: the same rows written
straight through the driver (COPY on PostgreSQL, executemany on SQLite) in the same run."""

import io
import re
import subprocess
import sys
import time

from django.db import connection

from bench.rawsql import RawConnection

DEMO_SUMMARY = re.compile(r"in ([\d.,]+) s \(([\d,]+) orders/s")
# Every table the generator writes for an order, and how its rows point at the order.
ORDER_TABLES = {
    "orders_order": "id",
    "orders_orderitem": "order_id",
    "orders_ordertag": "order_id",
    "orders_payment": "order_id",
    "orders_orderevent": "order_id",
}
BASELINE_ORDERS = 20_000  # enough rows for a stable rate, little enough to hold in memory


def demo_run(*, orders: int, consultations: int, seed: int) -> tuple[float, float]:
    """Run `orderdesk demo`, echoing its progress; (seconds, orders/s) from its last line."""
    command = [
        sys.executable, "-m", "orderdesk.cli", "demo", "--orders", str(orders),
        "--consultations", str(consultations), "--seed", str(seed),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    lines = []
    for line in process.stdout:
        print("   ", line.rstrip(), flush=True)
        lines.append(line)
    if process.wait() != 0:
        raise RuntimeError(f"orderdesk demo failed with exit status {process.returncode}")
    found = DEMO_SUMMARY.search(lines[-1] if lines else "")
    if not found:
        raise RuntimeError(f"cannot read the demo summary: {lines[-1:]!r}")
    seconds = float(found.group(1).replace(",", ""))
    return seconds, float(found.group(2).replace(",", ""))


def raw_write_rate(orders: int = BASELINE_ORDERS) -> dict:
    """Orders/s of writing the first `orders` generated orders again, every table the generator
    fills, through the driver alone, into copies of the tables with the same indexes; rolled back.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM orders_order ORDER BY id LIMIT 1 OFFSET %s", [orders - 1])
        row = cursor.fetchone()
        if row is None:
            cursor.execute("SELECT max(id), count(*) FROM orders_order")
            last_id, orders = cursor.fetchone()
        else:
            last_id = row[0]
    raw = RawConnection()
    try:
        if raw.vendor == "postgresql":
            seconds = _postgres_copy_seconds(raw, last_id)
        else:
            seconds = _sqlite_insert_seconds(raw, last_id)
    finally:
        raw.close()
    return {"orders": orders, "seconds": seconds, "orders_per_s": orders / seconds}


def _postgres_copy_seconds(raw: RawConnection, last_id: int) -> float:
    db = raw.db
    payloads = {}
    with db.cursor() as cursor:
        for table, key in ORDER_TABLES.items():
            buffer = io.BytesIO()
            query = f"COPY (SELECT * FROM {table} WHERE {key} <= {int(last_id)}) TO STDOUT"
            with cursor.copy(query) as copy:
                for data in copy:
                    buffer.write(data)
            payloads[table] = buffer.getvalue()
        cursor.execute("BEGIN")  # the copies exist only until the ROLLBACK below
        for table in ORDER_TABLES:
            cursor.execute(
                f"CREATE TABLE bench_copy_{table} (LIKE {table} INCLUDING DEFAULTS INCLUDING INDEXES)"
            )
        cursor.execute("SET LOCAL synchronous_commit TO off")  # as the generator does
        started = time.perf_counter()
        for table, payload in payloads.items():
            with cursor.copy(f"COPY bench_copy_{table} FROM STDIN") as copy:
                copy.write(payload)
        seconds = time.perf_counter() - started
        cursor.execute("ROLLBACK")
    return seconds


def _sqlite_insert_seconds(raw: RawConnection, last_id: int) -> float:
    cursor = raw.db.cursor()
    rows = {}
    for table, key in ORDER_TABLES.items():
        rows[table] = cursor.execute(
            f"SELECT * FROM {table} WHERE {key} <= ?", [last_id]
        ).fetchall()
    cursor.execute("BEGIN")
    try:
        for table in ORDER_TABLES:
            _sqlite_copy_table(cursor, table)
        started = time.perf_counter()
        for table, table_rows in rows.items():
            if table_rows:
                marks = ", ".join("?" * len(table_rows[0]))
                cursor.executemany(f"INSERT INTO bench_copy_{table} VALUES ({marks})", table_rows)
        return time.perf_counter() - started
    finally:
        cursor.execute("ROLLBACK")


def _sqlite_copy_table(cursor, table: str) -> None:
    """An empty copy of `table` with its indexes (SQLite has no CREATE TABLE … LIKE).

    Not its triggers: they write into the one search index (orders/0005), which a copy cannot
    share, so the baseline leaves that work out and is, if anything, too fast."""
    for kind, name, sql in cursor.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
        "AND type IN ('table', 'index') ORDER BY type DESC",  # the table before its indexes
        [table],
    ).fetchall():
        copy = sql.replace(f'"{table}"', f'"bench_copy_{table}"', 1)
        if kind == "index":
            copy = copy.replace(f'"{name}"', f'"bench_copy_{name}"', 1)
        cursor.execute(copy)
