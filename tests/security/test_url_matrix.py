"""Issue #8, point 10: every URL and every API operation, for every caller, against the tables of
docs/permissions.md ("Every URL and API endpoint").

The cases are generated: the pages from Django's URL resolver, the API operations from the
OpenAPI schema Ninja builds from its routers. A new URL or operation without a row in the doc
fails `test_given_the_url_configuration_then_every_url_has_a_rule`; a row for something that is
gone fails too. Each case then asks as anonymous, as each role and with a revoked API key.

Pages: the rule is the door (`staff_view`); past it, order and consultation actions check their
own permission in the service (tests/orders/views/test_order_pages_permissions.py). API: each
operation is called with a valid request on real objects, so an allowed role gets its 2xx and a
refused one its 403 (404 for an intake key, which may not even learn that the object exists).
"""

import re

import pytest
from django.test import Client

from orderdesk.accounts.services import apikey_create
from orderdesk.consultations.models import ConsultationRequest
from orderdesk.core.roles import STAFF_ROLES
from orderdesk.orders.models import Order
from tests import factories
from tests.api.conftest import ApiClient, order_body
from tests.security.matrix import (
    ANONYMOUS,
    API_ROUTES,
    API_RULES,
    OPERATIONS,
    PAGE_RULES,
    PAGES,
    REVOKED,
    ROLES,
    isolated,
    may,
    page_path,
    sent_to_login,
)


def test_given_the_url_configuration_then_every_url_has_a_rule():
    assert {name for name, _ in PAGES} == set(PAGE_RULES)
    for name, route in PAGES:
        assert PAGE_RULES[name][0] == route, f"{name}: the doc says {PAGE_RULES[name][0]}"


def test_given_the_api_then_every_operation_has_a_rule_and_every_api_url_is_an_operation():
    assert set(OPERATIONS) == set(API_RULES)
    documented_paths = {operation.split(" ", 1)[1] for operation in OPERATIONS}
    for route in API_ROUTES:
        assert re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route) in documented_paths


# --- pages ------------------------------------------------------------------------------------
PAGE_CALLERS = (ANONYMOUS, *STAFF_ROLES, REVOKED)


@pytest.mark.parametrize(("name", "route"), PAGES, ids=[name for name, _ in PAGES])
def test_given_a_page_then_each_caller_passes_or_is_stopped_as_the_doc_says(world, name, route):
    _path, methods, rule, lands_on_login = PAGE_RULES[name]
    path = page_path(world, name, route)
    for caller in PAGE_CALLERS:
        client = Client()
        headers = {}
        if caller in STAFF_ROLES:
            client.force_login(world.users[caller])
        elif caller == REVOKED:
            headers = {"Authorization": f"Bearer {world.keys[REVOKED]}"}
        for method in methods:
            send = getattr(client, method.lower())
            response = isolated(lambda send=send, h=headers: send(path, headers=h))
            where = f"{method} {path} as {caller}: {response.status_code}"
            assert response.status_code < 500, where
            if rule.anyone:
                assert response.status_code not in (401, 403), where
                assert lands_on_login or not sent_to_login(response), where
            elif caller in (ANONYMOUS, REVOKED):
                assert sent_to_login(response), where
            elif may(caller, rule):
                assert response.status_code not in (401, 403, 405), where
                assert not sent_to_login(response), where
            else:
                assert response.status_code == 403, where


# --- API operations ---------------------------------------------------------------------------
def version(model, code: str) -> dict:
    return {"If-Match": f'"{model.objects.get(code=code).version}"'}


def convert_body() -> dict:
    return {k: v for k, v in order_body().items() if k != "customer"}


REPORT_PERIOD = "?from=2026-01-01&to=2026-01-31"
# operation → the request a caller allowed by the rule sees succeed: (path, body, headers)
API_REQUESTS = {
    "POST /api/v1/orders": lambda w: ("/orders", order_body(), {}),
    "GET /api/v1/orders": lambda w: ("/orders", None, {}),
    "GET /api/v1/orders/counts": lambda w: ("/orders/counts", None, {}),
    "GET /api/v1/orders/export": lambda w: ("/orders/export?format=csv", None, {}),
    "POST /api/v1/orders/bulk/transitions": lambda w: (
        "/orders/bulk/transitions",
        {"codes": [w.order], "to": "confirmed"},
        {},
    ),
    "GET /api/v1/orders/{code}": lambda w: (f"/orders/{w.order}", None, {}),
    "PATCH /api/v1/orders/{code}": lambda w: (
        f"/orders/{w.order}",
        {"note": "changed"},
        version(Order, w.order),
    ),
    "GET /api/v1/orders/{code}/events": lambda w: (f"/orders/{w.order}/events", None, {}),
    "POST /api/v1/orders/{code}/transitions": lambda w: (
        f"/orders/{w.order}/transitions",
        {"to": "confirmed"},
        {},
    ),
    "POST /api/v1/orders/{code}/payments": lambda w: (
        f"/orders/{w.order}/payments",
        {"kind": "payment", "amount": "1000", "method": "cash"},
        {},
    ),
    "POST /api/v1/orders/{code}/notes": lambda w: (f"/orders/{w.order}/notes", {"text": "Hi"}, {}),
    "POST /api/v1/consultation-requests": lambda w: (
        "/consultation-requests",
        {"name": "An", "phone": "0912 345 678", "message": "Size?", "source": "web_form"},
        {},
    ),
    "GET /api/v1/consultation-requests": lambda w: ("/consultation-requests", None, {}),
    "GET /api/v1/consultation-requests/export": lambda w: (
        "/consultation-requests/export?format=csv",
        None,
        {},
    ),
    "GET /api/v1/consultation-requests/{code}": lambda w: (
        f"/consultation-requests/{w.consultation}",
        None,
        {},
    ),
    "PATCH /api/v1/consultation-requests/{code}": lambda w: (
        f"/consultation-requests/{w.consultation}",
        {"assigned_to": w.users["sales"].username},
        version(ConsultationRequest, w.consultation),
    ),
    "POST /api/v1/consultation-requests/{code}/transitions": lambda w: (
        f"/consultation-requests/{w.consultation}/transitions",
        {"to": "processing"},
        {},
    ),
    "POST /api/v1/consultation-requests/{code}/notes": lambda w: (
        f"/consultation-requests/{w.consultation}/notes",
        {"text": "Rang"},
        {},
    ),
    "POST /api/v1/consultation-requests/{code}/convert": lambda w: (
        f"/consultation-requests/{w.consultation}/convert",
        convert_body(),
        {},
    ),
    "POST /api/v1/webhooks": lambda w: (
        "/webhooks",
        {"url": "http://127.0.0.1:9/hook", "events": ["order.created"]},
        {},
    ),
    "GET /api/v1/webhooks": lambda w: ("/webhooks", None, {}),
    "GET /api/v1/webhooks/{webhook_id}": lambda w: (f"/webhooks/{w.ids['webhook_id']}", None, {}),
    "DELETE /api/v1/webhooks/{webhook_id}": lambda w: (
        f"/webhooks/{w.ids['webhook_id']}",
        None,
        {},
    ),
    "GET /api/v1/webhooks/{webhook_id}/deliveries": lambda w: (
        f"/webhooks/{w.ids['webhook_id']}/deliveries",
        None,
        {},
    ),
    "GET /api/v1/reports/summary": lambda w: (f"/reports/summary{REPORT_PERIOD}", None, {}),
}
API_CALLERS = (ANONYMOUS, *ROLES, REVOKED)


def test_given_the_api_then_every_operation_has_a_request_in_this_test():
    assert set(API_REQUESTS) == set(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_given_an_api_operation_then_each_caller_passes_or_is_stopped_as_the_doc_says(
    world, operation
):
    rule = API_RULES[operation]
    method = operation.split(" ")[0].lower()
    path, body, headers = API_REQUESTS[operation](world)
    for caller in API_CALLERS:
        api = ApiClient(world.keys.get(caller))
        response = isolated(lambda api=api: api._send(method, path, body, headers=headers))
        body_start = b"" if response.streaming else response.content[:200]
        where = f"{operation} as {caller}: {response.status_code} {body_start!r}"
        if caller in (ANONYMOUS, REVOKED):
            # A revoked key is no key: 401 where a key is needed, like anonymous elsewhere.
            assert response.status_code == (201 if rule.anyone else 401), where
        elif may(caller, rule):
            assert 200 <= response.status_code < 300, where
        else:
            assert response.status_code == 403 or hidden_from_intake(caller, response), where


def hidden_from_intake(caller: str, response) -> bool:
    """An intake key is not even told that what it may not see exists."""
    if caller != "intake":
        return False
    if response.status_code == 404:
        return True
    return response.status_code == 200 and response.json().get("items") == []


# --- no IDOR: an intake key and another key's orders -----------------------------------------
ORDER_CODE_OPERATIONS = [
    op for op in OPERATIONS if op.split(" ")[1].startswith("/api/v1/orders/{code}")
]


@pytest.mark.parametrize("operation", ORDER_CODE_OPERATIONS)
def test_given_two_intake_keys_when_one_names_the_others_order_then_404_and_nothing_changes(
    world, operation
):
    """Every operation that takes an order code, generated from the schema: a second intake key
    gets exactly what a code that does not exist gets."""
    _key, other = apikey_create(name=factories.unique("other-shop-"), role="intake")
    method = operation.split(" ")[0].lower()
    path, body, headers = API_REQUESTS[operation](world)
    before = factories.snapshot()

    response = ApiClient(other)._send(method, path, body, headers=headers)
    unknown = ApiClient(other)._send(
        method, path.replace(world.order, "SO-999999"), body, headers=headers
    )

    assert response.status_code == unknown.status_code == 404, response.content[:200]
    assert response.json()["code"] == unknown.json()["code"] == "order.not_found"
    assert factories.snapshot() == before


def test_given_two_intake_keys_then_lists_searches_and_counts_never_show_the_others_orders(world):
    _key, other = apikey_create(name=factories.unique("other-shop-"), role="intake")
    api = ApiClient(other)

    listed = api.get("/orders").json()["items"]
    searched = api.get(f"/orders?q={world.order}").json()["items"]
    counts = api.get("/orders/counts").json()

    assert listed == [] and searched == []
    assert counts["all"] == 0, counts
