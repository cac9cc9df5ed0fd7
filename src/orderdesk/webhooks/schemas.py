"""API shapes of webhooks."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from orderdesk.webhooks.destinations import MAX_URL_LENGTH
from orderdesk.webhooks.models import Webhook, WebhookAttempt
from orderdesk.webhooks.services import EVENTS

EventName = Literal[EVENTS]


class WebhookIn(Schema):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        min_length=1, max_length=MAX_URL_LENGTH, description="http(s) URL on a public address"
    )
    events: list[EventName] = Field(min_length=1, max_length=20)


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    created_at: datetime
    created_by: str


class WebhookCreated(WebhookOut):
    secret: str = Field(description="The signing secret; shown in this answer only")


class WebhookList(Schema):
    items: list[WebhookOut]


class DeliveryOut(Schema):
    id: int
    event_type: str
    attempt: int
    status_code: int | None
    succeeded: bool
    error: str
    created_at: datetime


class DeliveryList(Schema):
    items: list[DeliveryOut]


def webhook_out(webhook: Webhook) -> dict:
    return {
        "id": webhook.pk,
        "url": webhook.url,
        "events": list(webhook.events),
        "created_at": webhook.created_at,
        "created_by": webhook.created_by_label,
    }


def delivery_out(attempt: WebhookAttempt) -> dict:
    return {
        "id": attempt.pk,
        "event_type": attempt.delivery.event_type,
        "attempt": attempt.number,
        "status_code": attempt.status_code,
        "succeeded": attempt.succeeded,
        "error": attempt.error,
        "created_at": attempt.created_at,
    }
