"""Staff pages for orders (a plain list and detail for now; the full list UI comes next)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from orderdesk.core.errors import NotFound
from orderdesk.core.roles import Perm
from orderdesk.orders.selectors import order_get, order_status_counts, order_visible_queryset
from orderdesk.orders.status import OrderStatus
from orderdesk.web.views import staff_view


@staff_view(Perm.VIEW_ORDERS)
def order_list(request):
    status = request.GET.get("status", "")
    queryset = order_visible_queryset(request.actor).select_related("assigned_to")
    if status in OrderStatus:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "orders/list.html",
        {
            "page": page,
            "counts": order_status_counts(),
            "statuses": list(OrderStatus),
            "current_status": status,
        },
    )


@staff_view(Perm.VIEW_ORDERS)
def order_detail(request, code):
    try:
        order = order_get(code=code, actor=request.actor)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "orders/detail.html",
        {
            "order": order,
            "items": order.items.all(),
            "payments": order.payments.all(),
            "events": order.events.order_by("-created_at", "-id")[:200],
        },
    )
