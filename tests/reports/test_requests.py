"""reports.requests gives the figures of consultations.stats (the one definition of them),
computed by the database: the same numbers on hand-made and on random requests."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.consultations.stats import consultation_stats
from orderdesk.reports.period import Period
from orderdesk.reports.rebuild import request_rollups_current, rollups_rebuild
from orderdesk.reports.requests import request_figures
from tests import factories

pytestmark = pytest.mark.django_db

START = date(2026, 3, 1)
PERIOD = Period(START, date(2026, 3, 3))
SOURCES = ("web_form", "phone", "chat")


def stats(period: Period) -> dict:
    """consultation_stats, with the statuses no request is in listed as 0 (as reports list them)."""
    figures = consultation_stats(start=period.start, end=period.end)
    figures["by_status"] = {
        "pending_confirmation": 0,
        "processing": 0,
        "confirmed": 0,
        **figures["by_status"],
    }
    return figures


request_rows = st.lists(
    st.tuples(
        st.integers(-12 * 60, 4 * 24 * 60),  # created, minutes after the period's first midnight
        st.one_of(st.none(), st.integers(0, 10**11)),  # first response, microseconds later
        st.sampled_from(SOURCES),
        st.integers(0, 2),  # assignee: nobody, ann, ben
        st.booleans(),  # converted
        st.sampled_from(["pending_confirmation", "processing", "confirmed"]),
    ),
    max_size=12,
)


@given(rows=request_rows)
@settings(max_examples=40)
def test_given_random_requests_then_the_figures_equal_consultation_stats(business, rows):
    with transaction.atomic():
        admin = factories.actor_for("admin")
        people = [None, factories.make_user("sales"), factories.make_user("sales")]
        start = timezone.make_aware(datetime.combine(START, time.min))
        for i, (minutes, response, source, who, converted, status) in enumerate(rows):
            request = factories.make_consultation(admin, phone=f"0912 {i:06d}", source=source)
            created = start + timedelta(minutes=minutes)
            ConsultationRequest.objects.filter(pk=request.pk).update(
                created_at=created,
                first_response_at=None
                if response is None
                else created + timedelta(microseconds=response),
                assigned_to=people[who],
                status=status,
                order=factories.make_order(admin) if converted else None,
            )
        # The rows were changed past the services (as the demo loads them): rebuild, as it does.
        rollups_rebuild()

        assert request_figures(PERIOD) == stats(PERIOD)
        transaction.set_rollback(True)


def test_given_a_new_response_target_then_the_figures_follow_it_before_a_rebuild(business):
    """The rollup counted "within target" against 30 minutes; at 5 the report counts from the
    requests until `rebuild-reports` runs, and is right either way."""
    admin = factories.actor_for("admin")
    start = timezone.make_aware(datetime.combine(START, time(9)))
    for minutes in (3, 10, None):
        request = factories.make_consultation(admin, phone=f"0912 000 1{minutes or 0:02d}")
        ConsultationRequest.objects.filter(pk=request.pk).update(
            created_at=start,
            first_response_at=None if minutes is None else start + timedelta(minutes=minutes),
        )
    rollups_rebuild()
    assert request_figures(PERIOD)["within_target_rate"] == 2 / 3

    business.ORDERDESK_CONSULTATION_SLA_MINUTES = 5
    assert not request_rollups_current()
    assert request_figures(PERIOD) == stats(PERIOD)
    assert request_figures(PERIOD)["within_target_rate"] == 1 / 3

    rollups_rebuild()
    assert request_rollups_current()
    assert request_figures(PERIOD) == stats(PERIOD)


def test_given_no_requests_then_the_same_empty_figures(business):
    assert request_figures(PERIOD) == stats(PERIOD)


def test_given_only_the_headline_then_no_breakdowns(business):
    figures = request_figures(PERIOD, detail=False)

    assert "per_day" not in figures and "by_source" not in figures
    assert figures["created"] == 0 and figures["target_seconds"] == 30 * 60
