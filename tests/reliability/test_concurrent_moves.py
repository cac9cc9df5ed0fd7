"""Issue #8, points 3 and 4: many people and bulk jobs moving the same orders at once
(PostgreSQL: real concurrent transactions; SQLite serialises writers anyway).

Whatever the interleaving: each order takes each legal step at most once, its timeline holds
exactly one event per move made and they form a legal path, the status counters equal a real
count, and the report rollups equal a recount.
"""

import io
import random
import threading
from collections import Counter

import pytest
from django.core.management import call_command

from orderdesk.core.errors import DomainError
from orderdesk.orders.models import BulkJob, Order, OrderEvent
from orderdesk.orders.services import order_note_add, order_transition
from orderdesk.orders.status import OrderStatus, is_allowed
from orderdesk.orders.tasks import bulk_job_process
from tests.factories import assert_counters_match, make_order, make_user
from tests.orders.services.test_concurrency import actor_in_thread, run_together

pytestmark = pytest.mark.postgres_only

THREADS = 20
STEPS = [
    OrderStatus.CONFIRMED,
    OrderStatus.READY_TO_SHIP,
    OrderStatus.SHIPPING,
    OrderStatus.DELIVERED,
]


@pytest.fixture
def staff(transactional_db, django_db_serialized_rollback):
    return [make_user("admin").pk for _ in range(3)]


def together(workers) -> list:
    """Run each worker in its own thread (own connection), released at once; their errors."""
    return [value for kind, value in run_together(*workers) if kind == "error"]


def assert_timelines_are_legal_paths(codes) -> Counter:
    """Each order's status events chain from Pending Confirmation, one legal step at a time."""
    steps: Counter = Counter()
    for code in codes:
        order = Order.objects.get(code=code)
        moves = list(
            OrderEvent.objects.filter(order=order, type="status_changed")
            .order_by("id")
            .values_list("data__from", "data__to")
        )
        current = OrderStatus.PENDING_CONFIRMATION
        for was, became in moves:
            assert was == current and is_allowed(OrderStatus(was), OrderStatus(became)), moves
            current = OrderStatus(became)
            steps[(code, became)] += 1
        assert order.status == current
    assert max(steps.values(), default=1) == 1, "a step was taken twice"
    return steps


def assert_books_balance():
    assert_counters_match()
    call_command("rebuild_reports", "--check", stdout=io.StringIO())  # CommandError on drift


def test_given_20_threads_moving_the_same_orders_then_each_step_happens_once(staff):
    admins = staff
    codes = [make_order(actor_in_thread(admins[0])).code for _ in range(8)]
    wins: list[tuple[str, str]] = []
    lock = threading.Lock()

    def mover(seed: int):
        def work():
            rng = random.Random(seed)
            actor = actor_in_thread(admins[seed % len(admins)])
            for code in rng.sample(codes, len(codes)):
                targets = list(STEPS)
                if seed % 7 == 0:  # a few people cancel instead of shipping
                    targets[2:] = [OrderStatus.CANCELLED]
                for target in targets:
                    try:
                        order_transition(code=code, actor=actor, to=target, reason="Stock")
                    except DomainError:
                        continue  # someone else moved it first: refused, never a crash
                    with lock:
                        wins.append((code, target))

        return work

    failures = together([mover(seed) for seed in range(THREADS)])

    assert failures == []
    steps = assert_timelines_are_legal_paths(codes)
    assert sum(steps.values()) == len(wins)
    assert Counter(wins) == steps
    assert_books_balance()


def test_given_overlapping_bulk_jobs_and_single_edits_then_nothing_is_lost_or_doubled(staff):
    admins = staff
    creator = actor_in_thread(admins[0])
    pending = [make_order(creator).code for _ in range(12)]
    delivered = [
        make_order(creator, status=OrderStatus.DELIVERED).code for _ in range(3)
    ]  # refuse every move
    first = BulkJob.objects.create(
        created_by_id=admins[0], action="confirm", codes=pending[:9] + delivered, total=12
    )
    second = BulkJob.objects.create(
        created_by_id=admins[1],
        action="cancel",
        params={"reason": "Duplicate"},
        codes=delivered + pending[4:],
        total=11,
    )
    singles: list[tuple[str, str]] = []
    notes: list[str] = []
    lock = threading.Lock()

    def single_edits(seed: int):
        def work():
            rng = random.Random(seed)
            actor = actor_in_thread(admins[2])
            for code in rng.sample(pending, 6):
                target = rng.choice([OrderStatus.CONFIRMED, OrderStatus.CANCELLED])
                try:
                    order_transition(code=code, actor=actor, to=target, reason="Phone call")
                except DomainError:
                    pass
                else:
                    with lock:
                        singles.append((code, target))
                order_note_add(code=code, actor=actor, text=f"Called ({seed})")
                with lock:
                    notes.append(code)

        return work

    workers = [lambda: bulk_job_process(first.pk), lambda: bulk_job_process(second.pk)]
    workers += [single_edits(seed) for seed in range(4)]
    failures = together(workers)

    assert failures == []
    first.refresh_from_db()
    second.refresh_from_db()
    for job in (first, second):
        assert job.state == BulkJob.State.DONE
        assert job.processed == job.total == job.succeeded + len(job.skipped)
        skipped = {entry["code"] for entry in job.skipped}
        assert set(delivered) <= skipped  # refused, reported, and (below) unchanged
    for code in delivered:
        order = Order.objects.get(code=code)
        assert order.status == OrderStatus.DELIVERED
        assert OrderEvent.objects.filter(order=order, type="status_changed").count() == 4
    steps = assert_timelines_are_legal_paths(pending)
    assert sum(steps.values()) == first.succeeded + second.succeeded + len(singles)
    assert OrderEvent.objects.filter(order__code__in=pending, type="note_added").count() == len(
        notes
    )
    assert_books_balance()
