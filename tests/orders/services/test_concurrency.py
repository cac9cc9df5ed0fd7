"""Two people acting on the same order at the same moment (PostgreSQL row locks).

Each thread has its own database connection and transaction; a Barrier releases them together.
Exactly one wins; the other gets a clear domain error, never a database error.
"""

import threading
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from orderdesk.core.actor import Actor
from orderdesk.core.errors import DomainError, InvalidTransition, ValidationFailed, VersionMismatch
from orderdesk.orders.models import Order
from orderdesk.orders.services import (
    order_cancel,
    order_confirm,
    order_create,
    order_deliver,
    payment_record,
)
from orderdesk.orders.status import OrderStatus, PaymentStatus
from tests.factories import (
    assert_counters_match,
    events,
    ledger_sums,
    make_order,
    make_user,
    order_in,
    reload,
)

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def staff(transactional_db, django_db_serialized_rollback):
    """An admin's and an operations user's ids: each thread loads its own user on its own connection."""
    return make_user("admin").pk, make_user("operations").pk


def actor_in_thread(user_id: int) -> Actor:
    return Actor.for_user(get_user_model().objects.get(pk=user_id))


def run_together(*calls: Callable[[], object]) -> list[tuple[str, object]]:
    """Run each call in its own thread, released at once; ("ok", result) or ("error", exc)."""
    barrier = threading.Barrier(len(calls))
    results: list[tuple[str, object] | None] = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except BaseException as error:
            results[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results


def outcome(results) -> tuple[list, list]:
    wins = [value for kind, value in results if kind == "ok"]
    errors = [value for kind, value in results if kind == "error"]
    for error in errors:
        assert isinstance(error, DomainError), f"not a domain error: {error!r}"
    return wins, errors


def status_changes_to(order: Order, status: OrderStatus) -> int:
    return sum(1 for e in events(order, "status_changed") if e.data["to"] == status)


def test_given_two_people_confirming_at_once_then_one_wins_and_the_other_is_refused(staff):
    first, second = staff
    order = make_order(actor_in_thread(first))

    results = run_together(
        lambda: order_confirm(code=order.code, actor=actor_in_thread(first)),
        lambda: order_confirm(code=order.code, actor=actor_in_thread(second)),
    )

    wins, errors = outcome(results)
    assert len(wins) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], InvalidTransition)
    stored = reload(order)
    assert stored.status == OrderStatus.CONFIRMED
    assert stored.version == 2
    assert status_changes_to(stored, OrderStatus.CONFIRMED) == 1
    assert_counters_match()


def test_given_two_people_with_the_same_version_then_the_loser_gets_version_mismatch(staff):
    first, second = staff
    order = make_order(actor_in_thread(first))

    results = run_together(
        lambda: order_confirm(code=order.code, actor=actor_in_thread(first), expected_version=1),
        lambda: order_cancel(
            code=order.code, actor=actor_in_thread(second), reason="Dup", expected_version=1
        ),
    )

    wins, errors = outcome(results)
    assert len(wins) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], VersionMismatch)
    stored = reload(order)
    assert stored.version == 2
    assert len(events(stored, "status_changed")) == 1
    assert_counters_match()


def test_given_deliver_and_cancel_of_a_shipping_order_at_once_then_exactly_one_happens(staff):
    first, second = staff
    order = make_order(actor_in_thread(first), status=OrderStatus.SHIPPING)

    results = run_together(
        lambda: order_deliver(code=order.code, actor=actor_in_thread(first)),
        lambda: order_cancel(code=order.code, actor=actor_in_thread(second), reason="Returned"),
    )

    wins, errors = outcome(results)
    assert len(wins) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], InvalidTransition)
    stored = reload(order)
    assert stored.status == wins[0].status
    assert stored.status in (OrderStatus.DELIVERED, OrderStatus.CANCELLED)
    leaving_shipping = [
        e for e in events(stored, "status_changed") if e.data["from"] == OrderStatus.SHIPPING
    ]
    assert len(leaving_shipping) == 1
    assert_counters_match()


def test_given_two_full_refunds_at_once_then_only_one_is_recorded(staff):
    first, second = staff
    admin = actor_in_thread(first)
    order = make_order(admin)
    payment_record(code=order.code, actor=admin, kind="payment", amount="330000", method="cash")

    def refund(user_id):
        return lambda: payment_record(
            code=order.code,
            actor=actor_in_thread(user_id),
            kind="refund",
            amount="330000",
            method="cash",
        )

    results = run_together(refund(first), refund(second))

    wins, errors = outcome(results)
    assert len(wins) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationFailed)
    stored = reload(order)
    paid, refunded = ledger_sums(stored)
    assert refunded == paid == stored.amount_refunded == stored.amount_paid
    assert stored.payment_status == PaymentStatus.REFUNDED
    assert len(events(stored, "refund_recorded")) == 1


def test_given_payments_at_once_then_none_is_lost(staff):
    first, second = staff
    order = make_order(actor_in_thread(first))

    def pay(user_id):
        return lambda: payment_record(
            code=order.code,
            actor=actor_in_thread(user_id),
            kind="payment",
            amount="100000",
            method="cash",
        )

    results = run_together(pay(first), pay(second), pay(first), pay(second))

    wins, _errors = outcome(results)
    assert len(wins) == 4
    stored = reload(order)
    paid, _refunded = ledger_sums(stored)
    assert stored.amount_paid == paid == 400000
    assert stored.payment_status == PaymentStatus.PAID
    assert stored.version == 5
    assert len(events(stored, "payment_recorded")) == 4


def test_given_orders_created_at_once_then_codes_are_unique_and_counters_right(staff):
    first, second = staff

    def create(user_id):
        return lambda: order_create(actor=actor_in_thread(user_id), data=order_in())

    results = run_together(*(create(user) for user in (first, second) * 4))

    wins, errors = outcome(results)
    assert errors == []
    codes = [order.code for order in wins]
    assert len(set(codes)) == 8
    assert Order.objects.filter(code__in=codes).count() == 8
    assert_counters_match()
