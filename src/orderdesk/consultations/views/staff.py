"""The staff queue of consultation requests: oldest waiting first, with the time each has
waited against the first-response target; the detail page with its actions."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone

from orderdesk.consultations.listing import (
    ConsultationQuery,
    consultation_list_page,
    consultation_query_parse,
    sla,
    waiting_state,
)
from orderdesk.consultations.models import Source
from orderdesk.consultations.selectors import (
    consultation_get,
    consultation_status_counts,
    consultation_visible_queryset,
)
from orderdesk.consultations.status import ConsultationStatus, allowed_targets
from orderdesk.core.errors import NotFound, ValidationFailed
from orderdesk.core.roles import Perm
from orderdesk.orders.forms import staff_choices
from orderdesk.web.feedback import raise_http
from orderdesk.web.views import render_list, staff_view

FILTER_PARAMS = ("q", "assigned_to", "source", "created_from", "created_to", "overdue",
                 "due_follow_ups", "sort", "per_page")  # fmt: skip
PAGE_SIZE = 50


def _state(request, **overrides) -> str:
    params = {k: v for k, v in request.GET.items() if k in (*FILTER_PARAMS, "status")}
    params.update(overrides)
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


@staff_view(Perm.VIEW_CONSULTATIONS)
def consultation_list(request):
    params = request.GET.copy()
    if "status" not in params:
        params["status"] = ConsultationStatus.PENDING_CONFIRMATION  # the queue opens on what waits
    errors = []
    try:
        query = consultation_query_parse(params)
    except ValidationFailed as error:
        errors, query = (
            error.errors,
            ConsultationQuery(statuses=(ConsultationStatus.PENDING_CONFIRMATION,)),
        )
    cursor = request.GET.get("cursor") or None
    queryset = consultation_visible_queryset(request.actor).select_related("assigned_to", "order")
    try:
        rows, next_cursor = consultation_list_page(queryset, query, cursor=cursor, limit=PAGE_SIZE)
    except ValidationFailed as error:
        errors += error.errors
        rows, next_cursor = consultation_list_page(queryset, query, cursor=None, limit=PAGE_SIZE)
    now = timezone.now()
    for row in rows:
        row.waiting = waiting_state(row, now)
    current = params.get("status", "")
    context = {
        "rows": rows,
        "query": query,
        "errors": errors,
        "counts": consultation_status_counts(),
        "tabs": [(s.value, s.label) for s in ConsultationStatus],
        "current_status": current,
        "sources": Source.choices,
        "assignees": staff_choices()[1:],
        "next_url": next_cursor and "?" + _state(request, cursor=next_cursor),
        "first_url": cursor and "?" + _state(request),
        "state_query": _state(request),
        "sla_minutes": int(sla().total_seconds() // 60),
        "can_process": request.actor.has_perm(Perm.PROCESS_CONSULTATIONS),
        "can_export": request.actor.has_perm(Perm.EXPORT_AND_REPORTS),
        "can_select": request.actor.has_perm(Perm.PROCESS_CONSULTATIONS)
        or request.actor.has_perm(Perm.EXPORT_AND_REPORTS),
        "statuses": list(ConsultationStatus),
    }
    return render_list(request, "consultations/list.html", context)


@staff_view(Perm.VIEW_CONSULTATIONS)
def consultation_detail(request, code):
    try:
        item = consultation_get(code=code, actor=request.actor)
    except NotFound as error:
        raise_http(error)
    can_process = request.actor.has_perm(Perm.PROCESS_CONSULTATIONS)
    return render(
        request,
        "consultations/detail.html",
        {
            "item": item,
            "waiting": waiting_state(item),
            "events": item.events.select_related("actor_user").order_by("-created_at", "-id")[:300],
            "moves": allowed_targets(item.status_enum) if can_process else [],
            "can_process": can_process,
            "assignees": staff_choices()[1:],
            "is_mine": item.assigned_to_id == request.user.pk,
        },
    )
