"""order_edit: field diffs, recomputed totals, locked completed orders, optimistic locking."""

from decimal import Decimal

import pytest

from orderdesk.core.errors import (
    OrderLocked,
    PermissionDenied,
    ValidationFailed,
    VersionMismatch,
)
from orderdesk.orders.selectors import order_tags
from orderdesk.orders.services import order_edit, payment_record
from orderdesk.orders.services.editing import OrderChanges
from orderdesk.orders.status import OrderStatus, PaymentStatus
from tests.factories import (
    address_in,
    customer_in,
    events,
    item_in,
    make_order,
    make_user,
    reload,
    snapshot,
)

pytestmark = pytest.mark.django_db

COMPLETED = [OrderStatus.DELIVERED, OrderStatus.CANCELLED]


def edit(order, actor, **changes):
    return order_edit(
        code=order.code,
        actor=actor,
        changes=OrderChanges(**{k: v for k, v in changes.items() if k not in ("reason",)}),
        reason=changes.get("reason", ""),
    )


def test_given_a_new_shipping_fee_when_edited_then_totals_follow_and_one_event_records_the_diff(
    admin,
):
    order = make_order(admin)
    events_before = len(events(order))

    edit(order, admin, shipping_fee="40000")

    stored = reload(order)
    assert len(events(stored)) == events_before + 1
    assert stored.shipping_fee == Decimal("40000")
    assert stored.total == Decimal("340000")
    assert stored.version == order.version + 1
    edited = events(stored, "edited")
    assert len(edited) == 1
    assert edited[0].actor_label == admin.user.get_username()
    assert edited[0].data["changes"] == {
        "shipping_fee": {"before": "30000", "after": "40000"},
        "total": {"before": "330000", "after": "340000"},
    }
    assert "reason" not in edited[0].data


def test_given_a_discount_when_edited_then_the_total_drops_and_the_diff_says_so(admin):
    order = make_order(
        admin, currency="USD", items=[item_in(quantity=1, unit_price="20")], shipping_fee="30"
    )

    edit(order, admin, discount="2.5", shipping_fee="0")

    stored = reload(order)
    assert stored.total == Decimal("17.50")
    assert events(stored, "edited")[0].data["changes"] == {
        "shipping_fee": {"before": "30.00", "after": "0.00"},
        "discount": {"before": "0.00", "after": "2.50"},
        "total": {"before": "50.00", "after": "17.50"},
    }


def test_given_new_items_when_edited_then_items_are_replaced_and_the_diff_lists_the_lines(admin):
    order = make_order(admin)

    edit(
        order,
        admin,
        items=[
            item_in(name="Áo thun", quantity=3, unit_price="150000", sku="AT-01"),
            item_in(name="Mũ", quantity=1, unit_price="50000", sku=""),
        ],
    )

    stored = reload(order)
    assert list(stored.items.values_list("name", "quantity")) == [("Áo thun", 3), ("Mũ", 1)]
    assert stored.subtotal == Decimal("500000")
    assert stored.total == Decimal("530000")
    changes = events(stored, "edited")[0].data["changes"]
    assert changes["items"] == {
        "before": ["2 × Áo thun [AT-01] @ 150000"],
        "after": ["3 × Áo thun [AT-01] @ 150000", "1 × Mũ @ 50000"],
    }
    assert changes["subtotal"] == {"before": "300000", "after": "500000"}


def test_given_the_same_items_when_edited_then_nothing_is_recorded(admin):
    order = make_order(admin)
    before = snapshot()

    edit(order, admin, items=[item_in()])

    assert reload(order).version == order.version
    assert events(order, "edited") == []
    assert snapshot() == before


def test_given_the_same_values_when_edited_then_nothing_is_recorded(admin):
    order = make_order(admin)
    before = snapshot()

    edit(order, admin, shipping_fee="30000", discount="0", customer=customer_in(), note="")

    assert snapshot() == before


def test_given_a_new_customer_phone_when_edited_then_normalised_and_searchable(admin):
    order = make_order(admin)

    edit(order, admin, customer=customer_in(name="Lê Thị Cúc", phone="+84 987 000 111"))

    stored = reload(order)
    assert stored.customer_phone == "+84 987 000 111"
    assert stored.customer_phone_normalized == "+84987000111"
    assert "le thi cuc" in stored.search_text
    assert "0987000111" in stored.search_text
    changes = events(stored, "edited")[0].data["changes"]
    assert changes["customer.name"] == {"before": "Nguyễn Văn An", "after": "Lê Thị Cúc"}
    assert changes["customer.phone"] == {"before": "0912 345 678", "after": "+84 987 000 111"}


def test_given_an_address_change_when_edited_then_only_changed_fields_are_in_the_diff(admin):
    order = make_order(admin)

    edit(order, admin, shipping_address=address_in(city="Đà Nẵng", country="vn"))

    stored = reload(order)
    assert stored.ship_city == "Đà Nẵng"
    assert events(stored, "edited")[0].data["changes"] == {
        "shipping_address.city": {"before": "Hà Nội", "after": "Đà Nẵng"}
    }


def test_given_tags_and_assignee_when_edited_then_both_are_in_one_event(admin):
    order = make_order(admin, tags=["vip"])
    seller = make_user("sales")

    edit(order, admin, tags=["gift", "Urgent"], assigned_to=seller.username)

    stored = reload(order)
    assert order_tags(stored) == ["gift", "urgent"]
    assert stored.assigned_to == seller
    edited = events(stored, "edited")
    assert len(edited) == 1
    assert edited[0].data["changes"]["tags"] == {"added": ["gift", "urgent"], "removed": ["vip"]}
    assert edited[0].data["changes"]["assigned_to"] == {"before": None, "after": seller.username}


def test_given_an_unknown_assignee_when_edited_then_refused_and_nothing_changes(admin):
    order = make_order(admin)
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        edit(order, admin, assigned_to="nobody", shipping_fee="1")

    assert {e["field"] for e in refused.value.errors} == {"assigned_to"}
    assert snapshot() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"discount": "400000"}, "discount"),
        ({"shipping_fee": "-1"}, "shipping_fee"),
        ({"items": []}, "items"),
        ({"items": [item_in(quantity=0)]}, "items.0.quantity"),
        ({"customer": customer_in(email="nope")}, "customer.email"),
        ({"shipping_address": address_in(country="")}, "shipping_address.country"),
        ({"tags": ["<script>"]}, "tags"),
    ],
)
def test_given_invalid_changes_when_edited_then_field_errors_and_nothing_changes(
    admin, changes, field
):
    order = make_order(admin)
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        edit(order, admin, **changes)

    assert field in {e["field"] for e in refused.value.errors}
    assert snapshot() == before


def test_given_a_paid_order_when_its_total_rises_then_payment_status_follows(admin):
    order = make_order(admin)
    payment_record(code=order.code, actor=admin, kind="payment", amount="330000", method="cash")
    assert reload(order).payment_status == PaymentStatus.PAID

    edit(order, admin, shipping_fee="40000")

    assert reload(order).payment_status == PaymentStatus.PARTIALLY_PAID


def test_given_a_stale_version_when_edited_then_version_mismatch_and_nothing_changes(admin):
    order = make_order(admin)
    edit(order, admin, note="first edit")  # version 2 now
    before = snapshot()

    with pytest.raises(VersionMismatch) as refused:
        order_edit(
            code=order.code,
            actor=admin,
            changes=OrderChanges(note="second edit"),
            expected_version=1,
        )

    assert refused.value.http_status == 412
    assert refused.value.code == "order.version_mismatch"
    assert snapshot() == before


def test_given_the_current_version_when_edited_then_accepted(admin):
    order = make_order(admin)

    order_edit(code=order.code, actor=admin, changes=OrderChanges(note="ok"), expected_version=1)

    assert reload(order).version == 2


def test_given_a_role_that_may_not_edit_then_refused_and_nothing_changes(customer_care, admin):
    order = make_order(admin)
    before = snapshot()

    with pytest.raises(PermissionDenied):
        edit(order, customer_care, note="no")

    assert snapshot() == before


@pytest.mark.parametrize("status", COMPLETED)
@pytest.mark.parametrize("role", ["admin", "operations", "sales"])
def test_given_a_completed_order_when_edited_without_reason_then_locked_for_everyone(
    request, admin, status, role
):
    order = make_order(admin, status=status)
    actor = request.getfixturevalue(role)
    before = snapshot()

    with pytest.raises(OrderLocked) as refused:
        edit(order, actor, note="late change")

    assert refused.value.code == "order.locked"
    assert refused.value.http_status == 409
    assert order.code in refused.value.message
    assert snapshot() == before


@pytest.mark.parametrize("status", COMPLETED)
@pytest.mark.parametrize("role", ["operations", "sales"])
def test_given_a_completed_order_when_edited_with_reason_but_no_permission_then_denied(
    request, admin, status, role
):
    order = make_order(admin, status=status)
    actor = request.getfixturevalue(role)
    before = snapshot()

    with pytest.raises(PermissionDenied) as refused:
        edit(order, actor, note="late change", reason="Customer called")

    assert refused.value.code == "permission.denied"
    assert snapshot() == before


@pytest.mark.parametrize("status", COMPLETED)
def test_given_a_completed_order_when_admin_edits_with_reason_then_reason_and_diff_recorded(
    admin, status
):
    order = make_order(admin, status=status)

    edit(order, admin, note="Gift wrap", reason="  Customer called after delivery  ")

    stored = reload(order)
    assert stored.note == "Gift wrap"
    assert stored.status == status  # editing never moves the order
    edited = events(stored, "edited")
    assert len(edited) == 1
    assert edited[0].data["reason"] == "Customer called after delivery"
    assert edited[0].data["changes"] == {"note": {"before": "", "after": "Gift wrap"}}
