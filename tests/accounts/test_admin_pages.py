"""Admin pages for users and API keys: only admins, secrets shown once, no self-lock-out."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from orderdesk.accounts.models import ApiKey
from orderdesk.accounts.services import apikey_authenticate, user_role
from tests import factories

pytestmark = pytest.mark.django_db


def logged_in(role: str):
    user = factories.make_user(role)
    client = Client()
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("role", ["operations", "sales", "customer_care"])
@pytest.mark.parametrize("page", ["accounts:users", "accounts:api_keys"])
def test_given_a_non_admin_when_opening_admin_pages_then_403_and_no_nav_link(role, page):
    client, _ = logged_in(role)
    assert client.get(reverse(page)).status_code == 403
    assert (
        client.post(reverse(page), {"username": "x", "role": "admin", "name": "x"}).status_code
        == 403
    )
    assert reverse("accounts:users") not in client.get(reverse("orders:list")).content.decode()


def test_given_an_admin_when_adding_a_user_then_the_password_is_shown_once_and_works():
    client, _ = logged_in("admin")
    page = client.post(reverse("accounts:users"), {"username": "mai", "email": "", "role": "sales"})
    html = page.content.decode()
    user = get_user_model().objects.get(username="mai")
    assert user_role(user) == "sales"
    password = html.split('<code class="secret">')[1].split("</code>")[0]
    assert user.check_password(password)
    assert password not in client.get(reverse("accounts:users")).content.decode()


def test_given_an_admin_when_changing_a_role_and_switching_off_then_it_applies():
    client, _ = logged_in("admin")
    other = factories.make_user("sales", username="binh")
    client.post(
        reverse("accounts:user_update", kwargs={"username": "binh"}), {"role": "operations"}
    )
    client.post(reverse("accounts:user_update", kwargs={"username": "binh"}), {"active": "0"})
    other.refresh_from_db()
    assert user_role(other) == "operations" and not other.is_active


def test_given_an_admin_when_switching_themselves_off_then_refused():
    client, admin = logged_in("admin")
    response = client.post(
        reverse("accounts:user_update", kwargs={"username": admin.username}),
        {"active": "0"},
        follow=True,
    )
    admin.refresh_from_db()
    assert admin.is_active
    assert "cannot switch off your own account" in response.content.decode()


def test_given_an_admin_when_creating_and_revoking_a_key_then_it_works_then_stops():
    client, _ = logged_in("admin")
    html = client.post(
        reverse("accounts:api_keys"), {"name": "shopify", "role": "intake"}
    ).content.decode()
    plain = html.split('<code class="secret">')[1].split("</code>")[0]
    assert apikey_authenticate(plain).name == "shopify"
    assert plain not in client.get(reverse("accounts:api_keys")).content.decode()
    client.post(reverse("accounts:apikey_revoke", kwargs={"name": "shopify"}))
    assert apikey_authenticate(plain) is None
    assert ApiKey.objects.get(name="shopify").revoked_at is not None


def test_given_a_duplicate_key_name_then_the_form_says_so():
    client, _ = logged_in("admin")
    client.post(reverse("accounts:api_keys"), {"name": "pos", "role": "intake"})
    response = client.post(reverse("accounts:api_keys"), {"name": "pos", "role": "intake"})
    assert "exists already" in response.content.decode()
    assert ApiKey.objects.filter(name="pos").count() == 1
