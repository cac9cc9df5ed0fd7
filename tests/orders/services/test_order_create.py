"""order_create: codes, computed totals, validation that changes nothing, the created event."""

import re
from decimal import Decimal

import pytest

from orderdesk.core.errors import PermissionDenied, ValidationFailed
from orderdesk.orders.models import Order, OrderItem
from orderdesk.orders.selectors import order_status_counts, order_tags
from orderdesk.orders.services import order_create
from orderdesk.orders.status import OrderStatus, PaymentStatus
from tests.factories import (
    address_in,
    assert_counters_match,
    customer_in,
    events,
    item_in,
    make_order,
    order_in,
    snapshot,
)

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^SO-(\d{6})$")


def field_errors(error: ValidationFailed) -> set[str]:
    return {item["field"] for item in error.errors}


def test_given_valid_input_when_created_then_pending_unpaid_with_a_code(admin):
    order = order_create(actor=admin, data=order_in())

    stored = Order.objects.get(pk=order.pk)
    assert CODE.match(stored.code)
    assert stored.status == OrderStatus.PENDING_CONFIRMATION
    assert stored.payment_status == PaymentStatus.UNPAID
    assert stored.amount_paid == 0
    assert stored.amount_refunded == 0
    assert stored.version == 1
    assert stored.created_by == admin.user
    assert stored.created_by_api_key is None
    assert stored.customer_name == "Nguyễn Văn An"
    assert stored.customer_phone_normalized == "+84912345678"
    assert stored.ship_country == "VN"
    assert stored.channel == "web"


def test_given_several_orders_when_created_then_codes_are_unique_and_increasing(admin):
    codes = [order_create(actor=admin, data=order_in()).code for _ in range(5)]

    numbers = [int(CODE.match(code).group(1)) for code in codes]
    assert len(set(codes)) == 5
    assert numbers == sorted(numbers)
    assert len(set(numbers)) == 5


def test_given_vnd_items_when_created_then_totals_are_computed_in_whole_dong(admin):
    order = order_create(
        actor=admin,
        data=order_in(
            items=[
                item_in(name="Áo thun", quantity=2, unit_price="150000"),
                item_in(name="Quần jeans", quantity=1, unit_price="99000.4", sku="QJ-02"),
            ],
            shipping_fee="30000",
            discount="20000",
            currency="VND",
        ),
    )

    stored = Order.objects.get(pk=order.pk)
    assert stored.currency == "VND"
    assert stored.subtotal == Decimal("399000")
    assert stored.shipping_fee == Decimal("30000")
    assert stored.discount == Decimal("20000")
    assert stored.total == Decimal("409000")
    lines = list(
        OrderItem.objects.filter(order=stored).values_list(
            "position", "name", "quantity", "unit_price", "line_total"
        )
    )
    assert lines == [
        (0, "Áo thun", 2, Decimal("150000"), Decimal("300000")),
        (1, "Quần jeans", 1, Decimal("99000"), Decimal("99000")),
    ]


def test_given_usd_items_when_created_then_totals_are_rounded_to_cents(admin):
    order = order_create(
        actor=admin,
        data=order_in(
            items=[item_in(quantity=3, unit_price="19.99")],
            shipping_fee="5.5",
            discount="0.475",
            currency="usd",
        ),
    )

    stored = Order.objects.get(pk=order.pk)
    assert stored.currency == "USD"
    assert stored.subtotal == Decimal("59.97")
    assert stored.shipping_fee == Decimal("5.50")
    assert stored.discount == Decimal("0.48")
    assert stored.total == Decimal("64.99")
    assert stored.total == stored.subtotal + stored.shipping_fee - stored.discount


def test_given_no_currency_when_created_then_the_configured_default_is_used(admin, settings):
    order = order_create(actor=admin, data=order_in(currency=""))
    assert order.currency == settings.ORDERDESK_CURRENCY


def test_given_a_new_order_then_exactly_one_created_event_with_the_actor_label(admin):
    order = order_create(actor=admin, data=order_in())

    timeline = events(order)
    assert [event.type for event in timeline] == ["created"]
    event = timeline[0]
    assert event.actor_label == admin.user.get_username()
    assert event.actor_user == admin.user
    assert event.data["status"] == "pending_confirmation"
    assert event.data["total"] == "330000"


def test_given_an_intake_key_when_it_creates_then_the_key_is_recorded(intake):
    order = order_create(actor=intake, data=order_in(channel="api"))

    assert order.created_by is None
    assert order.created_by_api_key == intake.api_key
    assert events(order)[0].actor_label == f"api:{intake.api_key.name}"


def test_given_a_new_order_then_the_pending_counter_goes_up_by_one(admin):
    before = order_status_counts()

    make_order(admin)

    after = order_status_counts()
    assert after["pending_confirmation"] == before["pending_confirmation"] + 1
    assert after["all"] == before["all"] + 1
    assert_counters_match()


def test_given_tags_when_created_then_they_are_cleaned_and_deduplicated(admin):
    order = order_create(actor=admin, data=order_in(tags=["VIP", " vip ", "Giao  nhanh", ""]))
    assert order_tags(order) == ["giao nhanh", "vip"]


def test_given_search_text_then_accents_phones_and_skus_are_searchable(admin):
    order = make_order(admin)
    assert "nguyen van an" in order.search_text
    assert "0912345678" in order.search_text
    assert "84912345678" in order.search_text
    assert "at-01" in order.search_text
    assert order.code.lower() in order.search_text


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"items": []}, {"items"}),
        ({"customer": customer_in(name="", phone="12")}, {"customer.name", "customer.phone"}),
        ({"customer": customer_in(email="not-an-email")}, {"customer.email"}),
        ({"shipping_address": address_in(country="Vietnam")}, {"shipping_address.country"}),
        (
            {"shipping_address": address_in(line1="", city="", recipient="")},
            {
                "shipping_address.line1",
                "shipping_address.city",
                "shipping_address.recipient",
            },
        ),
        ({"items": [item_in(quantity=0)]}, {"items.0.quantity"}),
        ({"items": [item_in(quantity="1.5")]}, {"items.0.quantity"}),
        ({"items": [item_in(quantity=1_000_001)]}, {"items.0.quantity"}),
        ({"items": [item_in(unit_price="-1")]}, {"items.0.unit_price"}),
        ({"items": [item_in(unit_price="abc")]}, {"items.0.unit_price"}),
        ({"items": [item_in(), item_in(name="")]}, {"items.1.name"}),
        ({"shipping_fee": "-5"}, {"shipping_fee"}),
        ({"discount": "NaN"}, {"discount"}),
        ({"discount": "330001"}, {"discount"}),
        ({"currency": "XYZ"}, {"currency"}),
        ({"channel": "fax"}, {"channel"}),
        ({"tags": ["bad<tag>"]}, {"tags"}),
        ({"tags": [f"t{i}" for i in range(21)]}, {"tags"}),
        ({"note": "x" * 5001}, {"note"}),
    ],
    ids=lambda value: "-".join(sorted(value)) if isinstance(value, set) else None,
)
def test_given_invalid_input_when_created_then_field_errors_and_nothing_changes(
    admin, overrides, fields
):
    make_order(admin)  # something already there, so "nothing changes" is not trivial
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        order_create(actor=admin, data=order_in(**overrides))

    assert refused.value.code == "validation.invalid"
    assert refused.value.http_status == 422
    assert fields <= field_errors(refused.value)
    assert snapshot() == before


def test_given_many_problems_then_every_field_error_is_reported_at_once(admin):
    with pytest.raises(ValidationFailed) as refused:
        order_create(
            actor=admin,
            data=order_in(
                customer=customer_in(name=""),
                items=[item_in(quantity=0, unit_price="x")],
                shipping_fee="-1",
            ),
        )
    assert {
        "customer.name",
        "items.0.quantity",
        "items.0.unit_price",
        "shipping_fee",
    } <= field_errors(refused.value)


def test_given_a_line_too_large_to_store_when_created_then_a_validation_error_not_a_crash(admin):
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        order_create(
            actor=admin,
            data=order_in(items=[item_in(quantity=1_000_000, unit_price="999999999")]),
        )

    assert field_errors(refused.value)
    assert snapshot() == before


def test_given_an_astronomic_unit_price_when_created_then_a_validation_error_not_a_crash(admin):
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        order_create(actor=admin, data=order_in(items=[item_in(unit_price="1e100")]))

    assert "items.0.unit_price" in field_errors(refused.value)
    assert snapshot() == before


def test_given_a_role_without_create_permission_then_refused_and_nothing_changes(customer_care):
    before = snapshot()

    with pytest.raises(PermissionDenied) as refused:
        order_create(actor=customer_care, data=order_in())

    assert refused.value.code == "permission.denied"
    assert refused.value.http_status == 403
    assert snapshot() == before


def test_given_a_revoked_intake_key_then_it_can_no_longer_create(intake):
    from orderdesk.accounts.services import apikey_revoke

    apikey_revoke(name=intake.api_key.name)
    intake.api_key.refresh_from_db()

    with pytest.raises(PermissionDenied):
        order_create(actor=intake, data=order_in())


def test_given_lines_whose_sum_is_too_large_to_store_then_a_validation_error_not_a_crash(admin):
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        order_create(
            actor=admin,
            data=order_in(
                items=[
                    item_in(quantity=1, unit_price="600000000000"),
                    item_in(quantity=1, unit_price="600000000000"),
                ]
            ),
        )

    assert field_errors(refused.value)
    assert snapshot() == before


def test_given_a_staff_assignee_when_created_then_the_order_is_assigned(admin):
    from tests.factories import make_user

    seller = make_user("sales")

    order = order_create(actor=admin, data=order_in(assigned_to=seller.username))

    assert Order.objects.get(pk=order.pk).assigned_to == seller


def test_given_an_unknown_assignee_when_created_then_refused_and_nothing_changes(admin):
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        order_create(actor=admin, data=order_in(assigned_to="ghost"))

    assert field_errors(refused.value) == {"assigned_to"}
    assert snapshot() == before
