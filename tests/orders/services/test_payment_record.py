"""payment_record: the ledger, refunds bounded by what was paid, payment status from the ledger."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from orderdesk.core.errors import PermissionDenied, ValidationFailed, VersionMismatch
from orderdesk.orders.models import Payment
from orderdesk.orders.services import payment_record
from orderdesk.orders.status import OrderStatus, PaymentStatus, derive_payment_status
from tests.factories import events, ledger_sums, make_order, reload, snapshot

pytestmark = pytest.mark.django_db


def pay(order, actor, amount, kind="payment", **kwargs):
    return payment_record(
        code=order.code, actor=actor, kind=kind, amount=amount, method="bank_transfer", **kwargs
    )


def assert_ledger_consistent(order):
    stored = reload(order)
    paid, refunded = ledger_sums(stored)
    assert stored.amount_paid == paid
    assert stored.amount_refunded == refunded
    assert stored.payment_status == derive_payment_status(
        total=stored.total, paid=paid, refunded=refunded
    )
    return stored


def test_given_a_payment_when_recorded_then_ledger_row_event_and_status(admin):
    order = make_order(admin)  # total 330000

    payment = pay(order, admin, "100000", reference="VCB-001")

    stored = assert_ledger_consistent(order)
    assert stored.payment_status == PaymentStatus.PARTIALLY_PAID
    assert stored.amount_paid == Decimal("100000")
    assert stored.version == order.version + 1
    assert payment.kind == "payment"
    assert payment.amount == Decimal("100000")
    assert payment.recorded_by == admin.user
    assert payment.recorded_by_label == admin.user.get_username()
    recorded = events(stored, "payment_recorded")
    assert len(recorded) == 1
    assert recorded[0].data == {
        "payment_id": payment.pk,
        "amount": "100000",
        "method": "bank_transfer",
        "reference": "VCB-001",
        "payment_status": "partially_paid",
    }
    assert recorded[0].actor_label == admin.user.get_username()


def test_given_payments_and_refunds_then_status_follows_the_ledger_step_by_step(admin):
    order = make_order(admin)  # total 330000

    steps = [
        ("payment", "130000", PaymentStatus.PARTIALLY_PAID),
        ("payment", "200000", PaymentStatus.PAID),
        ("refund", "30000", PaymentStatus.PARTIALLY_REFUNDED),
        ("refund", "300000", PaymentStatus.REFUNDED),
    ]
    for kind, amount, expected in steps:
        pay(order, admin, amount, kind=kind)
        assert assert_ledger_consistent(order).payment_status == expected

    assert [e.type for e in events(order)][1:] == [
        "payment_recorded",
        "payment_recorded",
        "refund_recorded",
        "refund_recorded",
    ]


def test_given_an_overpayment_then_it_is_accepted_and_marked_paid(admin):
    order = make_order(admin)

    pay(order, admin, "500000")

    stored = assert_ledger_consistent(order)
    assert stored.payment_status == PaymentStatus.PAID
    assert stored.amount_paid == Decimal("500000")
    assert stored.balance_due == Decimal("-170000")


def test_given_usd_then_amounts_round_to_cents(admin):
    order = make_order(admin, currency="USD", shipping_fee="0")  # 2 × 150000.00

    payment = pay(order, admin, "10.005")

    assert payment.amount == Decimal("10.01")
    assert_ledger_consistent(order)


@pytest.mark.parametrize("amount", ["0", "-1", "-100000", "abc", "", "NaN", "1e13"])
@pytest.mark.parametrize("kind", ["payment", "refund"])
def test_given_a_non_positive_or_bad_amount_then_refused_and_nothing_changes(admin, amount, kind):
    order = make_order(admin)
    pay(order, admin, "330000")
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        pay(order, admin, amount, kind=kind)

    assert [e["field"] for e in refused.value.errors] == ["amount"]
    assert snapshot() == before


def test_given_nothing_paid_then_any_refund_is_refused(admin):
    order = make_order(admin)
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        pay(order, admin, "1", kind="refund")

    assert [e["field"] for e in refused.value.errors] == ["amount"]
    assert snapshot() == before


def test_given_refunds_then_they_never_exceed_paid_minus_refunded(admin):
    order = make_order(admin)
    pay(order, admin, "200000")
    pay(order, admin, "150000", kind="refund")
    before = snapshot()

    with pytest.raises(ValidationFailed) as refused:
        pay(order, admin, "50001", kind="refund")
    assert "50000" in refused.value.message
    assert snapshot() == before

    pay(order, admin, "50000", kind="refund")  # exactly what is left
    stored = assert_ledger_consistent(order)
    assert stored.payment_status == PaymentStatus.REFUNDED

    with pytest.raises(ValidationFailed):
        pay(order, admin, "1", kind="refund")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "gift"}, "kind"),
        ({"method": "barter"}, "method"),
        ({"reference": "x" * 256}, "reference"),
        ({"paid_at": "future"}, "paid_at"),
    ],
)
def test_given_invalid_payment_fields_then_refused_and_nothing_changes(admin, changes, field):
    order = make_order(admin)
    before = snapshot()
    arguments = {"kind": "payment", "amount": "1000", "method": "cash", **changes}
    if arguments.get("paid_at") == "future":
        arguments["paid_at"] = timezone.now() + timedelta(days=1)

    with pytest.raises(ValidationFailed) as refused:
        payment_record(code=order.code, actor=admin, **arguments)

    assert field in {e["field"] for e in refused.value.errors}
    assert snapshot() == before


def test_given_a_past_paid_at_then_it_is_kept(admin):
    order = make_order(admin)
    yesterday = timezone.now() - timedelta(days=1)

    payment = pay(order, admin, "1000", paid_at=yesterday)

    assert Payment.objects.get(pk=payment.pk).paid_at == yesterday


def test_given_a_stale_version_then_version_mismatch_and_nothing_changes(admin):
    order = make_order(admin)
    pay(order, admin, "1000")
    before = snapshot()

    with pytest.raises(VersionMismatch):
        pay(order, admin, "1000", expected_version=1)

    assert snapshot() == before


def test_given_a_cancelled_paid_order_then_a_refund_is_still_possible(admin):
    order = make_order(admin)
    pay(order, admin, "330000")
    from tests.factories import move_order

    move_order(order.code, OrderStatus.CANCELLED, admin)

    pay(order, admin, "330000", kind="refund")

    assert assert_ledger_consistent(order).payment_status == PaymentStatus.REFUNDED


def test_given_sales_then_payments_yes_refunds_no(admin, sales):
    order = make_order(admin)
    pay(order, sales, "1000")
    before = snapshot()

    with pytest.raises(PermissionDenied):
        pay(order, sales, "1000", kind="refund")

    assert snapshot() == before


def test_given_payments_beyond_what_can_be_stored_then_a_validation_error_not_a_crash(admin):
    order = make_order(admin)
    pay(order, admin, "999999999999")
    before = snapshot()

    with pytest.raises(ValidationFailed):
        pay(order, admin, "999999999999")

    assert snapshot() == before
