"""Consultation figures for reports: requests per day, first-response times against the target,
conversion to orders — overall, by source and by assignee. Requests are far fewer than orders,
so the figures are computed from one pass over the period's rows."""

import math
from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.core.listing import created_range


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (the value at or below which `fraction` of values lie)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _summary(rows: list[tuple], target_seconds: float) -> dict:
    responses = [seconds for _, seconds, _ in rows if seconds is not None]
    created = len(rows)
    return {
        "created": created,
        "answered": len(responses),
        "median_first_response_seconds": median(responses),
        "p90_first_response_seconds": percentile(responses, 0.9),
        # Of all requests in the period, the share answered within the target.
        "within_target_rate": (sum(1 for s in responses if s <= target_seconds) / created)
        if created
        else None,
        "conversion_rate": (sum(1 for *_, converted in rows if converted) / created)
        if created
        else None,
    }


def consultation_stats(*, start: date, end: date) -> dict:
    """Figures for requests received from `start` to `end` (inclusive, business days)."""
    target = settings.ORDERDESK_CONSULTATION_SLA_MINUTES * 60
    rows = ConsultationRequest.objects.filter(created_range(start, end)).values_list(
        "created_at", "first_response_at", "source", "assigned_to__username", "order_id", "status"
    )
    per_day: dict[date, int] = {start + timedelta(days=i): 0 for i in range((end - start).days + 1)}
    by_status: dict[str, int] = defaultdict(int)
    everything, by_source, by_assignee = [], defaultdict(list), defaultdict(list)
    for created_at, first_response_at, source, assignee, order_id, status in rows:
        day = timezone.localtime(created_at).date()
        per_day[day] = per_day.get(day, 0) + 1
        by_status[status] += 1
        seconds = (first_response_at - created_at).total_seconds() if first_response_at else None
        row = (created_at, seconds, order_id is not None)
        everything.append(row)
        by_source[source].append(row)
        by_assignee[assignee or ""].append(row)
    return {
        **_summary(everything, target),
        "by_status": dict(by_status),
        "per_day": {day.isoformat(): n for day, n in sorted(per_day.items())},
        "by_source": {key: _summary(value, target) for key, value in sorted(by_source.items())},
        "by_assignee": {key: _summary(value, target) for key, value in sorted(by_assignee.items())},
        "target_seconds": target,
    }
