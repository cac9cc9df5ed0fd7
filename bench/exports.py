"""Exports of every order: `orderdesk export` as a process of its own (rows/s and its peak
memory), the database's own dump of the same columns (COPY … TO STDOUT on PostgreSQL), and the
CSV download over HTTP with the server's memory watched meanwhile."""

import csv
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.client import HttpClient
from bench.config import REPO_DIR
from bench.rawsql import RawConnection
from bench.results import Recorder
from bench.server import Server, rss_mb
from bench.stats import ratio

WROTE = re.compile(r"Wrote ([\d,]+) rows .* \(([\d,]+) rows/s\)")


def export_sql(vendor: str) -> str:
    """The columns of the orders export (exporters.OrderExporter) in one SELECT: items and
    tags aggregated per order, the address on one line, the balance computed."""
    address = " || ".join(
        ["o.ship_line1"]
        + [
            f"coalesce(', ' || nullif(o.ship_{part}, ''), '')"
            for part in ("line2", "ward", "district", "city", "province", "postal_code", "country")
        ]
    )
    if vendor == "postgresql":
        items = (
            "(SELECT string_agg(i.quantity || ' × ' || i.name, '; ' ORDER BY i.position, i.id) "
            "FROM orders_orderitem i WHERE i.order_id = o.id)"
        )
        tags = (
            "(SELECT string_agg(t.tag, ', ' ORDER BY t.tag) "
            "FROM orders_ordertag t WHERE t.order_id = o.id)"
        )
    else:  # SQLite 3.40: no ORDER BY inside group_concat; an ordered subquery keeps the order
        items = (
            "(SELECT group_concat(line, '; ') FROM (SELECT i.quantity || ' × ' || i.name AS line "
            "FROM orders_orderitem i WHERE i.order_id = o.id ORDER BY i.position, i.id))"
        )
        tags = (
            "(SELECT group_concat(tag, ', ') FROM (SELECT t.tag FROM orders_ordertag t "
            "WHERE t.order_id = o.id ORDER BY t.tag))"
        )
    return (
        "SELECT o.code, o.created_at, o.updated_at, o.status, o.payment_status, "
        "o.customer_name, o.customer_phone, o.customer_email, o.ship_recipient, "
        f"{address} AS address, o.channel, {items} AS items, o.subtotal, o.shipping_fee, "
        "o.discount, o.total, o.amount_paid, o.amount_refunded, "
        "o.total - (o.amount_paid - o.amount_refunded) AS balance, o.currency, o.carrier, "
        f"o.tracking_number, u.username, {tags} AS tags, o.cancel_reason "
        "FROM orders_order o LEFT JOIN auth_user u ON u.id = o.assigned_to_id ORDER BY o.id"
    )


def database_dump_seconds(raw: RawConnection, target: Path) -> float:
    """The same rows written to a CSV file by the database and the driver alone."""
    sql = export_sql(raw.vendor)
    started = time.perf_counter()
    with target.open("wb") as out:
        if raw.vendor == "postgresql":
            query = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)"
            with raw.db.cursor() as cursor, cursor.copy(query) as copy:
                for data in copy:
                    out.write(data)
        else:
            cursor = raw.db.cursor()
            cursor.execute(sql)
            with open(out.fileno(), "w", encoding="utf-8", newline="", closefd=False) as text:
                writer = csv.writer(text)
                writer.writerow([column[0] for column in cursor.description])
                writer.writerows(cursor)
    return time.perf_counter() - started


def export_command(fmt: str, target: Path) -> dict:
    """`orderdesk export orders` in its own process: its rows/s line and its peak RSS."""
    export = [
        sys.executable, "-m", "orderdesk.cli", "export", "orders",
        "--format", fmt, "--output", str(target),
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak-rss-kb"
        finished = subprocess.run(
            [sys.executable, "-m", "bench.peakrss", str(peak_file), *export],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            cwd=REPO_DIR,
        )
        peak_kb = int(peak_file.read_text()) if peak_file.exists() else 0
    found = WROTE.search(finished.stderr)
    if finished.returncode != 0 or not found:
        raise RuntimeError(
            f"orderdesk export failed ({finished.returncode}): {finished.stderr[-500:]}"
        )
    rows, rate = (int(group.replace(",", "")) for group in found.groups())
    return {"rows": rows, "rows_per_s": rate, "seconds": rows / rate, "peak_rss_mb": peak_kb / 1024}


def exports_run(recorder: Recorder, raw: RawConnection, config, *, work_dir: Path) -> None:
    work_dir.mkdir(parents=True, exist_ok=True)
    csv_path, dump_path = work_dir / "orders.csv", work_dir / "dump.csv"
    # The dump runs just before and just after the export, so the baseline sees the machine
    # as the export did.
    dumps = [database_dump_seconds(raw, dump_path)]
    export = export_command("csv", csv_path)
    dumps.append(database_dump_seconds(raw, dump_path))
    dump = sum(dumps) / len(dumps)
    rate, rows = export["rows_per_s"], export["rows"]
    what = (
        "COPY (SELECT … the same columns …) TO STDOUT, written to a file"
        if raw.vendor == "postgresql"
        else "the same columns' SELECT through sqlite3, written by the csv module"
    )
    baseline = {"what": what, "value": rows / dump, "unit": "rows/s", "seconds": dump}
    recorder.add(
        "export_csv_rows_per_s",
        rate,
        timing={"rows": rows, "seconds": rows / rate},
        raw_sql=baseline,
        ratio=ratio(rows / dump, rate),
        note="orderdesk export orders --format csv; baseline: mean of a dump before and after",
    )
    recorder.add(
        "export_csv_peak_rss_mb",
        export["peak_rss_mb"],
        note="peak RSS of the export process (Python and Django included); bench/peakrss.py",
    )
    recorder.add(
        "export_csv_vs_copy_ratio",
        (rows / rate) / dump,
        raw_sql=baseline,
        note="export seconds / database dump seconds"
        + ("" if raw.vendor == "postgresql" else "; SQLite has no COPY: sqlite3 + csv instead"),
    )
    xlsx = export_command("xlsx", work_dir / "orders.xlsx")
    recorder.add(
        "export_xlsx_rows_per_s",
        xlsx["rows_per_s"],
        timing={"rows": xlsx["rows"], "seconds": xlsx["seconds"]},
        raw_sql=baseline,
        ratio=ratio(rows / dump, xlsx["rows_per_s"]),
        note="orderdesk export orders --format xlsx (core/xlsx.py streaming writer)",
    )
    recorder.add(
        "export_xlsx_peak_rss_mb",
        xlsx["peak_rss_mb"],
        note="peak RSS of the export process (Python and Django included); bench/peakrss.py",
    )
    for path in (csv_path, dump_path, work_dir / "orders.xlsx"):
        path.unlink(missing_ok=True)


def http_export_run(recorder: Recorder, server: Server, api_key: str, rows_baseline: dict | None):
    """GET /api/v1/orders/export?format=csv read to the end, the server's workers watched."""
    workers = server.gunicorn_worker_pids()
    before = {pid: rss_mb(pid) for pid in workers}
    peak = dict(before)
    done = threading.Event()

    def watch():
        while not done.is_set():
            for pid in workers:
                peak[pid] = max(peak[pid], rss_mb(pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    client = HttpClient("127.0.0.1", server.port, headers={"Authorization": f"Bearer {api_key}"})
    try:
        answer = client.get("/api/v1/orders/export", {"format": "csv"}, discard=True)
    finally:
        done.set()
        watcher.join()
        client.close()
    if answer.status != 200:
        raise RuntimeError(f"GET /api/v1/orders/export answered {answer.status}")
    rows = answer.lines - 1  # the header; no field of the demo data holds a newline
    rate = rows / answer.seconds
    growth = max(peak[pid] - before[pid] for pid in workers) if workers else None
    recorder.add(
        "export_csv_http_rows_per_s",
        rate,
        timing={"rows": rows, "seconds": answer.seconds, "bytes": answer.size},
        raw_sql=rows_baseline,
        ratio=ratio(rows_baseline["value"], rate) if rows_baseline else None,
        note="GET /api/v1/orders/export?format=csv, streamed, read to the end",
    )
    recorder.add(
        "export_csv_http_server_rss_mb",
        max(peak.values()) if peak else None,
        growth_mb=growth,
        note="peak RSS of a gunicorn worker during the download (sampled every 50 ms)",
    )
