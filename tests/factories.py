"""Test data made through the real services, so every row is one the product could have made."""

import itertools
from collections import Counter
from decimal import Decimal

from django.db.models import Count, Sum

from orderdesk.accounts.services import apikey_create, user_create
from orderdesk.consultations.models import ConsultationEvent, ConsultationRequest
from orderdesk.consultations.selectors import consultation_status_counts
from orderdesk.consultations.services import ConsultationIn, consultation_create
from orderdesk.core.actor import Actor
from orderdesk.core.roles import Role
from orderdesk.orders import domain
from orderdesk.orders.models import Order, OrderEvent, OrderItem, OrderTag, Payment
from orderdesk.orders.selectors import order_status_counts
from orderdesk.orders.services import order_create, order_transition
from orderdesk.orders.status import OrderStatus

_numbers = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_numbers)}"


# --- People ------------------------------------------------------------------------------------
def make_user(role: str, username: str | None = None):
    user, _password = user_create(username=username or unique(f"{role}-"), role=role)
    return user


def make_api_key(role: str = Role.INTAKE, name: str | None = None):
    api_key, _plain = apikey_create(name=name or unique(f"{role}-key-"), role=role)
    return api_key


def actor_for(role: str) -> Actor:
    """An Actor of this role: a staff user in the migration's group, or an API key for intake."""
    if role == Role.INTAKE:
        return Actor.for_api_key(make_api_key(Role.INTAKE))
    return Actor.for_user(make_user(role))


# --- Orders ------------------------------------------------------------------------------------
def customer_in(**overrides) -> domain.CustomerIn:
    values = {"name": "Nguyễn Văn An", "phone": "0912 345 678", "email": "an@example.com"}
    return domain.CustomerIn(**{**values, **overrides})


def address_in(**overrides) -> domain.AddressIn:
    values = {
        "recipient": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "line1": "12 Lý Thường Kiệt",
        "ward": "Phường Trần Hưng Đạo",
        "district": "Hoàn Kiếm",
        "city": "Hà Nội",
        "country": "VN",
    }
    return domain.AddressIn(**{**values, **overrides})


def item_in(**overrides) -> domain.ItemIn:
    values = {"name": "Áo thun", "quantity": 2, "unit_price": "150000", "sku": "AT-01"}
    return domain.ItemIn(**{**values, **overrides})


def order_in(**overrides) -> domain.OrderIn:
    """A valid VND order: 2 × 150 000 + 30 000 shipping = 330 000."""
    values = {
        "customer": customer_in(),
        "shipping_address": address_in(),
        "items": [item_in()],
        "shipping_fee": "30000",
        "discount": "0",
        "currency": "VND",
        "channel": "web",
        "note": "",
        "tags": [],
    }
    return domain.OrderIn(**{**values, **overrides})


# The moves that take a new order to each status.
PATHS: dict[OrderStatus, list[OrderStatus]] = {
    OrderStatus.PENDING_CONFIRMATION: [],
    OrderStatus.CONFIRMED: [OrderStatus.CONFIRMED],
    OrderStatus.READY_TO_SHIP: [OrderStatus.CONFIRMED, OrderStatus.READY_TO_SHIP],
    OrderStatus.SHIPPING: [
        OrderStatus.CONFIRMED,
        OrderStatus.READY_TO_SHIP,
        OrderStatus.SHIPPING,
    ],
    OrderStatus.DELIVERED: [
        OrderStatus.CONFIRMED,
        OrderStatus.READY_TO_SHIP,
        OrderStatus.SHIPPING,
        OrderStatus.DELIVERED,
    ],
    OrderStatus.CANCELLED: [OrderStatus.CANCELLED],
}


def move_order(code: str, status: OrderStatus, actor: Actor) -> Order:
    """Walk a new order to `status` through the real workflow."""
    order = None
    for step in PATHS[OrderStatus(status)]:
        reason = "Customer changed their mind" if step == OrderStatus.CANCELLED else ""
        order = order_transition(code=code, actor=actor, to=step, reason=reason)
    return order if order is not None else Order.objects.get(code=code)


def make_order(
    actor: Actor, *, status: OrderStatus | None = None, mover: Actor | None = None, **overrides
) -> Order:
    """order_create with a valid OrderIn (fields overridable); then moved to `status` by `mover`."""
    order = order_create(actor=actor, data=order_in(**overrides))
    if status is not None and status != OrderStatus.PENDING_CONFIRMATION:
        move_order(order.code, status, mover or actor)
    return Order.objects.get(pk=order.pk)


def reload(order: Order) -> Order:
    return Order.objects.get(pk=order.pk)


def events(order: Order, event_type: str | None = None) -> list[OrderEvent]:
    queryset = OrderEvent.objects.filter(order_id=order.pk).order_by("id")
    if event_type is not None:
        queryset = queryset.filter(type=event_type)
    return list(queryset)


def ledger_sums(order: Order) -> tuple[Decimal, Decimal]:
    """(paid, refunded) summed from the Payment rows."""
    sums = dict(
        Payment.objects.filter(order_id=order.pk)
        .values("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    return sums.get("payment") or Decimal(0), sums.get("refund") or Decimal(0)


# --- Consultation requests --------------------------------------------------------------------
def consultation_in(**overrides) -> ConsultationIn:
    values = {
        "name": "Trần Thị Bình",
        "phone": "0987 654 321",
        "email": "binh@example.com",
        "subject": "Áo khoác",
        "message": "Tôi muốn hỏi về size áo khoác.",
        "preferred_contact_time": "after 18:00",
        "source": "web_form",
    }
    return ConsultationIn(**{**values, **overrides})


def make_consultation(actor: Actor | None = None, **overrides) -> ConsultationRequest:
    return consultation_create(actor=actor, data=consultation_in(**overrides))


# --- Counters and "nothing changed" -----------------------------------------------------------
def real_order_counts() -> dict[str, int]:
    rows = Order.objects.values("status").annotate(n=Count("id")).values_list("status", "n")
    counts = {status.value: 0 for status in OrderStatus}
    counts.update(dict(rows))
    return {"all": sum(counts.values()), **counts}


def real_consultation_counts() -> dict[str, int]:
    from orderdesk.consultations.status import ConsultationStatus

    rows = (
        ConsultationRequest.objects.values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    counts = {status.value: 0 for status in ConsultationStatus}
    counts.update(dict(rows))
    return {"all": sum(counts.values()), **counts}


def assert_counters_match() -> None:
    assert order_status_counts() == real_order_counts()
    assert consultation_status_counts() == real_consultation_counts()


def snapshot() -> dict:
    """Everything a service may write, to assert that a refused call changed nothing."""
    return {
        "orders": list(
            Order.objects.order_by("id").values_list(
                "code",
                "status",
                "version",
                "payment_status",
                "subtotal",
                "shipping_fee",
                "discount",
                "total",
                "amount_paid",
                "amount_refunded",
                "assigned_to_id",
                "note",
                "cancel_reason",
                "updated_at",
            )
        ),
        "items": list(
            OrderItem.objects.order_by("id").values_list(
                "id", "order_id", "name", "quantity", "unit_price"
            )
        ),
        "tags": sorted(OrderTag.objects.values_list("order_id", "tag")),
        "order_events": Counter(OrderEvent.objects.values_list("order_id", "type")),
        "payments": list(Payment.objects.order_by("id").values_list("id", "kind", "amount")),
        "consultations": list(
            ConsultationRequest.objects.order_by("id").values_list(
                "code", "status", "version", "order_id", "assigned_to_id", "first_response_at"
            )
        ),
        "consultation_events": Counter(ConsultationEvent.objects.values_list("request_id", "type")),
        "order_counts": order_status_counts(),
        "consultation_counts": consultation_status_counts(),
    }
