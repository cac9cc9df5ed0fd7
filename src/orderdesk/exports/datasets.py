"""The data sets Orderdesk exports, each with its filters, rows and period field.

One definition per data set serves every door: the list pages, background jobs, the API, the
`orderdesk export` command and scheduled exports.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from orderdesk.consultations.exporters import ConsultationExporter
from orderdesk.consultations.listing import consultation_query_filter, consultation_query_parse
from orderdesk.consultations.selectors import consultation_visible_queryset
from orderdesk.core.actor import Actor
from orderdesk.core.errors import ValidationFailed
from orderdesk.core.exporting import Exporter
from orderdesk.orders.exporters import OrderExporter, OrderItemExporter, PaymentExporter
from orderdesk.orders.listing import order_query_filter, order_query_parse
from orderdesk.orders.models import OrderItem, Payment
from orderdesk.orders.selectors import order_visible_queryset


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str
    # The rows for an actor and the list's filters (request parameters).
    queryset: Callable[[Actor, object], QuerySet]
    exporter: Callable[[QuerySet], Exporter]
    # Scheduled exports: which time puts a row in a period, and which marks it as changed.
    period_field: str
    changed_field: str
    # How many rows the export will have (decides between a download and a background job).
    row_count: Callable[[QuerySet], int] = QuerySet.count

    def build(self, actor: Actor, params) -> tuple[QuerySet, Exporter]:
        """ValidationFailed for filters that do not parse."""
        rows = self.queryset(actor, params)
        return rows, self.exporter(rows)

    def within(self, rows: QuerySet, start: datetime, end: datetime, *, changed=False):
        field = self.changed_field if changed else self.period_field
        return rows.filter(**{f"{field}__gte": start, f"{field}__lt": end})


def _orders(actor: Actor, params):
    return order_query_filter(order_visible_queryset(actor), order_query_parse(params))


def _item_count(orders: QuerySet) -> int:
    return OrderItem.objects.filter(order__in=orders).count()


def _payments(actor: Actor, params):
    return Payment.objects.filter(order__in=_orders(actor, params))


def _consultations(actor: Actor, params):
    return consultation_query_filter(
        consultation_visible_queryset(actor), consultation_query_parse(params)
    )


DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        Dataset("orders", _("Orders"), _orders, OrderExporter, "created_at", "updated_at"),
        # Items follow their orders: the order list's filters and periods apply.
        Dataset(
            "items",
            _("Order items"),
            _orders,
            OrderItemExporter,
            "created_at",
            "updated_at",
            row_count=_item_count,
        ),
        Dataset("payments", _("Payments"), _payments, PaymentExporter, "paid_at", "created_at"),
        Dataset(
            "consultations",
            _("Consultation requests"),
            _consultations,
            ConsultationExporter,
            "created_at",
            "updated_at",
        ),
    )
}


def dataset_get(name: str) -> Dataset:
    dataset = DATASETS.get(name)
    if dataset is None:
        raise ValidationFailed.for_field(
            "dataset", _("Unknown data set; use one of: %s.") % ", ".join(DATASETS)
        )
    return dataset
