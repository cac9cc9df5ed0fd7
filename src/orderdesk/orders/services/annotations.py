"""Notes, assignment and tags: annotations any order-handling role may add, even on
completed orders, because they change nothing the customer was promised."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.outbox import announce
from orderdesk.core.roles import Perm
from orderdesk.orders import domain
from orderdesk.orders.events import order_assigned_event, order_note_event, order_tags_event
from orderdesk.orders.models import Order, OrderEvent, OrderTag
from orderdesk.orders.services.common import (
    order_lock,
    order_set_tags,
    order_touch,
    resolve_assignee,
)

MAX_NOTE_LENGTH = 5000


def order_note_add(*, code: str, actor: Actor, text: str) -> OrderEvent:
    errors = domain.Errors()
    text = domain.clean_required(text, "text", errors, MAX_NOTE_LENGTH)
    errors.raise_if_any()
    with transaction.atomic():
        order = order_lock(code=code, actor=actor)
        actor.require(Perm.ANNOTATE_ORDERS, _("You may not add notes to orders."))
        now = timezone.now()
        order_touch(order, now, [])
        event = order_note_event(order=order, actor=actor, at=now, text=text)
        announce("order.updated", {"code": order.code, "fields": ["notes"]})
    return event


def order_assign(*, code: str, actor: Actor, username: str | None) -> Order:
    """Assign the order to a staff user, or unassign it with None."""
    errors = domain.Errors()
    with transaction.atomic():
        order = order_lock(code=code, actor=actor)
        actor.require(Perm.ANNOTATE_ORDERS, _("You may not assign orders."))
        assignee = resolve_assignee(username, errors)
        errors.raise_if_any()
        before = order.assigned_to.get_username() if order.assigned_to_id else None
        after = assignee.get_username() if assignee else None
        if before == after:
            return order
        order.assigned_to = assignee
        now = timezone.now()
        order_touch(order, now, ["assigned_to"])
        order_assigned_event(order=order, actor=actor, at=now, old=before, new=after)
        announce("order.updated", {"code": order.code, "fields": ["assigned_to"]})
    return order


def order_tags_change(
    *, code: str, actor: Actor, add: list[str] = (), remove: list[str] = ()
) -> Order:
    errors = domain.Errors()
    add = domain.clean_tags(list(add), errors, "add")
    remove = domain.clean_tags(list(remove), errors, "remove")
    errors.raise_if_any()
    with transaction.atomic():
        order = order_lock(code=code, actor=actor)
        actor.require(Perm.ANNOTATE_ORDERS, _("You may not tag orders."))
        current = list(OrderTag.objects.filter(order=order).values_list("tag", flat=True))
        wanted = [tag for tag in current if tag not in remove] + [
            t for t in add if t not in current
        ]
        domain.clean_tags(wanted, errors)
        errors.raise_if_any()
        added, removed = order_set_tags(order, wanted)
        if not added and not removed:
            return order
        now = timezone.now()
        order_touch(order, now, [])
        order_tags_event(order=order, actor=actor, at=now, added=added, removed=removed)
        announce("order.updated", {"code": order.code, "fields": ["tags"]})
    return order
