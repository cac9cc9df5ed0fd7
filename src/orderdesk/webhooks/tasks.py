"""Webhooks in the background: announced events become deliveries, each sent by a task.

The receiver runs after commit (core.outbox) and only writes rows and queues tasks; the HTTP
request is made by the task, in a worker, so a slow or dead receiver never slows an API call.
"""

import logging
from datetime import datetime

from django.tasks import task

from orderdesk.core.outbox import domain_events
from orderdesk.webhooks.delivery import attempt_delivery
from orderdesk.webhooks.services import deliveries_create

logger = logging.getLogger(__name__)


@task
def deliver_webhook(delivery_id: int) -> None:
    retry_at = attempt_delivery(delivery_id)
    if retry_at is not None:
        enqueue_retry(delivery_id, retry_at)


def enqueue_retry(delivery_id: int, run_after: datetime) -> None:
    """Queue the next attempt to run no earlier than run_after."""
    if not deliver_webhook.get_backend().supports_defer:
        # The immediate backend (tests) cannot wait; running it now would retry in a loop.
        logger.warning(
            "webhook delivery %s: the task backend cannot defer; retry due %s not queued",
            delivery_id,
            run_after.isoformat(),
        )
        return
    deliver_webhook.using(run_after=run_after).enqueue(delivery_id)


def on_domain_events(sender, event_type: str, items: list[dict], **kwargs) -> None:
    # Never raise: the other receivers of the signal (e-mail) must still run.
    try:
        deliveries = deliveries_create(event_type, items)
    except Exception:
        logger.exception("webhooks: could not record deliveries of %s", event_type)
        return
    for delivery in deliveries:
        try:
            deliver_webhook.enqueue(delivery.pk)
        except Exception:
            logger.exception("webhooks: could not queue delivery %s", delivery.pk)


def connect() -> None:
    domain_events.connect(on_domain_events, dispatch_uid="webhooks.deliver")
