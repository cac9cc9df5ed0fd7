"""The API follows Accept-Language for what people read (problem title and detail) and says so in
Content-Language; codes, amounts and dates stay machine values in every language."""

import pytest
from django.test import Client

from orderdesk.accounts.preferences import user_language_set
from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.api.conftest import order_body
from tests.api.test_orders_api import problem_of

VI = {"Accept-Language": "vi-VN,vi;q=0.9"}
EN = {"Accept-Language": "en-US,en;q=0.8"}


@pytest.mark.parametrize(
    ("headers", "language", "title", "detail"),
    [
        (VI, "vi", "Không tìm thấy", "Không có đơn hàng SO-999999."),
        (EN, "en", "Not found", "No order SO-999999."),
        ({}, "en", "Not found", "No order SO-999999."),
    ],
)
def test_given_an_unknown_order_then_the_problem_speaks_the_callers_language(
    api_for, headers, language, title, detail
):
    response = api_for("admin").get("/orders/SO-999999", headers=headers)

    body = problem_of(response)
    assert response.status_code == 404 and response["Content-Language"] == language
    assert (body["title"], body["detail"], body["code"]) == (title, detail, "order.not_found")


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        (VI, ("Xung đột", "đang ở trạng thái Đã giao", "không thể chuyển sang Đã xác nhận")),
        (EN, ("Conflict", "is Delivered", "cannot be moved to Confirmed")),
    ],
)
def test_given_an_illegal_move_then_the_status_labels_are_in_the_callers_language(
    api_for, admin, headers, words
):
    order = factories.make_order(admin, status=OrderStatus.DELIVERED)

    response = api_for("admin").post(
        f"/orders/{order.code}/transitions", {"to": "confirmed"}, headers=headers
    )

    body = problem_of(response)
    assert response.status_code == 409 and body["code"] == "order.invalid_transition"
    title, *in_detail = words
    assert body["title"] == title and all(w in body["detail"] for w in in_detail)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (VI, "Giảm giá không được lớn hơn tiền hàng cộng phí vận chuyển."),
        (EN, "The discount cannot be larger than the items and shipping."),
    ],
)
def test_given_invalid_data_then_the_field_message_is_in_the_callers_language(
    api_for, headers, message
):
    response = api_for("sales").post("/orders", order_body(discount="999999999"), headers=headers)

    body = problem_of(response)
    assert response.status_code == 422 and body["code"] == "validation.invalid"
    assert message in [e["message"] for e in body["errors"]]


def test_given_vietnamese_then_amounts_and_times_stay_plain_machine_values(api_for):
    response = api_for("sales").post("/orders", order_body(), headers=VI)

    body = response.json()
    assert response.status_code == 201 and response["Content-Language"] == "vi"
    assert (body["total"], body["shipping_fee"], body["status"]) == (
        "330000",
        "30000",
        "pending_confirmation",
    )
    assert body["created_at"][:4].isdigit() and "T" in body["created_at"]


def test_given_vietnamese_then_an_amount_written_the_local_way_is_refused_not_misread(api_for):
    # 1.250.000 is a Vietnamese way of writing 1250000; a machine interface takes no guesses.
    body = order_body(shipping_fee="1.250.000")

    response = api_for("sales").post("/orders", body, headers=VI)

    assert response.status_code == 422


def test_given_a_signed_in_user_who_chose_vietnamese_then_the_api_still_follows_the_header(db):
    user = factories.make_user("admin")
    user_language_set(user=user, language="vi")
    client = Client()
    client.force_login(user)

    response = client.get("/api/v1/orders/SO-999999", headers=EN)

    assert response.status_code == 404 and response["Content-Language"] == "en"
    assert response.json()["detail"] == "No order SO-999999."


@pytest.mark.parametrize(
    ("headers", "messages"),
    [
        (
            VI,
            {
                "customer.name": "Trường này là bắt buộc.",
                "items.0.quantity": "Nhập giá trị từ 1 trở lên.",
                "status": "Trường này không được chấp nhận ở đây.",
            },
        ),
        (
            EN,
            {
                "customer.name": "Field required",
                "items.0.quantity": "Input should be greater than or equal to 1",
                "status": "Extra inputs are not permitted",
            },
        ),
    ],
)
def test_given_data_the_schema_refuses_then_each_field_message_is_in_the_callers_language(
    api_for, headers, messages
):
    body = order_body(status="delivered")
    del body["customer"]["name"]
    body["items"][0]["quantity"] = 0

    response = api_for("sales").post("/orders", body, headers=headers)

    problem = problem_of(response)
    assert response.status_code == 422
    assert {e["field"]: e["message"] for e in problem["errors"]} == messages
