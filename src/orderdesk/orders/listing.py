"""The order list's query: filters, search, sort and pages — one definition for the web list,
the API and exports. Parsing turns request parameters into an OrderQuery or a field error."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from orderdesk.core.errors import ValidationFailed
from orderdesk.core.listing import (
    Params,
    SortKey,
    created_range,
    keyset_page,
    parse_amount,
    parse_date,
    parse_one_of,
    without_parallel_workers,
)
from orderdesk.orders.domain import CHANNELS, Errors
from orderdesk.orders.models import Order, OrderTag
from orderdesk.orders.search import order_search_filter
from orderdesk.orders.status import OrderStatus, PaymentStatus

SORTS = {
    "-created_at": SortKey("created_at", descending=True),
    "created_at": SortKey("created_at", descending=False),
    "-total": SortKey("total", descending=True),
    "total": SortKey("total", descending=False),
    "-updated_at": SortKey("updated_at", descending=True),
}
DEFAULT_SORT = "-created_at"
UNASSIGNED = "none"


@dataclass(frozen=True)
class OrderQuery:
    statuses: tuple[str, ...] = ()
    q: str = ""
    payment_statuses: tuple[str, ...] = ()
    channel: str = ""
    assigned_to: str = ""  # a username, or "none" for unassigned orders
    tag: str = ""
    created_from: date | None = None
    created_to: date | None = None
    total_min: Decimal | None = None
    total_max: Decimal | None = None
    sort: str = DEFAULT_SORT

    def without_status(self) -> "OrderQuery":
        return replace(self, statuses=())


def order_query_parse(params) -> OrderQuery:
    """An OrderQuery from request parameters (a QueryDict or a dict of lists/strings)."""

    reader = Params(params)
    many, one = reader.many, reader.one
    errors = Errors(title=_("The filters are not valid"))
    query = OrderQuery(
        statuses=parse_one_of(many("status"), [s.value for s in OrderStatus], "status", errors),
        q=one("q")[:500],
        payment_statuses=parse_one_of(
            many("payment_status"), [s.value for s in PaymentStatus], "payment_status", errors
        ),
        channel=(parse_one_of([one("channel")], CHANNELS, "channel", errors) or ("",))[0],
        assigned_to=one("assigned_to")[:150],
        tag=one("tag").lower()[:50],
        created_from=parse_date(one("created_from"), "created_from", errors),
        created_to=parse_date(one("created_to"), "created_to", errors),
        total_min=parse_amount(one("total_min"), "total_min", errors),
        total_max=parse_amount(one("total_max"), "total_max", errors),
        sort=(
            parse_one_of([one("sort") or DEFAULT_SORT], list(SORTS), "sort", errors)
            or (DEFAULT_SORT,)
        )[0],
    )
    if query.created_from and query.created_to and query.created_from > query.created_to:
        errors.add("created_to", _("The end date is before the start date."))
    errors.raise_if_any()
    return query


def order_query_filter(queryset: QuerySet[Order], query: OrderQuery) -> QuerySet[Order]:
    condition = Q()
    if query.statuses:
        condition &= Q(status__in=query.statuses)
    if query.payment_statuses:
        condition &= Q(payment_status__in=query.payment_statuses)
    if query.channel:
        condition &= Q(channel=query.channel)
    if query.assigned_to == UNASSIGNED:
        condition &= Q(assigned_to__isnull=True)
    elif query.assigned_to:
        condition &= Q(assigned_to__username=query.assigned_to)
    if query.tag:
        condition &= Q(id__in=OrderTag.objects.filter(tag=query.tag).values("order_id"))
    condition &= created_range(query.created_from, query.created_to)
    if query.total_min is not None:
        condition &= Q(total__gte=query.total_min)
    if query.total_max is not None:
        condition &= Q(total__lte=query.total_max)
    condition &= order_search_filter(query.q)
    return queryset.filter(condition) if condition else queryset


def order_list_page(
    queryset: QuerySet[Order], query: OrderQuery, *, cursor: str | None, limit: int
):
    """(orders, next_cursor) for one page of the filtered list."""
    if not 1 <= limit <= 200:
        raise ValidationFailed.for_field("limit", _("The page size must be between 1 and 200."))
    filtered = order_query_filter(queryset, query)
    if query.q:  # a search may walk far for a page: one walker (see without_parallel_workers)
        with without_parallel_workers():
            return keyset_page(filtered, SORTS[query.sort], cursor, limit)
    return keyset_page(filtered, SORTS[query.sort], cursor, limit)
