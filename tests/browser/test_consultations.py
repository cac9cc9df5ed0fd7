"""Consultation requests in a browser: the public (embedded) form, the staff queue with its
waiting times, taking a request, noting it and turning it into an order; who may do what."""

import re
import time
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.orders.models import Order
from tests import factories
from tests.browser.conftest import BROWSER, login, make_staff, screenshot

pytestmark = BROWSER

CODE = re.compile(r"^CR-\d{6}$")
EMBED = "/request/embed/?product=%C3%81o%20d%C3%A0i&source=shop-home"  # product=Áo dài


def fill_request_form(page: Page, *, name: str, phone: str, message: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Phone number").fill(phone)
    page.get_by_label("Your question").fill(message)


def send(page: Page) -> None:
    page.get_by_role("button", name="Send my request").click()


def submit_public_request(
    page: Page, live_server, *, name: str, phone: str, message: str, wait: float = 0
) -> str:
    """A customer fills the embedded form and sends it; returns the code on the thank-you page."""
    page.goto(f"{live_server.url}{EMBED}")
    opened = time.monotonic()
    fill_request_form(page, name=name, phone=phone, message=message)
    time.sleep(max(0.0, wait - (time.monotonic() - opened)))
    send(page)
    expect(page).to_have_url(re.compile(r"/request/embed/thanks/\?t="))
    code = page.locator(".request-code")
    expect(code).to_have_text(CODE)
    return code.inner_text()


def queue_rows(page: Page):
    return page.locator("#results table.consultations tbody tr")


def timeline(page: Page):
    return page.locator("ol.timeline > li")


def age(request: ConsultationRequest, minutes: int) -> None:
    """Pretend the request came in `minutes` ago (no service moves created_at)."""
    ConsultationRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def fill_order_and_create(page: Page, *, item: str, quantity: str, price: str) -> Order:
    """On the order form made from a request: the address, one item row, then save."""
    page.locator("#id_ship_line1").fill("27 Hàng Bạc")
    page.locator("#id_ship_city").fill("Hà Nội")
    rows = page.locator(".item-rows tbody .item-row")
    expect(rows).to_have_count(1)
    rows.nth(0).locator("input[name$='-name']").fill(item)
    rows.nth(0).locator(".qty").fill(quantity)
    rows.nth(0).locator(".price").fill(price)
    page.get_by_role("button", name="Create order").click()
    expect(page).to_have_url(re.compile(r"/orders/SO-\d+/$"))
    return Order.objects.get(code=page.url.rstrip("/").rsplit("/", 1)[1])


# --- 1. The public form ----------------------------------------------------------------------------
def test_given_the_embedded_form_when_a_customer_sends_it_then_they_see_their_request_code(
    live_server, page, settings
):
    settings.ORDERDESK_FORM_MIN_SECONDS = 1
    page.goto(f"{live_server.url}{EMBED}")
    expect(page.get_by_role("heading", name="Ask us anything")).to_be_visible()
    expect(page.get_by_label("Product or topic")).to_have_value("Áo dài")  # from ?product=

    # The honeypot is in the form but out of a person's sight, reach and accessibility tree.
    honeypot = page.locator("input[name='website']")
    expect(honeypot).to_have_count(1)
    expect(honeypot).not_to_be_in_viewport()
    box = honeypot.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0, box
    expect(honeypot).to_have_attribute("tabindex", "-1")
    expect(page.locator(".hp")).to_have_attribute("aria-hidden", "true")
    expect(page.get_by_role("textbox", name="Leave this field empty")).to_have_count(0)
    screenshot(page, "consultation-form.png")

    code = submit_public_request(
        page,
        live_server,
        name="Lê Thị Hoa",
        phone="0903 555 777",
        message="Áo dài này có size S không ạ?",
        wait=1.2,
    )

    expect(page.get_by_role("heading")).to_have_text("Thank you — we received your request")
    screenshot(page, "consultation-thanks.png")
    saved = ConsultationRequest.objects.get(code=code)
    assert (saved.name, saved.phone, saved.subject, saved.source) == (
        "Lê Thị Hoa",
        "0903 555 777",
        "Áo dài",
        "web_form",
    )
    assert saved.message == "Áo dài này có size S không ạ?"
    event = saved.events.get()
    assert event.type == "created" and event.data.get("origin") == "shop-home", event.data


def test_given_the_public_form_when_sent_too_quickly_then_it_asks_again_and_keeps_what_was_typed(
    live_server, page, settings
):
    settings.ORDERDESK_FORM_MIN_SECONDS = 60
    page.goto(f"{live_server.url}{EMBED}")
    fill_request_form(page, name="Lê Thị Hoa", phone="0903 555 777", message="Còn hàng không?")
    send(page)

    expect(page.locator("ul.form-errors")).to_contain_text("That was quick!")
    expect(page.get_by_label("Your name")).to_have_value("Lê Thị Hoa")
    expect(page.get_by_label("Your question")).to_have_value("Còn hàng không?")
    expect(page.get_by_label("Product or topic")).to_have_value("Áo dài")
    assert not ConsultationRequest.objects.exists()

    settings.ORDERDESK_FORM_MIN_SECONDS = 0  # rather than waiting a minute
    send(page)  # sending again, unchanged, goes through
    expect(page.locator(".request-code")).to_have_text(CODE)
    assert ConsultationRequest.objects.count() == 1


# --- 2. The staff queue ----------------------------------------------------------------------------
def test_given_a_request_from_the_form_and_a_newer_one_when_staff_open_the_queue_then_it_is_first(
    live_server, page, logged_in, settings
):
    settings.ORDERDESK_FORM_MIN_SECONDS = 0
    code = submit_public_request(
        page, live_server, name="Lê Thị Hoa", phone="0903 555 777", message="Còn size S không?"
    )
    newer = factories.make_consultation(name="Võ Văn Tâm", phone="0911 222 333")

    staff = logged_in("sales")
    staff.goto(f"{live_server.url}/consultations/")

    expect(staff.locator("nav.tabs a[data-tab='pending_confirmation']")).to_have_attribute(
        "aria-current", "page"
    )
    rows = queue_rows(staff)
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("a.code")).to_have_text(code)  # oldest waiting first
    expect(rows.nth(1).locator("a.code")).to_have_text(newer.code)
    expect(rows.nth(0)).to_contain_text("Lê Thị Hoa")
    expect(rows.nth(0)).to_contain_text("Áo dài")

    received = ConsultationRequest.objects.get(code=code).created_at
    waited = rows.nth(0).locator("td.waiting time")
    expect(waited).to_have_count(1)
    expect(waited).to_have_text(re.compile(r"^0\xa0minutes$|^0 minutes$"))
    expect(waited).to_have_attribute("datetime", timezone.localtime(received).isoformat())
    expect(staff.locator("td.waiting .badge")).to_have_count(0)  # both are well within target

    badge = staff.locator("header.topbar .nav-badge")
    expect(badge).to_have_text("2")
    expect(badge).to_have_attribute("title", "Waiting for a first answer")
    screenshot(staff, "consultation-queue.png")


def test_given_requests_of_different_ages_when_staff_open_the_queue_then_late_ones_are_marked(
    live_server, logged_in, settings
):
    settings.ORDERDESK_CONSULTATION_SLA_MINUTES = 30
    late = factories.make_consultation(name="Đỗ Minh Khoa", phone="0912 000 001")
    soon = factories.make_consultation(name="Phan Thu Trang", phone="0912 000 002")
    fresh = factories.make_consultation(name="Bùi Quốc Huy", phone="0912 000 003")
    age(late, 45)  # past the 30-minute target
    age(soon, 25)  # past three quarters of it

    page = logged_in("customer_care")
    page.goto(f"{live_server.url}/consultations/")
    expect(page.get_by_text("Target for a first answer: 30 minutes.")).to_be_visible()
    rows = queue_rows(page)
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("a.code")).to_have_text(late.code)
    expect(rows.nth(0).locator("td.waiting time")).to_contain_text("45")
    expect(rows.nth(0).locator("td.waiting .badge.overdue")).to_have_text("Overdue")
    expect(rows.nth(0)).to_have_class(re.compile(r"\bwait-overdue\b"))
    expect(rows.nth(1).locator("a.code")).to_have_text(soon.code)
    expect(rows.nth(1).locator("td.waiting .badge.near")).to_have_text("Due soon")
    expect(rows.nth(1).locator("td.waiting .badge.overdue")).to_have_count(0)
    expect(rows.nth(2).locator("a.code")).to_have_text(fresh.code)
    expect(rows.nth(2).locator("td.waiting .badge")).to_have_count(0)
    expect(page.locator("header.topbar .nav-badge")).to_have_text("3")
    screenshot(page, "consultation-queue-overdue.png")

    page.get_by_label("Overdue only").check()
    expect(rows).to_have_count(1)
    expect(rows.nth(0).locator("a.code")).to_have_text(late.code)

    rows.nth(0).locator("a.code").click()
    expect(page).to_have_url(f"{live_server.url}/consultations/{late.code}/")
    expect(page.locator("h1 .badge.overdue")).to_have_text("Overdue")


# --- 3. Sales takes a request and turns it into an order -------------------------------------------
def test_given_a_waiting_request_when_sales_takes_notes_and_converts_it_then_both_link_each_other(
    live_server, open_page
):
    request = factories.make_consultation()  # Trần Thị Bình, 0987 654 321, "Áo khoác"

    username = make_staff("sales")
    page = open_page()
    login(page, live_server, username)
    page.goto(f"{live_server.url}/consultations/")
    queue_rows(page).first.get_by_role("link", name=request.code).click()
    expect(page).to_have_url(f"{live_server.url}/consultations/{request.code}/")
    expect(page.locator("h1")).to_contain_text(request.code)

    page.get_by_role("button", name="Take it").click()
    expect(page.locator("ul.messages")).to_contain_text(f"You took {request.code}.")
    expect(page.get_by_label("Assignee", exact=True)).to_have_value(username)
    expect(page.get_by_role("button", name="Take it")).to_have_count(0)
    expect(timeline(page).first).to_contain_text(f"Assigned: — → {username}")

    page.locator("#note-text").fill("Đã gọi: khách lấy size M, giao buổi chiều.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("ul.messages")).to_contain_text("Note added.")
    expect(timeline(page).first).to_contain_text("Đã gọi: khách lấy size M, giao buổi chiều.")
    expect(timeline(page).first).to_contain_text(username)
    screenshot(page, "consultation-detail.png")

    page.get_by_role("link", name="Create order").click()
    expect(page).to_have_url(f"{live_server.url}/consultations/{request.code}/convert/")
    expect(page.locator("h1")).to_have_text(f"New order from {request.code}")
    expect(page.locator("#id_customer_name")).to_have_value("Trần Thị Bình")
    expect(page.locator("#id_customer_phone")).to_have_value("0987 654 321")
    expect(page.locator("#id_ship_recipient")).to_have_value("Trần Thị Bình")
    expect(page.locator("#id_ship_phone")).to_have_value("0987 654 321")
    expect(page.locator(".item-rows tbody .item-row input[name$='-name']")).to_have_value(
        "Áo khoác"
    )

    order = fill_order_and_create(page, item="Áo khoác size M", quantity="2", price="350000")

    expect(page.locator("h1")).to_contain_text(order.code)
    expect(page.locator("ul.messages")).to_contain_text(
        f"Order {order.code} created from {request.code}."
    )
    assert order.customer_name == "Trần Thị Bình"
    assert order.customer_phone == "0987 654 321"
    assert order.assigned_to is not None and order.assigned_to.username == username
    assert factories.reload(order).consultation_request.code == request.code

    page.get_by_role("link", name=request.code).click()
    expect(page).to_have_url(f"{live_server.url}/consultations/{request.code}/")
    expect(page.get_by_role("link", name=order.code).first).to_have_attribute(
        "href", f"/orders/{order.code}/"
    )
    expect(timeline(page).first).to_contain_text(f"Order created: {order.code}")
    expect(page.get_by_role("link", name="Create order")).to_have_count(0)  # converted once


# --- 4. Who may process requests -------------------------------------------------------------------
def test_given_a_waiting_request_when_customer_care_opens_it_then_they_can_convert_it_too(
    live_server, logged_in
):
    request = factories.make_consultation()

    page = logged_in("customer_care")
    page.goto(f"{live_server.url}/consultations/{request.code}/")
    expect(page.get_by_role("button", name="Take it")).to_be_visible()
    expect(page.locator("#note-text")).to_be_visible()
    create = page.get_by_role("link", name="Create order")
    expect(create).to_be_visible()

    create.click()
    expect(page.locator("#id_customer_name")).to_have_value("Trần Thị Bình")
    order = fill_order_and_create(page, item="Áo khoác", quantity="1", price="420000")

    expect(page.locator("ul.messages")).to_contain_text(
        f"Order {order.code} created from {request.code}."
    )
    expect(page.get_by_role("link", name=request.code)).to_be_visible()


def test_given_a_waiting_request_when_operations_opens_it_then_they_see_it_but_cannot_process_it(
    live_server, logged_in
):
    request = factories.make_consultation()

    page = logged_in("operations")
    page.goto(f"{live_server.url}/consultations/")
    expect(queue_rows(page)).to_have_count(1)
    # Operations may select rows to export them, but no bulk action that changes requests.
    queue_rows(page).first.locator("input[name=codes]").check()
    expect(page.locator(".bulk-bar select[name=action]")).to_have_count(0)
    expect(page.get_by_role("button", name="Export selection (CSV)")).to_be_visible()
    queue_rows(page).first.get_by_role("link", name=request.code).click()

    expect(page.locator("h1")).to_contain_text(request.code)
    expect(page.locator("blockquote.message")).to_have_text("Tôi muốn hỏi về size áo khoác.")
    expect(page.get_by_role("button", name="Take it")).to_have_count(0)
    expect(page.get_by_role("link", name="Create order")).to_have_count(0)
    expect(page.locator("#note-text")).to_have_count(0)
    expect(page.get_by_role("button", name="Add note")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Assignee: —")

    # Nor by going round the page: the actions themselves refuse.
    response = page.goto(f"{live_server.url}/consultations/{request.code}/convert/")
    assert response is not None and response.status == 403
    page.go_back()
    status = page.evaluate(
        """async (url) => {
            const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
            const response = await fetch(url, {method: "POST", headers: {"X-CSRFToken": token}});
            return response.status;
        }""",
        f"/consultations/{request.code}/take/",
    )
    assert status == 403
    assert ConsultationRequest.objects.get(pk=request.pk).assigned_to_id is None
