"""Fixed-window rate limits kept in the database, shared by every app server.

django-ratelimit needs memcached or Redis for atomic counters; the embedded default has
neither, and the database gives the same atomic increment with one UPDATE. See decisions.md.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from orderdesk.core.models import RateLimitBucket


def _hit(key: str, period: int) -> int:
    """Count one hit in the current window and return the window's count so far."""
    window = int(time.time()) // period
    with transaction.atomic():
        updated = RateLimitBucket.objects.filter(key=key, window=window).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitBucket.objects.create(
                        key=key,
                        window=window,
                        count=1,
                        expires_at=timezone.now() + timedelta(seconds=2 * period),
                    )
                return 1
            except IntegrityError:  # another request made the bucket first
                RateLimitBucket.objects.filter(key=key, window=window).update(count=F("count") + 1)
        return RateLimitBucket.objects.values_list("count", flat=True).get(key=key, window=window)


def rate_limit_buckets_purge(now) -> int:
    """Delete windows that have ended (housekeeping); returns how many."""
    return RateLimitBucket.objects.filter(expires_at__lt=now).delete()[0]


def rate_limited(*, scope: str, client: str, rates: list[tuple[int, int]]) -> bool:
    """Record a hit for `client` in `scope`; True when any of the rates is exceeded."""
    exceeded = False
    for limit, period in rates:
        if _hit(f"{scope}:{client}:{period}", period) > limit:
            exceeded = True
    return exceeded


def client_address(request) -> str:
    """The client's address; behind a proxy, ORDERDESK_TRUSTED_PROXY_HEADER names the header
    holding it (e.g. HTTP_X_REAL_IP), which only a proxy you run may set."""
    header = getattr(settings, "ORDERDESK_TRUSTED_PROXY_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()[:100]
    return request.META.get("REMOTE_ADDR", "unknown")[:100]
