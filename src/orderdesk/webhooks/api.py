"""Webhooks over the API: admin keys only (Perm.MANAGE_SYSTEM); the rules are in services.py."""

from django.http import HttpResponse
from ninja import Router

from orderdesk.api.problems import problems
from orderdesk.api.responses import json_response
from orderdesk.webhooks.schemas import (
    DeliveryList,
    WebhookCreated,
    WebhookIn,
    WebhookList,
    WebhookOut,
    delivery_out,
    webhook_out,
)
from orderdesk.webhooks.services import (
    webhook_attempts,
    webhook_create,
    webhook_delete,
    webhook_get,
    webhook_list,
)

router = Router(tags=["webhooks"])

READ_ERRORS = problems(400, 401, 403, 404, 422)
WRITE_ERRORS = problems(400, 401, 403, 422)


@router.post(
    "",
    response={201: WebhookCreated, **WRITE_ERRORS},
    summary="Create a webhook (its secret is in this answer only)",
)
def create_webhook(request, payload: WebhookIn):
    webhook = webhook_create(actor=request.actor, url=payload.url, events=list(payload.events))
    return json_response({**webhook_out(webhook), "secret": webhook.secret}, status=201)


@router.get("", response={200: WebhookList, **problems(400, 401, 403)}, summary="List webhooks")
def list_webhooks(request):
    return json_response({"items": [webhook_out(w) for w in webhook_list(actor=request.actor)]})


@router.get("/{webhook_id}", response={200: WebhookOut, **READ_ERRORS}, summary="One webhook")
def get_webhook(request, webhook_id: int):
    return json_response(webhook_out(webhook_get(actor=request.actor, webhook_id=webhook_id)))


@router.delete("/{webhook_id}", response={204: None, **READ_ERRORS}, summary="Delete a webhook")
def delete_webhook(request, webhook_id: int):
    webhook_delete(actor=request.actor, webhook_id=webhook_id)
    return HttpResponse(status=204)


@router.get(
    "/{webhook_id}/deliveries",
    response={200: DeliveryList, **READ_ERRORS},
    summary="The latest delivery attempts, newest first",
)
def list_deliveries(request, webhook_id: int):
    attempts = webhook_attempts(actor=request.actor, webhook_id=webhook_id)
    return json_response({"items": [delivery_out(a) for a in attempts]})
