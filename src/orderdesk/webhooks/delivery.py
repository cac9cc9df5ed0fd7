"""One attempt to deliver: a signed POST with a short timeout, logged, and the next try planned.

Runs only inside the background task (tasks.py), never in a web request. A failed attempt is
retried with exponential backoff — 1, 2, 4 … minutes, at most an hour apart — until the retries
span RETRY_WINDOW; then the delivery is given up.
"""

import http.client
import logging
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orderdesk.webhooks.destinations import UnsafeDestination, destination_check
from orderdesk.webhooks.models import WebhookAttempt, WebhookDelivery
from orderdesk.webhooks.signing import SIGNATURE_HEADER, signature_header

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=1)
RETRY_WINDOW = timedelta(hours=24)
MAX_ERROR_LENGTH = 500
USER_AGENT = "Orderdesk-Webhooks/1"


def retry_delay(attempt: int) -> timedelta:
    """How long after failed attempt number `attempt` (1, 2, …) the next one runs."""
    return min(FIRST_RETRY_DELAY * 2 ** min(attempt - 1, 20), MAX_RETRY_DELAY)


def _max_attempts() -> int:
    """The number of attempts whose retry delays add up to at least RETRY_WINDOW."""
    attempts, waited = 1, timedelta(0)
    while waited < RETRY_WINDOW:
        waited += retry_delay(attempts)
        attempts += 1
    return attempts


MAX_ATTEMPTS = _max_attempts()  # 30: the last one at least 24 hours after the first


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300 and not self.error


# --- Sending -----------------------------------------------------------------------------------
def _pinned(connection_class, addresses: tuple[str, ...], host: str, **kwargs):
    """An http.client connection to `host` that connects only to the addresses checked."""
    connection = connection_class(host, **kwargs)

    def create_connection(address, timeout, source_address=None):
        error: OSError = OSError(f"no address to connect to for {host}")
        for ip in addresses:
            try:
                return socket.create_connection((ip, address[1]), timeout, source_address)
            except OSError as exc:
                error = exc
        raise error

    # http.client opens its socket through this attribute, for http and (before TLS) https alike.
    connection._create_connection = create_connection
    return connection


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, addresses: tuple[str, ...]):
        super().__init__()
        self.addresses = addresses

    def http_open(self, req):
        return self.do_open(partial(_pinned, http.client.HTTPConnection, self.addresses), req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, addresses: tuple[str, ...]):
        super().__init__()
        self.addresses = addresses

    def https_open(self, req):
        return self.do_open(
            partial(_pinned, http.client.HTTPSConnection, self.addresses),
            req,
            context=self._context,
        )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any non-2xx: a failed attempt (and no detour unchecked)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def send(url: str, secret: str, body: bytes) -> Outcome:
    """POST the body, signed, to the URL; what came back (never raises for network trouble)."""
    try:
        destination = destination_check(url, allow_private=settings.ORDERDESK_WEBHOOK_ALLOW_PRIVATE)
    except UnsafeDestination as error:
        return Outcome(None, f"refused: {error}")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: signature_header(secret, body),
        },
    )
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _NoRedirects(),
        _PinnedHTTPHandler(destination.addresses),
        _PinnedHTTPSHandler(destination.addresses),
    )
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return Outcome(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return Outcome(error.code, f"HTTP {error.code} {error.reason}".strip())
    except urllib.error.URLError as error:
        return Outcome(None, str(error.reason) or type(error.reason).__name__)
    except (OSError, http.client.HTTPException, ValueError) as error:
        return Outcome(None, str(error) or type(error).__name__)


# --- One attempt -------------------------------------------------------------------------------
def attempt_delivery(delivery_id: int) -> datetime | None:
    """Make the next attempt of a pending delivery and log it.

    Returns when the next attempt is due if this one failed and the delivery is not given up,
    else None. A deleted webhook (or delivery), or one already settled, is left alone.
    """
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != WebhookDelivery.State.PENDING:
        return None
    number = delivery.attempts + 1
    # Claim the attempt, so a task run twice does not send twice.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, state=WebhookDelivery.State.PENDING, attempts=delivery.attempts
    ).update(attempts=number, next_attempt_at=None)
    if not claimed:
        return None

    outcome = send(delivery.webhook.url, delivery.webhook.secret, delivery.body.encode("utf-8"))

    now = timezone.now()
    retry_at = None
    if outcome.succeeded:
        changes = {"state": WebhookDelivery.State.SUCCEEDED, "finished_at": now}
    elif number >= MAX_ATTEMPTS:
        changes = {"state": WebhookDelivery.State.FAILED, "finished_at": now}
        logger.warning(
            "webhook delivery %s (%s) to %s given up after %s attempts: %s",
            delivery.pk,
            delivery.event_type,
            delivery.webhook.url,
            number,
            outcome.error,
        )
    else:
        retry_at = now + retry_delay(number)
        changes = {"next_attempt_at": retry_at}
    with transaction.atomic():
        # Locked, so a webhook deleted while this attempt was on the wire is noticed here.
        if not WebhookDelivery.objects.select_for_update().filter(pk=delivery.pk).exists():
            return None
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=number,
            status_code=outcome.status_code,
            succeeded=outcome.succeeded,
            error=outcome.error[:MAX_ERROR_LENGTH],
            created_at=now,
        )
        WebhookDelivery.objects.filter(pk=delivery.pk).update(**changes)
    return retry_at
