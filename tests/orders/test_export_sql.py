"""The PostgreSQL COPY fast path of the order export writes exactly what the Python path does."""

import io
import zipfile
from contextlib import contextmanager
from datetime import datetime, time

import pytest
from django.utils import timezone

from orderdesk.core import exporting
from orderdesk.core.exporting import csv_chunks
from orderdesk.orders.exporters import OrderExporter
from orderdesk.orders.models import Order
from orderdesk.orders.services import order_assign, order_transition, payment_record
from orderdesk.orders.status import OrderStatus
from tests import factories

pytestmark = pytest.mark.postgres_only


@contextmanager
def path_taken(monkeypatch, *, fast: bool, fast_function: str):
    """Force the COPY path (and check that `fast_function` ran) or the Python path."""
    taken = []
    with monkeypatch.context() as patch:
        if fast:
            real = getattr(exporting, fast_function)
            patch.setattr(
                exporting, fast_function, lambda *a, **k: taken.append(1) or real(*a, **k)
            )
        else:
            patch.setattr(OrderExporter, "copy_query", lambda self, delimiter: None)
        yield
    assert taken == ([1] if fast else [])  # the path under test was the one taken


def export(queryset, *, fast: bool, monkeypatch, **options) -> bytes:
    with path_taken(monkeypatch, fast=fast, fast_function="_copy_chunks"):
        return b"".join(csv_chunks(OrderExporter(queryset), **options))


@pytest.fixture
def awkward_orders(admin):
    """Orders with everything a CSV writer can get wrong."""
    orders = [
        factories.make_order(
            admin,
            customer=factories.customer_in(name='=HYPERLINK("http://x")', email=""),
            shipping_address=factories.address_in(
                line1='12 "Nhà" Lý Thường Kiệt, Q1', line2="", ward="-", city="@Hà Nội"
            ),
            items=[
                factories.item_in(name='Áo; thun, "đỏ"', quantity=3, unit_price="19.995"),
                factories.item_in(name="+Nón lá", quantity=1, unit_price="0"),
            ],
            currency="USD",
            tags=["éclair", "zebra", "apple", "Zoo"],
        ),
        factories.make_order(
            admin,
            items=[factories.item_in(unit_price="1.2345")],
            shipping_fee="0.0005",
            currency="KWD",
        ),
        factories.make_order(admin, status=OrderStatus.SHIPPING),
        factories.make_order(admin, currency="VND", discount="330000"),
    ]
    cancelled = factories.make_order(admin)
    order_transition(
        code=cancelled.code, actor=admin, to="cancelled", reason="-1 star\r\nline two\ttab"
    )
    payment_record(code=orders[0].code, actor=admin, kind="payment", amount="100.50", method="card")
    payment_record(code=orders[0].code, actor=admin, kind="refund", amount="0.25", method="card")
    order_assign(code=orders[1].code, actor=admin, username=admin.label)
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time(23, 59, 59, 999999)))
    Order.objects.filter(pk=orders[2].pk).update(created_at=midnight)
    return Order.objects.all()


@pytest.mark.parametrize(
    "options",
    [{}, {"delimiter": ";", "bom": True}, {"delimiter": "\t"}],
    ids=["comma", "semicolon-bom", "tab"],
)
def test_given_awkward_orders_then_copy_writes_the_same_bytes_as_python(
    awkward_orders, monkeypatch, options
):
    slow = export(awkward_orders, fast=False, monkeypatch=monkeypatch, **options)
    fast = export(awkward_orders, fast=True, monkeypatch=monkeypatch, **options)
    assert fast.decode().splitlines() == slow.decode().splitlines()
    assert fast == slow


def test_given_a_filter_then_copy_writes_only_the_matching_orders(awkward_orders, monkeypatch):
    shipping = awkward_orders.filter(status="shipping")
    fast = export(shipping, fast=True, monkeypatch=monkeypatch)
    assert fast == export(shipping, fast=False, monkeypatch=monkeypatch)
    assert fast.count(b"\r\n") == 2  # the header and the one shipping order


def xlsx_sheet(queryset, *, fast: bool, monkeypatch) -> bytes:
    """The worksheet XML of the XLSX export, by the COPY path or the Python path."""
    book = io.BytesIO()
    with path_taken(monkeypatch, fast=fast, fast_function="_copy_cells"):
        exporting.xlsx_write(OrderExporter(queryset), book)
    with zipfile.ZipFile(book) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_given_awkward_orders_then_the_xlsx_from_copy_has_the_same_cells_as_python(
    awkward_orders, monkeypatch
):
    slow = xlsx_sheet(awkward_orders, fast=False, monkeypatch=monkeypatch)
    fast = xlsx_sheet(awkward_orders, fast=True, monkeypatch=monkeypatch)
    assert fast.decode().split("<row ") == slow.decode().split("<row ")
    assert b"-1 star\r\nline two\ttab" in fast  # a line break inside a field stays data


def test_an_xlsx_file_export_takes_the_copy_path_and_reports_progress(
    awkward_orders, monkeypatch, tmp_path
):
    """The file writer of background and scheduled exports passes the exporter itself on."""
    from orderdesk.exports.files import export_to_file

    monkeypatch.setattr(exporting, "PROGRESS_EVERY", 2)
    progress = []
    with path_taken(monkeypatch, fast=True, fast_function="_copy_cells"):
        rows = export_to_file(
            OrderExporter(awkward_orders), tmp_path / "o.xlsx", fmt="xlsx", progress=progress.append
        )
    assert rows == awkward_orders.count() == 5
    assert progress == [2, 4]
