"""Issue #8, point 11: CSRF on every state-changing form, security headers on every page, the
API's session door, and sessions that expire. Cases generated from the URL table of
docs/permissions.md (checked against the URL configuration by test_url_matrix.py).

Elsewhere: login lock-out (tests/web/test_shell.py), escaping in the browser
(tests/browser/test_order_escaping.py), `orderdesk check --deploy` (tests/test_deploy_check.py).
"""

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from orderdesk.consultations.models import ConsultationRequest
from orderdesk.orders.models import Order
from tests import factories
from tests.api.conftest import order_body
from tests.security.matrix import PAGE_RULES, PAGES, isolated, page_path

POST_PAGES = [(name, route) for name, route in PAGES if "POST" in PAGE_RULES[name][1]]
GET_PAGES = [(name, route) for name, route in PAGES if "GET" in PAGE_RULES[name][1]]
EMBEDDABLE = {"request_embed", "request_embed_thanks"}


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "route"), POST_PAGES, ids=[name for name, _ in POST_PAGES])
def test_given_a_form_posted_without_its_csrf_token_then_403_and_nothing_changes(
    world, name, route
):
    """As an admin (every door open) or, for public forms, as anyone: the token is checked
    before the view runs, so a forged cross-site post can do nothing."""
    public = PAGE_RULES[name][2].anyone
    client = Client(enforce_csrf_checks=True)
    if not public:
        client.force_login(world.users["admin"])
    before = factories.snapshot()

    response = client.post(page_path(world, name, route), {"anything": "1"})

    assert response.status_code == 403, f"{name}: {response.status_code}"
    assert b"CSRF" in response.content or response.status_code == 403
    assert factories.snapshot() == before


def test_given_a_staff_session_without_a_csrf_token_then_the_api_refuses_to_write(world):
    client = signed_in(world.users["admin"], enforce_csrf_checks=True)
    before = Order.objects.count()

    response = client.post(
        "/api/v1/orders", json.dumps(order_body()), content_type="application/json"
    )

    assert response.status_code in (401, 403), response.content[:300]
    assert Order.objects.count() == before


@pytest.mark.parametrize(("name", "route"), GET_PAGES, ids=[name for name, _ in GET_PAGES])
def test_given_any_page_then_the_security_headers_are_set(world, name, route):
    client = signed_in(world.users["admin"])
    response = isolated(lambda: client.get(page_path(world, name, route)))

    assert response["X-Content-Type-Options"] == "nosniff", name
    assert response["Referrer-Policy"] == "same-origin", name
    if response.status_code == 302:
        return  # a redirect has no body to protect
    csp = response.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "script-src 'self'" in csp, f"{name}: {csp!r}"
    if name in EMBEDDABLE:  # framed only by the shops listed in ORDERDESK_EMBED_ORIGINS
        assert "X-Frame-Options" not in response
        assert "frame-ancestors 'none'" in csp
    else:
        assert response["X-Frame-Options"] == "DENY", name
        assert "frame-ancestors 'none'" in csp, name


def test_given_an_api_answer_then_it_is_not_sniffed_or_framed(world):
    response = Client().get("/api/v1/orders", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_given_a_session_past_its_age_then_the_staff_pages_ask_to_sign_in_again(world, settings):
    client = signed_in(world.users["sales"])
    assert client.get("/orders/").status_code == 200
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60

    # When the session reaches its age (its stored expiry is what the server trusts)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get("/orders/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_given_a_signed_in_user_then_the_session_cookie_is_http_only_and_bounded(world, settings):
    client = Client()
    factories.make_user("sales", "cookie-check")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="cookie-check")
    user.set_password("a long enough password 1")
    user.save()

    response = client.post(
        "/login/", {"username": "cookie-check", "password": "a long enough password 1"}
    )

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    assert cookie["samesite"] == "Lax"


def test_given_a_deactivated_user_then_an_open_session_stops_working(world):
    client = signed_in(world.users["operations"])
    user = world.users["operations"]
    user.is_active = False
    user.save()

    response = client.get("/orders/")

    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert ConsultationRequest.objects.count() == 1  # nothing else touched
