"""Every order page and action, for every staff role: allowed, or 403 with nothing changed."""

import pytest
from django.urls import reverse

from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.orders.views.conftest import STAFF_ROLES

ALLOWED_PAGES = {
    # page name → roles that may open it
    "list": set(STAFF_ROLES),
    "detail": set(STAFF_ROLES),
    "create": {"admin", "operations", "sales"},
    "edit": {"admin", "operations", "sales"},
}


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize("page", list(ALLOWED_PAGES))
def test_given_a_role_when_opening_a_page_then_allowed_or_403(client_for, order, role, page):
    kwargs = {"code": order.code} if page in ("detail", "edit") else {}
    response = client_for(role).get(reverse(f"orders:{page}", kwargs=kwargs))
    assert response.status_code == (200 if role in ALLOWED_PAGES[page] else 403)


def test_given_anonymous_when_posting_an_action_then_redirected_to_login_and_nothing_changes(
    client, order
):
    before = factories.snapshot()
    response = client.post(
        reverse("orders:transition", kwargs={"code": order.code}), {"to": "confirmed"}
    )
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert factories.snapshot() == before


# action → (url name, POST data, roles allowed, order status needed)
ACTIONS = {
    "confirm": ("transition", {"to": "confirmed"}, {"admin", "operations", "sales"}, None),
    "ready": (
        "transition",
        {"to": "ready_to_ship"},
        {"admin", "operations"},
        OrderStatus.CONFIRMED,
    ),
    "cancel": ("transition", {"to": "cancelled", "reason": "Out of stock"}, set(STAFF_ROLES), None),
    "cancel_shipping": (
        "transition",
        {"to": "cancelled", "reason": "Returned"},
        {"admin", "operations"},
        OrderStatus.SHIPPING,
    ),
    "payment": (
        "payment",
        {"kind": "payment", "amount": "1000", "method": "cash"},
        {"admin", "operations", "sales"},
        None,
    ),
    "refund": (
        "payment",
        {"kind": "refund", "amount": "1000", "method": "cash"},
        {"admin", "operations"},
        None,
    ),
    "note": ("note", {"text": "Called the customer"}, set(STAFF_ROLES), None),
    "assign": ("assign", {"assigned_to": ""}, set(STAFF_ROLES), None),
    "tag": ("tags", {"add": "vip"}, set(STAFF_ROLES), None),
}


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_given_a_role_when_posting_an_action_then_it_applies_or_403_without_change(
    client_for, admin, role, action
):
    url_name, data, allowed, status = ACTIONS[action]
    order = factories.make_order(admin, status=status)
    if action == "refund":
        from orderdesk.orders.services import payment_record

        payment_record(code=order.code, actor=admin, kind="payment", amount="5000", method="cash")
    if action == "assign":
        from orderdesk.orders.services import order_assign

        order_assign(code=order.code, actor=admin, username=admin.user.username)
    before = factories.snapshot()
    response = client_for(role).post(
        reverse(f"orders:{url_name}", kwargs={"code": order.code}), data
    )
    if role in allowed:
        assert response.status_code == 302
        assert factories.snapshot() != before
    else:
        assert response.status_code == 403
        assert factories.snapshot() == before


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_given_a_role_when_posting_a_bulk_action_then_only_bulk_roles_may(client_for, order, role):
    before = factories.snapshot()
    response = client_for(role).post(
        reverse("orders:bulk"), {"action": "confirm", "codes": [order.code], "scope": "selection"}
    )
    if role in ("admin", "operations"):
        assert response.status_code == 200
        assert factories.reload(order).status == OrderStatus.CONFIRMED
    else:
        assert response.status_code == 403
        assert factories.snapshot() == before


def test_given_customer_care_when_viewing_the_list_then_no_bulk_controls_are_shown(
    client_for, order
):
    page = client_for("customer_care").get(reverse("orders:list")).content.decode()
    assert order.code in page
    assert 'name="codes"' not in page
    assert "bulk-bar" not in page


def test_given_a_get_request_to_an_action_then_405(client_for, order):
    response = client_for("admin").get(reverse("orders:transition", kwargs={"code": order.code}))
    assert response.status_code == 405
