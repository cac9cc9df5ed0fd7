"""Creating an order."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core import sequences
from orderdesk.core.actor import Actor
from orderdesk.core.counters import counter_move
from orderdesk.core.outbox import announce
from orderdesk.core.phone import normalize_phone
from orderdesk.core.roles import Perm
from orderdesk.orders import domain
from orderdesk.orders.events import order_created_event
from orderdesk.orders.models import Order, OrderItem, OrderTag
from orderdesk.orders.selectors import COUNTER_KIND
from orderdesk.orders.services.common import (
    order_refresh_search_text,
    resolve_assignee,
)
from orderdesk.orders.status import OrderStatus, PaymentStatus
from orderdesk.reports.rollups import order_rollups_kept


def order_create(*, actor: Actor, data: domain.OrderIn, assigned_to=None) -> Order:
    """Record a new order in Pending Confirmation; totals are computed, never taken as typed."""
    actor.require(Perm.CREATE_ORDERS, _("You may not create orders."))
    return order_create_unchecked(actor=actor, data=data, assigned_to=assigned_to)


def order_create_unchecked(
    *, actor: Actor, data: domain.OrderIn, assigned_to=None, source: str = ""
) -> Order:
    """order_create without the permission check, for commands that carry their own
    (converting a consultation request makes an order on behalf of the consultant)."""
    errors = domain.Errors()
    currency = domain.clean_currency(data.currency, settings.ORDERDESK_CURRENCY, errors)
    customer = domain.clean_customer(data.customer, errors)
    address = domain.clean_address(data.shipping_address, errors)
    items = domain.clean_items(data.items, currency, errors)
    shipping_fee = domain.clean_money(data.shipping_fee, currency, "shipping_fee", errors)
    discount = domain.clean_money(data.discount, currency, "discount", errors)
    tags = domain.clean_tags(data.tags, errors)
    note = domain.clean_optional(data.note, "note", errors, 5000)
    if data.assigned_to:
        assigned_to = resolve_assignee(data.assigned_to, errors)
    channel = data.channel or "other"
    if channel not in domain.CHANNELS:
        errors.add("channel", _("Choose one of: %s.") % ", ".join(domain.CHANNELS))
    errors.raise_if_any()
    totals = domain.compute_totals(items, shipping_fee, discount, currency)
    domain.check_discount(totals, errors)
    errors.raise_if_any()

    now = timezone.now()
    # No savepoint when the caller holds a transaction (the API's idempotency, a request's
    # conversion): a failure here must undo the caller's work too, and a savepoint would cost
    # two round trips on every order.
    with transaction.atomic(savepoint=False):
        number = sequences.next_number("order")
        order = Order(
            code=sequences.make_code(settings.ORDERDESK_ORDER_CODE_PREFIX, number),
            customer_name=customer.name,
            customer_phone=customer.phone,
            customer_phone_normalized=normalize_phone(customer.phone),
            customer_email=customer.email,
            ship_recipient=address.recipient,
            ship_phone=address.phone,
            ship_line1=address.line1,
            ship_line2=address.line2,
            ship_ward=address.ward,
            ship_district=address.district,
            ship_city=address.city,
            ship_province=address.province,
            ship_postal_code=address.postal_code,
            ship_country=address.country,
            channel=channel,
            currency=currency,
            subtotal=totals.subtotal,
            shipping_fee=totals.shipping_fee,
            discount=totals.discount,
            total=totals.total,
            amount_paid=0,
            amount_refunded=0,
            status=OrderStatus.PENDING_CONFIRMATION,
            payment_status=PaymentStatus.UNPAID,
            assigned_to=assigned_to,
            note=note,
            created_at=now,
            updated_at=now,
            status_changed_at=now,
            created_by=actor.user,
            created_by_api_key=actor.api_key,
        )
        order.items_summary = domain.items_summary((i.quantity, i.name) for i in items)
        order_refresh_search_text(order, skus=[item.sku for item in items if item.sku])
        with order_rollups_kept(order):
            order.save(force_insert=True)
        # What the new order holds is known here; kept on it, the answer needs no re-read.
        order.item_rows = OrderItem.objects.bulk_create(
            OrderItem(
                order=order,
                position=position,
                sku=item.sku,
                name=item.name,
                quantity=item.quantity,
                unit_price=item.unit_price,
                line_total=item.line_total,
            )
            for position, item in enumerate(items)
        )
        OrderTag.objects.bulk_create(OrderTag(order=order, tag=tag) for tag in tags)
        order.tag_list = sorted(tags)
        Order.consultation_request.related.set_cached_value(order, None)  # none links to it yet
        counter_move(kind=COUNTER_KIND, old=None, new=order.status)
        order_created_event(order=order, actor=actor, at=now, source=source)
        announce("order.created", {"code": order.code})
    return order
