"""The consultation-request API: public intake, the queue, moves, conversion."""

from orderdesk.consultations.models import ConsultationRequest
from tests.api.conftest import order_body


def request_body(**overrides):
    return {"name": "Lê Lan", "phone": "0912 111 222", "message": "Tư vấn giúp tôi", **overrides}


def test_given_the_public_endpoint_then_201_with_code_and_status_only(api_for):
    response = api_for(None).post("/consultation-requests", request_body())
    assert response.status_code == 201
    assert set(response.json()) == {"code", "status"}
    assert ConsultationRequest.objects.get().source == "api"


def test_given_a_flood_then_429_but_a_valid_key_is_not_counted(
    api_for, settings, steady_rate_window
):
    settings.ORDERDESK_PUBLIC_RATE_LIMIT = [(2, 60)]
    public = api_for(None)
    statuses = [
        public.post("/consultation-requests", request_body(phone=f"0912 00{i} 000")).status_code
        for i in range(3)
    ]
    assert statuses == [201, 201, 429]
    shop = api_for("intake")
    assert (
        shop.post("/consultation-requests", request_body(phone="0913 000 000")).status_code == 201
    )


def test_given_unknown_fields_then_422(api_for):
    assert (
        api_for(None).post("/consultation-requests", request_body(status="confirmed")).status_code
        == 422
    )


def test_given_the_queue_then_oldest_first_and_intake_cannot_read_it(api_for):
    public = api_for(None)
    first = public.post("/consultation-requests", request_body(phone="0911 000 001")).json()["code"]
    second = public.post("/consultation-requests", request_body(phone="0911 000 002")).json()[
        "code"
    ]
    items = api_for("sales").get("/consultation-requests").json()["items"]
    assert [i["code"] for i in items] == [first, second]
    assert api_for("intake").get("/consultation-requests").json()["items"] == []
    assert api_for("intake").get(f"/consultation-requests/{first}").status_code == 404


def test_given_a_move_and_a_conversion_then_both_link_and_refused_moves_409(api_for):
    code = api_for(None).post("/consultation-requests", request_body()).json()["code"]
    api = api_for("sales")
    moved = api.post(
        f"/consultation-requests/{code}/transitions", {"to": "processing", "note": "calling"}
    )
    assert moved.status_code == 200 and moved.json()["first_response_at"]
    body = {k: v for k, v in order_body().items() if k != "customer"}
    converted = api.post(f"/consultation-requests/{code}/convert", body)
    assert converted.status_code == 201
    order = converted.json()
    assert order["consultation_request"] == code and order["customer"]["name"] == "Lê Lan"
    assert api.get(f"/consultation-requests/{code}").json()["order"] == order["code"]
    assert api.post(f"/consultation-requests/{code}/convert", body).status_code == 409
    api.post(f"/consultation-requests/{code}/transitions", {"to": "confirmed"})
    refused = api.post(f"/consultation-requests/{code}/transitions", {"to": "processing"})
    assert refused.status_code == 409


def test_given_operations_when_moving_then_403(api_for):
    code = api_for(None).post("/consultation-requests", request_body()).json()["code"]
    assert (
        api_for("operations")
        .post(f"/consultation-requests/{code}/transitions", {"to": "processing"})
        .status_code
        == 403
    )


def test_given_a_patch_then_if_match_is_required_and_checked(api_for):
    code = api_for(None).post("/consultation-requests", request_body()).json()["code"]
    api = api_for("admin")
    assert api.patch(f"/consultation-requests/{code}", {"assigned_to": None}).status_code == 428
    assert (
        api.patch(
            f"/consultation-requests/{code}", {"follow_up_at": None}, headers={"If-Match": '"9"'}
        ).status_code
        == 412
    )
    response = api.patch(
        f"/consultation-requests/{code}",
        {"follow_up_at": "2030-01-01T09:00:00+07:00"},
        headers={"If-Match": '"1"'},
    )
    assert response.status_code == 200 and response.json()["follow_up_at"].startswith(
        "2030-01-01T02:00"
    )
