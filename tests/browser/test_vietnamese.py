"""A staff user switches to Vietnamese and works in it: the order list, an order, the order
form's live totals and the public request form, with đồng amounts and Vietnamese dates."""

import re

from playwright.sync_api import Page, expect

from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.browser.conftest import BROWSER, screenshot

pytestmark = BROWSER

VND_330_000 = "330.000\u00a0₫"  # Babel keeps the amount and its sign on one line
DATE_TIME = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")


def switch_to_vietnamese(page: Page) -> None:
    page.locator(".who a").click()  # the user's name opens their profile
    page.get_by_label("Language").select_option("vi")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text(
        "Các trang của bạn giờ hiển thị bằng Tiếng Việt."
    )


def test_given_a_user_who_switches_to_vietnamese_then_lists_orders_and_forms_are_vietnamese(
    logged_in, admin_actor, live_server
):
    order = factories.make_order(admin_actor, status=OrderStatus.CONFIRMED)
    factories.make_order(admin_actor)
    page = logged_in("operations")
    expect(page.get_by_role("link", name="Orders", exact=True)).to_be_visible()

    switch_to_vietnamese(page)

    # The order list: navigation, tabs, badges and amounts in Vietnamese.
    page.get_by_role("link", name="Đơn hàng", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    rows = page.locator("#results table.orders tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=order.code)).to_contain_text("Đã xác nhận")
    expect(rows.filter(has_text=order.code)).to_contain_text(VND_330_000)
    expect(page.get_by_placeholder("Tìm theo mã đơn, tên, số điện thoại, email")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Pending Confirmation")
    screenshot(page, "vi-order-list.png")

    # An order: status, payment status, money and the timeline's dates.
    page.get_by_role("link", name=order.code).click()
    expect(page.get_by_role("heading", name=order.code)).to_be_visible()
    body = page.locator("main")
    expect(body).to_contain_text("Đã xác nhận")
    expect(body).to_contain_text("Chưa thanh toán")
    expect(body.locator("tr.total")).to_contain_text(re.compile(r"Tổng tiền\s*330\.000\s₫"))
    expect(body).to_contain_text("Còn phải thu")
    expect(page.locator(".timeline time").first).to_have_text(DATE_TIME)
    screenshot(page, "vi-order-detail.png")

    # The order form reads amounts the Vietnamese way as you type.
    page.goto(f"{live_server.url}/orders/new/")
    row = page.locator(".item-rows tbody .item-row").first
    row.locator(".qty").fill("2")
    row.locator(".price").fill("1.250.000")
    expect(page.locator(".calc-subtotal")).to_have_text("2.500.000")

    # The public request form, in the user's language.
    page.goto(f"{live_server.url}/request/")
    expect(page.get_by_role("heading", name="Bạn cần tư vấn gì?")).to_be_visible()
    expect(page.get_by_role("button", name="Gửi yêu cầu")).to_be_visible()
    screenshot(page, "vi-request-form.png")


def test_given_a_visitor_with_an_english_browser_then_the_switch_turns_the_form_vietnamese(
    page, live_server
):
    page.goto(f"{live_server.url}/request/?product=N%E1%BB%93i%20c%C6%A1m")
    expect(page.get_by_role("heading", name="Ask us anything")).to_be_visible()

    page.get_by_role("button", name="Tiếng Việt").click()

    expect(page.get_by_role("heading", name="Bạn cần tư vấn gì?")).to_be_visible()
    expect(page.get_by_label("Sản phẩm hoặc chủ đề")).to_have_value("Nồi cơm")
    page.get_by_role("button", name="Gửi yêu cầu").click()  # nothing filled in
    expect(page.locator(".field-error").first).to_have_text("Trường này là bắt buộc.")
