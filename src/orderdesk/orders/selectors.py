"""Reading orders: who may see which, one order by code, tab counts."""

from functools import cache

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.counters import counter_totals
from orderdesk.core.errors import NotFound
from orderdesk.core.roles import Perm
from orderdesk.orders.listing import OrderQuery, order_query_filter
from orderdesk.orders.models import Order
from orderdesk.orders.status import OrderStatus, allowed_targets, required_permission

COUNTER_KIND = "order"


def order_visible_queryset(actor: Actor, orders: QuerySet | None = None) -> QuerySet[Order]:
    """Every order (of `orders`, default all) the actor may read: all for staff roles, its own
    for an intake key."""
    orders = Order.objects.all() if orders is None else orders.all()
    if actor.has_perm(Perm.VIEW_ORDERS):
        return orders
    if actor.has_perm(Perm.VIEW_OWN_ORDERS) and actor.api_key is not None:
        return orders.filter(created_by_api_key=actor.api_key)
    return orders.none()


# What a row of the staff list shows or sorts by: a page reads these and no more (no address,
# notes or search text, and of the assignee only the username).
LIST_COLUMNS = (
    "id", "code", "created_at", "updated_at", "customer_name", "customer_phone", "total",
    "currency", "payment_status", "status", "channel", "assigned_to__username",
)  # fmt: skip


def order_list_queryset(actor: Actor) -> QuerySet:
    """The staff list's rows as dicts of LIST_COLUMNS, for the orders the actor may read.

    Dicts, not model instances: building 50 Order instances was most of the ORM's cost of a
    page (`make bench`: list_query_vs_raw_sql_ratio), and the list only reads values.
    """
    # The values() query is set up once per process and cloned: resolving its twelve columns
    # and the join on every page cost ~0.1 ms.
    return order_visible_queryset(actor, _every_order_listed())


@cache
def _every_order_listed() -> QuerySet:
    """Never evaluated itself (order_visible_queryset clones it), so it holds no rows."""
    return Order.objects.values(*LIST_COLUMNS)


def order_get(*, code: str, actor: Actor) -> Order:
    """One order the actor may read; NotFound alike for a missing and a hidden order."""
    order = (
        order_visible_queryset(actor)
        .select_related("assigned_to")
        .filter(code=(code or "").strip().upper())
        .first()
    )
    if order is None:
        raise NotFound(_("No order %(code)s.") % {"code": code}, code="order.not_found")
    return order


def order_status_counts() -> dict[str, int]:
    """{"all": n, "pending_confirmation": n, …} from the counter table: O(1) at any size."""
    totals = counter_totals(COUNTER_KIND)
    counts = {status.value: totals.get(status.value, 0) for status in OrderStatus}
    return {"all": sum(counts.values()), **counts}


def order_tags(order: Order) -> list[str]:
    return sorted(order.tag_rows.values_list("tag", flat=True))


def order_available_moves(order: Order, actor: Actor) -> list[OrderStatus]:
    """The moves this actor may make on this order right now: legal and permitted."""
    current = order.status_enum
    return [
        target
        for target in allowed_targets(current)
        if actor.has_perm(required_permission(current, target))
    ]


def order_timeline(order: Order, limit: int = 500):
    return order.events.select_related("actor_user").order_by("-created_at", "-id")[:limit]


def order_counts_matching(*, actor: Actor, query: OrderQuery) -> dict[str, int]:
    """Per-status counts of the orders matching a list query (its status filter ignored).

    Unfiltered, for someone who sees every order, they come from the counter table (O(1));
    otherwise they are counted."""
    from orderdesk.orders.listing import OrderQuery

    query = query.without_status()
    if query == OrderQuery() and actor.has_perm(Perm.VIEW_ORDERS):
        return order_status_counts()
    queryset = order_query_filter(order_visible_queryset(actor), query)
    counts = dict.fromkeys([status.value for status in OrderStatus], 0)
    for status, n in queryset.values("status").annotate(n=Count("id")).values_list("status", "n"):
        counts[status] = n
    return {"all": sum(counts.values()), **counts}
