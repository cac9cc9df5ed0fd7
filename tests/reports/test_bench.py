"""`orderdesk bench-reports`: times the page, the API and a CSV as a user who may see reports."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories

pytestmark = pytest.mark.django_db


def test_given_a_user_who_may_see_reports_then_each_url_gets_a_median(business, admin):
    factories.make_user("customer_care")  # may not see reports: passed over
    factories.make_order(admin)
    out = io.StringIO()

    call_command("bench_reports", "--runs", "2", stdout=out)

    lines = out.getvalue().splitlines()
    assert len(lines) == 5 and all("ms median" in line for line in lines)
    assert any("/reports/?preset=this_month" in line for line in lines)


def test_given_nobody_who_may_see_reports_then_it_says_so(business):
    factories.make_user("customer_care")

    with pytest.raises(CommandError, match="No active user who may see reports"):
        call_command("bench_reports", "--runs", "1", stdout=io.StringIO())
