"""A large export streams: its memory stays flat however many orders it writes."""

from pathlib import Path

import pytest

from orderdesk.core.exporting import csv_chunks
from orderdesk.demo.runner import generate_demo_data
from orderdesk.orders.exporters import OrderExporter
from orderdesk.orders.models import Order

ORDERS = 200_000
# Growth of the process's resident memory while an export runs. One chunk of 2,000 orders with
# their items and tags and the CSV text of 500 rows take a few MiB; the whole file held in
# memory would take well over 100 MiB (~70 MiB of text, more as Python strings).
GROWTH_BOUND = 40 * 1024 * 1024
STATUS = Path("/proc/self/status")


def _memory_kib(field: str) -> int:
    for line in STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _export_and_measure() -> tuple[int, int, int]:
    """(lines, bytes, growth of the peak resident memory in bytes) of one CSV export."""
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current size
    before = _memory_kib("VmRSS")
    lines = size = 0
    for chunk in csv_chunks(OrderExporter(Order.objects.all())):
        lines += chunk.count(b"\r\n")
        size += len(chunk)
    return lines, size, (_memory_kib("VmHWM") - before) * 1024


@pytest.mark.postgres_only
@pytest.mark.skipif(not STATUS.exists(), reason="reads the peak memory from Linux's /proc")
def test_given_200k_orders_when_exported_as_csv_then_memory_growth_stays_under_the_bound(
    db, monkeypatch
):
    generate_demo_data(orders=ORDERS, consultations=0, seed=11)
    # PostgreSQL's COPY path (orders on PostgreSQL), then the Python path (every other data set,
    # and SQLite).
    for path in ("copy", "python"):
        if path == "python":
            monkeypatch.setattr(OrderExporter, "copy_query", lambda self, delimiter: None)
        lines, size, growth = _export_and_measure()
        assert lines == ORDERS + 1, path  # the header, then one line per order
        assert growth < GROWTH_BOUND, (
            f"{path}: grew {growth / 2**20:.1f} MiB for {size / 2**20:.0f} MiB"
        )
