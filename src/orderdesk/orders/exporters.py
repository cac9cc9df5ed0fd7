"""Order exports: rows only; CSV and XLSX come from core.exporting. Columns: docs/exports.md."""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from orderdesk.core.exporting import Column, Exporter, keyset_chunks
from orderdesk.core.money import money_quantizer, to_money
from orderdesk.orders.models import Order, OrderItem, OrderTag, Payment
from orderdesk.orders.status import balance_due

CHUNK = 2000


# The shipping address on one line, in this order (export_sql.py writes the same).
ADDRESS_PARTS = ("line1", "line2", "ward", "district", "city", "province", "postal_code", "country")


class OrderExporter(Exporter):
    """One row per order."""

    name = "orders"
    columns = [
        Column("code", _("Order")),
        Column("created_at", _("Created")),
        Column("updated_at", _("Updated")),
        Column("status", _("Status")),
        Column("payment_status", _("Payment status")),
        Column("customer_name", _("Customer")),
        Column("customer_phone", _("Phone")),
        Column("customer_email", _("E-mail")),
        Column("recipient", _("Recipient")),
        Column("address", _("Shipping address")),
        Column("channel", _("Channel")),
        Column("items", _("Items")),
        Column("subtotal", _("Subtotal")),
        Column("shipping_fee", _("Shipping fee")),
        Column("discount", _("Discount")),
        Column("total", _("Total")),
        Column("paid", _("Paid")),
        Column("refunded", _("Refunded")),
        Column("balance", _("Balance due")),
        Column("currency", _("Currency")),
        Column("carrier", _("Carrier")),
        Column("tracking_number", _("Tracking number")),
        Column("assignee", _("Assignee")),
        Column("tags", _("Tags")),
        Column("cancel_reason", _("Cancel reason")),
    ]

    # Read as plain values, not model instances: an export of a million orders spends its time
    # here, and building a model per row would double it.
    FIELDS = (
        "id", "code", "created_at", "updated_at", "status", "payment_status", "customer_name",
        "customer_phone", "customer_email", "ship_recipient", *(f"ship_{key}" for key in
        ADDRESS_PARTS), "channel", "subtotal", "shipping_fee", "discount", "total",
        "amount_paid", "amount_refunded", "currency", "carrier", "tracking_number",
        "assigned_to__username", "cancel_reason", "items_summary",
    )  # fmt: skip

    copy_kinds = (
        "text", "datetime", "datetime", *["text"] * 9, *["number"] * 7, *["text"] * 6,
    )  # fmt: skip

    def __init__(self, queryset: QuerySet[Order]):
        self.queryset = queryset

    def copy_query(self, *, delimiter: str):
        from orderdesk.orders.export_sql import order_copy_query

        return order_copy_query(self.queryset, delimiter=delimiter)

    def rows(self) -> Iterator[list]:
        for chunk in keyset_chunks(self.queryset.values(*self.FIELDS), CHUNK):
            ids = [order["id"] for order in chunk]
            tags: dict[int, list[str]] = {}
            for order_id, tag in OrderTag.objects.filter(order_id__in=ids).values_list(
                "order_id", "tag"
            ):
                tags.setdefault(order_id, []).append(tag)
            for order in chunk:
                yield self.row(order, sorted(tags.get(order["id"], [])))

    @staticmethod
    def row(order: dict, tags: list[str]) -> list:
        money = money_quantizer(order["currency"])
        paid, refunded, total = order["amount_paid"], order["amount_refunded"], order["total"]
        return [
            order["code"],
            order["created_at"],
            order["updated_at"],
            order["status"],
            order["payment_status"],
            order["customer_name"],
            order["customer_phone"],
            order["customer_email"],
            order["ship_recipient"],
            ", ".join(part for key in ADDRESS_PARTS if (part := order[f"ship_{key}"])),
            order["channel"],
            order["items_summary"],
            money(order["subtotal"]),
            money(order["shipping_fee"]),
            money(order["discount"]),
            money(total),
            money(paid),
            money(refunded),
            money(balance_due(total=total, paid=paid, refunded=refunded)),
            order["currency"],
            order["carrier"],
            order["tracking_number"],
            order["assigned_to__username"] or "",
            ", ".join(tags),
            order["cancel_reason"],
        ]


class OrderItemExporter(Exporter):
    """One row per item of the orders in `queryset`, with the order's code and status."""

    name = "order-items"
    columns = [
        Column("code", _("Order")),
        Column("status", _("Status")),
        Column("created_at", _("Created")),
        Column("sku", _("SKU")),
        Column("name", _("Item")),
        Column("quantity", _("Quantity")),
        Column("unit_price", _("Unit price")),
        Column("line_total", _("Line total")),
        Column("currency", _("Currency")),
    ]

    def __init__(self, queryset: QuerySet[Order]):
        self.queryset = queryset

    def rows(self) -> Iterator[list]:
        orders = self.queryset.only("id", "code", "status", "created_at", "currency")
        for chunk in keyset_chunks(orders, CHUNK):
            by_id = {order.pk: order for order in chunk}
            for item in OrderItem.objects.filter(order_id__in=by_id).order_by(
                "order_id", "position", "id"
            ):
                order = by_id[item.order_id]
                yield [
                    order.code,
                    order.status,
                    order.created_at,
                    item.sku,
                    item.name,
                    item.quantity,
                    to_money(item.unit_price, order.currency),
                    to_money(item.line_total, order.currency),
                    order.currency,
                ]


class PaymentExporter(Exporter):
    """One row per payment or refund in `queryset` (a Payment queryset), oldest first by id."""

    name = "payments"
    columns = [
        Column("code", _("Order")),
        Column("kind", _("Kind")),
        Column("method", _("Method")),
        Column("amount", _("Amount")),
        Column("currency", _("Currency")),
        Column("reference", _("Reference")),
        Column("paid_at", _("Paid at")),
        Column("recorded_by", _("Recorded by")),
    ]

    def __init__(self, queryset: QuerySet[Payment]):
        self.queryset = queryset

    def rows(self) -> Iterator[list]:
        payments = self.queryset.select_related("order").only(
            "id", "kind", "method", "amount", "reference", "paid_at", "recorded_by_label",
            "order__code", "order__currency",
        )  # fmt: skip
        for chunk in keyset_chunks(payments, CHUNK):
            for payment in chunk:
                currency = payment.order.currency
                yield [
                    payment.order.code,
                    payment.kind,
                    payment.method,
                    to_money(payment.amount, currency),
                    currency,
                    payment.reference,
                    payment.paid_at,
                    payment.recorded_by_label,
                ]
