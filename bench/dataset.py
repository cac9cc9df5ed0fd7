"""The data set a run measures: reused when the database holds the same size and seed,
generated otherwise.

A marker table (bench_dataset) records what the bench generated and how fast, next to the
data itself, so a data set is recognised whatever directory or shell the next run starts
from. A database with orders and no marker is not the bench's: it is never emptied. Runs
measure a copy (runcopy.py), so the data set stays as generated.

On PostgreSQL a new data set is vacuumed once before it is measured. A database that received
its orders over months has been vacuumed by autovacuum all along; one loaded in two minutes has
not, and its first readers pay for that instead: no index-only scans (no visibility map) and
hint bits set by every first read. That state lasts until autovacuum reaches the big tables,
so without this step a run measured whatever moment of it the run happened to meet.
"""

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from bench import generation
from bench.config import BenchConfig
from bench.rawsql import MARKER_TABLE
from bench.results import Recorder


@dataclass
class Dataset:
    orders: int  # as generated
    orders_now: int  # as counted: the generated orders (a data set is never written after)
    marker: dict
    reused: bool


def marker_read() -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (name varchar(50) PRIMARY KEY, value text)"
        )
        cursor.execute(f"SELECT value FROM {MARKER_TABLE} WHERE name = 'dataset'")
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def marker_write(marker: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {MARKER_TABLE} WHERE name = 'dataset'")
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} (name, value) VALUES ('dataset', %s)", [json.dumps(marker)]
        )


def order_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM orders_order")
        return cursor.fetchone()[0]


def reuse_decision(config: BenchConfig, marker: dict | None, orders_now: int) -> str:
    """One of: reuse; generate (an empty database); regenerate (the bench's data set, of
    another size or seed); refuse (data the bench did not make)."""
    if marker is None:
        return "generate" if orders_now == 0 else "refuse"
    same = (marker.get("orders"), marker.get("seed"), marker.get("consultations")) == (
        config.orders,
        config.seed,
        config.consultations,
    )
    return "reuse" if same else "regenerate"


def dataset_prepare(config: BenchConfig, recorder: Recorder) -> Dataset:
    call_command("migrate", verbosity=0, interactive=False)
    marker, orders_now = marker_read(), order_count()
    decision = reuse_decision(config, marker, orders_now)
    if decision == "refuse":
        raise SystemExit(
            f"The database holds {orders_now:,} orders that the bench did not generate. "
            "Point DATABASE_URL at an empty database of its own (e.g. …/bench_20k)."
        )
    if decision == "regenerate":
        print(
            f"The database holds the bench's data set of {marker.get('orders'):,} orders "
            f"(seed {marker.get('seed')}); generating it again."
        )
        _empty_database()
        call_command("migrate", verbosity=0, interactive=False)
        marker_read()
    if decision == "reuse":
        print(
            f"Reusing the data set of {config.orders:,} orders (seed {config.seed}) generated "
            f"{marker['generated_at']}."
        )
    else:
        marker = _generate(config)
        orders_now = order_count()
    if connection.vendor == "postgresql" and not marker.get("vacuumed_at"):
        _vacuum()
        marker["vacuumed_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        marker_write(marker)
    _record_generation(recorder, marker, reused=decision == "reuse")
    return Dataset(config.orders, orders_now, marker, decision == "reuse")


def _generate(config: BenchConfig) -> dict:
    print(f"Generating {config.orders:,} orders (seed {config.seed})…", flush=True)
    seconds, rate = generation.demo_run(orders=config.orders, consultations=0, seed=config.seed)
    if config.consultations:
        print(f"Generating {config.consultations:,} consultation requests…", flush=True)
        generation.demo_run(orders=0, consultations=config.consultations, seed=config.seed + 1)
    print("Measuring the raw-SQL write baseline (the same rows written by the driver)…")
    baseline = generation.raw_write_rate()
    marker = {
        "orders": config.orders,
        "consultations": config.consultations,
        "seed": config.seed,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generate_seconds": seconds,
        "generate_orders_per_s": rate,
        "raw_write": baseline,
    }
    marker_write(marker)
    return marker


def _vacuum() -> None:
    """VACUUM (ANALYZE) the whole data set, as autovacuum would after the load; not part of
    the generation rate (autovacuum does it in the background, not in `orderdesk demo`)."""
    print("Vacuuming the new data set, as autovacuum would after a load…", flush=True)
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    print(f"    vacuumed in {time.monotonic() - started:.1f} s")


def _record_generation(recorder: Recorder, marker: dict, *, reused: bool) -> None:
    rate, raw = marker["generate_orders_per_s"], marker["raw_write"]
    note = "orderdesk demo, orders only (requests generated apart)"
    if reused:
        note += f"; data set reused: figures from its generation at {marker['generated_at']}"
    recorder.add(
        "generate_orders_per_s",
        rate,
        timing={"seconds": marker["generate_seconds"]},
        raw_sql={
            "what": f"the first {raw['orders']:,} orders' rows of every order table written "
            "again by the driver alone (COPY / executemany) into indexed copies",
            "value": raw["orders_per_s"],
            "unit": "orders/s",
        },
        ratio=raw["orders_per_s"] / rate,
        note=note,
    )


def _empty_database() -> None:
    """Only ever called on the bench's own data set (the marker says so)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        return
    path = Path(connection.settings_dict["NAME"])
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
