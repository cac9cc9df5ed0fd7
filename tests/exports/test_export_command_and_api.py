"""`orderdesk export …` and GET /api/v1/…/export: the list's filters, a CSV or XLSX file."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from orderdesk.consultations.exporters import ConsultationExporter
from orderdesk.orders.exporters import OrderItemExporter
from orderdesk.orders.status import OrderStatus
from tests import factories


@pytest.fixture
def orders(admin):
    return {
        "delivered": factories.make_order(admin, status=OrderStatus.DELIVERED),
        "pending": factories.make_order(admin),
    }


def test_given_filters_then_the_command_writes_only_matching_orders(tmp_path, orders, capsys):
    target = tmp_path / "delivered.csv"
    call_command(
        "export", "orders", "--format", "csv", "--delimiter", ";", "--bom",
        "--status", "delivered", "--output", str(target),
    )  # fmt: skip
    text = target.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [orders["delivered"].code]
    assert "Wrote 1 rows to" in capsys.readouterr().err


def test_given_items_as_xlsx_then_the_command_writes_a_workbook(tmp_path, orders):
    target = tmp_path / "items.xlsx"
    call_command("export", "items", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target, read_only=True).active
    values = list(sheet.values)
    assert list(values[0]) == [str(c.label) for c in OrderItemExporter.columns]
    assert len(values) == 3


def test_given_a_bad_filter_then_the_command_fails_with_the_reason(tmp_path, orders):
    with pytest.raises(CommandError, match="created_from"):
        call_command(
            "export", "orders", "--created-from", "2026-13-01", "--output", str(tmp_path / "x")
        )
    assert not (tmp_path / "x").exists()


def test_given_the_api_then_orders_export_streams_a_csv_attachment(api_for, orders):
    response = api_for("operations").get("/orders/export?status=delivered&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="orders-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == [orders["delivered"].code]


def test_given_the_api_then_payments_export_follows_the_order_filters(api_for, orders, admin):
    from orderdesk.orders.services import payment_record

    for order in orders.values():
        payment_record(code=order.code, actor=admin, kind="payment", amount="1000", method="card")
    response = api_for("admin").get("/orders/export?dataset=payments&status=pending_confirmation")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == [orders["pending"].code]


def test_given_the_api_then_consultations_export_as_xlsx(api_for, admin):
    request = factories.make_consultation(admin)
    response = api_for("sales").get("/consultation-requests/export?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert list(rows[0]) == [str(c.label) for c in ConsultationExporter.columns]
    assert rows[1][0] == request.code


@pytest.mark.parametrize(
    ("role", "query", "status"),
    [
        ("intake", "", 403),
        ("customer_care", "", 403),
        ("sales", "?format=pdf", 422),
        ("sales", "?created_from=2026-02-30", 422),
        (None, "", 401),
    ],
)
def test_given_a_refused_api_export_then_a_problem(api_for, orders, role, query, status):
    response = api_for(role).get(f"/orders/export{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_the_export_operations_declare_their_file_content_types(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/orders/export", "/api/v1/consultation-requests/export"):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert set(content) == {
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
