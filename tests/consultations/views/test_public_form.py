"""The public request form: what a customer sees, and what spam and floods get."""

import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from orderdesk.consultations.models import ConsultationEvent, ConsultationRequest
from orderdesk.consultations.views.public import STARTED_SALT
from tests import factories

pytestmark = pytest.mark.django_db


def started(seconds_ago: float = 10) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def form_data(**overrides) -> dict:
    data = {
        "name": "Lê Thị Lan",
        "phone": "0912 111 222",
        "email": "lan@example.com",
        "subject": "Áo dài",
        "message": "Tôi muốn hỏi về size.",
        "preferred_contact_time": "sau 17h",
        "started": started(),
        "origin": "",
        "website": "",
    }
    data.update(overrides)
    return data


def test_given_a_product_and_source_in_the_url_then_the_form_is_prefilled(client):
    page = client.get(
        reverse("request_form"), {"product": "Áo dài lụa", "source": "homepage"}
    ).content.decode()
    assert 'value="Áo dài lụa"' in page
    assert 'value="homepage"' in page


def test_given_a_filled_form_when_sent_then_the_thank_you_page_shows_the_code(client):
    response = client.post(reverse("request_form"), form_data(origin="homepage"), follow=True)
    request = ConsultationRequest.objects.get()
    assert request.code in response.content.decode()
    assert request.source == "web_form"
    assert request.events.get(type="created").data == {"source": "web_form", "origin": "homepage"}


def test_given_missing_fields_when_sent_then_422_with_messages_and_nothing_created(client):
    response = client.post(reverse("request_form"), form_data(name="", phone="12", message=""))
    assert response.status_code == 422
    page = response.content.decode()
    assert "This field is required." in page
    assert "Enter a phone number with 7 to 15 digits." in page
    assert not ConsultationRequest.objects.exists()


def test_given_the_honeypot_is_filled_then_nothing_is_created(client):
    response = client.post(reverse("request_form"), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not ConsultationRequest.objects.exists()


def test_given_a_form_sent_too_fast_then_nothing_is_created_and_the_person_may_resend(
    client, settings
):
    settings.ORDERDESK_FORM_MIN_SECONDS = 3
    response = client.post(reverse("request_form"), form_data(started=started(seconds_ago=0.5)))
    assert response.status_code == 422
    assert "That was quick!" in response.content.decode()
    assert not ConsultationRequest.objects.exists()


def test_given_a_forged_start_token_then_it_counts_as_too_fast(client):
    response = client.post(reverse("request_form"), form_data(started="not-a-token"))
    assert response.status_code == 422
    assert not ConsultationRequest.objects.exists()


def test_given_a_body_over_16_kb_then_413_and_nothing_created(client):
    response = client.post(reverse("request_form"), form_data(message="x" * 20_000))
    assert response.status_code == 413
    assert not ConsultationRequest.objects.exists()


def test_given_a_flood_from_one_address_then_429_politely_after_the_limit(
    client, settings, steady_rate_window
):
    settings.ORDERDESK_PUBLIC_RATE_LIMIT = [(3, 60)]
    codes = []
    for i in range(5):
        response = client.post(reverse("request_form"), form_data(phone=f"0912 000 00{i}"))
        codes.append(response.status_code)
    assert codes == [302, 302, 302, 429, 429]
    assert ConsultationRequest.objects.count() == 3
    assert "Please wait a moment" in response.content.decode()


def test_given_another_address_then_it_has_its_own_limit(client, settings, steady_rate_window):
    settings.ORDERDESK_PUBLIC_RATE_LIMIT = [(1, 60)]
    assert (
        client.post(reverse("request_form"), form_data(), REMOTE_ADDR="10.0.0.1").status_code == 302
    )
    assert (
        client.post(
            reverse("request_form"), form_data(phone="0913 000 000"), REMOTE_ADDR="10.0.0.2"
        ).status_code
        == 302
    )


def test_given_the_same_phone_within_ten_minutes_then_the_message_joins_the_open_request(client):
    client.post(reverse("request_form"), form_data())
    client.post(reverse("request_form"), form_data(phone="+84 912 111 222", message="Thêm: màu đỏ"))
    request = ConsultationRequest.objects.get()
    added = ConsultationEvent.objects.get(request=request, type="message_added")
    assert added.data["text"] == "Thêm: màu đỏ"


def test_given_the_embed_then_only_listed_origins_may_frame_it(client, settings):
    settings.ORDERDESK_EMBED_ORIGINS = ["https://shop.example"]
    response = client.get(reverse("request_embed"))
    assert "X-Frame-Options" not in response
    assert "frame-ancestors https://shop.example" in response["Content-Security-Policy"]
    assert (
        "frame-ancestors 'none'" in client.get(reverse("request_form"))["Content-Security-Policy"]
    )


def test_given_no_embed_origins_then_the_embed_cannot_be_framed(client, settings):
    settings.ORDERDESK_EMBED_ORIGINS = []
    assert (
        "frame-ancestors 'none'" in client.get(reverse("request_embed"))["Content-Security-Policy"]
    )


def test_given_notify_addresses_when_a_request_arrives_then_an_email_is_sent_after_commit(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ORDERDESK_NOTIFY_EMAILS = ["sales@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("request_form"), form_data())
    code = ConsultationRequest.objects.get().code
    assert len(mail.outbox) == 1
    assert code in mail.outbox[0].subject
    assert mail.outbox[0].to == ["sales@example.com"]


def test_given_a_thank_you_link_with_a_forged_token_then_no_code_is_revealed(client, admin):
    factories.make_consultation()
    page = client.get(reverse("request_thanks"), {"t": "CR-000001"}).content.decode()
    assert "CR-000001" not in page
