"""Issue #8, points 9 and 13: hostile input gets a clear 4xx or a correct (often empty) answer,
never a 5xx, and changes nothing; the public doors refuse floods and oversized bodies.

Elsewhere: NUL bytes in every API field and damaged cursors (tests/api/test_api_robustness.py),
the public form's honeypot, too-fast submissions, 16 KB cap and flood limit
(tests/consultations/views/test_public_form.py), schema-level fuzzing (tests/api/test_schemathesis.py).
"""

import json
from urllib.parse import quote

import pytest
from django.test import Client

from orderdesk.accounts.services import apikey_create
from orderdesk.consultations.models import ConsultationRequest
from orderdesk.orders.models import Order
from tests import factories
from tests.api.conftest import ApiClient, order_body

pytestmark = pytest.mark.django_db

SEARCH_TERMS = {
    "percent": "%",
    "underscore": "_",
    "quote": "'",
    "double quote": '"',
    "backslash": "\\",
    "one character": "a",
    "10,000 characters": "x" * 10_000,
    "SQL": "'; DROP TABLE orders_order; --",
    "SQL OR": "' OR '1'='1",
    "HTML": "<script>alert(1)</script>",
    "LIKE escape": "\\%",
    "emoji": "🙂🙃",
    "right-to-left": "\u202ecod",
}
# Raw query strings: not UTF-8, or a NUL byte.
RAW_QUERIES = {"invalid UTF-8": "q=%FF%FE%FD", "NUL": "q=a%00b", "lone surrogate": "q=%ED%A0%80"}
SEARCHED = ("/orders/", "/consultations/", "/api/v1/orders", "/api/v1/consultation-requests")


@pytest.fixture
def desk(admin):
    """Two orders: one whose name holds the LIKE wildcards literally, one plain."""
    literal = factories.make_order(admin, customer=factories.customer_in(name="Sale 100% off_x"))
    plain = factories.make_order(admin)
    factories.make_consultation(admin)
    _key, key = apikey_create(name=factories.unique("hostile-"), role="admin")
    client = Client()
    client.force_login(admin.user)
    return {"literal": literal.code, "plain": plain.code, "key": key, "client": client}


def ask(desk, path: str, query: str):
    headers = {"Authorization": f"Bearer {desk['key']}"} if path.startswith("/api/") else {}
    return desk["client"].get(f"{path}?{query}", headers=headers)


@pytest.mark.parametrize("term", SEARCH_TERMS.values(), ids=SEARCH_TERMS.keys())
@pytest.mark.parametrize("path", SEARCHED)
def test_given_a_hostile_search_term_then_a_clear_answer_and_nothing_changes(desk, path, term):
    before = factories.snapshot()

    response = ask(desk, path, f"q={quote(term)}")

    assert response.status_code in (200, 422), response.content[:300]
    if path.startswith("/api/") and response.status_code == 200:
        codes = [item["code"] for item in response.json()["items"]]
        assert desk["plain"] not in codes or term == "a", f"{term!r} matched everything"
    assert factories.snapshot() == before


@pytest.mark.parametrize("query", RAW_QUERIES.values(), ids=RAW_QUERIES.keys())
@pytest.mark.parametrize("path", SEARCHED)
def test_given_a_query_that_is_not_text_then_400_or_an_empty_answer(desk, path, query):
    response = ask(desk, path, query)
    assert response.status_code in (200, 400, 422), response.content[:300]
    if path.startswith("/api/") and response.status_code == 200:
        assert response.json()["items"] == []


@pytest.mark.parametrize("term", ["%", "_", "100%", "off_x"])
def test_given_like_wildcards_then_they_match_only_themselves(desk, term):
    response = ask(desk, "/api/v1/orders", f"q={quote(term)}")
    assert [item["code"] for item in response.json()["items"]] == [desk["literal"]]


# --- bodies -----------------------------------------------------------------------------------
def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


BAD_ORDERS = {
    "negative quantity": order_body(
        items=[{"sku": "A", "name": "A", "quantity": -1, "unit_price": "1"}]
    ),
    "zero quantity": order_body(
        items=[{"sku": "A", "name": "A", "quantity": 0, "unit_price": "1"}]
    ),
    "enormous quantity": order_body(
        items=[{"sku": "A", "name": "A", "quantity": 10**30, "unit_price": "1"}]
    ),
    "negative price": order_body(
        items=[{"sku": "A", "name": "A", "quantity": 1, "unit_price": "-5"}]
    ),
    "enormous price": order_body(
        items=[{"sku": "A", "name": "A", "quantity": 1, "unit_price": "1e30"}]
    ),
    "price NaN": order_body(items=[{"sku": "A", "name": "A", "quantity": 1, "unit_price": "NaN"}]),
    "price Infinity": order_body(
        items=[{"sku": "A", "name": "A", "quantity": 1, "unit_price": "Infinity"}]
    ),
    "unknown currency": order_body(currency="XXQ"),
    "lower-case currency": order_body(currency="vnd"),
    "negative shipping": order_body(shipping_fee="-1"),
    "no items": order_body(items=[]),
    "HTML everywhere": order_body(
        customer={"name": "<img src=x onerror=alert(1)>", "phone": "<b>", "email": "a@b"}
    ),
}


@pytest.mark.parametrize("body", BAD_ORDERS.values(), ids=BAD_ORDERS.keys())
def test_given_impossible_order_data_then_422_and_nothing_created(desk, body):
    before = factories.snapshot()
    response = ApiClient(desk["key"]).post("/orders", body)
    assert response.status_code == 422, response.content[:300]
    assert response.json()["code"] == "validation.invalid"
    assert factories.snapshot() == before


BAD_PAYMENTS = {
    "negative": {"kind": "payment", "amount": "-100", "method": "cash"},
    "zero": {"kind": "payment", "amount": "0", "method": "cash"},
    "enormous": {"kind": "payment", "amount": "1e40", "method": "cash"},
    "not a number": {"kind": "payment", "amount": "ten", "method": "cash"},
    "paid on 2026-02-30": {
        "kind": "payment",
        "amount": "10",
        "method": "cash",
        "paid_at": "2026-02-30T10:00:00+07:00",
    },
    "refund of nothing paid": {"kind": "refund", "amount": "10", "method": "cash"},
}


@pytest.mark.parametrize("body", BAD_PAYMENTS.values(), ids=BAD_PAYMENTS.keys())
def test_given_impossible_payment_data_then_422_and_nothing_recorded(desk, body):
    before = factories.snapshot()
    response = ApiClient(desk["key"]).post(f"/orders/{desk['plain']}/payments", body)
    assert response.status_code == 422, response.content[:300]
    assert factories.snapshot() == before


@pytest.mark.parametrize(
    "path", ["/orders?created_from=2026-02-30", "/reports/summary?from=2026-02-30&to=2026-03-01"]
)
def test_given_a_date_that_does_not_exist_then_422(desk, path):
    response = ApiClient(desk["key"]).get(path)
    assert response.status_code == 422, response.content[:300]


RAW_BODIES = {
    "deeply nested JSON": nested(100_000).encode(),
    "huge JSON (3 MB)": json.dumps({**order_body(), "note": "x" * 3_000_000}).encode(),
    "not JSON": b"{'customer': nope",
    "invalid UTF-8": b'{"customer": {"name": "\xff\xfe"}}',
    "JSON but a list": b"[1, 2, 3]",
}


@pytest.mark.parametrize("raw", RAW_BODIES.values(), ids=RAW_BODIES.keys())
@pytest.mark.parametrize("path", ["/orders", "/consultation-requests"])
def test_given_a_body_that_is_no_valid_request_then_4xx_and_nothing_created(desk, path, raw):
    before = factories.snapshot()
    response = ApiClient(desk["key"])._send("post", path, raw=raw)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert factories.snapshot() == before


# --- the public doors -------------------------------------------------------------------------
MEGABYTE = b"x" * (1024 * 1024)


def test_given_a_1_mb_body_on_the_public_api_then_413_and_nothing_created(db):
    response = ApiClient(None)._send(
        "post", "/consultation-requests", raw=b'{"name": "A", "message": "' + MEGABYTE + b'"}'
    )
    assert response.status_code == 413, response.content[:300]
    assert not ConsultationRequest.objects.exists()


def test_given_a_1_mb_body_on_the_public_form_then_413_and_nothing_created(client):
    megabyte = MEGABYTE.decode()  # text: the test client would send bytes as a million fields
    response = client.post("/request/", {"name": "A", "phone": "0912345678", "message": megabyte})
    assert response.status_code == 413
    assert not ConsultationRequest.objects.exists()


def test_given_a_flood_on_the_public_api_then_429_within_the_limit(
    db, settings, steady_rate_window
):
    settings.ORDERDESK_PUBLIC_RATE_LIMIT = [(3, 60)]
    api = ApiClient(None)
    body = {"name": "An", "phone": "0912 345 678", "message": "Size?", "source": "web_form"}
    answers = [
        api.post("/consultation-requests", {**body, "phone": f"091234567{i}"}).status_code
        for i in range(6)
    ]
    assert answers[:3] == [201, 201, 201]
    assert set(answers[3:]) == {429}
    assert ConsultationRequest.objects.count() == 3
    assert Order.objects.count() == 0
