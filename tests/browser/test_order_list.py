"""The order list in a browser: tabs, search as you type, filters in the URL, bulk actions."""

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone
from playwright.sync_api import Page, expect

from orderdesk.core.actor import Actor
from orderdesk.orders.models import Order
from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.browser.conftest import BROWSER, screenshot

pytestmark = BROWSER


def other_customer(actor: Actor, name: str, phone: str, email: str, **overrides) -> Order:
    """An order that matches none of the searches for Nguyễn Văn An or 0912 345 678."""
    return factories.make_order(
        actor,
        customer=factories.customer_in(name=name, phone=phone, email=email),
        shipping_address=factories.address_in(recipient=name, phone=phone),
        **overrides,
    )


def expect_rows(page: Page, codes) -> None:
    """The list shows exactly these orders, in any order (waiting for htmx to swap them in)."""
    links = page.locator("#results table.orders tbody tr a.code")
    expect(links).to_have_count(len(codes))
    for code in codes:
        expect(links.filter(has_text=code)).to_have_count(1)


def url_params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def wait_for_param(page: Page, name: str, value: str | None) -> None:
    """Wait until the URL has `name=value` (None: no `name`); htmx pushes a search's URL just
    before it swaps in the results."""
    page.wait_for_function(
        "([name, value]) => new URLSearchParams(location.search).get(name) === value",
        arg=[name, value],
    )


# --- 1. Tabs -------------------------------------------------------------------------------------
def test_given_two_pending_and_one_delivered_when_operations_opens_the_list_then_tab_counts_match(
    live_server, logged_in, admin_actor
):
    pending = [factories.make_order(admin_actor) for _ in range(2)]
    delivered = factories.make_order(admin_actor, status=OrderStatus.DELIVERED)

    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/")

    expect(page.get_by_role("heading", name="Orders", exact=True)).to_be_visible()
    expect_rows(page, [o.code for o in [*pending, delivered]])

    def tab(name):
        return page.locator(f"nav.tabs a[data-tab='{name}'] .count")

    expect(tab("all")).to_have_text("3")
    expect(tab("pending_confirmation")).to_have_text("2")
    expect(tab("delivered")).to_have_text("1")
    expect(tab("confirmed")).to_have_text("0")
    expect(page.locator("nav.tabs a[data-tab='pending_confirmation']")).to_contain_text(
        "Pending Confirmation"
    )
    screenshot(page, "order-list.png")

    page.locator("nav.tabs a[data-tab='pending_confirmation']").click()
    expect(page.locator("nav.tabs a[data-tab='pending_confirmation']")).to_have_attribute(
        "aria-current", "page"
    )
    expect_rows(page, [o.code for o in pending])


# --- 2. Search by name ---------------------------------------------------------------------------
def test_given_an_accented_name_when_typing_it_without_accents_then_only_that_customer_is_listed(
    live_server, logged_in, admin_actor
):
    an = factories.make_order(admin_actor)  # Nguyễn Văn An
    hoa = other_customer(admin_actor, "Lê Thị Hoa", "0987 654 321", "hoa@example.com")

    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/")
    expect_rows(page, [an.code, hoa.code])

    page.keyboard.press("/")  # nothing that takes text has the focus on a fresh list
    search = page.locator("#q")
    expect(search).to_be_focused()
    expect(search).to_have_value("")  # the "/" opened the search; it was not typed into it

    search.press_sequentially("nguyen van an")
    wait_for_param(page, "q", "nguyen van an")
    expect_rows(page, [an.code])
    expect(page.locator("#results table.orders tbody")).to_contain_text("Nguyễn Văn An")
    expect(page.locator("#results .pills .pill").first).to_contain_text("nguyen van an")


# --- 3. Search by phone --------------------------------------------------------------------------
def test_given_one_phone_number_when_searching_three_spellings_then_each_finds_the_order(
    live_server, logged_in, admin_actor
):
    an = factories.make_order(admin_actor)  # 0912 345 678
    other = other_customer(admin_actor, "Lê Thị Hoa", "0987 654 321", "hoa@example.com")

    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/")
    expect_rows(page, [an.code, other.code])

    search = page.locator("#q")
    for spelling in ("0912345678", "912 345 678", "+84912345678"):
        search.fill(spelling)
        wait_for_param(page, "q", spelling)  # this search's results are the ones now shown
        expect_rows(page, [an.code])

    search.fill("0987 654 321")  # and another number finds only its own order
    wait_for_param(page, "q", "0987 654 321")
    expect_rows(page, [other.code])


# --- 4. Filter by day ----------------------------------------------------------------------------
def place_on(order: Order, moment: datetime) -> None:
    Order.objects.filter(pk=order.pk).update(created_at=moment)


def test_given_orders_on_several_days_when_filtering_one_day_then_url_reload_and_back_agree(
    live_server, logged_in, admin_actor
):
    tz = timezone.get_default_timezone()
    day = datetime(2026, 3, 10, tzinfo=tz)
    before, first, second, after = (factories.make_order(admin_actor) for _ in range(4))
    place_on(before, day - timedelta(minutes=1))  # 23:59 the evening before
    place_on(first, day)  # midnight: the day's first minute
    place_on(second, day + timedelta(hours=23, minutes=59))
    place_on(after, day + timedelta(days=1, hours=9))

    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/")
    expect_rows(page, [before.code, first.code, second.code, after.code])

    page.locator("details.more-filters > summary").click()
    page.locator("input[name=created_from]").fill("2026-03-10")
    wait_for_param(page, "created_from", "2026-03-10")
    expect_rows(page, [first.code, second.code, after.code])
    page.locator("input[name=created_to]").fill("2026-03-10")
    wait_for_param(page, "created_to", "2026-03-10")
    expect_rows(page, [first.code, second.code])

    # The URL carries the filter and nothing left empty.
    assert url_params(page) == {"created_from": ["2026-03-10"], "created_to": ["2026-03-10"]}

    # A reload (or the URL pasted elsewhere) gives the same list, with the filter shown.
    page.reload()
    expect_rows(page, [first.code, second.code])
    expect(page.locator("input[name=created_from]")).to_have_value("2026-03-10")
    expect(page.locator("input[name=created_to]")).to_have_value("2026-03-10")
    expect(page.locator("details.more-filters")).to_have_attribute("open", "")

    # Back returns to the list as it was one step earlier: the whole page, not a fragment.
    # (htmx restores the entry with a request of its own; the rows tell when it has arrived.)
    page.go_back()
    wait_for_param(page, "created_to", None)
    assert url_params(page) == {"created_from": ["2026-03-10"]}
    expect_rows(page, [first.code, second.code, after.code])
    whole_page = "after Back the whole list page must be back, not only the #results fragment"
    expect(page.locator("header.topbar"), whole_page).to_be_visible()
    expect(page.locator("nav.tabs a[data-tab='all'] .count"), whole_page).to_have_text("4")
    expect(page.locator("#q")).to_be_visible()
    expect(page.locator("input[name=created_from]")).to_have_value("2026-03-10")
    expect(page.locator("input[name=created_to]")).to_have_value("")


# --- 5. Bulk confirm -----------------------------------------------------------------------------
def test_given_a_selection_with_a_delivered_order_when_bulk_confirming_then_it_is_listed_as_skipped(
    live_server, logged_in, admin_actor
):
    pending = factories.make_order(admin_actor)
    delivered = factories.make_order(admin_actor, status=OrderStatus.DELIVERED)
    untouched = factories.make_order(admin_actor)

    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/")
    bar = page.locator(".bulk-bar")
    expect(bar).to_be_hidden()

    page.get_by_label(f"Select {pending.code}").check()
    expect(bar).to_be_visible()
    expect(bar.locator(".bulk-count")).to_have_text("1 order selected")
    page.get_by_label(f"Select {delivered.code}").check()
    expect(bar.locator(".bulk-count")).to_have_text("2 orders selected")

    bar.locator("select[name=action]").select_option(label="Confirm")
    bar.get_by_role("button", name="Apply").click()
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Confirm")
    expect(dialog.locator(".confirm-text")).to_have_text(re.compile(r"\b2 orders\?$"))
    dialog.get_by_role("button", name="Yes, apply").click()

    expect(page.get_by_role("heading", name="Confirm", exact=True)).to_be_visible()
    expect(page.locator(".result-summary")).to_contain_text("1 order changed.")
    expect(page.locator(".result-summary")).to_contain_text("1 skipped.")
    skipped = page.locator("table.skipped tbody tr")
    expect(skipped).to_have_count(1)
    expect(skipped.first).to_contain_text(
        f"{delivered.code} is Delivered and cannot be moved to Confirmed."
    )

    assert factories.reload(pending).status == OrderStatus.CONFIRMED
    assert factories.reload(delivered).status == OrderStatus.DELIVERED
    assert factories.reload(untouched).status == OrderStatus.PENDING_CONFIRMATION


def test_given_a_selection_when_the_confirm_dialog_is_dismissed_then_nothing_changes(
    live_server, logged_in, admin_actor
):
    pending = factories.make_order(admin_actor)

    page = logged_in("operations")
    page.goto(f"{live_server.url}/orders/")
    page.get_by_label(f"Select {pending.code}").check()
    page.locator(".bulk-bar select[name=action]").select_option(label="Confirm")
    page.locator(".bulk-bar").get_by_role("button", name="Apply").click()
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Go back").click()

    expect(dialog).to_be_hidden()
    expect(page).to_have_url(f"{live_server.url}/orders/")
    assert factories.reload(pending).status == OrderStatus.PENDING_CONFIRMATION


# --- 6. Customer care ----------------------------------------------------------------------------
def test_given_a_customer_care_user_when_opening_the_list_then_there_is_no_bulk_selection(
    live_server, logged_in, admin_actor
):
    orders = [factories.make_order(admin_actor) for _ in range(2)]

    page = logged_in("customer_care")
    page.goto(f"{live_server.url}/orders/")

    expect_rows(page, [o.code for o in orders])
    expect(page.locator("#results input[type=checkbox]")).to_have_count(0)
    expect(page.locator(".bulk-bar")).to_have_count(0)
    expect(page.locator("dialog.confirm-dialog")).to_have_count(0)
    expect(page.get_by_role("link", name="Create order")).to_have_count(0)

    # A click anywhere on a row (not only on the code) opens the order.
    page.locator("#results tbody tr", has_text=orders[0].code).locator("td.items").click()
    expect(page).to_have_url(f"{live_server.url}/orders/{orders[0].code}/")
    expect(page.locator("h1")).to_contain_text(orders[0].code)
