"""The OpenAPI schema states the rules the API enforces, and the API enforces what it states."""

import pytest

from orderdesk.core.listing import Params
from orderdesk.orders.status import OrderStatus
from tests.api.conftest import order_body


@pytest.fixture
def openapi(client):
    return client.get("/api/v1/openapi.json").json()


def _component(openapi, name):
    return openapi["components"]["schemas"][name]


def _query_parameter(openapi, path, name):
    parameters = openapi["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)


def test_status_targets_and_payment_choices_are_enumerations(openapi):
    transition = _component(openapi, "TransitionIn")["properties"]["to"]
    assert transition["enum"] == [status.value for status in OrderStatus]
    payment = _component(openapi, "PaymentIn")["properties"]
    assert payment["kind"]["enum"] == ["payment", "refund"]
    assert "bank_transfer" in payment["method"]["enum"]


def test_required_text_cannot_be_blank_and_phones_need_seven_digits(openapi):
    customer = _component(openapi, "CustomerIn")["properties"]
    assert customer["name"]["minLength"] == 1 and customer["name"]["pattern"]
    assert "{7,15}" in customer["phone"]["pattern"]


def test_page_size_is_bounded_in_the_schema_and_by_the_api(openapi, api_for):
    limit = _query_parameter(openapi, "/api/v1/orders", "limit")["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 200, 50)
    response = api_for("admin").get("/orders?limit=201")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["limit"]


def test_whole_json_numbers_are_amounts_but_fractions_as_numbers_are_refused(api_for):
    api = api_for("sales")
    items = [{"name": "Tea", "quantity": 1, "unit_price": 150000.0}]
    created = api.post("/orders", order_body(items=items, shipping_fee=30000))
    assert created.status_code == 201
    assert created.json()["items"][0]["unit_price"] == "150000"
    assert created.json()["shipping_fee"] == "30000"
    items = [{"name": "Tea", "quantity": 1, "unit_price": 19.99}]
    refused = api.post("/orders", order_body(items=items, currency="USD"))
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["items.0.unit_price"]


@pytest.mark.parametrize("amount", ["-1", "1e3", "1,000", "123456789012", "1.2345"])
def test_amounts_outside_the_published_pattern_are_refused(api_for, amount):
    response = api_for("sales").post("/orders", order_body(shipping_fee=amount))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["shipping_fee"]


def test_a_search_text_keeps_its_commas():
    assert Params({"q": "12 Lý Thường Kiệt, Hà Nội"}).one("q") == "12 Lý Thường Kiệt, Hà Nội"
    assert Params({"status": "confirmed,shipping"}).many("status") == ["confirmed", "shipping"]


@pytest.mark.parametrize("paid_at", [346, 1764226800.5, True])
def test_a_payment_time_is_text_never_a_number_of_seconds(api_for, paid_at):
    """The schema says a date-time string; Pydantic alone would read 346 as 1970-01-01."""
    api = api_for("admin")
    code = api.post("/orders", order_body()).json()["code"]
    body = {"kind": "payment", "amount": "1", "method": "cash", "paid_at": paid_at}
    refused = api.post(f"/orders/{code}/payments", body)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["paid_at"]
    body["paid_at"] = "2026-11-01T09:30:00+07:00"
    assert api.post(f"/orders/{code}/payments", body).status_code == 201


def test_a_two_level_address_needs_a_province_or_a_city_but_never_a_district(api_for):
    api = api_for("sales")
    address = order_body()["shipping_address"]
    two_level = {
        **address,
        "ward": "Phường Ba Đình",
        "district": "",
        "city": "",
        "province": "Hà Nội",
    }
    assert api.post("/orders", order_body(shipping_address=two_level)).status_code == 201
    no_top = {**two_level, "province": ""}
    refused = api.post("/orders", order_body(shipping_address=no_top))
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["shipping_address.city"]
