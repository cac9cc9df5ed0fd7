"""The reports page in a browser: the nav link, presets, charts with their numbers, a CSV, and a
period that makes no sense — with no script error or CSP violation on the way."""

import re

from playwright.sync_api import expect

from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.browser.conftest import BROWSER, screenshot

pytestmark = BROWSER


def test_given_orders_when_sales_opens_reports_then_figures_charts_numbers_and_a_csv(
    logged_in, admin_actor
):
    factories.make_order(admin_actor)
    factories.make_order(admin_actor, status=OrderStatus.CANCELLED)
    page = logged_in("sales")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()

    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="This month")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("img", name="Orders per day")).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(4)
    expect(page.locator(".kpi").filter(has_text="Cancellation rate")).to_contain_text("50.0%")
    chart = page.locator("figure").filter(has=page.get_by_role("img", name="Orders per day"))
    chart.get_by_text("Show the numbers").click()
    expect(chart.get_by_role("table")).to_be_visible()
    with page.expect_download() as download:
        chart.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("orders-per-day_")
    screenshot(page, "reports.png")

    page.get_by_role("link", name="Last 7 days").click()
    expect(page).to_have_url(re.compile(r"preset=last_7_days"))
    page.fill("input[name=from]", "2026-03-02")
    page.fill("input[name=to]", "2026-03-01")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("alert")).to_contain_text("on or after the first day")
    expect(page.get_by_role("img")).to_have_count(0)


def test_given_customer_care_then_no_reports_link_and_the_page_is_refused(logged_in, live_server):
    page = logged_in("customer_care")

    expect(page.get_by_role("link", name="Reports")).to_have_count(0)
    response = page.goto(f"{live_server.url}/reports/")
    assert response.status == 403
