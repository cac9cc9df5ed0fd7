"""Consultation report figures checked against numbers worked out by hand."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.consultations.stats import consultation_stats, median, percentile
from tests import factories

pytestmark = pytest.mark.django_db


def test_given_values_then_median_and_nearest_rank_percentile():
    assert median([5, 1, 3]) == 3
    assert median([4, 1, 3, 2]) == 2.5
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([], 0.9) is None


def test_given_requests_answered_at_known_times_then_the_figures_match_the_hand_count(settings):
    settings.ORDERDESK_CONSULTATION_SLA_MINUTES = 30
    now = timezone.now()
    made = []
    for minutes in (10, 20, 40, None):
        request = factories.make_consultation(phone=f"0912 000 1{len(made):02d}")
        first = now + timedelta(minutes=minutes) if minutes is not None else None
        ConsultationRequest.objects.filter(pk=request.pk).update(
            created_at=now, first_response_at=first
        )
        made.append(request)
    converted_request = made[1]
    converted_order = factories.make_order(factories.actor_for("admin"))
    ConsultationRequest.objects.filter(pk=converted_request.pk).update(order=converted_order)

    stats = consultation_stats(start=timezone.localdate(now), end=timezone.localdate(now))

    assert stats["created"] == 4 and stats["answered"] == 3
    assert stats["median_first_response_seconds"] == 20 * 60
    assert stats["p90_first_response_seconds"] == 40 * 60
    assert stats["within_target_rate"] == 2 / 4
    assert stats["conversion_rate"] == 1 / 4
    assert stats["per_day"][timezone.localdate(now).isoformat()] == 4
    assert stats["by_source"]["web_form"]["created"] == 4
