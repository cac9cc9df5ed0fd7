"""Exports in a browser: a download straight from the list, and a large one via the Exports page."""

import csv
import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from orderdesk.orders.exporters import OrderExporter
from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.browser.conftest import BROWSER

pytestmark = BROWSER


def test_given_a_filtered_list_when_exporting_csv_then_the_file_holds_those_orders(
    live_server, logged_in, admin_actor
):
    delivered = factories.make_order(admin_actor, status=OrderStatus.DELIVERED)
    factories.make_order(admin_actor)
    page = logged_in("sales")
    page.goto(f"{live_server.url}/orders/?status=delivered")
    page.get_by_text("Export", exact=True).click()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV (comma)").click()
    download = info.value
    assert download.suggested_filename.startswith("orders-")
    text = download.path().read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [str(column.label) for column in OrderExporter.columns]
    assert [row[0] for row in rows[1:]] == [delivered.code]


def test_given_a_large_export_then_it_is_written_in_the_background_and_downloaded_from_exports(
    live_server, logged_in, admin_actor, settings
):
    settings.ORDERDESK_EXPORT_DIRECT_MAX_ROWS = 1
    codes = {factories.make_order(admin_actor).code for _ in range(2)}
    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/")
    page.get_by_text("Export", exact=True).click()
    page.get_by_role("link", name="Excel (XLSX)").click()
    expect(page.get_by_role("heading", name="Exports")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("2 rows are being exported")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download").first.click()
    sheet = load_workbook(io.BytesIO(info.value.path().read_bytes()), read_only=True).active
    rows = list(sheet.values)
    assert {row[0] for row in rows[1:]} == codes
