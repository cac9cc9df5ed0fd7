"""The order list: status tabs with counts, search, filters, sort, keyset pages, saved views."""

from urllib.parse import urlencode

from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import get_language

from orderdesk.core.errors import ValidationFailed
from orderdesk.core.money import MoneyError, parse_local_amount
from orderdesk.core.roles import Perm
from orderdesk.orders.forms import staff_choices
from orderdesk.orders.list_rows import order_rows_html
from orderdesk.orders.listing import (
    SORTS,
    OrderQuery,
    order_list_page,
    order_query_filter,
    order_query_parse,
)
from orderdesk.orders.models import Channel, OrderItem, OrderTag, SavedView
from orderdesk.orders.selectors import (
    order_list_queryset,
    order_status_counts,
    order_visible_queryset,
)
from orderdesk.orders.services.bulk import MAX_BULK_CODES
from orderdesk.orders.status import OrderStatus, PaymentStatus
from orderdesk.web.views import render_list, staff_view

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 50
FILTER_PARAMS = (
    "q", "payment_status", "channel", "assigned_to", "tag", "created_from", "created_to",
    "total_min", "total_max", "sort",
)  # fmt: skip


def page_size(request) -> int:
    try:
        size = int(request.GET.get("per_page", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def state_params(request, **overrides) -> str:
    """The list's URL state (tab, filters, sort, page size) with some values replaced."""
    params = {k: v for k, v in request.GET.items() if k in (*FILTER_PARAMS, "status", "per_page")}
    params.update({k: v for k, v in overrides.items() if v is not None})
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def filter_pills(request, query: OrderQuery) -> list[dict]:
    """Each active filter as a removable pill: its label and the URL without it."""
    labels = {
        "q": query.q,
        "payment_status": ", ".join(PaymentStatus(s).label for s in query.payment_statuses),
        "channel": Channel(query.channel).label if query.channel else "",
        "assigned_to": query.assigned_to,
        "tag": query.tag,
        "created_from": query.created_from and query.created_from.isoformat(),
        "created_to": query.created_to and query.created_to.isoformat(),
        "total_min": query.total_min is not None
        and number_format(query.total_min, force_grouping=True),
        "total_max": query.total_max is not None
        and number_format(query.total_max, force_grouping=True),
    }
    return [
        {"name": name, "value": value, "remove_url": "?" + state_params(request, **{name: ""})}
        for name, value in labels.items()
        if value
    ]


def _plain_amounts(request):
    """The list's parameters with totals typed the local way (1.250.000) written plainly
    (1250000), or None when there were none. The URL is shared between people who read numbers
    differently, so it only ever holds the plain form; an unreadable total is left for the
    query parser to refuse."""
    params, changed = request.GET.copy(), False
    for name in ("total_min", "total_max"):
        value = params.get(name, "").strip()
        if not value:
            continue
        try:
            plain = parse_local_amount(value, get_language())
        except MoneyError:
            continue
        if plain != value:
            params[name], changed = plain, True
    return params if changed else None


@staff_view(Perm.VIEW_ORDERS)
def order_list(request):
    plain = _plain_amounts(request)
    if plain is not None:
        if not request.htmx:
            return redirect(f"{request.path}?{plain.urlencode()}")
        request.GET = plain
    response = _order_list(request)
    if plain is not None:
        response["HX-Push-Url"] = f"{request.path}?{plain.urlencode()}"
    return response


def _order_list(request):
    errors = []
    try:
        query = order_query_parse(request.GET)
    except ValidationFailed as error:
        errors, query = error.errors, OrderQuery()
    limit = page_size(request)
    cursor = request.GET.get("cursor") or None
    queryset = order_list_queryset(request.actor)
    try:
        orders, next_cursor = order_list_page(queryset, query, cursor=cursor, limit=limit)
    except ValidationFailed as error:  # a stale or forged cursor: show the first page
        errors += error.errors
        orders, next_cursor = order_list_page(queryset, query, cursor=None, limit=limit)
        cursor = None
    _attach_summaries(orders)
    try:
        page_number = max(1, int(request.GET.get("page", 1))) if cursor else 1
    except ValueError:
        page_number = 1
    can_select = request.actor.has_perm(Perm.BULK_ORDERS) or request.actor.has_perm(
        Perm.EXPORT_AND_REPORTS
    )
    context = {
        "orders": orders,
        "rows": order_rows_html(orders, can_select=can_select, language=get_language()),
        "query": query,
        "errors": errors,
        "counts": order_status_counts(),
        "tabs": [("", None)] + [(s.value, s) for s in OrderStatus],
        "current_status": query.statuses[0] if len(query.statuses) == 1 else "",
        "pills": filter_pills(request, query),
        "next_url": next_cursor
        and "?" + state_params(request, cursor=next_cursor, page=page_number + 1),
        "first_url": cursor and "?" + state_params(request),
        "page_number": page_number,
        "per_page": limit,
        "page_sizes": PAGE_SIZES,
        "sorts": SORTS,
        "payment_statuses": list(PaymentStatus),
        "channels": Channel.choices,
        "assignees": staff_choices()[1:],
        "saved_views": SavedView.objects.filter(Q(owner=request.user) | Q(shared=True)),
        "state_query": state_params(request),
        "can_bulk": request.actor.has_perm(Perm.BULK_ORDERS),
        "can_export": request.actor.has_perm(Perm.EXPORT_AND_REPORTS),
        "can_select": can_select,
        "can_create": request.actor.has_perm(Perm.CREATE_ORDERS),
    }
    return render_list(request, "orders/list.html", context)


def _attach_summaries(orders: list[dict]) -> None:
    """Items summary and tags for the page's rows in two queries, not two per row."""
    ids = [order["id"] for order in orders]
    items: dict[int, list] = {}
    for order_id, name, quantity in (
        OrderItem.objects.filter(order_id__in=ids)
        .order_by("order_id", "position")
        .values_list("order_id", "name", "quantity")
    ):
        items.setdefault(order_id, []).append((quantity, name))
    tags: dict[int, list] = {}
    for order_id, tag in OrderTag.objects.filter(order_id__in=ids).values_list("order_id", "tag"):
        tags.setdefault(order_id, []).append(tag)
    for order in orders:
        rows = items.get(order["id"], [])
        first = f"{rows[0][0]} × {rows[0][1]}" if rows else ""
        order["items_summary"] = first + (f" +{len(rows) - 1}" if len(rows) > 1 else "")
        order["tag_list"] = sorted(tags.get(order["id"], []))


@staff_view(Perm.BULK_ORDERS)
def order_match_count(request):
    """How many orders match the list's query, for "select all matching" (counted on demand)."""
    try:
        query = order_query_parse(request.GET)
    except ValidationFailed:
        query = OrderQuery()
    if query == OrderQuery(statuses=query.statuses):
        counts = order_status_counts()
        total = sum(counts[s] for s in query.statuses) if query.statuses else counts["all"]
    else:
        total = order_query_filter(order_visible_queryset(request.actor), query).count()
    return render(
        request,
        "orders/list.html#match_count",
        {"total": total, "too_many": total > MAX_BULK_CODES, "max": MAX_BULK_CODES},
    )
