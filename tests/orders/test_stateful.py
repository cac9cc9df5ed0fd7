"""Orders under random sequences of commands: the workflow, the ledger, the counters and the
timeline stay consistent whatever the order of events.

Each Hypothesis example runs inside a savepoint that is rolled back at teardown, so examples are
independent and fast on SQLite and PostgreSQL alike; one admin actor is reused throughout.
"""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, Sum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from orderdesk.core.errors import (
    InvalidTransition,
    OrderLocked,
    ValidationFailed,
    VersionMismatch,
)
from orderdesk.core.money import to_money
from orderdesk.orders.models import Order, OrderEvent, Payment
from orderdesk.orders.selectors import order_status_counts
from orderdesk.orders.services import order_create, order_edit, order_transition, payment_record
from orderdesk.orders.services.editing import OrderChanges
from orderdesk.orders.status import (
    COMPLETED_STATUSES,
    OrderStatus,
    derive_payment_status,
    is_allowed,
)
from tests.factories import actor_for, item_in, order_in, real_order_counts

CURRENCIES = ("VND", "USD")


def money_in(currency: str, max_units: int = 500):
    """A money amount as a string: whole dong for VND, dollars and cents for USD."""
    if currency == "VND":
        return st.integers(0, max_units).map(lambda n: str(n * 1000))
    return st.integers(0, max_units * 100).map(lambda cents: str(Decimal(cents) / 100))


@st.composite
def items_in(draw, currency: str):
    count = draw(st.integers(1, 3))
    return [
        item_in(
            name=f"Item {i}",
            sku=f"SKU-{i}",
            quantity=draw(st.integers(1, 5)),
            unit_price=draw(money_in(currency)),
        )
        for i in range(count)
    ]


@dataclass
class Model:
    """What the test believes about one order."""

    currency: str
    status: OrderStatus = OrderStatus.PENDING_CONFIRMATION
    subtotal: Decimal = Decimal(0)
    shipping_fee: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    refunded: Decimal = Decimal(0)
    events: int = 1
    history: list = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_fee - self.discount


def subtotal_of(items, currency: str) -> Decimal:
    return sum((to_money(item.unit_price, currency) * item.quantity for item in items), Decimal(0))


class OrderMachine(RuleBasedStateMachine):
    actor = None  # one admin Actor, set by the test function

    def __init__(self):
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        self.models: dict[str, Model] = {}

    def teardown(self):
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    # --- helpers ---------------------------------------------------------------------------
    def pick(self, index: int) -> tuple[str, Model]:
        codes = sorted(self.models)
        code = codes[index % len(codes)]
        return code, self.models[code]

    def state(self, code: str) -> tuple[int, int]:
        """(version, number of events) of one order in the database."""
        version = Order.objects.values_list("version", flat=True).get(code=code)
        return version, OrderEvent.objects.filter(order__code=code).count()

    def assert_unchanged(self, code: str, before: tuple[int, int]) -> None:
        assert self.state(code) == before, "a refused command changed the order"

    def assert_one_change(self, code: str, before: tuple[int, int]) -> None:
        version, count = self.state(code)
        assert version == before[0] + 1
        assert count == before[1] + 1, "a change must write exactly one event"
        self.models[code].events += 1

    # --- rules -----------------------------------------------------------------------------
    @rule(data=st.data(), currency=st.sampled_from(CURRENCIES))
    def create(self, data, currency):
        items = data.draw(items_in(currency), label="items")
        shipping_fee = data.draw(money_in(currency, 50), label="shipping_fee")
        subtotal = subtotal_of(items, currency)
        ceiling = subtotal + to_money(shipping_fee, currency)
        share = data.draw(st.integers(0, 100), label="discount %")
        discount = to_money(ceiling * share // 100, currency)

        order = order_create(
            actor=self.actor,
            data=order_in(
                items=items, shipping_fee=shipping_fee, discount=str(discount), currency=currency
            ),
        )

        assert order.status == OrderStatus.PENDING_CONFIRMATION
        self.models[order.code] = Model(
            currency=currency,
            subtotal=subtotal,
            shipping_fee=to_money(shipping_fee, currency),
            discount=discount,
        )
        assert self.state(order.code) == (1, 1)

    @precondition(lambda self: self.models)
    @rule(
        index=st.integers(0, 50),
        data=st.data(),
        change_items=st.booleans(),
        change_fee=st.booleans(),
        change_discount=st.booleans(),
        with_reason=st.booleans(),
    )
    def edit(self, index, data, change_items, change_fee, change_discount, with_reason):
        code, model = self.pick(index)
        currency = model.currency
        changes = OrderChanges()
        subtotal, shipping_fee, discount = model.subtotal, model.shipping_fee, model.discount
        if change_items:
            changes.items = data.draw(items_in(currency), label="new items")
            subtotal = subtotal_of(changes.items, currency)
        if change_fee:
            changes.shipping_fee = data.draw(money_in(currency, 50), label="new fee")
            shipping_fee = to_money(changes.shipping_fee, currency)
        if change_discount:
            # Up to twice what the order is worth: sometimes too large on purpose.
            share = data.draw(st.integers(0, 200), label="new discount %")
            discount = to_money((model.subtotal + model.shipping_fee) * share // 100, currency)
            changes.discount = str(discount)
        reason = "Customer called" if with_reason else ""
        before = self.state(code)
        was_completed = model.status in COMPLETED_STATUSES

        try:
            order_edit(code=code, actor=self.actor, changes=changes, reason=reason)
        except OrderLocked:
            assert was_completed and not with_reason
            self.assert_unchanged(code, before)
            return
        except ValidationFailed as error:
            assert subtotal + shipping_fee - discount < 0
            assert {e["field"] for e in error.errors} == {"discount"}
            self.assert_unchanged(code, before)
            return

        assert not (was_completed and not with_reason), "a completed order was edited freely"
        assert subtotal + shipping_fee - discount >= 0
        changed = (subtotal, shipping_fee, discount) != (
            model.subtotal,
            model.shipping_fee,
            model.discount,
        )
        model.subtotal, model.shipping_fee, model.discount = subtotal, shipping_fee, discount
        version, count = self.state(code)
        assert version - before[0] in (0, 1)
        assert count - before[1] == version - before[0], "one event per saved change"
        if changed:
            assert version == before[0] + 1, "a change of totals was not saved"
        if version != before[0]:
            model.events += 1
            event = OrderEvent.objects.filter(order__code=code).latest("id")
            assert event.type == "edited"
            assert event.actor_label == self.actor.label
            if was_completed:
                assert event.data["reason"] == reason

    @precondition(lambda self: self.models)
    @rule(
        index=st.integers(0, 50),
        to=st.sampled_from(list(OrderStatus)),
        with_reason=st.integers(0, 9),
        stale=st.integers(0, 9),
    )
    def move(self, index, to, with_reason, stale):
        target = to
        code, model = self.pick(index)
        before = self.state(code)
        reason = "" if with_reason == 0 else "Because"  # mostly with a reason
        stale_version = before[0] - 1 if stale == 0 and before[0] > 1 else None

        try:
            order_transition(
                code=code,
                actor=self.actor,
                to=target,
                reason=reason,
                expected_version=stale_version,
            )
        except ValidationFailed:
            assert target == OrderStatus.CANCELLED and not reason
            self.assert_unchanged(code, before)
            return
        except VersionMismatch:
            assert stale_version is not None
            self.assert_unchanged(code, before)
            return
        except InvalidTransition:
            assert not is_allowed(model.status, target)
            self.assert_unchanged(code, before)
            return

        assert stale_version is None
        assert is_allowed(model.status, target), f"{model.status} -> {target} succeeded"
        assert model.status not in COMPLETED_STATUSES
        self.assert_one_change(code, before)
        model.history.append((model.status, target))
        model.status = target

    @precondition(lambda self: self.models)
    @rule(
        index=st.integers(0, 50),
        kind=st.sampled_from(["payment", "refund"]),
        eighths=st.integers(-1, 12),
    )
    def pay(self, index, kind, eighths):
        code, model = self.pick(index)
        base = model.total if model.total > 0 else Decimal(8000)
        amount = to_money(base * eighths / 8, model.currency)
        before = self.state(code)

        try:
            payment_record(
                code=code, actor=self.actor, kind=kind, amount=str(amount), method="cash"
            )
        except ValidationFailed as error:
            assert {e["field"] for e in error.errors} == {"amount"}
            assert amount <= 0 or (kind == "refund" and amount > model.paid - model.refunded)
            self.assert_unchanged(code, before)
            return

        assert amount > 0
        if kind == "refund":
            assert amount <= model.paid - model.refunded
            model.refunded += amount
        else:
            model.paid += amount
        self.assert_one_change(code, before)

    # --- invariants ------------------------------------------------------------------------
    @invariant()
    def orders_match_the_model_and_the_ledger(self):
        if not self.models:
            return
        ledger: dict[tuple[int, str], Decimal] = {
            (order_id, kind): total
            for order_id, kind, total in Payment.objects.filter(order__code__in=self.models)
            .values("order_id", "kind")
            .annotate(total=Sum("amount"))
            .values_list("order_id", "kind", "total")
        }
        event_counts = dict(
            OrderEvent.objects.filter(order__code__in=self.models)
            .values("order__code")
            .annotate(n=Count("id"))
            .values_list("order__code", "n")
        )
        for order in Order.objects.filter(code__in=self.models):
            model = self.models[order.code]
            paid = ledger.get((order.pk, "payment"), Decimal(0))
            refunded = ledger.get((order.pk, "refund"), Decimal(0))
            assert order.status == model.status
            assert order.subtotal == model.subtotal
            assert order.shipping_fee == model.shipping_fee
            assert order.discount == model.discount
            assert order.total == order.subtotal + order.shipping_fee - order.discount
            assert order.total == model.total
            assert order.amount_paid == paid == model.paid
            assert order.amount_refunded == refunded == model.refunded
            assert refunded <= paid
            assert order.payment_status == derive_payment_status(
                total=order.total, paid=paid, refunded=refunded
            )
            assert event_counts[order.code] == model.events

    @invariant()
    def counters_equal_real_counts(self):
        assert order_status_counts() == real_order_counts()


@pytest.mark.django_db
def test_given_random_command_sequences_then_orders_stay_consistent():
    OrderMachine.actor = actor_for("admin")
    try:
        run_state_machine_as_test(
            OrderMachine, settings=settings(stateful_step_count=15, deadline=None)
        )
    finally:
        OrderMachine.actor = None
