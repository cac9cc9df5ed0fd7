"""Inputs at the edges: the API answers them with a 4xx problem, never a 500.

Minimal reproducers of what fuzzing and probing the API found (see the REST API issue):
each request here is schema-valid or a plain client mistake, so the answer must be a 2xx or a
documented 4xx problem+json, never a server error (which today is also an HTML page, not
problem+json).
"""

import base64
import json

import pytest

from tests import factories
from tests.api.conftest import order_body

NUL = "\u0000"


def assert_not_a_server_error(response, allowed=(200, 201, 422)) -> None:
    assert response.status_code < 500, (
        f"{response.status_code} {response['Content-Type']}: {response.content[:200]!r}"
    )
    assert response.status_code in allowed, response.content[:300]
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"


@pytest.fixture
def api(api_for):
    client = api_for("admin")
    client.client.raise_request_exception = False  # see the 500 as a client would
    return client


@pytest.fixture
def order(admin):
    return factories.make_order(admin)


@pytest.fixture
def consultation(admin):
    return factories.make_consultation(admin)


# --- Dates at the end of the calendar ------------------------------------------------------------
# A valid date of 9999-12-31 as the end of a filter overflows when the day after is computed
# (orderdesk/core/listing.py, created_range).
@pytest.mark.parametrize(
    "path",
    [
        "/orders?created_to=9999-12-31",
        "/orders/counts?created_to=9999-12-31",
        "/consultation-requests?created_to=9999-12-31",
    ],
)
def test_given_the_last_possible_date_as_a_filter_then_not_a_server_error(api, path):
    assert_not_a_server_error(api.get(path))


def test_given_a_follow_up_that_is_past_year_9999_in_utc_then_not_a_server_error(api, consultation):
    response = api.patch(
        f"/consultation-requests/{consultation.code}",
        {"follow_up_at": "9999-12-31T23:59:59-05:00"},
        headers={"If-Match": f'"{consultation.version}"'},
    )
    assert_not_a_server_error(response)


# --- A time without an offset ------------------------------------------------------------------
# follow_up_at without an offset is a 422 ("Give the follow-up a date and a time."); paid_at
# without one reaches a comparison with an aware datetime (TypeError).
def test_given_a_payment_time_without_an_offset_then_422_naming_paid_at(api, order):
    response = api.post(
        f"/orders/{order.code}/payments",
        {"kind": "payment", "amount": "1000", "method": "cash", "paid_at": "2026-01-01T10:00:00"},
    )
    assert_not_a_server_error(response, allowed=(422,))
    assert [e["field"] for e in response.json()["errors"]] == ["paid_at"]


# --- NUL characters (U+0000) -------------------------------------------------------------------
# PostgreSQL text and jsonb cannot hold U+0000: stored or compared, it is a DataError (500).
# On SQLite these are accepted; either answer but a 500 is fine here.
NUL_CALLS = {
    "order note": lambda api, o, c: api.post(f"/orders/{o}/notes", {"text": f"a{NUL}b"}),
    "order create, customer name": lambda api, o, c: api.post(
        "/orders", order_body(customer={"name": f"An{NUL}", "phone": "0912 345 678"})
    ),
    "order code in the path": lambda api, o, c: api.get("/orders/SO-%00"),
    "order list, assigned_to filter": lambda api, o, c: api.get("/orders?assigned_to=a%00"),
    "order list, tag filter": lambda api, o, c: api.get("/orders?tag=a%00"),
    "transition reason": lambda api, o, c: api.post(
        f"/orders/{o}/transitions", {"to": "confirmed", "reason": f"a{NUL}"}
    ),
    "payment reference": lambda api, o, c: api.post(
        f"/orders/{o}/payments",
        {"kind": "payment", "amount": "1", "method": "cash", "reference": f"a{NUL}"},
    ),
    "bulk codes": lambda api, o, c: api.post(
        "/orders/bulk/transitions", {"codes": [f"a{NUL}"], "to": "confirmed"}
    ),
    "order assigned_to": lambda api, o, c: api.patch(
        f"/orders/{o}", {"assigned_to": f"a{NUL}"}, headers={"If-Match": '"1"'}
    ),
    "Idempotency-Key": lambda api, o, c: api.post(
        "/orders", order_body(), headers={"Idempotency-Key": f"a{NUL}b"}
    ),
    "public consultation request": lambda api, o, c: api.post(
        "/consultation-requests", {"name": "Lan", "phone": "0912 345 670", "message": f"m{NUL}"}
    ),
    "consultation code in the path": lambda api, o, c: api.get("/consultation-requests/CR-%00"),
    "consultation note": lambda api, o, c: api.post(
        f"/consultation-requests/{c}/notes", {"text": f"a{NUL}b"}
    ),
    "consultation transition note": lambda api, o, c: api.post(
        f"/consultation-requests/{c}/transitions", {"to": "processing", "note": f"a{NUL}"}
    ),
}


@pytest.mark.parametrize("call", NUL_CALLS.values(), ids=NUL_CALLS.keys())
def test_given_a_nul_character_then_not_a_server_error(api, order, consultation, call):
    response = call(api, order.code, consultation.code)
    # Refused at the door as a malformed request (400), or answered as usual; never a 500.
    assert_not_a_server_error(response, allowed=(200, 201, 400, 404, 409, 412, 422))
    if response.status_code == 400:
        assert response.json()["code"] == "request.malformed"


@pytest.mark.parametrize("text", ["50%00 off", "C:\\u0000dir", "\\\\u0000"])
def test_given_text_that_only_looks_like_nul_then_it_is_kept(api, order, text):
    """'%00' is percent-encoding only in a form body, and an escaped backslash before u0000 is
    text in JSON: neither is refused as a NUL."""
    response = api.post(f"/orders/{order.code}/notes", {"text": text})
    assert response.status_code == 201, response.content[:300]
    assert response.json()["data"]["text"] == text


# --- Status codes the schema does not declare --------------------------------------------------
def test_given_an_operations_key_on_the_public_endpoint_then_its_403_is_documented(api_for):
    """An operations key may not create consultation requests: the public endpoint answers
    403 permission.denied, which its OpenAPI responses (400, 413, 422, 429) do not list."""
    response = api_for("operations").post(
        "/consultation-requests", {"name": "Lan", "phone": "0912 345 671", "message": "Hi"}
    )
    assert response.status_code == 403
    schema = api_for(None).get("/openapi.json").json()
    declared = schema["paths"]["/api/v1/consultation-requests"]["post"]["responses"]
    assert "403" in declared, sorted(declared)


# --- Cursors that decode but hold the wrong kind of value ---------------------------------------
# parse_cursor checks the field name and the id's type, not the sort value's: a damaged or forged
# cursor reaches the database filter (ValidationError / InvalidOperation) or overflows a bigint.
def cursor_of(payload: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/orders?sort=-created_at", ["created_at", "abc", 1]),
        ("/orders?sort=-created_at", ["created_at", {"d": "1"}, 1]),
        ("/orders?sort=-created_at", ["created_at", [1, 2], 1]),
        ("/orders?sort=-total", ["total", "abc", 1]),
        ("/orders?sort=-total", ["total", {"t": "2026-01-01T00:00:00+00:00"}, 1]),
        ("/orders?sort=-total", ["total", {"d": "NaN"}, 1]),
        ("/orders?sort=-created_at", ["created_at", {"t": "2026-01-01T00:00:00+00:00"}, 10**20]),
        ("/consultation-requests?sort=created_at", ["created_at", "abc", 1]),
    ],
    ids=lambda value: value if isinstance(value, str) else json.dumps(value),
)
def test_given_a_damaged_cursor_then_not_a_server_error(api, path, payload):
    response = api.get(f"{path}&cursor={cursor_of(payload)}")
    assert_not_a_server_error(response, allowed=(200, 422))
