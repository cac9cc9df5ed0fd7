"""`Idempotency-Key`: a retry of the same request returns the first answer, never a second order.

A key is claimed by inserting its row before the work starts (a unique constraint decides
between concurrent requests); the response is stored when the work ends. Keys are scoped to
the caller and kept for at least 24 hours, then purged by the worker's housekeeping.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.api.models import IdempotencyRecord
from orderdesk.api.problems import problem

KEEP_FOR = timedelta(hours=24)
# A claim still in flight after this long belongs to a request that died (its process killed
# between the claim and the answer; gunicorn ends a request after 120 s): a retry takes it over
# instead of getting 409 until the key expires.
ABANDONED_AFTER = timedelta(minutes=5)
PURGE_BATCH = 5000
MAX_KEY_LENGTH = 255
REPLAYED_HEADERS = ("Location", "ETag")


def caller_scope(request) -> str:
    actor = request.actor
    if actor.api_key is not None:
        return f"key:{actor.api_key.pk}"
    return f"user:{actor.user.pk}"


def fingerprint(request) -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.path.encode(), request.body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(
        bytes(record.body), status=record.status_code, content_type=record.content_type
    )
    for name, value in record.headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(
    request, handler: Callable[[], HttpResponse], *, retried: bool = False
) -> HttpResponse:
    """Run `handler` once per (caller, Idempotency-Key, request); replay its answer after."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return handler()
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        return problem(
            422,
            "validation.invalid",
            _("Idempotency-Key must be 1 to 255 printable characters."),
            errors=[{"field": "Idempotency-Key", "message": _("1 to 255 characters.")}],
        )
    scope, print_ = caller_scope(request), fingerprint(request)
    now = timezone.now()
    try:
        # An expired record of the key is not looked for here (a statement on every order for a
        # rare case): the conflict below finds it.
        record = _claim(scope=scope, key=key, fingerprint=print_, expires_at=now + KEEP_FOR)
    except IntegrityError:
        existing = IdempotencyRecord.objects.filter(scope=scope, key=key).first()
        if not retried and (existing is None or _outlived(existing, now)):
            # Gone in between, expired or abandoned: free the key and claim it once more.
            if existing is not None:
                IdempotencyRecord.objects.filter(pk=existing.pk, state=existing.state).delete()
            return idempotent(request, handler, retried=True)
        if existing is not None and existing.fingerprint != print_:
            return problem(
                422,
                "idempotency.key_reused",
                _("This Idempotency-Key was used for a different request; use a new key."),
            )
        if existing is None or existing.state == IdempotencyRecord.State.IN_FLIGHT:
            return problem(
                409,
                "idempotency.in_flight",
                _("A request with this Idempotency-Key is still being processed; retry shortly."),
                headers={"Retry-After": "1"},
            )
        return _replay(existing)
    try:
        # The work and its stored answer commit together: a retry finds both or neither.
        with transaction.atomic():
            response = handler()
            if response.status_code >= 500:
                raise _NotKept(response)
            IdempotencyRecord.objects.filter(pk=record.pk).update(
                state=IdempotencyRecord.State.DONE,
                status_code=response.status_code,
                content_type=response.get("Content-Type", "application/json"),
                body=response.content,
                headers={name: response[name] for name in REPLAYED_HEADERS if name in response},
            )
    except _NotKept as failed:
        IdempotencyRecord.objects.filter(pk=record.pk).delete()
        return failed.response
    except BaseException:
        IdempotencyRecord.objects.filter(pk=record.pk).delete()
        raise
    return response


def _claim(**fields) -> IdempotencyRecord:
    """Insert the key's record, committed at once so that a concurrent retry sees it in flight.

    Outside a transaction the INSERT is its own commit: one round trip, where atomic() would
    add BEGIN and COMMIT to every order (`make bench`: intake). Inside one (a caller's, or a
    test's) a savepoint keeps that transaction usable when the key is taken.
    """
    record = IdempotencyRecord(**fields)
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            record.save(force_insert=True)
    else:
        record.save(force_insert=True)
    return record


def _outlived(record: IdempotencyRecord, now) -> bool:
    if record.expires_at < now:
        return True
    return (
        record.state == IdempotencyRecord.State.IN_FLIGHT
        and record.created_at < now - ABANDONED_AFTER
    )


def idempotency_records_purge(now=None) -> int:
    """Delete the records past their expiry, a batch per statement; returns how many."""
    now = now or timezone.now()
    purged = 0
    while True:
        batch = list(
            IdempotencyRecord.objects.filter(expires_at__lt=now).values_list("pk", flat=True)[
                :PURGE_BATCH
            ]
        )
        if not batch:
            return purged
        purged += IdempotencyRecord.objects.filter(pk__in=batch).delete()[0]


class _NotKept(Exception):
    """A server error is not an answer to replay: its work is rolled back and the key freed."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response
