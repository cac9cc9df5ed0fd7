"""Downloading orders: the list's current filter, or a selection of rows, as CSV or XLSX."""

import tempfile

from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone

from orderdesk.core.errors import ValidationFailed
from orderdesk.core.exporting import Exporter, csv_chunks, xlsx_write
from orderdesk.core.roles import Perm
from orderdesk.orders.exporters import OrderExporter
from orderdesk.orders.listing import order_query_filter, order_query_parse
from orderdesk.orders.selectors import order_visible_queryset
from orderdesk.web.views import staff_view

DELIMITERS = {"comma": ",", "semicolon": ";", ",": ",", ";": ";"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_response(exporter: Exporter, params) -> StreamingHttpResponse | FileResponse:
    """CSV streams as it is written; XLSX is written to a temporary file, then sent."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if params.get("format") == "xlsx":
        handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
        xlsx_write(exporter, handle)
        handle.seek(0)
        return FileResponse(
            handle,
            as_attachment=True,
            filename=f"{exporter.name}-{stamp}.xlsx",
            content_type=XLSX_TYPE,
        )
    delimiter = DELIMITERS.get(params.get("delimiter", "comma"), ",")
    response = StreamingHttpResponse(
        csv_chunks(exporter, delimiter=delimiter, bom=params.get("bom") in ("1", "on", "true")),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{exporter.name}-{stamp}.csv"'
    return response


@staff_view(Perm.EXPORT_AND_REPORTS)
def order_export(request):
    """GET with the list's filters: everything that matches them."""
    try:
        query = order_query_parse(request.GET)
    except ValidationFailed as error:
        return HttpResponseBadRequest(error.message)
    queryset = order_query_filter(order_visible_queryset(request.actor), query)
    return export_response(OrderExporter(queryset), request.GET)


@staff_view(Perm.EXPORT_AND_REPORTS, post_only=True)
def order_export_selection(request):
    """POST with ticked rows: just those orders."""
    codes = [code for code in request.POST.getlist("codes") if code][:10_000]
    queryset = order_visible_queryset(request.actor).filter(code__in=codes)
    return export_response(OrderExporter(queryset), request.POST)
