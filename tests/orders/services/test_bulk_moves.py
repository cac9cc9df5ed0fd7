"""Bulk moves written set-based (services.moves): the same outcome as one move per order.

What a single move guarantees must hold for every order of a bulk move: one event each with the
same data, the version bumped once, counters and report rollups equal to a recount, refusals
reported in the order given and leaving the order untouched.
"""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from orderdesk.core.actor import Actor
from orderdesk.core.errors import ValidationFailed
from orderdesk.orders import tasks
from orderdesk.orders.models import BulkJob, Order
from orderdesk.orders.services.bulk import order_bulk_apply, order_bulk_transition
from orderdesk.orders.services.moves import orders_move_many
from orderdesk.orders.status import OrderStatus
from orderdesk.orders.tasks import bulk_job_run
from orderdesk.reports.rebuild import rollups_drift
from tests.factories import actor_for, assert_counters_match, events, make_order, make_user, reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return actor_for("admin")


def test_every_moved_order_gets_its_own_event_version_and_timestamp(admin):
    orders = [make_order(admin) for _ in range(5)]
    result = order_bulk_transition(
        codes=[o.code for o in orders], actor=admin, to=OrderStatus.CONFIRMED
    )
    assert result.succeeded == [o.code for o in orders] and result.failed == []
    for before in orders:
        after = reload(before)
        assert after.status == OrderStatus.CONFIRMED
        assert after.version == before.version + 1
        assert after.confirmed_at == after.status_changed_at == after.updated_at
        moves = events(after, "status_changed")
        assert [e.data for e in moves] == [{"from": "pending_confirmation", "to": "confirmed"}]
        assert moves[0].actor_label == admin.label
    assert_counters_match()
    assert rollups_drift() == []


def test_refusals_are_reported_in_the_order_given_and_change_nothing(admin):
    pending, delivered = make_order(admin), make_order(admin, status=OrderStatus.DELIVERED)
    codes = ["SO-NOPE", delivered.code, pending.code.lower(), pending.code]
    result = order_bulk_transition(codes=codes, actor=admin, to=OrderStatus.CONFIRMED)
    assert result.succeeded == [pending.code.lower()]
    assert [(f["code"], f["error_code"]) for f in result.failed] == [
        ("SO-NOPE", "order.not_found"),
        (delivered.code, "order.invalid_transition"),
        (pending.code, "order.invalid_transition"),  # the same order, already moved above
    ]
    assert reload(delivered).version == delivered.version
    assert len(events(reload(pending), "status_changed")) == 1
    assert_counters_match()
    assert rollups_drift() == []


def test_a_move_the_role_may_not_make_is_refused_per_order(admin):
    order = make_order(admin, status=OrderStatus.CONFIRMED)
    sales = Actor.for_user(make_user("sales"))
    moved, failed = orders_move_many(codes=[order.code], actor=sales, to=OrderStatus.READY_TO_SHIP)
    assert moved == [] and failed[0]["error_code"] == "permission.denied"
    assert reload(order).status == OrderStatus.CONFIRMED


def test_cancel_records_the_reason_on_each_order_and_in_the_rollups(admin):
    orders = [make_order(admin, status=OrderStatus.CONFIRMED) for _ in range(3)]
    result = order_bulk_apply(
        codes=[o.code for o in orders],
        actor=admin,
        action="cancel",
        params={"reason": "Out of stock"},
    )
    assert len(result.succeeded) == 3
    for order in orders:
        after = reload(order)
        assert after.cancel_reason == "Out of stock" and after.cancelled_at is not None
        assert events(after, "status_changed")[-1].data["reason"] == "Out of stock"
    assert rollups_drift() == []
    assert_counters_match()


def test_ship_sets_the_carrier_for_every_order(admin):
    orders = [make_order(admin, status=OrderStatus.READY_TO_SHIP) for _ in range(2)]
    order_bulk_apply(
        codes=[o.code for o in orders], actor=admin, action="ship", params={"carrier": "GHN"}
    )
    assert {reload(o).carrier for o in orders} == {"GHN"}


def test_input_wrong_for_every_order_is_refused_before_anything_changes(admin):
    order = make_order(admin)
    with pytest.raises(ValidationFailed):
        order_bulk_transition(codes=[order.code], actor=admin, to=OrderStatus.CANCELLED)
    assert reload(order).version == order.version


def test_more_orders_than_a_chunk_all_move(admin, monkeypatch):
    monkeypatch.setattr("orderdesk.orders.services.moves.CHUNK", 3)
    orders = [make_order(admin) for _ in range(8)]
    result = order_bulk_transition(
        codes=[o.code for o in orders], actor=admin, to=OrderStatus.CONFIRMED
    )
    assert result.succeeded == [o.code for o in orders]
    assert_counters_match()


def test_a_bulk_job_resumed_after_a_crash_moves_no_order_twice(admin, monkeypatch):
    """A job whose first chunk committed (with its progress) resumes at the second chunk."""
    monkeypatch.setattr("orderdesk.orders.tasks.CHUNK", 2)
    orders = [make_order(admin) for _ in range(5)]
    user = get_user_model().objects.get(pk=admin.user.pk)
    job = BulkJob.objects.create(
        created_by=user, action="confirm", params={}, codes=[o.code for o in orders], total=5
    )
    real_apply = tasks.bulk_apply_codes
    calls = []

    def crash_on_second_chunk(*args, **kwargs):
        """The second chunk's orders are written, then the worker dies before its progress."""
        calls.append(args[0])
        result = real_apply(*args, **kwargs)
        if len(calls) == 2:
            raise KeyboardInterrupt("worker killed")
        return result

    monkeypatch.setattr("orderdesk.orders.tasks.bulk_apply_codes", crash_on_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        bulk_job_run.call(job.pk)
    job.refresh_from_db()
    assert job.processed == 2 and job.succeeded == 2
    assert Order.objects.filter(status=OrderStatus.CONFIRMED).count() == 2

    monkeypatch.setattr("orderdesk.orders.tasks.bulk_apply_codes", real_apply)
    # The dead run still holds the job until its heartbeat is stale; a recovering run takes it.
    assert tasks.bulk_job_process(job.pk, stale_after=timedelta(0)) is True
    job.refresh_from_db()
    assert (job.state, job.processed, job.succeeded, job.skipped) == ("done", 5, 5, [])
    for order in orders:
        assert len(events(reload(order), "status_changed")) == 1
    assert_counters_match()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overlapping_bulk_moves_move_each_order_once():
    """Two bulk moves of overlapping orders at once: each order moves once, no deadlock."""
    admin_id = make_user("admin").pk
    setup = Actor.for_user(get_user_model().objects.get(pk=admin_id))
    codes = [make_order(setup).code for _ in range(60)]
    results = []
    barrier = threading.Barrier(2)

    def worker(selection):
        try:
            actor = Actor.for_user(get_user_model().objects.get(pk=admin_id))
            barrier.wait(timeout=10)
            results.append(orders_move_many(codes=selection, actor=actor, to=OrderStatus.CONFIRMED))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(codes[:45],)),
        threading.Thread(target=worker, args=(list(reversed(codes[15:])),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    moved = [code for result in results for code in result[0]]
    assert sorted(moved) == sorted(codes)  # each order moved by exactly one of the two
    failed = [f for result in results for f in result[1]]
    assert len(failed) == 30 and {f["error_code"] for f in failed} == {"order.invalid_transition"}
    for order in Order.objects.all():
        assert order.version == 2 and len(events(order, "status_changed")) == 1
    assert_counters_match()
    assert rollups_drift() == []
