"""Order commands: every write to an order goes through one of these functions.

Each one is atomic, locks the order row, checks the caller's version when one was sent, writes
exactly one timeline event and keeps the status counters right.
"""

from orderdesk.orders.services.annotations import order_assign, order_note_add, order_tags_change
from orderdesk.orders.services.creation import order_create
from orderdesk.orders.services.editing import order_edit
from orderdesk.orders.services.lifecycle import (
    order_cancel,
    order_confirm,
    order_deliver,
    order_mark_ready_to_ship,
    order_ship,
    order_transition,
)
from orderdesk.orders.services.payments import payment_record

__all__ = [
    "order_assign",
    "order_cancel",
    "order_confirm",
    "order_create",
    "order_deliver",
    "order_edit",
    "order_mark_ready_to_ship",
    "order_note_add",
    "order_ship",
    "order_tags_change",
    "order_transition",
    "payment_record",
]
