"""The daily rollups the services keep equal a recount from the orders, the ledger and the
consultation requests, whatever sequence of creations, moves, payments, refunds, edits,
assignments, notes and conversions happened, across business midnights."""

import contextlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from orderdesk.consultations.services import (
    consultation_assign,
    consultation_convert,
    consultation_note_add,
    consultation_transition,
)
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.errors import DomainError
from orderdesk.orders.models import Order
from orderdesk.orders.services import (
    order_assign,
    order_create,
    order_edit,
    order_note_add,
    order_tags_change,
    order_transition,
    payment_record,
)
from orderdesk.orders.services.editing import OrderChanges
from orderdesk.orders.status import OrderStatus
from orderdesk.reports import rollups
from orderdesk.reports.models import OrderDay
from orderdesk.reports.rebuild import rollups_recompute, rollups_stored
from tests import factories

CHANNELS = ("web", "phone", "store", "api")
CURRENCIES = ("VND", "USD")
ASSIGNEES = (None, "ann", "ben")


class RollupMachine(RuleBasedStateMachine):
    actor = None  # an admin Actor, set by the test function
    clock = None  # the business clock fixture

    def __init__(self):
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        self.codes: list[str] = []
        self.requests: list[str] = []
        self.clock.set("2026-03-01 22:00")

    def teardown(self):
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    def pick(self, index: int) -> str:
        return self.codes[index % len(self.codes)]

    @rule(minutes=st.integers(0, 600))
    def time_passes(self, minutes):
        self.clock.now += timedelta(minutes=minutes)

    @rule(
        channel=st.sampled_from(CHANNELS),
        currency=st.sampled_from(CURRENCIES),
        assignee=st.sampled_from(ASSIGNEES),
        price=st.integers(1, 500),
    )
    def create(self, channel, currency, assignee, price):
        unit = str(price * 1000) if currency == "VND" else f"{price}.25"
        order = order_create(
            actor=self.actor,
            data=factories.order_in(
                channel=channel,
                currency=currency,
                assigned_to=assignee,
                items=[factories.item_in(unit_price=unit)],
            ),
        )
        self.codes.append(order.code)

    @precondition(lambda self: self.codes)
    @rule(index=st.integers(0, 50), to=st.sampled_from(list(OrderStatus)))
    def move(self, index, to):
        with contextlib.suppress(DomainError):
            order_transition(code=self.pick(index), actor=self.actor, to=to, reason="Why not")

    @precondition(lambda self: self.codes)
    @rule(
        index=st.integers(0, 50),
        kind=st.sampled_from(["payment", "refund"]),
        eighths=st.integers(1, 12),
        hours_ago=st.integers(0, 72),
    )
    def pay(self, index, kind, eighths, hours_ago):
        code = self.pick(index)
        order = Order.objects.get(code=code)
        amount = (order.total or Decimal(8000)) * eighths / 8
        with contextlib.suppress(DomainError):
            payment_record(
                code=code,
                actor=self.actor,
                kind=kind,
                amount=str(round(amount, 2)),
                method="cash",
                paid_at=self.clock.now - timedelta(hours=hours_ago),
            )

    @precondition(lambda self: self.codes)
    @rule(index=st.integers(0, 50), price=st.integers(1, 500), fee=st.integers(0, 50))
    def edit(self, index, price, fee):
        code = self.pick(index)
        currency = Order.objects.get(code=code).currency
        unit = str(price * 1000) if currency == "VND" else f"{price}.75"
        changes = OrderChanges(
            items=[factories.item_in(unit_price=unit)], shipping_fee=str(fee * 1000)
        )
        # A completed order needs a reason, which an admin gives.
        with contextlib.suppress(DomainError):
            order_edit(code=code, actor=self.actor, changes=changes, reason="Corrected")

    @precondition(lambda self: self.codes)
    @rule(index=st.integers(0, 50), assignee=st.sampled_from(ASSIGNEES))
    def assign(self, index, assignee):
        order_assign(code=self.pick(index), actor=self.actor, username=assignee)

    @rule()
    def convert_a_request(self):
        request = factories.make_consultation(self.actor, phone=f"0912 {len(self.codes):06d}")
        order = consultation_convert(
            code=request.code, actor=self.actor, data=factories.order_in(channel="phone")
        )
        self.codes.append(order.code)

    @rule(source=st.sampled_from(["web_form", "phone", "chat"]))
    def request_received(self, source):
        phone = f"0913 {len(self.requests):06d}"
        request = factories.make_consultation(self.actor, phone=phone, source=source)
        self.requests.append(request.code)

    @precondition(lambda self: self.requests)
    @rule(index=st.integers(0, 50), to=st.sampled_from(list(ConsultationStatus)))
    def request_moved(self, index, to):
        code = self.requests[index % len(self.requests)]
        with contextlib.suppress(DomainError):
            consultation_transition(code=code, actor=self.actor, to=to)

    @precondition(lambda self: self.requests)
    @rule(index=st.integers(0, 50), assignee=st.sampled_from(ASSIGNEES))
    def request_assigned(self, index, assignee):
        code = self.requests[index % len(self.requests)]
        with contextlib.suppress(DomainError):
            consultation_assign(code=code, actor=self.actor, username=assignee)

    @precondition(lambda self: self.requests)
    @rule(index=st.integers(0, 50))
    def request_answered_by_a_note(self, index):
        code = self.requests[index % len(self.requests)]
        with contextlib.suppress(DomainError):
            consultation_note_add(code=code, actor=self.actor, text="Called back")

    @invariant()
    def rollups_equal_a_recount(self):
        assert rollups_stored() == rollups_recompute()


@pytest.mark.django_db
def test_given_random_sequences_of_service_calls_then_rollups_equal_a_recount(clock, admin):
    factories.make_user("sales", "ann")
    factories.make_user("sales", "ben")
    RollupMachine.actor, RollupMachine.clock = admin, clock
    try:
        run = settings(stateful_step_count=25, deadline=None, max_examples=30)
        run_state_machine_as_test(RollupMachine, settings=run)
    finally:
        RollupMachine.actor = RollupMachine.clock = None


@pytest.mark.django_db
def test_given_an_order_at_business_midnight_then_it_counts_on_the_new_day(clock, admin):
    clock.set("2026-03-01 23:59:59")
    factories.make_order(admin)
    clock.set("2026-03-02 00:00:00")  # 2026-03-01 17:00 UTC: still the 1st in UTC
    factories.make_order(admin)

    days = dict(OrderDay.objects.values_list("day", "orders"))

    assert {day.isoformat(): n for day, n in days.items()} == {"2026-03-01": 1, "2026-03-02": 1}


@pytest.mark.django_db
def test_given_a_change_no_report_reads_then_no_rollup_is_touched(clock, admin, monkeypatch):
    order = factories.make_order(admin)
    added = []
    monkeypatch.setattr(rollups, "rollups_add", added.append)

    order_note_add(code=order.code, actor=admin, text="Called")
    order_tags_change(code=order.code, actor=admin, add=["vip"])

    assert added == []
