"""Issue #8, point 12: exports as a way in, and as a way to tie up the server.

Formula-injection payloads typed into an order (tags cannot hold one: they start with a letter
or digit) come out of the real downloads (CSV — on
PostgreSQL through COPY — and XLSX) as text, never as formulas (the writers alone:
tests/core/test_exporting.py). A client that goes away in the middle of a large download
releases the database: the export's cursor is closed and the connection is usable at once.
"""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from openpyxl import load_workbook

from orderdesk.demo import generate_demo_data
from orderdesk.orders.models import Order
from orderdesk.orders.services import order_note_add
from tests import factories

PAYLOADS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")']


@pytest.fixture
def staff_client(admin):
    client = Client()
    client.force_login(admin.user)
    return client


@pytest.fixture
def poisoned(admin):
    codes = []
    for payload in PAYLOADS:
        order = factories.make_order(
            admin, customer=factories.customer_in(name=payload), note=payload
        )
        order_note_add(code=order.code, actor=admin, text=payload)
        codes.append(order.code)
    return codes


def stored_as_text(codes) -> set[str]:
    """The names as stored (the services trim white space), with the quote that makes text."""
    names = Order.objects.filter(code__in=codes).values_list("customer_name", flat=True)
    assert all(name.startswith(("=", "+", "-", "@")) for name in names)
    return {"'" + name for name in names}


def text_cells(rows) -> list[str]:
    return [cell for row in rows[1:] for cell in row if isinstance(cell, str) and cell]


@pytest.mark.django_db
def test_given_formula_payloads_when_downloaded_as_csv_then_none_is_a_formula(
    staff_client, poisoned
):
    response = staff_client.get("/orders/export/?format=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))

    cells = text_cells(rows)
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells), cells
    assert stored_as_text(poisoned) <= set(cells), "payloads missing from the export"


@pytest.mark.django_db
def test_given_formula_payloads_when_downloaded_as_xlsx_then_none_is_a_formula(
    staff_client, poisoned
):
    response = staff_client.get("/orders/export/?format=xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]

    cells = text_cells(rows)
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells), cells
    assert stored_as_text(poisoned) <= set(cells)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def open_cursors() -> int:
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_cursors")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_given_a_client_that_leaves_mid_download_then_the_database_is_released(
    transactional_db, django_db_serialized_rollback, fmt
):
    """What a WSGI server does when the client disconnects: stop iterating, close the response."""
    generate_demo_data(orders=1500, consultations=0, seed=3)
    admin = factories.actor_for("admin")
    client = Client()
    client.force_login(admin.user)

    response = client.get(f"/orders/export/?format={fmt}")
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first and len(first) < 5_000_000
    response.close()

    assert open_cursors() == 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT state FROM pg_stat_activity WHERE pid = pg_backend_pid()")
            assert cursor.fetchone()[0] == "active"  # this very query: nothing left running
    assert Order.objects.count() == 1500  # the connection answers at once
    with pytest.raises(StopIteration):
        next(chunks)
