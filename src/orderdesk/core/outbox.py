"""Side effects after commit: services announce what happened; receivers act once it is durable.

Webhooks and e-mail subscribe to `domain_events`. Nothing is sent for a transaction that rolls
back, and a slow receiver never holds a database lock. Events of one type announced together
(a bulk move of 500 orders) reach the receivers as one batch, so a receiver looks up its
subscribers once, not once per order.
"""

from django.db import transaction
from django.dispatch import Signal

# Sent with event_type (e.g. "order.status_changed") and items (a list of JSON-ready dicts,
# one per event, in the order they happened).
domain_events = Signal()


def announce(event_type: str, data: dict) -> None:
    announce_many(event_type, [data])


def announce_many(event_type: str, items: list[dict]) -> None:
    if not items:
        return
    transaction.on_commit(
        lambda: domain_events.send(sender=announce, event_type=event_type, items=items),
        robust=True,
    )
