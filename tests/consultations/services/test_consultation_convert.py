"""consultation_convert: an order linked both ways, the customer from the request, once only."""

import pytest

from orderdesk.consultations.services import consultation_assign, consultation_convert
from orderdesk.core.errors import Conflict, PermissionDenied, VersionMismatch
from orderdesk.orders.models import Order
from orderdesk.orders.services import order_create
from orderdesk.orders.status import OrderStatus
from tests.factories import (
    assert_counters_match,
    customer_in,
    events,
    make_consultation,
    order_in,
    snapshot,
)

pytestmark = pytest.mark.django_db


def conversion_input(**overrides):
    """Order data as a consultant types it: the customer left blank, taken from the request."""
    return order_in(customer=customer_in(name="", phone="", email=""), **overrides)


def test_given_a_request_when_converted_then_an_order_linked_both_ways(customer_care):
    request = make_consultation()

    order = consultation_convert(code=request.code, actor=customer_care, data=conversion_input())

    request.refresh_from_db()
    order = Order.objects.get(pk=order.pk)
    assert request.order == order
    assert order.consultation_request == request
    assert order.status == OrderStatus.PENDING_CONFIRMATION
    assert order.customer_name == request.name
    assert order.customer_phone == request.phone
    assert order.customer_email == request.email
    assert order.note == request.message
    assert order.created_by == customer_care.user
    assert request.first_response_at is not None
    created = events(order, "created")
    assert len(created) == 1
    assert created[0].data["source"] == request.code
    assert created[0].actor_label == customer_care.user.get_username()
    converted = request.events.filter(type="converted").get()
    assert converted.data == {"order": order.code}
    assert_counters_match()


def test_given_a_customer_typed_in_then_it_wins_over_the_request(sales):
    request = make_consultation()

    order = consultation_convert(
        code=request.code,
        actor=sales,
        data=order_in(customer=customer_in(name="Phạm Minh", phone="0903 000 000", email="")),
    )

    assert order.customer_name == "Phạm Minh"
    assert order.customer_phone == "0903 000 000"
    assert order.customer_email == request.email


def test_given_an_assigned_request_then_the_order_gets_the_same_assignee(sales):
    request = make_consultation()
    consultation_assign(code=request.code, actor=sales, username=sales.user.username)

    order = consultation_convert(code=request.code, actor=sales, data=conversion_input())

    assert order.assigned_to == sales.user


def test_given_a_converted_request_when_converted_again_then_conflict_and_nothing_changes(sales):
    request = make_consultation()
    first = consultation_convert(code=request.code, actor=sales, data=conversion_input())
    before = snapshot()

    with pytest.raises(Conflict) as refused:
        consultation_convert(code=request.code, actor=sales, data=conversion_input())

    assert refused.value.http_status == 409
    assert refused.value.code == "consultation_request.already_converted"
    assert first.code in refused.value.message
    assert snapshot() == before


def test_given_customer_care_then_it_converts_though_it_cannot_create_orders(customer_care):
    request = make_consultation()

    with pytest.raises(PermissionDenied):
        order_create(actor=customer_care, data=order_in())
    order = consultation_convert(code=request.code, actor=customer_care, data=conversion_input())

    assert Order.objects.filter(pk=order.pk).exists()


def test_given_invalid_order_data_when_converted_then_nothing_changes(sales):
    from orderdesk.core.errors import ValidationFailed

    request = make_consultation()
    before = snapshot()

    with pytest.raises(ValidationFailed):
        consultation_convert(code=request.code, actor=sales, data=conversion_input(items=[]))

    assert snapshot() == before


def test_given_a_stale_version_when_converted_then_version_mismatch(sales):
    request = make_consultation()
    consultation_assign(code=request.code, actor=sales, username=sales.user.username)
    before = snapshot()

    with pytest.raises(VersionMismatch):
        consultation_convert(
            code=request.code, actor=sales, data=conversion_input(), expected_version=1
        )

    assert snapshot() == before
