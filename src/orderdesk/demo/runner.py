"""Adding a demo data set: batches of orders, then of consultation requests.

Each batch is one transaction holding its rows and the matching status-counter increments, so
the counters equal the real counts after every commit, even if a later batch fails.
"""

import contextlib
import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

from orderdesk.core.counters import counter_add_many
from orderdesk.demo.amounts import Money
from orderdesk.demo.batches import Batch, ConsultationBatchMaker, OrderBatchMaker
from orderdesk.demo.clock import DAY, MINUTE, CreationTimeline, TimeText, now_seconds
from orderdesk.demo.consultation_rows import ConsultationMaker
from orderdesk.demo.order_plans import OrderPlanner
from orderdesk.demo.order_render import OrderRenderer
from orderdesk.demo.prefetch import prefetched
from orderdesk.demo.staff import ensure_demo_staff, load_staff
from orderdesk.demo.storage import store_for_connection
from orderdesk.orders.search import SEARCH_TABLE
from orderdesk.reports.rebuild import rollups_rebuild

DEFAULT_BATCH_SIZE = 50_000
ORDER_PERIOD = 365 * DAY

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass
class DemoResult:
    orders: int
    consultations: int
    seed: int
    seconds: float
    staff_created: list[str] = field(default_factory=list)

    @property
    def orders_per_second(self) -> float:
        return self.orders / self.seconds if self.seconds else 0.0


def generate_demo_data(
    *,
    orders: int,
    consultations: int,
    seed: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> DemoResult:
    """Add exactly `orders` orders and `consultations` requests of realistic data.

    The same seed gives the same data, apart from codes, ids and the current time.
    """
    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    started = time.perf_counter()
    staff_created = ensure_demo_staff()
    staff = load_staff()
    store = store_for_connection()
    now = now_seconds()
    rng = random.Random(seed)
    money = Money(settings.ORDERDESK_CURRENCY)
    time_text = TimeText(now - ORDER_PERIOD - 30 * DAY, now + DAY, store.time_suffix)
    vietnamese_region = settings.ORDERDESK_PHONE_REGION == "VN"

    with _cyclic_gc_paused():
        if orders:
            planner = OrderPlanner(
                rng,
                staff=staff,
                now=now,
                money=money,
                timeline=CreationTimeline(
                    start=now - ORDER_PERIOD, end=now - 2 * MINUTE, count=orders
                ),
                vietnamese_region=vietnamese_region,
            )
            renderer = OrderRenderer(money=money, time_text=time_text)
            maker = OrderBatchMaker(store=store, planner=planner, renderer=renderer, total=orders)
            _write_batches(store, maker, orders, batch_size, progress)
        if consultations:
            requests = ConsultationMaker(
                rng,
                staff=staff,
                now=now,
                count=consultations,
                time_text=time_text,
                vietnamese_region=vietnamese_region,
            )
            maker = ConsultationBatchMaker(store=store, maker=requests, total=consultations)
            _write_batches(store, maker, consultations, batch_size, progress)
    if orders + consultations >= STATISTICS_THRESHOLD:
        refresh_planner_statistics()
    if orders or consultations:
        # The rows went in by COPY, past the services that keep the reports' daily figures.
        with transaction.atomic():
            rollups_rebuild()
    return DemoResult(orders, consultations, seed, time.perf_counter() - started, staff_created)


STATISTICS_THRESHOLD = 10_000
ANALYZED_TABLES = (
    "orders_order", "orders_orderitem", "orders_ordertag", "orders_payment", "orders_orderevent",
    "consultations_consultationrequest", "consultations_consultationevent",
)  # fmt: skip
POSTGRESQL_ONLY_TABLES = (SEARCH_TABLE,)  # the search index beside the orders (orders 0009)


def refresh_planner_statistics() -> None:
    """After a large load the planner's row estimates are stale until autovacuum comes by;
    stale estimates make it pick a scan over the right index, so refresh them now."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in (*ANALYZED_TABLES, *POSTGRESQL_ONLY_TABLES):
                cursor.execute(f"ANALYZE {table}")
        else:
            cursor.execute("ANALYZE")


def _write_batches(store, make_batch, total: int, batch_size: int, progress) -> None:
    """Write `total` rows in batches; on PostgreSQL the next batch is prepared meanwhile."""
    sizes = [(start, min(batch_size, total - start)) for start in range(0, total, batch_size)]
    done = 0

    def write(batch: Batch) -> None:
        store.begin_batch()
        for table in make_batch.tables:
            store.write(table, batch.payloads[table])
        counter_add_many(kind=make_batch.counter_kind, deltas=batch.tally)
        store.end_batch()

    def written(batch: Batch) -> None:
        nonlocal done
        done += batch.size
        if progress:
            progress(make_batch.label, done, total)

    if store.prepares_in_background:
        for batch in prefetched(make_batch(start, size) for start, size in sizes):
            with transaction.atomic():
                write(batch)
            written(batch)
        return
    for start, size in sizes:
        # SQLite: ids are read under the write lock, so prepare inside the transaction.
        with transaction.atomic():
            batch = make_batch(start, size)
            write(batch)
        written(batch)


@contextlib.contextmanager
def _cyclic_gc_paused():
    """Millions of short-lived, acyclic objects make the cycle collector run thousands of times
    for nothing (a third of the generation time); reference counting frees them anyway."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
