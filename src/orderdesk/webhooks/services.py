"""Webhooks: managed by admins; each announced event becomes one delivery per subscribed webhook.

The sending itself is in delivery.py and runs only in the background task (tasks.py).
"""

import json
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import NotFound, ValidationFailed
from orderdesk.core.roles import Perm
from orderdesk.webhooks.destinations import UnsafeDestination, destination_check
from orderdesk.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery
from orderdesk.webhooks.signing import new_secret

EVENTS = (
    "order.created",
    "order.updated",
    "order.status_changed",
    "order.payment_recorded",
    "consultation_request.created",
    "consultation_request.status_changed",
)
ATTEMPTS_SHOWN = 200


def _require_admin(actor: Actor) -> None:
    actor.require(Perm.MANAGE_SYSTEM, _("Only admins manage webhooks."))


def _clean_events(events: list[str]) -> list[str]:
    chosen = set(events or [])
    if not chosen:
        raise ValidationFailed.for_field("events", _("Choose at least one event."))
    unknown = sorted(str(name) for name in chosen - set(EVENTS))
    if unknown:
        raise ValidationFailed.for_field(
            "events",
            _("Unknown event %(names)s; use one of: %(choices)s.")
            % {"names": ", ".join(unknown), "choices": ", ".join(EVENTS)},
        )
    return [name for name in EVENTS if name in chosen]


def webhook_create(*, actor: Actor, url: str, events: list[str]) -> Webhook:
    """A new webhook with a new secret (read it from the result now; it is never shown again)."""
    _require_admin(actor)
    url = (url or "").strip()
    chosen = _clean_events(events)
    try:
        destination_check(url, allow_private=settings.ORDERDESK_WEBHOOK_ALLOW_PRIVATE)
    except UnsafeDestination as error:
        raise ValidationFailed.for_field("url", str(error)) from None
    return Webhook.objects.create(
        url=url, events=chosen, secret=new_secret(), created_by_label=actor.label
    )


def webhook_list(*, actor: Actor) -> QuerySet[Webhook]:
    _require_admin(actor)
    return Webhook.objects.order_by("id")


def webhook_get(*, actor: Actor, webhook_id: int) -> Webhook:
    _require_admin(actor)
    webhook = Webhook.objects.filter(pk=webhook_id).first()
    if webhook is None:
        raise NotFound(_("No webhook %s.") % webhook_id, code="webhook.not_found")
    return webhook


def webhook_delete(*, actor: Actor, webhook_id: int) -> None:
    """Deletes the webhook, its deliveries and their attempts; queued retries find nothing."""
    webhook_get(actor=actor, webhook_id=webhook_id).delete()


def webhook_attempts(*, actor: Actor, webhook_id: int) -> list[WebhookAttempt]:
    """The latest attempts to deliver to this webhook, newest first."""
    webhook = webhook_get(actor=actor, webhook_id=webhook_id)
    return list(
        WebhookAttempt.objects.filter(delivery__webhook=webhook)
        .select_related("delivery")
        .order_by("-created_at", "-id")[:ATTEMPTS_SHOWN]
    )


def deliveries_create(event_type: str, items: list[dict]) -> list[WebhookDelivery]:
    """For each event in `items`, one pending delivery per webhook subscribed to its type, all
    deliveries of one event with the same event id."""
    if event_type not in EVENTS:
        return []
    webhooks = [w for w in Webhook.objects.order_by("id") if event_type in w.events]
    if not webhooks:
        return []
    deliveries = []
    for data in items:
        event_id = uuid.uuid4().hex
        body = json.dumps(
            {"id": event_id, "type": event_type, "created_at": timezone.now(), "data": data},
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        deliveries += [
            WebhookDelivery(webhook=webhook, event_id=event_id, event_type=event_type, body=body)
            for webhook in webhooks
        ]
    with transaction.atomic():
        return WebhookDelivery.objects.bulk_create(deliveries)
