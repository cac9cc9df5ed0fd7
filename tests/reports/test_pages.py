"""The reports page and its CSV downloads: who may see them, what they show, bad input."""

import csv
import io
import re

import pytest
from django.urls import reverse

from orderdesk.reports.models import RollupState

pytestmark = pytest.mark.django_db

STAFF_ROLES = ("admin", "operations", "sales", "customer_care")
ALLOWED = {"admin", "operations", "sales"}  # the roles with orders.export_order
PERIOD = "from=2026-03-01&to=2026-03-03"
CHART_TABLES = ("orders-per-day", "orders-by-status", "revenue-per-day", "requests-per-day")
TABLES = ("orders-status", "orders-channel", "orders-assignee", "cancel-reasons",
          "requests-status", "requests-source", "requests-assignee")  # fmt: skip


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_given_a_role_then_the_page_and_its_csv_open_or_403(business, client_for, role):
    client = client_for(role)
    expected = 200 if role in ALLOWED else 403

    assert client.get(reverse("reports:page")).status_code == expected
    assert client.get(f"/reports/orders-per-day.csv?{PERIOD}").status_code == expected


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_given_a_role_then_the_nav_shows_reports_only_to_those_who_may_see_them(
    business, client_for, role
):
    page = client_for(role).get(reverse("consultations:list")).content.decode()

    assert ('href="/reports/"' in page) == (role in ALLOWED)


def test_given_nobody_signed_in_then_the_login_page(client):
    for url in (reverse("reports:page"), f"/reports/orders-per-day.csv?{PERIOD}"):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_given_the_history_then_the_page_shows_figures_charts_tables_and_downloads(
    history, client_for
):
    response = client_for("sales").get(f"/reports/?{PERIOD}")

    page = response.content.decode()
    assert response.status_code == 200
    assert "₫660,000" in page  # ordered: A + C
    assert "25.0%" in page  # cancellation rate
    assert "Out of stock" in page
    for slug in CHART_TABLES:
        assert f'aria-labelledby="svg-{slug}-title svg-{slug}-desc"' in page
        assert f'href="/reports/{slug}.csv?{PERIOD.replace("&", "&amp;")}"' in page
    for slug in TABLES:
        assert f'href="/reports/{slug}.csv?{PERIOD.replace("&", "&amp;")}"' in page
    assert page.count("<svg") == len(CHART_TABLES)
    assert "Feb. 26, 2026 – Feb. 28, 2026" in page  # the period compared with


def test_given_vietnamese_readers_then_chart_coordinates_keep_decimal_points(history, client_for):
    page = client_for("admin").get(f"/reports/?{PERIOD}", HTTP_ACCEPT_LANGUAGE="vi").content
    svg = b"".join(re.findall(rb"<svg.*?</svg>", page, re.S)).decode()

    numbers = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"', svg)
    points = [p for line in re.findall(r'points="([^"]*)"', svg) for p in line.split()]
    assert numbers and points
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers)
    assert all(re.fullmatch(r"-?\d+(\.\d+)?,-?\d+(\.\d+)?", p) for p in points)


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-03-02&to=2026-03-01",
        "from=2020-01-01&to=2023-12-31",
        "from=2026-02-30&to=2026-03-01",
        "from=9999-12-31&to=9999-12-31",
        "from=0001-01-01&to=0001-01-02",
        "from=not-a-date&to=2026-03-01",
        "preset=yesteryear",
        "from=2026-03-01",
    ],
)
def test_given_input_that_makes_no_period_then_the_form_says_why_never_a_500(
    business, client_for, query
):
    client = client_for("admin")
    client.raise_request_exception = False

    page = client.get(f"/reports/?{query}")
    download = client.get(f"/reports/orders-per-day.csv?{query}")

    assert page.status_code == 200 and b'class="form-errors"' in page.content
    assert b"<svg" not in page.content
    assert download.status_code == 400


def test_given_an_empty_period_then_a_sensible_empty_state(business, client_for):
    page = client_for("admin").get("/reports/?from=1999-01-01&to=1999-01-31").content.decode()

    assert "No orders, payments or consultation requests in this period." in page
    assert "<svg" not in page
    assert "Nothing in this period." in page


def test_given_the_history_then_each_chart_csv_holds_the_charts_numbers(history, client_for):
    client = client_for("operations")

    orders = client.get(f"/reports/orders-per-day.csv?{PERIOD}")
    revenue = rows_of(client.get(f"/reports/revenue-per-day.csv?{PERIOD}"))
    statuses = rows_of(client.get(f"/reports/orders-by-status.csv?{PERIOD}"))

    assert orders["Content-Type"] == "text/csv; charset=utf-8"
    assert "orders-per-day_2026-03-01_2026-03-03" in orders["Content-Disposition"]
    assert rows_of(orders) == [
        ["Day", "Created", "Delivered", "Cancelled"],
        ["2026-03-01", "2", "1", "1"],
        ["2026-03-02", "1", "1", "1"],
        ["2026-03-03", "1", "0", "0"],
    ]
    assert revenue[0] == ["Day", "Ordered (VND)", "Paid (VND)", "Refunded (VND)",
                          "Delivered (VND)"]  # fmt: skip
    assert revenue[1] == ["2026-03-01", "330000", "380000", "0", "330000"]
    assert statuses[1] == ["2026-03-01", "0", "0", "0", "0", "1", "1"]  # A delivered, B cancelled


def test_given_the_history_then_the_breakdown_csvs_hold_the_tables(history, client_for):
    client = client_for("admin")

    channels = rows_of(client.get(f"/reports/orders-channel.csv?{PERIOD}"))
    reasons = rows_of(client.get(f"/reports/cancel-reasons.csv?{PERIOD}"))
    sources = rows_of(client.get(f"/reports/requests-source.csv?{PERIOD}"))

    assert channels[0] == ["Channel", "Orders created", "Cancelled since",
                           "Cancellation rate (%)", "Ordered (VND)"]  # fmt: skip
    assert ["Phone", "1", "1", "100.0", "0"] in channels
    assert reasons == [
        ["Reason", "Orders", "Share of cancelled (%)"],
        ["Out of stock", "1", "100.0"],
    ]
    assert ["Web form", "2", "1", "600", "600", "50.0", "0.0"] in sources


def test_given_an_unknown_table_then_404_and_xlsx_on_request(business, client_for):
    client = client_for("admin")

    assert client.get(f"/reports/nothing-here.csv?{PERIOD}").status_code == 404
    xlsx = client.get(f"/reports/orders-per-day.csv?{PERIOD}&format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_given_rollups_counted_in_another_time_zone_then_the_page_says_to_rebuild(
    business, client_for
):
    RollupState.objects.all().delete()
    RollupState.objects.create(time_zone="Europe/London", rebuilt_at="2026-01-01T00:00:00Z")

    page = client_for("admin").get("/reports/").content.decode()

    assert "orderdesk rebuild-reports" in page and "Europe/London" in page


def test_given_long_ranges_then_charts_group_by_week_and_month(history, client_for):
    client = client_for("admin")

    weeks = rows_of(client.get("/reports/orders-per-day.csv?from=2026-01-01&to=2026-06-30"))
    months = rows_of(client.get("/reports/orders-per-day.csv?from=2025-01-01&to=2026-12-31"))

    assert (
        weeks[0][0] == "Week from" and weeks[1][0] == "2026-01-01" and weeks[2][0] == "2026-01-05"
    )
    assert months[0][0] == "Month" and len(months) == 1 + 24
    march = next(row for row in months if row[0] == "2026-03-01")
    # Created: A, B, C, E, F and the order R2 became; delivered: D, A; cancelled: G, B.
    assert march[1:] == ["6", "2", "2"]
