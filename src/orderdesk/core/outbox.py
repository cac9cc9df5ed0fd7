"""Side effects after commit: services announce what happened; receivers act once it is durable.

Webhooks and e-mail subscribe to `domain_event`. Nothing is sent for a transaction that rolls
back, and a slow receiver never holds a database lock.
"""

from django.db import transaction
from django.dispatch import Signal

# Sent with event_type (e.g. "order.status_changed") and data (a JSON-ready dict).
domain_event = Signal()


def announce(event_type: str, data: dict) -> None:
    transaction.on_commit(
        lambda: domain_event.send(sender=announce, event_type=event_type, data=data),
        robust=True,
    )
