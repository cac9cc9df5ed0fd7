"""Text people type (or a shop's API sends) is shown as text, never run as a script."""

from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import BROWSER

pytestmark = BROWSER

IMG = "<img src=x onerror=window.__xss=1>"
SCRIPT = "<script>window.__xss=1</script>"


def assert_not_run(page: Page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0
    assert (
        page.evaluate("[...document.scripts].filter(s => s.textContent.includes('__xss')).length")
        == 0
    )


def test_given_script_in_a_name_and_notes_when_listing_and_opening_the_order_then_it_is_text(
    live_server, logged_in
):
    admin = factories.actor_for("admin")
    name = f"Trần {IMG} Bình"
    order = factories.make_order(
        admin,
        customer=factories.customer_in(name=name, email="binh@example.com"),
        shipping_address=factories.address_in(recipient=name, line2=SCRIPT),
        note=f"Gọi trước {SCRIPT} khi giao",
    )

    # The CSP would block inline handlers anyway; bypass it so only the escaping is tested.
    page = logged_in("operations", bypass_csp=True)
    page.goto(f"{live_server.url}/orders/")
    row = page.locator("#results table.orders tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(3)).to_contain_text(name)
    assert_not_run(page)

    # Typed into the search box, the payload comes back in the results and the filter pill.
    page.locator("#q").fill(IMG)
    page.wait_for_function("new URLSearchParams(location.search).get('q') !== null")
    expect(page.locator("#results .pills .pill").first).to_contain_text(IMG)
    expect(row).to_have_count(1)
    assert_not_run(page)

    page.goto(f"{live_server.url}/orders/{order.code}/")
    customer = page.locator("section.card", has=page.get_by_role("heading", name="Customer"))
    expect(customer.locator("strong").first).to_have_text(name)
    expect(customer.locator("address")).to_contain_text(SCRIPT)
    expect(customer).to_contain_text(f"Gọi trước {SCRIPT} khi giao")

    # A team note typed on the page shows in the timeline as typed.
    page.locator("#note-text").fill(f"Khách nói: {SCRIPT} {IMG}")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("ol.timeline li.ev-note_added blockquote")).to_have_text(
        f"Khách nói: {SCRIPT} {IMG}"
    )
    assert_not_run(page)
    assert order.code in page.title()


def test_given_script_in_a_request_and_a_saved_view_name_when_shown_then_it_is_text(
    live_server, logged_in
):
    """The public form's text (name, subject, message) and a saved view's name (a tab every
    colleague sees when shared): user text shown to other people."""
    from orderdesk.consultations.models import ConsultationRequest
    from orderdesk.orders.models import SavedView

    request = factories.make_consultation(
        name=f"An {IMG}", subject=f"Hỏi {SCRIPT}", message=f"Size? {SCRIPT} {IMG}"
    )
    author = factories.make_user("sales", factories.unique("author-"))
    SavedView.objects.create(name=f"V {IMG}"[:60], owner=author, shared=True, query="")

    page = logged_in("operations", bypass_csp=True)
    page.goto(f"{live_server.url}/consultations/")
    expect(page.locator("main")).to_contain_text(f"An {IMG}")
    assert_not_run(page)

    page.goto(f"{live_server.url}/consultations/{request.code}/")
    expect(page.locator("main")).to_contain_text(f"Size? {SCRIPT} {IMG}")
    assert_not_run(page)

    page.goto(f"{live_server.url}/orders/")
    expect(page.locator("body")).to_contain_text(f"V {IMG}"[:60])
    assert_not_run(page)
    assert ConsultationRequest.objects.filter(code=request.code).exists()
