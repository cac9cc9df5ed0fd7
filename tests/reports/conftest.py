"""Report fixtures: a business clock the services read (timezone.now), in Asia/Ho_Chi_Minh
(UTC+7) so a business day and a UTC day differ, with VND as the shop's currency."""

from datetime import datetime

import pytest
from django.utils import timezone

from orderdesk.consultations.services import (
    consultation_convert,
    consultation_note_add,
    consultation_transition,
)
from orderdesk.orders.services import order_transition, payment_record
from orderdesk.reports.rebuild import rollups_drift
from tests import factories
from tests.api.conftest import api_for  # noqa: F401  (the fixtures, shared with the API and
from tests.orders.views.conftest import client_for  # noqa: F401  order page tests)

ZONE = "Asia/Ho_Chi_Minh"


class Clock:
    """What timezone.now() answers while a test runs; set it in business time."""

    def __init__(self) -> None:
        self.now = timezone.now()

    def at(self, local: str) -> datetime:
        """'2026-03-01 23:59' in the business time zone, as an aware datetime."""
        return timezone.make_aware(datetime.fromisoformat(local), timezone.get_default_timezone())

    def set(self, local: str) -> datetime:
        self.now = self.at(local)
        return self.now


@pytest.fixture
def business(settings):
    settings.TIME_ZONE = ZONE
    settings.ORDERDESK_CURRENCY = "VND"
    settings.ORDERDESK_CONSULTATION_SLA_MINUTES = 30
    return settings


@pytest.fixture
def clock(business, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def assert_rollups_match() -> None:
    """The rollups the services kept equal a recomputation from the orders and the ledger."""
    assert rollups_drift() == []


@pytest.fixture
def history(clock, admin):
    """A small history, made by the real services at the business times written beside it.

    The report of 1–3 March 2026 is compared with 26–28 February; shop currency VND.

    order  created           channel assignee  total    then
    A      03-01 10:00       web     alice     330 000  paid 330 000 (03-01 11:00); delivered 03-02 15:00
    B      03-01 23:59       phone   bob       130 000  paid 50 000 (03-01 23:59); cancelled 03-02 09:00
                                                        "Out of stock"; refunded 50 000 (03-02 09:30)
    C      03-02 00:00       web     —         330 000  paid 100 000 (03-02 12:00); still pending
    D      02-28 12:00       store   alice     330 000  paid 400 000 (02-28 13:00); delivered 03-01 08:00
    E      03-03 20:00       api     —         10.50 USD
    F      03-04 00:00       web     —         330 000  (the day after the period)
    G      02-28 23:59       web     —         330 000  cancelled 03-01 00:00 "Changed their mind"

    request created      source    first response     then
    R1      03-01 09:00  web_form  09:10 (moved)      —
    R2      03-02 10:00  phone     10:40 (note)       converted to an order 03-05 (outside)
    R3      03-03 23:00  web_form  —
    R4      02-27 09:00  web_form  09:20 (moved)
    """
    alice = factories.make_user("sales", "alice")
    factories.make_user("sales", "bob")
    made = {}

    def order(name, at, **overrides):
        clock.set(at)
        made[name] = factories.make_order(admin, **overrides)
        return made[name].code

    def move(code, at, *steps, reason=""):
        clock.set(at)
        for step in steps:
            order_transition(code=code, actor=admin, to=step, reason=reason)

    def pay(code, at, amount, kind="payment"):
        clock.set(at)
        payment_record(
            code=code, actor=admin, kind=kind, amount=amount, method="cash", paid_at=clock.now
        )

    a = order("A", "2026-03-01 10:00", channel="web", assigned_to="alice")
    pay(a, "2026-03-01 11:00", "330000")
    b = order(
        "B",
        "2026-03-01 23:59",
        channel="phone",
        assigned_to="bob",
        items=[factories.item_in(quantity=1, unit_price="100000")],
    )
    pay(b, "2026-03-01 23:59", "50000")
    c = order("C", "2026-03-02 00:00", channel="web")
    d = order("D", "2026-02-28 12:00", channel="store", assigned_to="alice")
    pay(d, "2026-02-28 13:00", "400000")
    g = order("G", "2026-02-28 23:59", channel="web")
    move(g, "2026-03-01 00:00", "cancelled", reason="Changed their mind")
    move(d, "2026-03-01 08:00", "confirmed", "ready_to_ship", "shipping", "delivered")
    move(b, "2026-03-02 09:00", "cancelled", reason="Out of stock")
    pay(b, "2026-03-02 09:30", "50000", kind="refund")
    pay(c, "2026-03-02 12:00", "100000")
    move(a, "2026-03-02 15:00", "confirmed", "ready_to_ship", "shipping", "delivered")
    order(
        "E",
        "2026-03-03 20:00",
        channel="api",
        currency="USD",
        shipping_fee="0",
        items=[factories.item_in(quantity=1, unit_price="10.50")],
    )
    order("F", "2026-03-04 00:00", channel="web")

    def request(name, at, source, response=None, how="move"):
        clock.set(at)
        made[name] = factories.make_consultation(
            admin, source=source, phone=f"0912 000 {len(made):03d}"
        )
        if response:
            clock.set(response)
            if how == "move":
                consultation_transition(code=made[name].code, actor=admin, to="processing")
            else:
                consultation_note_add(code=made[name].code, actor=admin, text="Called back")

    request("R1", "2026-03-01 09:00", "web_form", "2026-03-01 09:10")
    request("R2", "2026-03-02 10:00", "phone", "2026-03-02 10:40", how="note")
    request("R3", "2026-03-03 23:00", "web_form")
    request("R4", "2026-02-27 09:00", "web_form", "2026-02-27 09:20")
    clock.set("2026-03-05 10:00")
    consultation_convert(code=made["R2"].code, actor=admin, data=factories.order_in())
    clock.set("2026-03-06 10:00")
    made["alice"] = alice
    return made
