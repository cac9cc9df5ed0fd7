"""Bulk processing from the order list: a selection of rows, or every order matching the
list's filters. Up to BULK_INLINE_LIMIT orders run at once; more run as a background job whose
progress page survives a reload."""

from urllib.parse import parse_qs

from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from orderdesk.core.errors import DomainError, ValidationFailed
from orderdesk.core.roles import Perm
from orderdesk.orders.listing import order_query_filter, order_query_parse
from orderdesk.orders.models import BulkJob
from orderdesk.orders.selectors import order_visible_queryset
from orderdesk.orders.services.bulk import (
    MAX_BULK_CODES,
    bulk_validate,
    order_bulk_apply,
)
from orderdesk.orders.tasks import bulk_job_run
from orderdesk.web.feedback import flash_error
from orderdesk.web.views import staff_view

BULK_INLINE_LIMIT = 1000

ACTION_LABELS = {
    "confirm": _("Confirm"),
    "ready_to_ship": _("Mark ready to ship"),
    "ship": _("Mark as shipped"),
    "deliver": _("Mark as delivered"),
    "cancel": _("Cancel"),
    "assign": _("Assign"),
    "tag_add": _("Add tag"),
    "tag_remove": _("Remove tag"),
}


def selected_codes(request) -> list[str]:
    """The codes the user chose: ticked rows, or all orders matching the list's query."""
    if request.POST.get("scope") == "query":
        params = parse_qs(request.POST.get("query", ""))
        query = order_query_parse(params)
        queryset = order_query_filter(order_visible_queryset(request.actor), query)
        return list(
            queryset.order_by("-created_at", "-id").values_list("code", flat=True)[
                : MAX_BULK_CODES + 1
            ]
        )
    return [code for code in request.POST.getlist("codes") if code][: MAX_BULK_CODES + 1]


@staff_view(Perm.BULK_ORDERS, post_only=True)
def order_bulk_view(request):
    action = request.POST.get("action", "")
    params = {key: request.POST.get(key, "") for key in ("reason", "carrier", "assigned_to", "tag")}
    back = redirect(f"{request.POST.get('back') or '/orders/'}")
    try:
        codes = selected_codes(request)
        bulk_validate(actor=request.actor, action=action, params=params, codes=codes)
    except ValidationFailed as error:
        flash_error(request, error)
        return back
    if len(codes) > BULK_INLINE_LIMIT:
        job = BulkJob.objects.create(
            created_by=request.user,
            action=action,
            params=bulk_validate(actor=request.actor, action=action, params=params, codes=codes),
            codes=codes,
            total=len(codes),
        )
        transaction.on_commit(lambda: bulk_job_run.enqueue(job.pk))
        return redirect("orders:bulk_job", job_id=job.pk)
    try:
        result = order_bulk_apply(codes=codes, actor=request.actor, action=action, params=params)
    except DomainError as error:
        flash_error(request, error)
        return back
    return render(
        request,
        "orders/bulk_result.html",
        {
            "action_label": ACTION_LABELS.get(action, action),
            "succeeded": result.succeeded,
            "failed": result.failed,
            "back": request.POST.get("back") or "/orders/",
        },
    )


@staff_view(Perm.BULK_ORDERS)
def order_bulk_job_view(request, job_id):
    job = get_object_or_404(BulkJob, pk=job_id, created_by=request.user)
    context = {"job": job, "action_label": ACTION_LABELS.get(job.action, job.action)}
    if request.htmx:
        return render(request, "orders/bulk_job.html#progress", context)
    return render(request, "orders/bulk_job.html", context)
