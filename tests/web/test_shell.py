"""The staff shell: login, lock-out, and permission checks on the plain pages."""

import pytest
from django.urls import reverse

from orderdesk.accounts.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passphrase-42"


def staff(role: str, username: str | None = None):
    user, _ = user_create(username=username or role, role=role, password=PASSWORD)
    return user


def test_given_anonymous_when_opening_orders_then_redirected_to_login(client):
    response = client.get(reverse("orders:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_given_a_staff_user_when_logging_in_then_the_order_list_shows(client):
    staff("sales")
    response = client.post(reverse("login"), {"username": "sales", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:list")
    page = client.get(reverse("orders:list"))
    assert page.status_code == 200
    assert "Pending Confirmation" in page.content.decode()


def test_given_a_wrong_password_when_logging_in_then_the_form_says_so(client):
    staff("sales")
    response = client.post(reverse("login"), {"username": "sales", "password": "nope"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()


def test_given_repeated_failures_when_logging_in_then_locked_out_even_with_the_right_password(
    client, settings
):
    staff("sales")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "sales", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "sales", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_given_a_user_without_a_role_when_opening_orders_then_403(client, django_user_model):
    django_user_model.objects.create_user(username="norole", password=PASSWORD)
    client.force_login(django_user_model.objects.get(username="norole"))
    assert client.get(reverse("orders:list")).status_code == 403


def test_given_operations_when_opening_consultations_then_allowed_to_view(
    client, django_user_model
):
    staff("operations")
    client.force_login(django_user_model.objects.get(username="operations"))
    assert client.get(reverse("consultations:list")).status_code == 200


def test_given_an_unknown_order_code_when_opening_it_then_404(client, django_user_model):
    staff("sales")
    client.force_login(django_user_model.objects.get(username="sales"))
    assert client.get(reverse("orders:detail", kwargs={"code": "SO-999999"})).status_code == 404


def test_given_responses_then_security_headers_are_set(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
