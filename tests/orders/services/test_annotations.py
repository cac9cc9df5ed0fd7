"""Notes, assignment and tags: one event each, allowed on completed orders, checked input."""

import pytest

from orderdesk.core.errors import NotFound, PermissionDenied, ValidationFailed
from orderdesk.orders.selectors import order_tags
from orderdesk.orders.services import order_assign, order_note_add, order_tags_change
from orderdesk.orders.status import OrderStatus
from tests.factories import events, make_order, make_user, reload, snapshot

pytestmark = pytest.mark.django_db


def test_given_a_note_when_added_then_one_note_event_with_the_text_and_actor(admin, sales):
    order = make_order(admin)

    event = order_note_add(code=order.code, actor=sales, text="  Customer prefers mornings  ")

    assert event.type == "note_added"
    assert event.data == {"text": "Customer prefers mornings"}
    assert event.actor_label == sales.user.get_username()
    assert events(order, "note_added") == [event]
    assert reload(order).version == order.version + 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 5001])
def test_given_an_empty_or_long_note_then_refused_and_nothing_changes(admin, text):
    order = make_order(admin)
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        order_note_add(code=order.code, actor=admin, text=text)

    assert [e["field"] for e in refused.value.errors] == ["text"]
    assert snapshot() == before


@pytest.mark.parametrize("status", [OrderStatus.DELIVERED, OrderStatus.CANCELLED])
def test_given_a_completed_order_then_notes_tags_and_assignment_are_still_allowed(
    admin, customer_care, status
):
    order = make_order(admin, status=status)
    colleague = make_user("customer_care")

    order_note_add(code=order.code, actor=customer_care, text="Called the customer")
    order_tags_change(code=order.code, actor=customer_care, add=["follow-up"])
    order_assign(code=order.code, actor=customer_care, username=colleague.username)

    stored = reload(order)
    assert stored.status == status
    assert stored.assigned_to == colleague
    assert order_tags(stored) == ["follow-up"]
    assert [e.type for e in events(stored)][-3:] == ["note_added", "tags_changed", "assigned"]


def test_given_a_staff_user_when_assigned_then_one_assigned_event_from_and_to(admin):
    order = make_order(admin)
    first, second = make_user("sales"), make_user("operations")

    order_assign(code=order.code, actor=admin, username=first.username)
    order_assign(code=order.code, actor=admin, username=second.username)
    order_assign(code=order.code, actor=admin, username=None)

    assert reload(order).assigned_to is None
    assert [e.data for e in events(order, "assigned")] == [
        {"from": None, "to": first.username},
        {"from": first.username, "to": second.username},
        {"from": second.username, "to": None},
    ]


def test_given_the_same_assignee_again_then_nothing_is_recorded(admin):
    order = make_order(admin)
    seller = make_user("sales")
    order_assign(code=order.code, actor=admin, username=seller.username)
    before = snapshot()

    order_assign(code=order.code, actor=admin, username=seller.username)

    assert snapshot() == before


def test_given_an_unknown_or_inactive_or_roleless_user_then_assignment_is_refused(admin):
    from django.contrib.auth import get_user_model

    order = make_order(admin)
    inactive = make_user("sales")
    inactive.is_active = False
    inactive.save()
    roleless = get_user_model().objects.create_user(username="no-role", password="x")
    before = snapshot()

    for username in ("ghost", inactive.username, roleless.username):
        with pytest.raises(ValidationFailed) as refused:
            order_assign(code=order.code, actor=admin, username=username)
        assert [e["field"] for e in refused.value.errors] == ["assigned_to"]

    assert snapshot() == before


def test_given_tags_when_added_and_removed_then_one_event_per_change(admin):
    order = make_order(admin, tags=["vip"])

    order_tags_change(code=order.code, actor=admin, add=["Gift", "  Giao   nhanh "])
    order_tags_change(code=order.code, actor=admin, remove=["VIP"])

    assert order_tags(reload(order)) == ["giao nhanh", "gift"]
    assert [e.data for e in events(order, "tags_changed")] == [
        {"added": ["giao nhanh", "gift"], "removed": []},
        {"added": [], "removed": ["vip"]},
    ]


def test_given_a_tag_change_that_changes_nothing_then_nothing_is_recorded(admin):
    order = make_order(admin, tags=["vip"])
    before = snapshot()

    order_tags_change(code=order.code, actor=admin, add=["vip"], remove=["absent"])

    assert snapshot() == before


def test_given_too_many_or_bad_tags_then_refused_and_nothing_changes(admin):
    order = make_order(admin, tags=[f"t{i}" for i in range(20)])
    before = snapshot()

    with pytest.raises(ValidationFailed):
        order_tags_change(code=order.code, actor=admin, add=["one-too-many"])
    with pytest.raises(ValidationFailed) as refused:
        order_tags_change(code=order.code, actor=admin, add=["<b>"])
    assert [e["field"] for e in refused.value.errors] == ["add"]

    assert snapshot() == before


def test_given_an_intake_key_then_it_cannot_annotate_even_its_own_orders(intake):
    order = make_order(intake)
    before = snapshot()

    with pytest.raises(PermissionDenied):
        order_note_add(code=order.code, actor=intake, text="hello")
    with pytest.raises(PermissionDenied):
        order_tags_change(code=order.code, actor=intake, add=["x"])
    with pytest.raises(PermissionDenied):
        order_assign(code=order.code, actor=intake, username=None)

    assert snapshot() == before


def test_given_an_unknown_order_then_not_found(admin):
    with pytest.raises(NotFound):
        order_note_add(code="SO-999999", actor=admin, text="hello")
