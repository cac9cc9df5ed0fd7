"""The demo data generator and the `demo` / `setup` commands.

Generated rows are written straight into the tables, so these tests hold them to the invariants
the services keep: totals, ledger sums, payment status, search text, phone normalisation,
status timestamps, timelines and status counters. They run on SQLite and on PostgreSQL.
"""

import io
import random
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from orderdesk.consultations.models import ConsultationEvent, ConsultationRequest
from orderdesk.consultations.services import _search_text as consultation_search_text
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.counters import counter_totals
from orderdesk.core.money import to_money
from orderdesk.core.phone import normalize_phone, phone_search_keys
from orderdesk.demo import generate_demo_data
from orderdesk.demo.phones import PhoneMaker
from orderdesk.demo.storage import PostgresStore
from orderdesk.orders import domain
from orderdesk.orders.domain import items_summary
from orderdesk.orders.models import Order, OrderEvent, OrderItem, OrderTag, Payment
from orderdesk.orders.search import SEARCH_TABLE, order_search_text
from orderdesk.orders.services import order_create
from orderdesk.orders.status import REACHED_AT_FIELD, OrderStatus, derive_payment_status
from tests import factories

ORDERS = 200
CONSULTATIONS = 40
FORWARD = [
    OrderStatus.PENDING_CONFIRMATION,
    OrderStatus.CONFIRMED,
    OrderStatus.READY_TO_SHIP,
    OrderStatus.SHIPPING,
    OrderStatus.DELIVERED,
]


@pytest.fixture
def demo(db):
    """A demo data set of ORDERS orders and CONSULTATIONS requests."""
    return generate_demo_data(orders=ORDERS, consultations=CONSULTATIONS, seed=7)


def real_counts(model) -> dict[str, int]:
    return dict(model.objects.values_list("status").annotate(n=Count("id")))


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {status: n for status, n in counts.items() if n}


def order_history(order: Order) -> list[str]:
    """The statuses an order went through, from its status_changed events in time order."""
    moves = order.events.filter(type="status_changed").order_by("created_at", "id")
    history = [OrderStatus.PENDING_CONFIRMATION.value]
    for event in moves:
        assert event.data["from"] == history[-1]
        history.append(event.data["to"])
    return history


# --- The command -------------------------------------------------------------------------------
def test_given_an_empty_database_when_demo_runs_then_exactly_the_requested_rows_are_added(db):
    out = io.StringIO()

    call_command("demo", orders=ORDERS, consultations=CONSULTATIONS, seed=1, stdout=out)

    assert Order.objects.count() == ORDERS
    assert ConsultationRequest.objects.count() == CONSULTATIONS
    assert f"Added {ORDERS} orders and {CONSULTATIONS} consultation requests" in out.getvalue()


def test_given_demo_data_when_demo_runs_again_then_as_many_rows_are_added_with_new_codes(demo):
    first_ids = set(Order.objects.values_list("id", flat=True))

    generate_demo_data(orders=ORDERS, consultations=CONSULTATIONS, seed=7)

    assert Order.objects.count() == 2 * ORDERS
    assert ConsultationRequest.objects.count() == 2 * CONSULTATIONS
    assert Order.objects.values("code").distinct().count() == 2 * ORDERS
    new_ids = set(Order.objects.values_list("id", flat=True)) - first_ids
    assert len(new_ids) == ORDERS and min(new_ids) > max(first_ids)


def test_given_small_batches_when_demo_runs_then_counts_and_counters_are_still_exact(db):
    generate_demo_data(orders=25, consultations=7, seed=3, batch_size=4)

    assert Order.objects.count() == 25
    assert ConsultationRequest.objects.count() == 7
    assert nonzero(counter_totals("order")) == real_counts(Order)
    assert nonzero(counter_totals("consultation")) == real_counts(ConsultationRequest)


def test_given_demo_data_when_the_services_create_an_order_then_ids_and_codes_do_not_clash(
    demo, operations
):
    order = order_create(actor=operations, data=factories.order_in())

    assert order.pk > Order.objects.exclude(pk=order.pk).order_by("-pk").first().pk
    assert Order.objects.filter(code=order.code).count() == 1


def test_given_demo_data_then_every_reference_points_at_an_existing_row(demo):
    orders = Order.objects.all()
    users = get_user_model().objects.all()
    for model in (OrderItem, OrderTag, Payment, OrderEvent):
        assert not model.objects.exclude(order__in=orders).exists(), model
    assert not OrderEvent.objects.exclude(actor_user=None).exclude(actor_user__in=users).exists()
    assert not Payment.objects.exclude(recorded_by=None).exclude(recorded_by__in=users).exists()
    assert not orders.exclude(assigned_to=None).exclude(assigned_to__in=users).exists()
    requests = ConsultationRequest.objects.all()
    assert not ConsultationEvent.objects.exclude(request__in=requests).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger settings")
def test_given_a_role_that_may_not_skip_triggers_when_demo_runs_then_foreign_keys_are_checked(
    db, monkeypatch
):
    monkeypatch.setattr(PostgresStore, "_may_skip_triggers", lambda self, cursor: False)

    generate_demo_data(orders=30, consultations=5, seed=9)

    connection.check_constraints()  # runs the deferred foreign-key checks now
    assert Order.objects.count() == 30
    assert search_table_rows() == dict(Order.objects.values_list("id", "search_text"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search table")
def test_given_demo_orders_then_the_search_table_holds_their_text(demo):
    # The COPY batches skip the foreign-key triggers (replica role); the search table's insert
    # trigger fires all the same.
    assert search_table_rows() == dict(Order.objects.values_list("id", "search_text"))
    assert len(search_table_rows()) == ORDERS


def search_table_rows() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT order_id, search_text FROM {SEARCH_TABLE}")
        return dict(cursor.fetchall())


def test_given_the_same_seed_when_generated_twice_then_the_data_is_the_same(db):
    def fingerprint(orders):
        return [
            (o.customer_name, o.customer_phone, o.ship_line1, o.total, o.status, o.payment_status)
            for o in orders
        ]

    generate_demo_data(orders=60, consultations=0, seed=42)
    first = fingerprint(Order.objects.order_by("id"))
    generate_demo_data(orders=60, consultations=0, seed=42)
    second = fingerprint(Order.objects.order_by("id")[60:])

    assert first == second


# --- Orders ------------------------------------------------------------------------------------
def test_given_demo_orders_then_amounts_are_computed_as_the_domain_computes_them(demo):
    for order in Order.objects.prefetch_related("items"):
        items = list(order.items.all())
        assert 1 <= len(items) <= 4
        valid = []
        for item in items:
            assert item.line_total == item.quantity * item.unit_price
            valid.append(
                domain.ValidItem(
                    item.sku, item.name, item.quantity, item.unit_price, item.line_total
                )
            )
        totals = domain.compute_totals(valid, order.shipping_fee, order.discount, order.currency)
        assert order.subtotal == totals.subtotal == sum(i.line_total for i in items)
        assert order.total == totals.total == order.subtotal + order.shipping_fee - order.discount
        assert order.total >= 0


@pytest.mark.parametrize("currency", ["VND", "USD", "JPY", "KWD"])
def test_given_a_currency_when_demo_runs_then_amounts_are_in_its_minor_unit(db, currency):
    with override_settings(ORDERDESK_CURRENCY=currency):
        generate_demo_data(orders=40, consultations=0, seed=5)

    for order in Order.objects.prefetch_related("items", "payments", "events"):
        assert order.currency == currency
        amounts = [order.subtotal, order.shipping_fee, order.discount, order.total]
        amounts += [item.unit_price for item in order.items.all()]
        amounts += [payment.amount for payment in order.payments.all()]
        assert all(amount == to_money(amount, currency) for amount in amounts)
        created = next(event for event in order.events.all() if event.type == "created")
        # The services write str() of the rounded amount: '150000', '19.99', '1.250'.
        assert created.data["total"] == str(to_money(order.total, currency))
    if currency == "VND":
        assert not OrderItem.objects.filter(unit_price__lt=10_000).exists()
    if currency == "USD":
        prices = OrderItem.objects.values_list("unit_price", flat=True)
        assert any(price != price.to_integral_value() for price in prices)


def test_given_demo_orders_then_the_ledger_sums_and_payment_status_agree(demo):
    for order in Order.objects.prefetch_related("payments"):
        payments = list(order.payments.all())
        paid = sum((p.amount for p in payments if p.kind == "payment"), Decimal(0))
        refunded = sum((p.amount for p in payments if p.kind == "refund"), Decimal(0))
        assert order.amount_paid == paid
        assert order.amount_refunded == refunded
        assert refunded <= paid
        assert order.payment_status == derive_payment_status(
            total=order.total, paid=paid, refunded=refunded
        )
        # Money comes in before it goes back, and nobody pays for a cancelled order.
        paid_times = [p.created_at for p in payments if p.kind == "payment"]
        refund_times = [p.created_at for p in payments if p.kind == "refund"]
        assert not refund_times or min(refund_times) > max(paid_times)
        if order.cancelled_at:
            assert all(at < order.cancelled_at for at in paid_times)
        assert all(order.created_at <= p.paid_at <= p.created_at for p in payments)
    methods = set(Payment.objects.values_list("method", flat=True))
    assert {"cod", "bank_transfer", "card"} <= methods
    assert Payment.objects.filter(kind="refund").exists()


def test_given_demo_orders_then_search_text_and_phones_match_the_services(demo):
    for order in Order.objects.prefetch_related("items"):
        assert order.customer_phone_normalized == normalize_phone(order.customer_phone)
        phones = [order.customer_phone_normalized]
        if order.ship_phone != order.customer_phone:
            phones.append(normalize_phone(order.ship_phone))
        expected = order_search_text(
            code=order.code,
            customer_name=order.customer_name,
            customer_email=order.customer_email,
            phones_normalized=phones,
            recipient=order.ship_recipient,
            tracking_number=order.tracking_number,
            skus=[item.sku for item in order.items.all() if item.sku],
        )
        assert order.search_text == expected
        lines = [(item.quantity, item.name) for item in sorted(order.items.all(), key=item_order)]
        assert order.items_summary == items_summary(lines)


def item_order(item):
    return (item.position, item.id)


def test_given_demo_orders_then_every_status_appears_with_consistent_timestamps(demo):
    assert set(real_counts(Order)) == {status.value for status in OrderStatus}
    for order in Order.objects.all():
        history = order_history(order)
        assert history[-1] == order.status
        reached = {status: getattr(order, field) for status, field in REACHED_AT_FIELD.items()}
        for status, at in reached.items():
            assert (at is not None) == (status in history), (order.code, status)
        times = [order.created_at] + [reached[status] for status in history[1:]]
        assert times == sorted(times)
        assert order.status_changed_at == times[-1]
        assert order.updated_at >= order.status_changed_at
        if order.status == OrderStatus.CANCELLED:
            assert order.cancel_reason
        else:
            assert not order.cancel_reason
        # Handed to a carrier: then it has one, and a tracking number.
        assert bool(order.shipping_at) == bool(order.carrier) == bool(order.tracking_number)


def test_given_demo_orders_then_the_timeline_is_what_the_services_write(demo):
    for order in Order.objects.prefetch_related("payments"):
        events = list(order.events.order_by("created_at", "id"))
        types = Counter(event.type for event in events)
        assert events[0].type == "created" and types["created"] == 1
        assert events[0].created_at == order.created_at
        assert events[0].data["status"] == OrderStatus.PENDING_CONFIRMATION
        assert Decimal(events[0].data["total"]) == order.total
        assert types["status_changed"] == len(order_history(order)) - 1
        payments = {payment.pk: payment for payment in order.payments.all()}
        ledger_events = [e for e in events if e.type in ("payment_recorded", "refund_recorded")]
        assert sorted(e.data["payment_id"] for e in ledger_events) == sorted(payments)
        for event in ledger_events:
            payment = payments[event.data["payment_id"]]
            assert Decimal(event.data["amount"]) == payment.amount
            assert event.data["method"] == payment.method
            assert event.type == f"{payment.kind}_recorded"
        assert ledger_events == [] or ledger_events[-1].data["payment_status"] == (
            order.payment_status
        )
        assert all(e.data["text"] for e in events if e.type == "note_added")
        assert order.version == len(events)
        assert order.updated_at == events[-1].created_at
        for event in events:
            assert event.actor_label == (
                event.actor_user.username if event.actor_user_id else "system"
            )
    cancels = OrderEvent.objects.filter(type="status_changed", data__to="cancelled")
    assert all(event.data["reason"] for event in cancels)


def test_given_demo_data_then_it_spans_the_last_year_and_nothing_is_in_the_future(demo):
    now = timezone.now()
    created = sorted(Order.objects.values_list("created_at", flat=True))
    assert now - timedelta(days=366) < created[0] < now - timedelta(days=300)
    assert now - timedelta(days=14) < created[-1] < now
    assert Order.objects.filter(updated_at__gt=now).count() == 0
    assert OrderEvent.objects.filter(created_at__gt=now).count() == 0
    waiting = ConsultationRequest.objects.filter(
        status=ConsultationStatus.PENDING_CONFIRMATION, created_at__gt=now - timedelta(hours=8)
    )
    assert waiting.exists()


def test_given_demo_orders_then_tags_and_assignees_are_valid(demo):
    assert OrderTag.objects.exists()
    for tag in OrderTag.objects.values_list("tag", flat=True):
        assert domain.clean_tags([tag], domain.Errors()) == [tag]
    assigned = Order.objects.filter(assigned_to__isnull=False)
    assert assigned.exists()
    assert not assigned.filter(assigned_to__groups__isnull=True).exists()


def test_given_no_staff_when_demo_runs_then_demo_staff_without_passwords_are_made(demo):
    staff = get_user_model().objects.filter(groups__isnull=False)

    assert staff.count() >= 3
    assert not any(user.has_usable_password() for user in staff)


def test_given_demo_data_then_the_status_counters_equal_the_real_counts(demo):
    assert nonzero(counter_totals("order")) == real_counts(Order)
    assert nonzero(counter_totals("consultation")) == real_counts(ConsultationRequest)


# --- Consultation requests ---------------------------------------------------------------------
def test_given_demo_requests_then_they_match_what_the_services_write(demo):
    assert set(real_counts(ConsultationRequest)) == {s.value for s in ConsultationStatus}
    for request in ConsultationRequest.objects.all():
        assert request.phone_normalized == normalize_phone(request.phone)
        assert request.search_text == consultation_search_text(request)
        assert request.message
        events = list(request.events.order_by("created_at", "id"))
        assert events[0].type == "created" and events[0].data["source"] == request.source
        moves = [e for e in events if e.type == "status_changed"]
        status = ConsultationStatus.PENDING_CONFIRMATION.value
        for move in moves:
            assert move.data["from"] == status
            status = move.data["to"]
        assert status == request.status
        if moves:
            assert request.first_response_at == moves[0].created_at
            assert request.status_changed_at == moves[-1].created_at
        else:
            assert request.first_response_at is None
            assert request.status_changed_at == request.created_at
        assert request.version == len(events)
        assert request.updated_at == events[-1].created_at
    assert ConsultationEvent.objects.filter(type="created").count() == CONSULTATIONS


# --- Phone numbers -----------------------------------------------------------------------------
def test_given_generated_vietnamese_phones_then_they_normalise_as_the_services_do():
    maker = PhoneMaker(random.Random(11))

    for _ in range(1500):
        phone = maker.vietnamese()
        assert phone.normalized == normalize_phone(phone.typed), phone.typed
        assert phone.keys == phone_search_keys(phone.normalized)


@override_settings(ORDERDESK_PHONE_REGION="US")
def test_given_another_phone_region_when_demo_runs_then_phones_still_normalise(db):
    generate_demo_data(orders=40, consultations=10, seed=13)

    for order in Order.objects.all():
        assert order.customer_phone_normalized == normalize_phone(order.customer_phone)
    for request in ConsultationRequest.objects.all():
        assert request.phone_normalized == normalize_phone(request.phone)


# --- setup -------------------------------------------------------------------------------------
def test_given_an_empty_database_when_setup_runs_then_admin_and_demo_data_are_made_once(
    db, monkeypatch
):
    monkeypatch.setenv("ORDERDESK_DEMO_ORDERS", "30")
    monkeypatch.setenv("ORDERDESK_DEMO_CONSULTATIONS", "6")
    out = io.StringIO()

    call_command("setup", stdout=out)

    admin = get_user_model().objects.get(username="admin")
    assert list(admin.groups.values_list("name", flat=True)) == ["admin"]
    password = next(
        line.split("password:")[1].strip(" |")
        for line in out.getvalue().splitlines()
        if "password:" in line
    )
    assert admin.check_password(password)
    assert Order.objects.count() == 30 and ConsultationRequest.objects.count() == 6

    again = io.StringIO()
    call_command("setup", stdout=again)

    assert "already set up" in again.getvalue()
    assert "password" not in again.getvalue()
    assert Order.objects.count() == 30
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_given_no_demo_flag_when_setup_runs_then_only_the_admin_is_made(db):
    call_command("setup", no_demo=True, stdout=io.StringIO())

    assert get_user_model().objects.filter(username="admin").exists()
    assert not Order.objects.exists()
    assert not ConsultationRequest.objects.exists()
