"""What the order pages do with good and bad input."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orderdesk.orders.models import Order, OrderEvent
from orderdesk.orders.services import order_edit
from orderdesk.orders.services.editing import OrderChanges
from orderdesk.orders.status import OrderStatus
from tests import factories

FORM = {
    "customer_name": "Trần Thị Bích",
    "customer_phone": "0987 654 321",
    "customer_email": "",
    "ship_recipient": "Trần Thị Bích",
    "ship_phone": "0987654321",
    "ship_line1": "5 Nguyễn Huệ",
    "ship_city": "TP Hồ Chí Minh",
    "ship_country": "VN",
    "channel": "phone",
    "shipping_fee": "20000",
    "discount": "0",
    "items-TOTAL_FORMS": "2",
    "items-INITIAL_FORMS": "0",
    "items-0-sku": "SKU-1",
    "items-0-name": "Nón lá",
    "items-0-quantity": "3",
    "items-0-unit_price": "50000",
    "items-1-name": "",
    "items-1-quantity": "1",
    "items-1-unit_price": "",
}


def edit_form(order, **overrides):
    data = {k: v for k, v in FORM.items()}
    data.update({"version": str(order.version), "items-0-unit_price": "50000"})
    data.update(overrides)
    return data


def test_given_a_valid_form_when_creating_then_the_order_exists_with_computed_totals(
    client_for, settings
):
    settings.ORDERDESK_CURRENCY = "VND"
    response = client_for("sales").post(reverse("orders:create"), FORM)
    assert response.status_code == 302
    order = Order.objects.get()
    assert response["Location"] == order.get_absolute_url()
    assert order.total == 170000 and order.subtotal == 150000
    assert order.items.count() == 1  # the blank second row is ignored


def test_given_a_bad_phone_and_no_items_when_creating_then_422_with_errors_next_to_fields(
    client_for,
):
    data = {
        **FORM,
        "customer_phone": "12",
        "items-0-name": "",
        "items-0-unit_price": "",
        "items-0-sku": "",
    }
    response = client_for("sales").post(reverse("orders:create"), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Enter a phone number with 7 to 15 digits." in page
    assert "Add at least one item." in page
    assert not Order.objects.exists()


def test_given_a_negative_price_when_creating_then_the_row_shows_the_error(client_for):
    response = client_for("sales").post(
        reverse("orders:create"), {**FORM, "items-0-unit_price": "-5"}
    )
    assert response.status_code == 422
    assert "The amount must be positive." in response.content.decode()
    assert not Order.objects.exists()


def test_given_cancel_without_a_reason_when_posted_then_nothing_changes_and_the_user_is_told(
    client_for, order
):
    client = client_for("operations")
    response = client.post(
        reverse("orders:transition", kwargs={"code": order.code}), {"to": "cancelled"}, follow=True
    )
    assert "Say why the order is cancelled." in response.content.decode()
    assert factories.reload(order).status == OrderStatus.PENDING_CONFIRMATION


def test_given_an_illegal_move_when_posted_then_the_message_names_order_status_and_move(
    client_for, admin
):
    order = factories.make_order(admin, status=OrderStatus.DELIVERED)
    response = client_for("admin").post(
        reverse("orders:transition", kwargs={"code": order.code}), {"to": "confirmed"}, follow=True
    )
    assert (
        f"{order.code} is Delivered and cannot be moved to Confirmed." in response.content.decode()
    )


def test_given_the_detail_page_then_only_permitted_legal_moves_are_offered(client_for, order):
    sales_page = client_for("sales").get(order.get_absolute_url()).content.decode()
    assert 'value="confirmed"' in sales_page
    assert 'value="ready_to_ship"' not in sales_page
    care_page = client_for("customer_care").get(order.get_absolute_url()).content.decode()
    assert 'value="confirmed"' not in care_page
    assert 'value="cancelled"' in care_page


def test_given_a_delivered_order_when_operations_edits_then_403(client_for, admin):
    order = factories.make_order(admin, status=OrderStatus.DELIVERED)
    client = client_for("operations")
    assert client.get(reverse("orders:edit", kwargs={"code": order.code})).status_code == 403
    response = client.post(
        reverse("orders:edit", kwargs={"code": order.code}), edit_form(order, reason="x")
    )
    assert response.status_code == 403


def test_given_a_delivered_order_when_admin_edits_without_reason_then_asked_for_one(
    client_for, admin
):
    order = factories.make_order(admin, status=OrderStatus.DELIVERED)
    response = client_for("admin").post(
        reverse("orders:edit", kwargs={"code": order.code}), edit_form(order)
    )
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert factories.reload(order).version == order.version


def test_given_a_delivered_order_when_admin_edits_with_a_reason_then_saved_with_diff_and_reason(
    client_for, admin
):
    order = factories.make_order(admin, status=OrderStatus.DELIVERED)
    data = edit_form(
        order, reason="Customer asked to fix the name", customer_name="Trần Thị Bích Ngọc"
    )
    response = client_for("admin").post(reverse("orders:edit", kwargs={"code": order.code}), data)
    assert response.status_code == 302
    event = OrderEvent.objects.filter(order=order, type="edited").get()
    assert event.data["reason"] == "Customer asked to fix the name"
    assert event.data["changes"]["customer.name"]["after"] == "Trần Thị Bích Ngọc"
    page = client_for("admin").get(order.get_absolute_url()).content.decode()
    assert "Customer asked to fix the name" in page


def test_given_someone_saved_meanwhile_when_saving_then_409_shows_the_conflict_and_keeps_input(
    client_for, admin
):
    order = factories.make_order(admin)
    loaded_at = (timezone.now() - timedelta(seconds=1)).isoformat()
    order_edit(code=order.code, actor=admin, changes=OrderChanges(note="Changed by a colleague"))
    data = edit_form(order, customer_name="My typed name", loaded_at=loaded_at)
    response = client_for("sales").post(reverse("orders:edit", kwargs={"code": order.code}), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved" in page
    assert "My typed name" in page  # nothing the user typed is lost
    assert factories.reload(order).customer_name != "My typed name"


def test_given_the_list_when_searching_an_accent_free_name_then_the_order_is_found(
    client_for, admin
):
    order = factories.make_order(admin)
    other = factories.make_order(
        admin,
        customer=factories.customer_in(name="John Smith", phone="+1 415 555 0100", email=""),
        shipping_address=factories.address_in(recipient="John Smith", phone="+1 415 555 0100"),
    )
    page = client_for("sales").get(reverse("orders:list"), {"q": "nguyen van an"}).content.decode()
    assert order.code in page and other.code not in page


@pytest.mark.parametrize(
    "spelling", ["0912345678", "912 345 678", "+84912345678", "+84 912 345 678"]
)
def test_given_the_list_when_searching_a_phone_in_any_spelling_then_the_order_is_found(
    client_for, admin, spelling
):
    order = factories.make_order(admin)
    page = client_for("sales").get(reverse("orders:list"), {"q": spelling}).content.decode()
    assert order.code in page


def test_given_bad_filters_when_listing_then_the_page_says_so_instead_of_failing(client_for, order):
    response = client_for("sales").get(
        reverse("orders:list"), {"created_from": "2026-02-30", "cursor": "garbage"}
    )
    assert response.status_code == 200
    assert "Enter a date as YYYY-MM-DD" in response.content.decode()


def test_given_more_orders_than_a_page_when_following_next_then_every_order_appears_once(
    client_for, admin
):
    codes = [factories.make_order(admin).code for _ in range(30)]
    client = client_for("sales")
    seen, url = [], reverse("orders:list") + "?per_page=25"
    while url:
        page = client.get(url).content.decode()
        seen += re.findall(r'class="code" href="/orders/(SO-\d+)/"', page)
        match = re.search(r'<a href="([^"]+)"[^>]*class="next"', page)
        url = reverse("orders:list") + html.unescape(match.group(1)) if match else None
    assert sorted(seen) == sorted(codes)
    assert seen == sorted(codes, reverse=True)  # newest first, none twice


def test_given_an_htmx_request_then_only_the_results_partial_is_returned(client_for, order):
    response = client_for("sales").get(
        reverse("orders:list"), {"q": order.code}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results">')
    assert "<html" not in page


def test_given_a_bulk_confirm_including_a_delivered_order_then_it_is_reported_as_skipped(
    client_for, admin
):
    fresh = factories.make_order(admin)
    done = factories.make_order(admin, status=OrderStatus.DELIVERED)
    response = client_for("operations").post(
        reverse("orders:bulk"),
        {"action": "confirm", "codes": [fresh.code, done.code], "scope": "selection"},
    )
    page = response.content.decode()
    assert "1 order changed." in page
    assert f"{done.code} is Delivered and cannot be moved to Confirmed." in page
    assert factories.reload(fresh).status == OrderStatus.CONFIRMED
    assert factories.reload(done).status == OrderStatus.DELIVERED


def test_given_a_bulk_cancel_without_reason_then_nothing_changes(client_for, order):
    before = factories.snapshot()
    response = client_for("operations").post(
        reverse("orders:bulk"),
        {"action": "cancel", "codes": [order.code], "scope": "selection"},
        follow=True,
    )
    assert "Say why the orders are cancelled." in response.content.decode()
    assert factories.snapshot() == before


def test_given_select_all_matching_when_bulk_tagging_then_every_matching_order_is_tagged(
    client_for, admin
):
    matching = [factories.make_order(admin) for _ in range(3)]
    other = factories.make_order(
        admin,
        customer=factories.customer_in(name="Zed Other", phone="0933 111 222", email=""),
        shipping_address=factories.address_in(recipient="Zed Other", phone="0933 111 222"),
    )
    response = client_for("admin").post(
        reverse("orders:bulk"),
        {"action": "tag_add", "tag": "promo", "scope": "query", "query": "q=nguyen"},
    )
    assert response.status_code == 200
    for order in matching:
        assert "promo" in factories.reload(order).tag_rows.values_list("tag", flat=True)
    assert not other.tag_rows.exists()


def test_given_a_saved_view_when_listing_then_it_appears_as_a_tab_for_its_owner(client_for):
    client = client_for("sales")
    response = client.post(
        reverse("orders:saved_view_create"),
        {"name": "Unpaid web", "query": "payment_status=unpaid&channel=web"},
    )
    assert response.status_code == 302
    page = client.get(reverse("orders:list")).content.decode()
    assert "Unpaid web" in page


def test_given_more_orders_than_the_inline_limit_when_bulk_confirming_then_a_job_runs_with_progress(
    client_for, admin, monkeypatch, django_capture_on_commit_callbacks
):
    from orderdesk.orders.models import BulkJob
    from orderdesk.orders.views import bulk

    monkeypatch.setattr(bulk, "BULK_INLINE_LIMIT", 2)
    fresh = [factories.make_order(admin) for _ in range(3)]
    done = factories.make_order(admin, status=OrderStatus.DELIVERED)
    client = client_for("operations")
    codes = [o.code for o in fresh] + [done.code]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("orders:bulk"), {"action": "confirm", "codes": codes, "scope": "selection"}
        )
    job = BulkJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:bulk_job", kwargs={"job_id": job.pk})
    assert (job.state, job.total, job.processed, job.succeeded) == ("done", 4, 4, 3)
    assert [s["code"] for s in job.skipped] == [done.code]
    page = client.get(response["Location"]).content.decode()
    assert "4 of 4 processed" in page and done.code in page
    assert all(factories.reload(o).status == OrderStatus.CONFIRMED for o in fresh)
