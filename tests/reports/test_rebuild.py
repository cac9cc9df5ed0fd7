"""`orderdesk rebuild-reports`: recounting the rollups after a bulk load or a new time zone."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from orderdesk.demo import generate_demo_data
from orderdesk.reports.models import OrderDay, RollupState
from orderdesk.reports.rebuild import rollups_time_zone_stale
from tests import factories
from tests.reports.conftest import assert_rollups_match

pytestmark = pytest.mark.django_db


def test_given_demo_data_loaded_past_the_services_then_the_rollups_are_rebuilt(business):
    generate_demo_data(orders=150, consultations=10, seed=3)

    assert_rollups_match()
    assert OrderDay.objects.exists()
    assert RollupState.objects.get().time_zone == "Asia/Ho_Chi_Minh"


def test_given_lost_rollups_when_checked_then_drift_is_reported_and_a_rebuild_repairs_it(
    clock, admin
):
    factories.make_order(admin)
    OrderDay.objects.all().delete()
    out = io.StringIO()

    with pytest.raises(CommandError, match="differ from a recount"):
        call_command("rebuild_reports", "--check", stdout=out)
    assert "reports_orderday" in out.getvalue()

    call_command("rebuild_reports", stdout=io.StringIO())
    call_command("rebuild_reports", "--check", stdout=out)

    assert "match a recount" in out.getvalue()
    assert_rollups_match()


def test_given_a_new_business_time_zone_then_the_report_says_so_until_rebuilt(
    clock, admin, settings
):
    clock.set("2026-03-01 23:30")  # 16:30 UTC: the 1st in Ho Chi Minh City, in UTC and in London
    factories.make_order(admin)
    call_command("rebuild_reports", stdout=io.StringIO())
    settings.TIME_ZONE = "Asia/Tokyo"  # 01:30 on the 2nd

    assert rollups_time_zone_stale() == "Asia/Ho_Chi_Minh"

    call_command("rebuild_reports", stdout=io.StringIO())

    assert rollups_time_zone_stale() is None
    assert [day.isoformat() for day in OrderDay.objects.values_list("day", flat=True)] == [
        "2026-03-02"
    ]
