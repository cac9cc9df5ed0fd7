"""What every order command does first: find and lock the row, check the version, bump it."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import NotFound, VersionMismatch
from orderdesk.core.phone import normalize_phone
from orderdesk.orders import domain
from orderdesk.orders.models import Order, OrderItem, OrderTag
from orderdesk.orders.search import order_search_text
from orderdesk.orders.selectors import order_visible_queryset
from orderdesk.reports.rollups import order_rollups_kept


def order_lock(*, code: str, actor: Actor, expected_version: int | None = None) -> Order:
    """The order row, locked until the transaction ends (PostgreSQL; SQLite locks the database).

    A caller that read version N and sends it back gets VersionMismatch if someone saved since.
    """
    queryset = order_visible_queryset(actor)
    if connection.features.has_select_for_update:
        queryset = queryset.select_for_update(of=("self",))
    order = queryset.filter(code=(code or "").strip().upper()).first()
    if order is None:
        raise NotFound(_("No order %(code)s.") % {"code": code}, code="order.not_found")
    order_check_version(order, expected_version)
    return order


def order_check_version(order: Order, expected_version: int | None) -> None:
    if expected_version is not None and order.version != expected_version:
        raise VersionMismatch(
            _(
                "%(code)s was changed by someone else (version %(version)s, you had "
                "%(expected)s). Reload it and apply your change again."
            )
            % {"code": order.code, "version": order.version, "expected": expected_version}
        )


def order_touch(order: Order, at, update_fields: list[str]) -> None:
    """Save the given fields plus the bookkeeping every change carries."""
    order.version += 1
    order.updated_at = at
    with order_rollups_kept(order, update_fields):
        order.save(update_fields=[*update_fields, "version", "updated_at"])


def order_refresh_search_text(order: Order, *, skus: list[str] | None = None) -> None:
    if skus is None:
        skus = [
            sku
            for sku in OrderItem.objects.filter(order=order).values_list("sku", flat=True)
            if sku
        ]
    phones = [order.customer_phone_normalized]
    if order.ship_phone and order.ship_phone != order.customer_phone:
        phones.append(normalize_phone(order.ship_phone))
    order.search_text = order_search_text(
        code=order.code,
        customer_name=order.customer_name,
        customer_email=order.customer_email,
        phones_normalized=phones,
        recipient=order.ship_recipient,
        tracking_number=order.tracking_number,
        skus=skus,
    )


def order_set_tags(order: Order, tags: list[str]) -> tuple[list[str], list[str]]:
    """Make the order's tags exactly `tags`; returns (added, removed)."""
    current = set(OrderTag.objects.filter(order=order).values_list("tag", flat=True))
    wanted = set(tags)
    added = sorted(wanted - current)
    removed = sorted(current - wanted)
    if removed:
        OrderTag.objects.filter(order=order, tag__in=removed).delete()
    if added:
        OrderTag.objects.bulk_create(OrderTag(order=order, tag=tag) for tag in added)
    return added, removed


def resolve_assignee(username, errors: domain.Errors):
    """The active staff user with this username; None unassigns."""
    if username in (None, ""):
        return None
    user = get_user_model().objects.filter(username=str(username), is_active=True).first()
    if user is None or not user.groups.exists():
        errors.add("assigned_to", _("No active staff user %s.") % username)
        return None
    return user
