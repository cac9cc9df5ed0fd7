"""The orders API: every status code it promises, idempotency, optimistic locking, pages."""

import pytest

from orderdesk.orders.models import Order, OrderEvent
from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.api.conftest import order_body


def problem_of(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "code", "errors"} <= set(body)
    assert body["status"] == response.status_code
    return body


def test_given_a_valid_order_when_posted_then_201_with_location_etag_and_computed_totals(api_for):
    response = api_for("sales").post("/orders", order_body())
    assert response.status_code == 201
    body = response.json()
    assert response["Location"] == f"/api/v1/orders/{body['code']}"
    assert response["ETag"] == '"1"'
    assert (body["subtotal"], body["total"], body["balance_due"]) == ("300000", "330000", "330000")
    assert body["items"][0]["line_total"] == "300000"
    assert body["status"] == "pending_confirmation" and body["payment_status"] == "unpaid"


def test_given_the_same_idempotency_key_and_body_then_the_first_answer_is_replayed(api_for):
    api = api_for("intake")
    first = api.post("/orders", order_body(), headers={"Idempotency-Key": "order-42"})
    again = api.post("/orders", order_body(), headers={"Idempotency-Key": "order-42"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Order.objects.count() == 1


def test_given_the_same_key_with_another_body_then_422_key_reused_and_nothing_created(api_for):
    api = api_for("intake")
    api.post("/orders", order_body(), headers={"Idempotency-Key": "k1"})
    response = api.post("/orders", order_body(note="different"), headers={"Idempotency-Key": "k1"})
    assert response.status_code == 422
    assert problem_of(response)["code"] == "idempotency.key_reused"
    assert Order.objects.count() == 1


def test_given_keys_of_two_api_keys_then_they_do_not_collide(api_for):
    api_for("intake").post("/orders", order_body(), headers={"Idempotency-Key": "same"})
    api_for("intake").post("/orders", order_body(), headers={"Idempotency-Key": "same"})
    assert Order.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (order_body(status="paid"), "status"),
        (order_body(total="1"), "total"),
        (order_body(code="SO-1"), "code"),
        (order_body(items=[]), "items"),
        (order_body(items=[{"name": "x", "quantity": 0, "unit_price": "1"}]), "items.0.quantity"),
        (
            order_body(items=[{"name": "x", "quantity": 1, "unit_price": "-1"}]),
            "items.0.unit_price",
        ),
        (order_body(currency="XYZ"), "currency"),
        (order_body(customer={"name": "A", "phone": "12"}), "customer.phone"),
    ],
)
def test_given_invalid_data_when_posted_then_422_naming_the_field(api_for, body, field):
    response = api_for("admin").post("/orders", body)
    assert response.status_code == 422
    fields = [error["field"] for error in problem_of(response)["errors"]]
    assert any(f == field or f.startswith(field) for f in fields), fields
    assert not Order.objects.exists()


def test_given_malformed_json_then_400(api_for):
    response = api_for("admin").post("/orders", raw=b'{"customer": ')
    assert response.status_code == 400
    assert problem_of(response)["code"] == "request.malformed"


@pytest.mark.parametrize("key", [None, "od_not-a-real-key-at-all"])
def test_given_no_or_a_bad_key_then_401(api_for, key):
    from tests.api.conftest import ApiClient

    response = ApiClient(key).get("/orders")
    assert response.status_code == 401
    assert problem_of(response)["code"] == "auth.required"


def test_given_a_revoked_key_then_401(api_for, db):
    from orderdesk.accounts.services import apikey_create, apikey_revoke
    from tests.api.conftest import ApiClient

    _key, plain = apikey_create(name="old-shop", role="admin")
    apikey_revoke(name="old-shop")
    assert ApiClient(plain).get("/orders").status_code == 401


def test_given_customer_care_when_creating_then_403(api_for):
    response = api_for("customer_care").post("/orders", order_body())
    assert response.status_code == 403
    assert problem_of(response)["code"] == "permission.denied"


def test_given_an_unknown_code_then_404_everywhere(api_for):
    api = api_for("admin")
    for response in (
        api.get("/orders/SO-999999"),
        api.get("/orders/SO-999999/events"),
        api.post("/orders/SO-999999/transitions", {"to": "confirmed"}),
        api.post("/orders/SO-999999/notes", {"text": "x"}),
        api.post(
            "/orders/SO-999999/payments", {"kind": "payment", "amount": "1", "method": "cash"}
        ),
        api.patch("/orders/SO-999999", {"note": "x"}, headers={"If-Match": '"1"'}),
    ):
        assert response.status_code == 404
        assert problem_of(response)["code"] == "order.not_found"


def test_given_an_intake_key_then_it_reads_only_its_own_orders(api_for):
    mine, other = api_for("intake"), api_for("intake")
    code = mine.post("/orders", order_body()).json()["code"]
    assert mine.get(f"/orders/{code}").status_code == 200
    assert other.get(f"/orders/{code}").status_code == 404
    assert [o["code"] for o in mine.get("/orders").json()["items"]] == [code]
    assert other.get("/orders").json()["items"] == []


def test_given_a_patch_without_if_match_then_428_and_with_a_stale_version_412(api_for):
    api = api_for("admin")
    code = api.post("/orders", order_body()).json()["code"]
    assert api.patch(f"/orders/{code}", {"note": "x"}).status_code == 428
    assert (
        api.patch(f"/orders/{code}", {"note": "x"}, headers={"If-Match": '"1"'}).status_code == 200
    )
    stale = api.patch(f"/orders/{code}", {"note": "y"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert problem_of(stale)["code"] == "order.version_mismatch"
    assert api.get(f"/orders/{code}").json()["note"] == "x"


def test_given_a_completed_order_when_patched_then_409_locked_or_403_or_allowed_with_reason(
    api_for, admin
):
    order = factories.make_order(admin, status=OrderStatus.DELIVERED)
    headers = {"If-Match": f'"{order.version}"'}
    ops = api_for("operations")
    assert (
        problem_of(ops.patch(f"/orders/{order.code}", {"note": "x"}, headers=headers))["code"]
        == "order.locked"
    )
    assert (
        ops.patch(
            f"/orders/{order.code}", {"note": "x", "reason": "fix"}, headers=headers
        ).status_code
        == 403
    )
    boss = api_for("admin")
    assert (
        problem_of(boss.patch(f"/orders/{order.code}", {"note": "x"}, headers=headers))["status"]
        == 409
    )
    response = boss.patch(f"/orders/{order.code}", {"note": "x", "reason": "typo"}, headers=headers)
    assert response.status_code == 200 and response.json()["note"] == "x"


def test_given_an_illegal_move_then_409_naming_order_status_and_target(api_for, admin):
    order = factories.make_order(admin, status=OrderStatus.DELIVERED)
    response = api_for("admin").post(f"/orders/{order.code}/transitions", {"to": "confirmed"})
    body = problem_of(response)
    assert response.status_code == 409 and body["code"] == "order.invalid_transition"
    assert (
        order.code in body["detail"]
        and "Delivered" in body["detail"]
        and "Confirmed" in body["detail"]
    )


def test_given_cancel_without_reason_then_422_and_with_reason_200(api_for, admin):
    order = factories.make_order(admin)
    api = api_for("sales")
    assert api.post(f"/orders/{order.code}/transitions", {"to": "cancelled"}).status_code == 422
    response = api.post(
        f"/orders/{order.code}/transitions", {"to": "cancelled", "reason": "Duplicate"}
    )
    assert response.status_code == 200 and response.json()["cancel_reason"] == "Duplicate"


def test_given_payments_then_201_with_payment_and_order_and_refund_over_paid_422(api_for, admin):
    order = factories.make_order(admin)
    api = api_for("operations")
    paid = api.post(
        f"/orders/{order.code}/payments",
        {"kind": "payment", "amount": "100000", "method": "bank_transfer"},
    )
    assert paid.status_code == 201
    assert paid.json()["payment"]["amount"] == "100000"
    assert paid.json()["order"]["payment_status"] == "partially_paid"
    too_much = api.post(
        f"/orders/{order.code}/payments", {"kind": "refund", "amount": "100001", "method": "cash"}
    )
    assert too_much.status_code == 422
    zero = api.post(
        f"/orders/{order.code}/payments", {"kind": "payment", "amount": "0", "method": "cash"}
    )
    assert zero.status_code == 422


def test_given_a_note_then_201_and_the_timeline_lists_it_newest_first(api_for, admin):
    order = factories.make_order(admin)
    api = api_for("customer_care")
    assert api.post(f"/orders/{order.code}/notes", {"text": "Called"}).status_code == 201
    events = api.get(f"/orders/{order.code}/events").json()["items"]
    assert [e["type"] for e in events] == ["note_added", "created"]


def test_given_a_bulk_transition_then_each_order_moves_alone_and_failures_are_listed(
    api_for, admin
):
    fresh = factories.make_order(admin)
    done = factories.make_order(admin, status=OrderStatus.DELIVERED)
    response = api_for("operations").post(
        "/orders/bulk/transitions",
        {"codes": [fresh.code, done.code, "SO-999999"], "to": "confirmed"},
    )
    body = response.json()
    assert body["succeeded"] == [fresh.code]
    assert {f["code"]: f["error_code"] for f in body["failed"]} == {
        done.code: "order.invalid_transition",
        "SO-999999": "order.not_found",
    }


@pytest.mark.parametrize(
    "payload",
    [
        {"codes": ["SO-000001"], "to": "cancelled"},
        {"codes": ["SO-000001"], "to": "flying"},
        {"codes": ["SO-1"] * 10_001, "to": "confirmed"},
    ],
)
def test_given_a_bulk_request_wrong_as_a_whole_then_422_and_nothing_changes(
    api_for, admin, payload
):
    factories.make_order(admin)
    before = OrderEvent.objects.count()
    assert api_for("admin").post("/orders/bulk/transitions", payload).status_code == 422
    assert OrderEvent.objects.count() == before


def test_given_sales_when_bulk_moving_then_403(api_for, admin):
    order = factories.make_order(admin)
    response = api_for("sales").post(
        "/orders/bulk/transitions", {"codes": [order.code], "to": "confirmed"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("limit", [0, 201, -1])
def test_given_a_limit_outside_1_to_200_then_422(api_for, limit):
    assert api_for("admin").get(f"/orders?limit={limit}").status_code == 422


def test_given_a_walk_over_pages_while_orders_arrive_then_none_repeats_or_is_skipped(
    api_for, admin
):
    existing = {factories.make_order(admin).code for _ in range(9)}
    api = api_for("admin")
    seen, cursor = [], ""
    while True:
        page = api.get(f"/orders?limit=4&cursor={cursor}").json()
        seen += [o["code"] for o in page["items"]]
        factories.make_order(admin)  # a new order arrives during the walk
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen))
    assert existing <= set(seen)


def test_given_filters_then_counts_follow_them_without_status(api_for, admin):
    factories.make_order(admin, status=OrderStatus.CONFIRMED)
    factories.make_order(admin, customer=factories.customer_in(name="Zed", email=""),
                         shipping_address=factories.address_in(recipient="Zed"))  # fmt: skip
    api = api_for("admin")
    assert api.get("/orders/counts").json()["all"] == 2
    counts = api.get("/orders/counts?q=nguyen&status=delivered").json()
    assert counts["all"] == 1 and counts["confirmed"] == 1


def test_given_the_openapi_schema_then_error_answers_are_problem_json(api_for):
    schema = api_for("admin").get("/openapi.json").json()
    create = schema["paths"]["/api/v1/orders"]["post"]["responses"]
    assert "application/problem+json" in create["422"]["content"]
    assert "application/json" in create["201"]["content"]
