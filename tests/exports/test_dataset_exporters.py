"""The items and payments exports: every column, in the order's currency."""

from decimal import Decimal

from orderdesk.exports.datasets import DATASETS
from orderdesk.orders.exporters import OrderItemExporter, PaymentExporter
from orderdesk.orders.models import Order, Payment
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus
from tests import factories


def test_given_an_order_of_two_lines_then_one_item_row_each_with_the_orders_code_and_status(
    admin,
):
    order = factories.make_order(
        admin,
        status=OrderStatus.CONFIRMED,
        items=[
            factories.item_in(sku="AT-01", name="Áo thun", quantity=2, unit_price="150000"),
            factories.item_in(sku="NL-02", name="=Nón lá", quantity=1, unit_price="90000"),
        ],
    )
    rows = list(OrderItemExporter(Order.objects.all()).rows())
    assert [row[0:2] for row in rows] == [[order.code, "confirmed"]] * 2
    assert [row[3:] for row in rows] == [
        ["AT-01", "Áo thun", 2, Decimal("150000"), Decimal("300000"), "VND"],
        ["NL-02", "=Nón lá", 1, Decimal("90000"), Decimal("90000"), "VND"],
    ]
    assert len(OrderItemExporter.columns) == len(rows[0])


def test_given_a_payment_and_a_refund_then_one_row_each_with_who_recorded_it(admin, operations):
    order = factories.make_order(admin)
    payment_record(
        code=order.code, actor=operations, kind="payment", amount="330000", method="cod",
        reference="GHN-1",
    )  # fmt: skip
    payment_record(code=order.code, actor=admin, kind="refund", amount="30000", method="cash")
    rows = list(PaymentExporter(Payment.objects.all()).rows())
    assert [row[:6] for row in rows] == [
        [order.code, "payment", "cod", Decimal("330000"), "VND", "GHN-1"],
        [order.code, "refund", "cash", Decimal("30000"), "VND", ""],
    ]
    assert [row[7] for row in rows] == [operations.label, admin.label]
    assert len(PaymentExporter.columns) == len(rows[0])


def test_given_list_filters_then_items_and_payments_follow_the_orders_they_match(admin):
    delivered = factories.make_order(admin, status=OrderStatus.DELIVERED)
    factories.make_order(admin)
    for order in Order.objects.all():
        payment_record(code=order.code, actor=admin, kind="payment", amount="1000", method="cash")
    params = {"status": "delivered"}
    for name in ("items", "payments"):
        _rows, exporter = DATASETS[name].build(admin, params)
        assert {row[0] for row in exporter.rows()} == {delivered.code}
    assert DATASETS["items"].row_count(DATASETS["items"].build(admin, params)[0]) == 1
