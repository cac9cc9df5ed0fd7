"""Order exports: rows only; CSV and XLSX come from core.exporting. Columns: docs/exports.md."""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from orderdesk.core.exporting import Column, Exporter, keyset_chunks
from orderdesk.core.money import to_money
from orderdesk.orders.models import Order, OrderItem, OrderTag

CHUNK = 2000


def _address(order: Order) -> str:
    parts = [order.ship_line1, order.ship_line2, order.ship_ward, order.ship_district,
             order.ship_city, order.ship_province, order.ship_postal_code, order.ship_country]  # fmt: skip
    return ", ".join(part for part in parts if part)


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

    def __init__(self, queryset: QuerySet[Order]):
        self.queryset = queryset

    def rows(self) -> Iterator[list]:
        for chunk in keyset_chunks(self.queryset.select_related("assigned_to"), CHUNK):
            ids = [order.pk for order in chunk]
            items: dict[int, list[str]] = {}
            for order_id, quantity, name in (
                OrderItem.objects.filter(order_id__in=ids)
                .order_by("order_id", "position", "id")
                .values_list("order_id", "quantity", "name")
            ):
                items.setdefault(order_id, []).append(f"{quantity} × {name}")
            tags: dict[int, list[str]] = {}
            for order_id, tag in OrderTag.objects.filter(order_id__in=ids).values_list(
                "order_id", "tag"
            ):
                tags.setdefault(order_id, []).append(tag)
            for order in chunk:
                yield self.row(order, items.get(order.pk, []), sorted(tags.get(order.pk, [])))

    @staticmethod
    def row(order: Order, items: list[str], tags: list[str]) -> list:
        currency = order.currency

        def money(value):
            return to_money(value, currency)

        return [
            order.code,
            order.created_at,
            order.updated_at,
            order.status,
            order.payment_status,
            order.customer_name,
            order.customer_phone,
            order.customer_email,
            order.ship_recipient,
            _address(order),
            order.channel,
            "; ".join(items),
            money(order.subtotal),
            money(order.shipping_fee),
            money(order.discount),
            money(order.total),
            money(order.amount_paid),
            money(order.amount_refunded),
            money(order.balance_due),
            currency,
            order.carrier,
            order.tracking_number,
            order.assigned_to.username if order.assigned_to else "",
            ", ".join(tags),
            order.cancel_reason,
        ]
