"""Editing an order's content (customer, address, items, fees, note, tags, assignee, shipping).

Status and payments are never edited here: they move through lifecycle and payments.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import OrderLocked
from orderdesk.core.money import to_money
from orderdesk.core.outbox import announce
from orderdesk.core.phone import normalize_phone
from orderdesk.core.roles import Perm
from orderdesk.orders import domain
from orderdesk.orders.events import order_edited_event
from orderdesk.orders.models import Order, OrderItem
from orderdesk.orders.services.common import (
    order_check_version,
    order_lock,
    order_refresh_search_text,
    order_set_tags,
    order_touch,
    resolve_assignee,
)
from orderdesk.orders.status import derive_payment_status

UNSET = object()
MONEY_FIELDS = frozenset({"subtotal", "shipping_fee", "discount", "total"})

CUSTOMER_FIELDS = {"name": "customer_name", "phone": "customer_phone", "email": "customer_email"}
ADDRESS_FIELDS = {key: f"ship_{key}" for key in domain.ADDRESS_KEYS}


@dataclass
class OrderChanges:
    """What a caller wants changed; a field left as UNSET stays as it is."""

    customer: object = UNSET  # domain.CustomerIn
    shipping_address: object = UNSET  # domain.AddressIn
    items: object = UNSET  # list[domain.ItemIn]
    shipping_fee: object = UNSET
    discount: object = UNSET
    note: object = UNSET
    tags: object = UNSET  # list[str]
    assigned_to: object = UNSET  # username, or None to unassign
    carrier: object = UNSET
    tracking_number: object = UNSET


def _item_line(item, currency: str) -> str:
    sku = f" [{item.sku}]" if item.sku else ""
    return f"{item.quantity} × {item.name}{sku} @ {to_money(item.unit_price, currency)}"


def order_edit(
    *,
    code: str,
    actor: Actor,
    changes: OrderChanges,
    expected_version: int | None = None,
    reason: str = "",
) -> Order:
    """Apply `changes` and record one `edited` event with every field's before and after.

    A Delivered or Cancelled order is locked: editing it needs the edit-completed permission
    and a reason, both recorded.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        order = order_lock(code=code, actor=actor)
        actor.require(Perm.EDIT_ORDERS, _("You may not edit orders."))
        if order.is_completed:
            if not reason:
                raise OrderLocked(
                    _("%(code)s is %(status)s and locked; editing it needs a reason.")
                    % {"code": order.code, "status": order.status_enum.label}
                )
            actor.require(
                Perm.EDIT_COMPLETED_ORDERS,
                _("%(code)s is %(status)s; only an admin may edit completed orders.")
                % {"code": order.code, "status": order.status_enum.label},
            )
        order_check_version(order, expected_version)

        diff: dict[str, dict] = {}
        fields: set[str] = set()
        errors = domain.Errors()

        def set_field(name: str, value, label: str | None = None) -> None:
            before = getattr(order, name)
            if name in MONEY_FIELDS:
                before = to_money(before, order.currency)
            if before != value:
                diff[label or name] = {"before": _jsonable(before), "after": _jsonable(value)}
                setattr(order, name, value)
                fields.add(name)

        if changes.customer is not UNSET:
            customer = domain.clean_customer(changes.customer, errors)
            for key, name in CUSTOMER_FIELDS.items():
                set_field(name, getattr(customer, key), f"customer.{key}")
        if changes.shipping_address is not UNSET:
            address = domain.clean_address(changes.shipping_address, errors)
            for key, name in ADDRESS_FIELDS.items():
                set_field(name, getattr(address, key), f"shipping_address.{key}")
        for name in ("carrier", "tracking_number"):
            value = getattr(changes, name)
            if value is not UNSET:
                set_field(name, domain.clean_optional(value, name, errors, 100))
        if changes.note is not UNSET:
            set_field("note", domain.clean_optional(changes.note, "note", errors, 5000))

        new_items = None
        if changes.items is not UNSET:
            new_items = domain.clean_items(changes.items, order.currency, errors)
        shipping_fee = order.shipping_fee
        if changes.shipping_fee is not UNSET:
            shipping_fee = domain.clean_money(
                changes.shipping_fee, order.currency, "shipping_fee", errors
            )
        discount = order.discount
        if changes.discount is not UNSET:
            discount = domain.clean_money(changes.discount, order.currency, "discount", errors)
        tags = None
        if changes.tags is not UNSET:
            tags = domain.clean_tags(changes.tags, errors)
        assignee = UNSET
        if changes.assigned_to is not UNSET:
            assignee = resolve_assignee(changes.assigned_to, errors)
        errors.raise_if_any()

        if new_items is not None:
            old_lines = [
                _item_line(i, order.currency) for i in OrderItem.objects.filter(order=order)
            ]
            new_lines = [_item_line(item, order.currency) for item in new_items]
            if old_lines != new_lines:
                diff["items"] = {"before": old_lines, "after": new_lines}
                OrderItem.objects.filter(order=order).delete()
                OrderItem.objects.bulk_create(
                    OrderItem(
                        order=order,
                        position=i,
                        sku=it.sku,
                        name=it.name,
                        quantity=it.quantity,
                        unit_price=it.unit_price,
                        line_total=it.line_total,
                    )
                    for i, it in enumerate(new_items)
                )
                order.items_summary = domain.items_summary(
                    (it.quantity, it.name) for it in new_items
                )
                fields.add("items_summary")
            items_for_totals = new_items
        else:
            items_for_totals = [
                domain.ValidItem(i.sku, i.name, i.quantity, i.unit_price, i.line_total)
                for i in OrderItem.objects.filter(order=order)
            ]
        totals = domain.compute_totals(items_for_totals, shipping_fee, discount, order.currency)
        domain.check_discount(totals, errors)
        errors.raise_if_any()
        for name in ("subtotal", "shipping_fee", "discount", "total"):
            set_field(name, getattr(totals, name))

        if tags is not None:
            added, removed = order_set_tags(order, tags)
            if added or removed:
                diff["tags"] = {"added": added, "removed": removed}
        if assignee is not UNSET:
            before = order.assigned_to.get_username() if order.assigned_to else None
            after = assignee.get_username() if assignee else None
            if before != after:
                diff["assigned_to"] = {"before": before, "after": after}
                order.assigned_to = assignee
                fields.add("assigned_to")

        if not diff:
            return order

        if "customer_phone" in fields:
            order.customer_phone_normalized = normalize_phone(order.customer_phone)
            fields.add("customer_phone_normalized")
        new_payment_status = derive_payment_status(
            total=order.total, paid=order.amount_paid, refunded=order.amount_refunded
        )
        if new_payment_status != order.payment_status:
            order.payment_status = new_payment_status
            fields.add("payment_status")
        order_refresh_search_text(order)
        fields.add("search_text")
        now = timezone.now()
        order_touch(order, now, sorted(fields))
        order_edited_event(order=order, actor=actor, at=now, changes=diff, reason=reason)
        announce("order.updated", {"code": order.code, "fields": sorted(diff)})
    return order


def _jsonable(value):
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if hasattr(value, "get_username"):
        return value.get_username()
    return str(value)
