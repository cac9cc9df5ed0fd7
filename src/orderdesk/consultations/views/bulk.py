"""Bulk actions on the consultation queue (assign, move) and exports of it."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from orderdesk.consultations.exporters import ConsultationExporter
from orderdesk.consultations.selectors import consultation_visible_queryset
from orderdesk.consultations.services import consultation_bulk_apply
from orderdesk.core.errors import DomainError
from orderdesk.core.roles import Perm
from orderdesk.exports.views import download_response, export_list_response
from orderdesk.web.feedback import flash_error
from orderdesk.web.views import staff_view


@staff_view(Perm.PROCESS_CONSULTATIONS, post_only=True)
def consultation_bulk_view(request):
    codes = [code for code in request.POST.getlist("codes") if code]
    back = request.POST.get("back") or "/consultations/"
    try:
        succeeded, failed = consultation_bulk_apply(
            codes=codes,
            actor=request.actor,
            action=request.POST.get("action", ""),
            params={
                "to": request.POST.get("to", ""),
                "assigned_to": request.POST.get("assigned_to", ""),
            },
        )
    except DomainError as error:
        flash_error(request, error)
        return redirect(back)
    return render(
        request,
        "orders/bulk_result.html",
        {
            "action_label": _("Consultation requests"),
            "succeeded": succeeded,
            "failed": failed,
            "back": back,
            "detail_url": "consultations:detail",
        },
    )


@staff_view(Perm.EXPORT_AND_REPORTS, post_only=True)
def consultation_export_selection(request):
    codes = [code for code in request.POST.getlist("codes") if code][:10_000]
    queryset = consultation_visible_queryset(request.actor).filter(code__in=codes)
    return download_response(ConsultationExporter(queryset), request.POST)


@staff_view(Perm.EXPORT_AND_REPORTS)
def consultation_export(request):
    return export_list_response(request, "consultations", request.GET)
