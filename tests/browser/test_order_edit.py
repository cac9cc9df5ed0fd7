"""Creating and editing orders in a browser: live totals, item rows, locks, edit conflicts."""

from decimal import Decimal

from playwright.sync_api import Page, expect

from orderdesk.core.money import format_money
from orderdesk.orders.models import Order
from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.browser.conftest import BROWSER, screenshot

pytestmark = BROWSER


def save(page: Page) -> None:
    page.get_by_role("button", name="Save changes").click()


def diff_rows(scope) -> dict[str, tuple[str, str]]:
    """{field: (before, after)} from the before/after tables of `edited` timeline entries."""
    rows = {}
    for row in scope.locator("table.diff tr").all():
        cells = row.locator("td")
        before = cells.nth(0).inner_text() if cells.count() > 0 else ""
        after = cells.nth(1).inner_text() if cells.count() > 1 else ""
        rows[row.locator("th").inner_text()] = (before, after)
    return rows


# --- 7. Completed orders are locked --------------------------------------------------------------
def test_given_a_delivered_order_when_operations_tries_to_edit_it_then_there_is_no_way_in(
    live_server, logged_in, admin_actor
):
    order = factories.make_order(admin_actor, status=OrderStatus.DELIVERED)

    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/{order.code}/")
    expect(page.locator("h1")).to_contain_text(order.code)
    expect(page.locator("h1 .badge.lock")).to_have_text("Locked")
    expect(page.locator(".page-head .actions a")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)

    response = page.goto(f"{live_server.url}/orders/{order.code}/edit/")
    assert response is not None and response.status == 403
    expect(page.locator("body")).to_contain_text("only an admin may edit it")
    expect(page.locator("form.order-form")).to_have_count(0)


def test_given_a_delivered_order_when_an_admin_edits_it_then_a_reason_is_required_and_recorded(
    live_server, logged_in, admin_actor
):
    order = factories.make_order(admin_actor, status=OrderStatus.DELIVERED)
    version = order.version

    page = logged_in("admin")
    page.goto(f"{live_server.url}/orders/{order.code}/")
    page.get_by_role("link", name="Edit (locked)").click()
    expect(page).to_have_url(f"{live_server.url}/orders/{order.code}/edit/")
    expect(page.locator(".notice.lock")).to_contain_text(
        "This order is Delivered and locked. Change it only if you must, and say why"
    )

    page.locator("#id_ship_line1").fill("14 Lý Thường Kiệt")
    save(page)
    reason_field = page.locator(".field", has=page.locator("#id_reason"))
    expect(reason_field.locator(".field-error")).to_have_text("This field is required.")
    expect(page.locator("#id_ship_line1")).to_have_value("14 Lý Thường Kiệt")  # kept as typed
    assert factories.reload(order).version == version  # nothing saved

    page.locator("#id_reason").fill("Customer moved next door; parcel re-routed")
    save(page)
    expect(page).to_have_url(f"{live_server.url}/orders/{order.code}/")
    expect(page.locator("ul.messages")).to_contain_text(f"{order.code} saved.")
    edited = page.locator("ol.timeline li.ev-edited")
    expect(edited).to_have_count(1)
    expect(edited.locator(".reason")).to_have_text(
        "Reason: Customer moved next door; parcel re-routed"
    )
    # Exactly the field that changed, with its value before and after.
    assert diff_rows(edited) == {
        "shipping_address.line1": ("12 Lý Thường Kiệt", "14 Lý Thường Kiệt"),
    }
    expect(page.locator("address")).to_contain_text("14 Lý Thường Kiệt")
    screenshot(page, "order-detail.png")


# --- 8. Two people edit the same order -----------------------------------------------------------
def open_edit_twice(live_server, logged_in, order: Order) -> tuple[Page, Page]:
    first, second = logged_in("operations"), logged_in("sales")
    for page in (first, second):
        page.goto(f"{live_server.url}/orders/{order.code}/edit/")
        expect(page.locator("#id_customer_name")).to_have_value("Nguyễn Văn An")
    return first, second


def make_conflict(live_server, logged_in, order: Order) -> Page:
    """The first person renames the customer and saves; the second, who opened the page
    before that, types a note and saves: the second page now shows the conflict."""
    first, second = open_edit_twice(live_server, logged_in, order)
    first.locator("#id_customer_name").fill("Nguyễn Văn Bình")
    save(first)
    expect(first.locator("ul.messages")).to_contain_text(f"{order.code} saved.")

    second.locator("#id_note").fill("Gọi trước khi giao")
    save(second)
    return second


def test_given_two_people_editing_one_order_when_the_second_saves_then_they_see_the_first_change(
    live_server, logged_in, admin_actor
):
    order = factories.make_order(admin_actor)

    second = make_conflict(live_server, logged_in, order)

    expect(second).to_have_url(f"{live_server.url}/orders/{order.code}/edit/")
    expect(second.locator("ul.form-errors")).to_contain_text(
        f"Someone else saved {order.code} while you were editing. Your changes are not saved yet"
    )
    meanwhile = second.locator("section.conflict")
    expect(meanwhile).to_contain_text("What changed meanwhile")
    assert diff_rows(meanwhile) == {"customer.name": ("Nguyễn Văn An", "Nguyễn Văn Bình")}
    expect(second.locator("#id_note")).to_have_value("Gọi trước khi giao")  # still typed in

    current = factories.reload(order)
    assert current.customer_name == "Nguyễn Văn Bình"
    assert current.note == ""  # the second save did not happen


def test_given_an_edit_conflict_when_the_second_person_saves_again_then_the_first_change_survives(
    live_server, logged_in, admin_actor
):
    """The conflict page says "save again to apply yours on top": the second person changed only
    the note, so saving again must not put back the customer name the first person replaced."""
    order = factories.make_order(admin_actor)
    second = make_conflict(live_server, logged_in, order)
    expect(second.locator("section.conflict")).to_be_visible()

    save(second)

    expect(second).to_have_url(f"{live_server.url}/orders/{order.code}/")
    current = factories.reload(order)
    assert current.note == "Gọi trước khi giao"
    assert current.customer_name == "Nguyễn Văn Bình", (
        "saving again after the conflict reverted the other person's change"
    )


# --- 10. Creating an order -----------------------------------------------------------------------
def test_given_the_new_order_form_when_adding_and_removing_items_then_totals_follow_and_save(
    live_server, logged_in, settings
):
    settings.ORDERDESK_CURRENCY = "VND"
    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/")
    page.get_by_role("link", name="Create order").click()
    expect(page).to_have_url(f"{live_server.url}/orders/new/")
    expect(page.locator("h1")).to_have_text("New order")

    page.locator("#id_customer_name").fill("Phạm Minh Châu")
    page.locator("#id_customer_phone").fill("0903 123 456")
    page.locator("#id_ship_recipient").fill("Phạm Minh Châu")
    page.locator("#id_ship_phone").fill("0903 123 456")
    page.locator("#id_ship_line1").fill("5 Nguyễn Huệ")
    page.locator("#id_ship_city").fill("TP Hồ Chí Minh")

    rows = page.locator(".item-rows tbody .item-row")
    total = page.locator(".calc-total")
    expect(rows).to_have_count(1)

    def fill_row(index: int, name: str, quantity: str, price: str) -> None:
        row = rows.nth(index)
        row.locator("input[name$='-name']").fill(name)
        row.locator(".qty").fill(quantity)
        row.locator(".price").fill(price)

    first = rows.nth(0)
    first.locator("input[name$='-name']").fill("Nón lá")
    first.locator(".qty").fill("3")
    first.locator(".price").press_sequentially("5")
    expect(total).to_have_text("15")  # recomputed on every keystroke
    first.locator(".price").press_sequentially("0000")
    expect(first.locator(".line-total")).to_have_text("150,000")
    expect(total).to_have_text("150,000")
    page.locator("#id_shipping_fee").fill("20000")
    expect(total).to_have_text("170,000")

    page.get_by_role("button", name="+ Add item").click()
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("input").first).to_be_focused()
    fill_row(1, "Áo dài", "2", "125000")
    expect(total).to_have_text("420,000")

    page.get_by_role("button", name="+ Add item").click()
    fill_row(2, "Khăn lụa", "1", "10000")
    expect(page.locator(".calc-subtotal")).to_have_text("410,000")
    expect(total).to_have_text("430,000")

    rows.nth(1).get_by_role("button", name="Remove this item").click()  # the middle row
    expect(rows).to_have_count(2)
    expect(total).to_have_text("180,000")

    page.get_by_role("button", name="Create order").click()

    order = Order.objects.get(customer_name="Phạm Minh Châu")
    expect(page).to_have_url(f"{live_server.url}/orders/{order.code}/")
    expect(page.locator("ul.messages")).to_contain_text(f"Order {order.code} created.")
    items = page.locator("table.index").first.locator("tbody tr")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Nón lá")
    expect(items.nth(1)).to_contain_text("Khăn lụa")
    expect(page.locator("tfoot tr.total")).to_contain_text(
        format_money(Decimal(180000), "VND", "en")
    )
    assert order.total == Decimal(180000)
    assert order.status == OrderStatus.PENDING_CONFIRMATION
