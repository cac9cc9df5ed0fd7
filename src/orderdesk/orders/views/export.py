"""Downloading orders: the list's current filter, or a selection of rows, as CSV or XLSX.

The filter's export may be the orders, their items or their payments (`dataset`); a large one
is written in the background (see orderdesk.exports)."""

from django.http import HttpResponseBadRequest

from orderdesk.core.roles import Perm
from orderdesk.exports.views import download_response, export_list_response
from orderdesk.orders.exporters import OrderExporter, OrderItemExporter, PaymentExporter
from orderdesk.orders.models import Payment
from orderdesk.orders.selectors import order_visible_queryset
from orderdesk.web.views import staff_view

ORDER_DATASETS = ("orders", "items", "payments")


@staff_view(Perm.EXPORT_AND_REPORTS)
def order_export(request):
    """GET with the list's filters: everything that matches them."""
    dataset = request.GET.get("dataset") or "orders"
    if dataset not in ORDER_DATASETS:
        return HttpResponseBadRequest("dataset must be orders, items or payments.")
    return export_list_response(request, dataset, request.GET)


@staff_view(Perm.EXPORT_AND_REPORTS, post_only=True)
def order_export_selection(request):
    """POST with ticked rows: just those orders (or their items or payments)."""
    codes = [code for code in request.POST.getlist("codes") if code][:10_000]
    orders = order_visible_queryset(request.actor).filter(code__in=codes)
    dataset = request.POST.get("dataset") or "orders"
    if dataset == "items":
        exporter = OrderItemExporter(orders)
    elif dataset == "payments":
        exporter = PaymentExporter(Payment.objects.filter(order__in=orders))
    else:
        exporter = OrderExporter(orders)
    return download_response(exporter, request.POST)
