"""Staff pages for consultation requests (a plain queue for now, oldest waiting first)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from orderdesk.consultations.selectors import (
    consultation_get,
    consultation_status_counts,
    consultation_visible_queryset,
)
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.errors import NotFound
from orderdesk.core.roles import Perm
from orderdesk.web.views import staff_view


@staff_view(Perm.VIEW_CONSULTATIONS)
def consultation_list(request):
    status = request.GET.get("status", ConsultationStatus.PENDING_CONFIRMATION)
    queryset = consultation_visible_queryset(request.actor).select_related("assigned_to", "order")
    if status in ConsultationStatus:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset.order_by("created_at", "id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/list.html",
        {
            "page": page,
            "counts": consultation_status_counts(),
            "statuses": list(ConsultationStatus),
            "current_status": status,
        },
    )


@staff_view(Perm.VIEW_CONSULTATIONS)
def consultation_detail(request, code):
    try:
        item = consultation_get(code=code, actor=request.actor)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "consultations/detail.html",
        {"item": item, "events": item.events.order_by("-created_at", "-id")[:200]},
    )
