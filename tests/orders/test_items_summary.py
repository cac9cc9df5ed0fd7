"""Order.items_summary, the exports' Items column, always says what the order's items are:
written with them when the order is made and when its items are edited."""

import pytest

from orderdesk.orders.models import Order, OrderItem
from orderdesk.orders.services import order_edit
from orderdesk.orders.services.editing import OrderChanges
from tests.factories import item_in, make_order

pytestmark = pytest.mark.django_db


def from_items(order: Order) -> str:
    items = OrderItem.objects.filter(order=order).order_by("position", "id")
    return "; ".join(f"{item.quantity} × {item.name}" for item in items)


def test_given_a_new_order_then_its_summary_lists_its_items_in_order(admin):
    order = make_order(admin, items=[item_in(name="Áo thun", quantity=2), item_in(name="Mũ")])

    stored = Order.objects.get(pk=order.pk).items_summary
    assert stored == "2 × Áo thun; 2 × Mũ" == from_items(order)


def test_given_the_items_edited_then_the_summary_follows(admin):
    order = make_order(admin)

    order_edit(
        code=order.code,
        actor=admin,
        changes=OrderChanges(items=[item_in(name="Quần", quantity=3), item_in(name="Khăn")]),
    )

    assert Order.objects.get(pk=order.pk).items_summary == "3 × Quần; 2 × Khăn" == from_items(order)


def test_given_other_fields_edited_then_the_summary_stays(admin):
    order = make_order(admin, items=[item_in(name="Giày", quantity=1)])

    order_edit(code=order.code, actor=admin, changes=OrderChanges(note="Giao buổi sáng"))

    assert Order.objects.get(pk=order.pk).items_summary == "1 × Giày" == from_items(order)
