"""The staff queue: who may do what, oldest first, overdue marking, conversion to an order."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.orders.models import Order
from tests import factories
from tests.consultations.views.conftest import STAFF_ROLES

PROCESSORS = {"admin", "sales", "customer_care"}


def age(request, minutes: int) -> None:
    ConsultationRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_given_any_staff_role_when_opening_the_queue_and_a_request_then_200(client_for, role):
    request = factories.make_consultation()
    client = client_for(role)
    assert client.get(reverse("consultations:list")).status_code == 200
    assert client.get(request.get_absolute_url()).status_code == 200


ACTIONS = {
    "take": ({}),
    "note": ({"text": "Called, no answer"}),
    "move": ({"to": "processing"}),
    "assign": ({"assigned_to": ""}),
    "follow_up": ({"follow_up_at": "2030-01-02T10:00"}),
}


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_given_a_role_when_acting_on_a_request_then_allowed_or_403_without_change(
    client_for, role, action
):
    request = factories.make_consultation()
    if action == "assign":
        from orderdesk.consultations.services import consultation_assign

        consultation_assign(code=request.code, actor=factories.actor_for("admin"), username=None)
    before = factories.snapshot()
    response = client_for(role).post(
        reverse(f"consultations:{action}", kwargs={"code": request.code}), ACTIONS[action]
    )
    if role in PROCESSORS:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
        assert factories.snapshot() == before


def test_given_waiting_requests_then_the_queue_shows_the_oldest_first_and_marks_overdue(
    client_for, settings
):
    settings.ORDERDESK_CONSULTATION_SLA_MINUTES = 30
    newest = factories.make_consultation(phone="0911 000 001")
    oldest = factories.make_consultation(phone="0911 000 002")
    middle = factories.make_consultation(phone="0911 000 003")
    age(oldest, 45)
    age(middle, 25)
    page = client_for("sales").get(reverse("consultations:list")).content.decode()
    positions = [page.index(f">{r.code}<") for r in (oldest, middle, newest)]
    assert positions == sorted(positions)
    row_of_oldest = page[page.index(f">{oldest.code}<") : page.index(f">{middle.code}<")]
    assert "Overdue" in row_of_oldest
    row_of_middle = page[page.index(f">{middle.code}<") : page.index(f">{newest.code}<")]
    assert "Due soon" in row_of_middle


def test_given_overdue_only_then_only_requests_past_the_target_are_listed(client_for):
    late = factories.make_consultation(phone="0911 000 004")
    fresh = factories.make_consultation(phone="0911 000 005")
    age(late, 120)
    page = client_for("sales").get(reverse("consultations:list"), {"overdue": "1"}).content.decode()
    assert late.code in page and fresh.code not in page


def test_given_the_nav_then_it_shows_how_many_requests_wait(client_for):
    factories.make_consultation(phone="0911 000 006")
    factories.make_consultation(phone="0911 000 007")
    page = client_for("operations").get(reverse("orders:list")).content.decode()
    assert '<span class="nav-badge"' in page
    assert ">2</span>" in page


def test_given_a_sales_user_when_taking_noting_and_converting_then_order_and_request_link_both_ways(
    client_for,
):
    request = factories.make_consultation(phone="0911 000 008")
    client = client_for("sales")
    client.post(reverse("consultations:take", kwargs={"code": request.code}))
    client.post(
        reverse("consultations:note", kwargs={"code": request.code}),
        {"text": "Khách muốn màu xanh"},
    )
    form = client.get(
        reverse("consultations:convert", kwargs={"code": request.code})
    ).content.decode()
    assert request.name in form
    response = client.post(
        reverse("consultations:convert", kwargs={"code": request.code}),
        {
            "customer_name": request.name,
            "customer_phone": request.phone,
            "ship_recipient": request.name,
            "ship_phone": request.phone,
            "ship_line1": "1 Hàng Bài",
            "ship_city": "Hà Nội",
            "ship_country": "VN",
            "channel": "phone",
            "shipping_fee": "0",
            "discount": "0",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-name": "Áo xanh",
            "items-0-quantity": "1",
            "items-0-unit_price": "200000",
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    request.refresh_from_db()
    assert request.order == order and request.first_response_at is not None
    assert request.assigned_to is not None
    assert request.code in client.get(order.get_absolute_url()).content.decode()
    assert order.code in client.get(request.get_absolute_url()).content.decode()


def test_given_customer_care_then_it_may_convert_though_it_cannot_create_orders(client_for):
    request = factories.make_consultation(phone="0911 000 009")
    client = client_for("customer_care")
    assert client.get(reverse("orders:create")).status_code == 403
    assert (
        client.get(reverse("consultations:convert", kwargs={"code": request.code})).status_code
        == 200
    )


def test_given_a_selection_when_bulk_moving_then_each_moves_and_refused_ones_are_reported(
    client_for,
):
    first = factories.make_consultation(phone="0911 000 010")
    second = factories.make_consultation(phone="0911 000 011")
    client = client_for("admin")
    client.post(reverse("consultations:move", kwargs={"code": second.code}), {"to": "confirmed"})
    response = client.post(
        reverse("consultations:bulk"),
        {"action": "move", "to": "processing", "codes": [first.code, second.code]},
    )
    page = response.content.decode()
    assert "1 request changed." in page
    assert second.code in page and "cannot be moved" in page
    first.refresh_from_db()
    assert first.status == "processing"


def test_given_operations_when_bulk_moving_then_403(client_for):
    request = factories.make_consultation(phone="0911 000 012")
    response = client_for("operations").post(
        reverse("consultations:bulk"),
        {"action": "move", "to": "processing", "codes": [request.code]},
    )
    assert response.status_code == 403


def test_given_the_queue_when_exporting_csv_then_rows_have_first_response_and_order(client_for):
    request = factories.make_consultation(phone="0911 000 013")
    response = client_for("sales").get(
        reverse("consultations:export"), {"status": "all", "format": "csv"}
    )
    body = b"".join(response.streaming_content).decode()
    assert request.code in body and "Minutes to first response" in body


def test_given_a_selection_when_exporting_xlsx_then_only_those_requests(client_for):
    import io

    from openpyxl import load_workbook

    chosen = factories.make_consultation(phone="0911 000 020")
    factories.make_consultation(phone="0911 000 021")
    response = client_for("operations").post(
        reverse("consultations:export_selection"), {"codes": [chosen.code], "format": "xlsx"}
    )
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert [row[0] for row in rows[1:]] == [chosen.code]


def test_given_customer_care_when_exporting_a_selection_then_403(client_for):
    chosen = factories.make_consultation(phone="0911 000 022")
    response = client_for("customer_care").post(
        reverse("consultations:export_selection"), {"codes": [chosen.code]}
    )
    assert response.status_code == 403
