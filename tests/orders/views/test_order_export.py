"""Downloading orders from the list: the current filter or a selection, CSV or XLSX."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from orderdesk.orders.exporters import OrderExporter
from orderdesk.orders.status import OrderStatus
from tests import factories


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", True), ("operations", True), ("sales", True), ("customer_care", False)],
)
def test_given_a_role_when_exporting_then_allowed_or_403(client_for, order, role, allowed):
    response = client_for(role).get(reverse("orders:export"), {"format": "csv"})
    assert response.status_code == (200 if allowed else 403)


def test_given_a_status_filter_when_exporting_csv_then_only_matching_orders_with_every_column(
    client_for, admin
):
    kept = factories.make_order(admin, status=OrderStatus.DELIVERED)
    factories.make_order(admin)
    response = client_for("sales").get(
        reverse("orders:export"), {"status": "delivered", "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == [str(c.label) for c in OrderExporter.columns]
    assert [row[0] for row in rows[1:]] == [kept.code]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Status"] == "delivered"
    assert row["Total"] == "330000" and row["Balance due"] == "330000"
    assert row["Items"] == "2 × Áo thun"


def test_given_a_formula_in_a_customer_name_when_exported_then_it_is_neutralised(client_for, admin):
    factories.make_order(admin, customer=factories.customer_in(name='=HYPERLINK("http://x")'))
    rows = csv_rows(client_for("sales").get(reverse("orders:export"), {"format": "csv"}))
    assert rows[1][5].startswith("'=")


def test_given_a_selection_when_exporting_xlsx_then_only_those_orders(client_for, admin):
    chosen = factories.make_order(admin)
    factories.make_order(admin)
    response = client_for("operations").post(
        reverse("orders:export_selection"), {"codes": [chosen.code], "format": "xlsx"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in values[1:]] == [chosen.code]
    assert values[1][15] == 330000  # Total is a number cell, not text


def test_given_bad_filters_when_exporting_then_400_not_a_crash(client_for, order):
    response = client_for("sales").get(reverse("orders:export"), {"created_from": "2026-02-30"})
    assert response.status_code == 400
