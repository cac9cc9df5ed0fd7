"""The staff pages, the public form and the API in Vietnamese and in English: a status label,
a validation message, a formatted amount and a date in each."""

import html
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from orderdesk.accounts.preferences import user_language_set
from orderdesk.consultations.services import (
    consultation_schedule_follow_up,
    consultation_transition,
)
from orderdesk.orders.models import BulkJob, Order
from orderdesk.orders.services import order_edit, payment_record
from orderdesk.orders.services.editing import OrderChanges
from orderdesk.orders.status import OrderStatus
from orderdesk.orders.tasks import bulk_job_run
from tests import factories
from tests.orders.views.test_order_pages_behaviour import FORM

MOMENT = datetime(2026, 11, 27, 14, 5, tzinfo=UTC)  # the business time zone is UTC in tests
# Babel joins amount and sign with a no-break space, so a line never splits between them.
VND_330_000 = "330.000\u00a0₫"


def _staff(role: str = "admin", language: str | None = None) -> Client:
    user = factories.make_user(role)
    if language is not None:
        user_language_set(user=user, language=language)
    client = Client()
    client.force_login(user)
    return client


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _order(admin, **overrides) -> Order:
    order = factories.make_order(admin, **overrides)
    Order.objects.filter(pk=order.pk).update(created_at=MOMENT)
    return Order.objects.get(pk=order.pk)


def _usd_order(admin) -> Order:
    item = factories.item_in(quantity=1, unit_price="1250.00")
    return _order(admin, currency="USD", items=[item], shipping_fee="0")


# --- Staff pages -------------------------------------------------------------------------------
def test_given_a_user_who_chose_vietnamese_then_the_order_list_is_vietnamese(admin):
    _order(admin)  # VND: 2 × 150 000 + 30 000

    response = _staff(language="vi").get(reverse("orders:list"))

    page = _text(response)
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in page
    assert "Chờ xác nhận" in page and "Pending Confirmation" not in page
    assert VND_330_000 in page
    assert "27/11/2026 14:05" in page


def test_given_a_user_who_kept_english_then_the_same_list_is_english(admin):
    _usd_order(admin)

    page = _text(_staff().get(reverse("orders:list")))

    assert "Pending Confirmation" in page and "Chờ xác nhận" not in page
    assert "$1,250.00" in page
    assert "2026-11-27 14:05" in page


def test_given_vietnamese_then_the_order_page_shows_status_payment_amounts_and_dates(admin):
    order = _order(admin, status=OrderStatus.CONFIRMED)

    page = _text(_staff(language="vi").get(order.get_absolute_url()))

    assert "Đã xác nhận" in page and "Chưa thanh toán" in page
    assert VND_330_000 in page and "300.000" in page  # total with its sign, subtotal without
    assert "Tạo lúc 27/11/2026 14:05" in page
    assert 'value="330000"' in page  # the payment form's amount, as a person types it back


def test_given_english_then_the_order_page_shows_the_english_forms(admin):
    order = _usd_order(admin)

    page = _text(_staff().get(order.get_absolute_url()))

    assert "Pending Confirmation" in page and "Unpaid" in page
    assert "$1,250.00" in page
    assert "Created 2026-11-27 14:05" in page
    assert 'value="1250.00"' in page


def test_given_the_default_language_is_vietnamese_then_a_user_without_a_choice_gets_it(
    admin, settings
):
    settings.LANGUAGE_CODE = "vi"
    _order(admin)

    page = _text(_staff().get(reverse("orders:list"), headers={"Accept-Language": "en"}))

    assert "Chờ xác nhận" in page


def test_given_a_user_who_chose_english_then_a_vietnamese_browser_does_not_change_it(admin):
    _order(admin)

    client = _staff(language="en")
    page = _text(client.get(reverse("orders:list"), headers={"Accept-Language": "vi"}))

    assert "Pending Confirmation" in page


@pytest.mark.parametrize(
    ("language", "required", "amount"),
    [
        ("vi", "Trường này là bắt buộc.", "Nhập số tiền, ví dụ 150.000 hoặc 19,99."),
        ("en", "This field is required.", "Enter an amount such as 150,000 or 19.99."),
    ],
)
def test_given_a_bad_order_form_then_the_messages_are_in_the_users_language(
    db, language, required, amount
):
    data = {**FORM, "customer_name": "", "shipping_fee": "1.2.3"}

    response = _staff("sales", language).post(reverse("orders:create"), data)

    page = _text(response)
    assert response.status_code == 422
    assert required in page and amount in page
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("language", "fee", "price"), [("vi", "1.250.000", "50.000"), ("en", "1,250,000", "50,000")]
)
def test_given_amounts_written_the_local_way_then_the_order_keeps_them_exactly(
    db, settings, language, fee, price
):
    settings.ORDERDESK_CURRENCY = "VND"
    data = {**FORM, "shipping_fee": fee, "items-0-unit_price": price}

    response = _staff("sales", language).post(reverse("orders:create"), data)

    assert response.status_code == 302
    order = Order.objects.get()
    assert order.shipping_fee == Decimal(1250000)
    assert order.items.get().unit_price == Decimal(50000)


def test_given_a_two_level_vietnamese_address_then_the_order_is_created_without_a_district(
    db, settings
):
    settings.ORDERDESK_CURRENCY = "VND"
    data = {
        **FORM,
        "ship_ward": "Phường Sài Gòn",
        "ship_district": "",
        "ship_city": "",
        "ship_province": "Thành phố Hồ Chí Minh",
    }

    response = _staff("sales", "vi").post(reverse("orders:create"), data)

    assert response.status_code == 302
    order = Order.objects.get()
    assert (order.ship_ward, order.ship_district) == ("Phường Sài Gòn", "")


def test_given_no_city_and_no_province_then_the_form_asks_for_one_in_the_users_language(db):
    data = {**FORM, "ship_city": "", "ship_province": ""}

    response = _staff("sales", "vi").post(reverse("orders:create"), data)

    assert response.status_code == 422
    assert "Nhập thành phố hoặc tỉnh." in _text(response)


# --- The profile page ----------------------------------------------------------------------------
def test_given_the_profile_page_when_vietnamese_is_chosen_then_every_next_page_is_vietnamese(
    db,
):
    client = _staff("customer_care")

    response = client.post(reverse("accounts:profile"), {"language": "vi"})

    assert response.status_code == 302
    page = _text(client.get(response["Location"]))
    assert "Các trang của bạn giờ hiển thị bằng Tiếng Việt." in page
    assert "Yêu cầu tư vấn" in _text(client.get(reverse("consultations:list")))

    client.post(reverse("accounts:profile"), {"language": ""})  # back to the default
    assert "Consultation Requests" in _text(client.get(reverse("consultations:list")))


def test_given_an_unknown_language_then_the_profile_page_refuses_it_and_nothing_changes(db):
    client = _staff("sales")

    response = client.post(reverse("accounts:profile"), {"language": "fr"})

    assert response.status_code == 200
    assert "fr" in _text(response) and "field-error" in _text(response)
    assert "Orders" in _text(client.get(reverse("orders:list")))


# --- The public form -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("accept", "title"), [("vi-VN,vi;q=0.9,en;q=0.5", "Bạn cần tư vấn gì?"), ("en-US", "Ask us")]
)
def test_given_a_browser_language_then_the_public_form_follows_it(db, accept, title):
    response = Client().get(reverse("request_form"), headers={"Accept-Language": accept})

    assert title in _text(response)


def test_given_the_switch_then_the_public_form_changes_language_and_keeps_it(db):
    client = Client(enforce_csrf_checks=True)
    form_page = client.get(reverse("request_form"), headers={"Accept-Language": "en"})
    token = form_page.cookies["csrftoken"].value

    response = client.post(
        reverse("set_language"),
        {"language": "vi", "next": "/request/?product=Nồi+cơm", "csrfmiddlewaretoken": token},
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 302
    assert unquote(response["Location"]) == "/request/?product=Nồi+cơm"
    page = _text(client.get(response["Location"], headers={"Accept-Language": "en"}))
    assert "Bạn cần tư vấn gì?" in page and "Nồi cơm" in page


def test_given_the_switch_without_a_csrf_token_then_it_is_refused(db):
    response = Client(enforce_csrf_checks=True).post(
        reverse("set_language"), {"language": "vi", "next": "/request/"}
    )

    assert response.status_code == 403


def test_given_a_bad_public_form_in_vietnamese_then_the_errors_are_vietnamese(db):
    response = Client().post(
        reverse("request_form"),
        {"name": "", "phone": "12", "message": ""},
        headers={"Accept-Language": "vi"},
    )

    page = _text(response)
    assert response.status_code == 422
    assert "Trường này là bắt buộc." in page
    assert "Nhập số điện thoại có từ 7 đến 15 chữ số." in page


# --- Exports and reports ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "headers"),
    [
        ("vi", ["Đơn hàng", "Tạo lúc", "Cập nhật lúc", "Trạng thái", "Trạng thái thanh toán"]),
        ("en", ["Order", "Created", "Updated", "Status", "Payment status"]),
    ],
)
def test_given_a_language_then_the_export_headers_are_in_it_and_the_values_stay_codes(
    admin, language, headers
):
    _order(admin)

    response = _staff("admin", language).get(reverse("orders:export"), {"format": "csv"})

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:5] == headers
    assert ",pending_confirmation,unpaid," in lines[1]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("vi", ["Doanh thu", "Tỷ lệ huỷ", "Hôm nay", "Đã tạo", "Đã nhận"]),
        ("en", ["Revenue", "Cancellation rate", "Created", "Received"]),
    ],
)
def test_given_a_language_then_the_report_labels_are_in_it(admin, language, labels):
    _order(admin)

    page = _text(_staff("admin", language).get(reverse("reports:page")))

    assert all(label in page for label in labels)


@pytest.mark.parametrize(("language", "term"), [("vi", "Đặng Thị Đào"), ("en", "dang thi dao")])
def test_given_either_language_then_search_ignores_accents_both_ways(admin, language, term):
    order = _order(admin, customer=factories.customer_in(name="Đặng Thị Đào"))
    _order(admin, customer=factories.customer_in(name="Trần Văn Bình", phone="0987 111 222"))

    page = _text(_staff("sales", language).get(reverse("orders:list"), {"q": term}))

    assert order.code in page and "Trần Văn Bình" not in page


# --- Timelines -----------------------------------------------------------------------------------
def test_given_vietnamese_then_the_order_timeline_names_fields_methods_and_amounts_in_it(admin):
    order = _order(admin)
    order_edit(code=order.code, actor=admin, changes=OrderChanges(shipping_fee="45000"))
    payment_record(
        code=order.code, actor=admin, kind="payment", amount="100000", method="bank_transfer"
    )

    page = _text(_staff(language="vi").get(order.get_absolute_url()))

    timeline = page[page.index('class="timeline"') :]
    assert "Phí vận chuyển" in timeline and "shipping_fee" not in timeline
    assert "Đã ghi nhận khoản thanh toán 100.000 (Chuyển khoản)" in timeline
    assert "bank_transfer" not in timeline


def test_given_vietnamese_then_the_request_timeline_names_statuses_and_dates_in_it(admin):
    request = factories.make_consultation(admin)
    consultation_transition(code=request.code, actor=admin, to="processing")
    consultation_schedule_follow_up(code=request.code, actor=admin, at=MOMENT)

    page = _text(_staff(language="vi").get(reverse("consultations:detail", args=[request.code])))

    timeline = page[page.index('class="timeline"') :]
    assert "Chờ xác nhận</span> → <span" in timeline and "Đang tư vấn" in timeline
    assert "pending_confirmation</span>" not in timeline
    assert "Hẹn liên hệ lại: 27/11/2026 14:05" in timeline


# --- Background work done for a user -------------------------------------------------------------
def test_given_a_vietnamese_user_then_a_background_bulk_job_gives_its_reasons_in_vietnamese(admin):
    user = factories.make_user("operations")
    user_language_set(user=user, language="vi")
    delivered = factories.make_order(admin, status=OrderStatus.DELIVERED)
    job = BulkJob.objects.create(
        created_by=user, action="confirm", params={}, codes=[delivered.code], total=1
    )

    bulk_job_run.call(job.pk)  # as the worker does: outside any request

    job.refresh_from_db()
    assert job.skipped[0]["code"] == delivered.code
    assert "đang ở trạng thái Đã giao" in job.skipped[0]["detail"]


# --- The list's total filter ---------------------------------------------------------------------
@pytest.mark.parametrize(("language", "typed"), [("vi", "300.000"), ("en", "300,000")])
def test_given_a_total_typed_the_local_way_then_the_list_url_keeps_it_plain(admin, language, typed):
    small = _order(admin, items=[factories.item_in(quantity=1, unit_price="100000")])
    large = _order(admin)  # 330 000
    client = _staff("sales", language)

    response = client.get(reverse("orders:list"), {"total_min": typed, "sort": "-total"})

    assert response.status_code == 302
    assert response["Location"] == reverse("orders:list") + "?total_min=300000&sort=-total"
    page = _text(client.get(response["Location"]))
    assert large.code in page and small.code not in page
    assert ("300.000" if language == "vi" else "300,000") in page  # the filter's pill


def test_given_htmx_then_the_plain_total_is_pushed_to_the_address_bar(admin):
    _order(admin)

    response = _staff("sales", "vi").get(
        reverse("orders:list"), {"total_max": "1.000.000"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response["HX-Push-Url"] == reverse("orders:list") + "?total_max=1000000"


def test_given_an_unreadable_total_then_the_list_says_so_in_the_users_language(admin):
    response = _staff("sales", "vi").get(reverse("orders:list"), {"total_min": "1.2.3"})

    assert response.status_code == 200
    assert "Nhập số tiền, ví dụ 150000 hoặc 19.99." in _text(response)
