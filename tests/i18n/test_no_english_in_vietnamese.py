"""A Vietnamese-speaking user meets no English: every page they use, rendered in Vietnamese,
holds no text that is an English message of the catalogue (its Vietnamese differs)."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from orderdesk.accounts.preferences import LANGUAGE_NAMES, user_language_set
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus
from tests import factories
from tests.i18n.extract import catalogue


def _english_messages() -> set[str]:
    english = set()
    for message in catalogue("vi"):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            # Only whole texts without placeholders can be recognised in a page.
            if text and text not in strings and not re.search(r"%|\{", text) and len(text) > 2:
                english.add(text)
    # Each language is offered under its own name ("English" on the switch is meant).
    return english - set(LANGUAGE_NAMES.values())


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style", "code")
        for name, value in attrs:
            if name in ("title", "placeholder", "aria-label", "alt") and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "code") and self._skip > 0

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


# Stored codes a page must show by their label (Chờ xác nhận, Chuyển khoản), never as they are.
CODES = re.compile(
    r"\b(pending_confirmation|ready_to_ship|partially_paid|partially_refunded|bank_transfer"
    r"|e_wallet|web_form|shipping_fee|customer_name|assigned_to)\b"
)


def _english_in(page: str, english: set[str]) -> list[str]:
    parser = _Texts()
    parser.feed(page)
    return sorted({text for text in parser.texts if text in english or CODES.search(text)})


@pytest.fixture
def vietnamese_admin(admin):
    user = factories.make_user("admin")
    user_language_set(user=user, language="vi")
    client = Client()
    client.force_login(user)
    return client


def test_given_vietnamese_then_no_page_of_the_staff_shows_an_english_text(vietnamese_admin, admin):
    order = factories.make_order(admin, status=OrderStatus.SHIPPING)
    payment_record(code=order.code, actor=admin, kind="payment", amount="1000", method="cod")
    request = factories.make_consultation(admin)
    english = _english_messages()
    pages = [
        reverse("orders:list"),
        reverse("orders:list") + "?status=shipping&q=nguyen",
        order.get_absolute_url(),
        reverse("orders:edit", args=[order.code]),
        reverse("orders:create"),
        reverse("consultations:list"),
        reverse("consultations:detail", args=[request.code]),
        reverse("reports:page"),
        reverse("exports:list"),
        reverse("exports:schedules"),
        reverse("reconciliation:home"),
        reverse("reconciliation:profiles"),
        reverse("accounts:users"),
        reverse("accounts:api_keys"),
        reverse("accounts:profile"),
        reverse("request_form"),
    ]
    found = {}
    for url in pages:
        response = vietnamese_admin.get(url)
        assert response.status_code == 200, url
        if leaks := _english_in(response.content.decode(), english):
            found[url] = leaks
    assert found == {}


def test_given_an_english_page_then_the_check_finds_its_english(admin):
    # The check above must be able to fail: the same list in English is full of it.
    client = Client()
    client.force_login(factories.make_user("admin"))

    page = client.get(reverse("orders:list")).content.decode()

    assert {"Orders", "Search orders"} <= set(_english_in(page, _english_messages()))
