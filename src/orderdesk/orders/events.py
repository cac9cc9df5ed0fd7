"""Timeline writers: one small function per event type, so every event has the same shape.

An event's `data` is JSON: values are strings (money as decimal strings) so the timeline reads
the same in the UI, the API and exports.
"""

from enum import StrEnum

from orderdesk.core.actor import Actor
from orderdesk.orders.models import Order, OrderEvent


class OrderEventType(StrEnum):
    CREATED = "created"
    EDITED = "edited"
    STATUS_CHANGED = "status_changed"
    PAYMENT_RECORDED = "payment_recorded"
    REFUND_RECORDED = "refund_recorded"
    NOTE_ADDED = "note_added"
    ASSIGNED = "assigned"
    TAGS_CHANGED = "tags_changed"


def _write(order: Order, actor: Actor, event_type: OrderEventType, at, data: dict) -> OrderEvent:
    event = _build(order, actor, event_type, at, data)
    event.save(force_insert=True)
    return event


def _build(order: Order, actor: Actor, event_type: OrderEventType, at, data: dict) -> OrderEvent:
    return OrderEvent(
        order=order,
        type=event_type,
        actor_user=actor.user,
        actor_api_key=actor.api_key,
        actor_label=actor.label,
        created_at=at,
        data=data,
    )


def order_created_event(*, order: Order, actor: Actor, at, source: str = "") -> OrderEvent:
    data = {"status": order.status, "total": str(order.total), "channel": order.channel}
    if source:
        data["source"] = source
    return _write(order, actor, OrderEventType.CREATED, at, data)


def order_edited_event(*, order: Order, actor: Actor, at, changes: dict, reason: str = ""):
    """`changes` is {field: {"before": …, "after": …}}; a reason is there for completed orders."""
    data = {"changes": changes}
    if reason:
        data["reason"] = reason
    return _write(order, actor, OrderEventType.EDITED, at, data)


def order_status_changed_event(*, order: Order, actor: Actor, at, old: str, new: str, extra: dict):
    event = status_changed_event_build(
        order=order, actor=actor, at=at, old=old, new=new, extra=extra
    )
    event.save(force_insert=True)
    return event


def status_changed_event_build(*, order: Order, actor: Actor, at, old: str, new: str, extra: dict):
    """The event unsaved, for a bulk move that writes many in one statement."""
    return _build(
        order, actor, OrderEventType.STATUS_CHANGED, at, {"from": old, "to": new, **extra}
    )


def order_payment_event(*, order: Order, actor: Actor, at, payment) -> OrderEvent:
    event_type = (
        OrderEventType.REFUND_RECORDED
        if payment.kind == "refund"
        else OrderEventType.PAYMENT_RECORDED
    )
    data = {
        "payment_id": payment.pk,
        "amount": str(payment.amount),
        "method": payment.method,
        "reference": payment.reference,
        "payment_status": order.payment_status,
    }
    return _write(order, actor, event_type, at, data)


def order_note_event(*, order: Order, actor: Actor, at, text: str) -> OrderEvent:
    return _write(order, actor, OrderEventType.NOTE_ADDED, at, {"text": text})


def order_assigned_event(*, order: Order, actor: Actor, at, old: str | None, new: str | None):
    return _write(order, actor, OrderEventType.ASSIGNED, at, {"from": old, "to": new})


def order_tags_event(*, order: Order, actor: Actor, at, added: list[str], removed: list[str]):
    return _write(
        order, actor, OrderEventType.TAGS_CHANGED, at, {"added": added, "removed": removed}
    )
