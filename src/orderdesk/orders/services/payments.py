"""The payment ledger: payments and refunds; the order's payment status follows from it."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.money import MAX_AMOUNT
from orderdesk.core.outbox import announce
from orderdesk.core.roles import Perm
from orderdesk.orders import domain
from orderdesk.orders.events import order_payment_event
from orderdesk.orders.models import Payment, PaymentKind, PaymentMethod
from orderdesk.orders.services.common import order_check_version, order_lock, order_touch
from orderdesk.orders.status import derive_payment_status, is_overpaid
from orderdesk.reports.rollups import rollups_payment_recorded


def payment_record(
    *,
    code: str,
    actor: Actor,
    kind: str,
    amount: object,
    method: str,
    reference: str = "",
    paid_at=None,
    expected_version: int | None = None,
) -> Payment:
    """Record a payment or a refund. Amounts are positive; a refund never exceeds what was
    paid less what was already refunded. Payments over the total are accepted and flagged
    (the customer may have paid twice), never silently dropped."""
    errors = domain.Errors()
    if kind not in PaymentKind.values:
        errors.add("kind", _("Choose payment or refund."))
    if method not in PaymentMethod.values:
        errors.add("method", _("Choose one of: %s.") % ", ".join(PaymentMethod.values))
    reference = domain.clean_optional(reference, "reference", errors, 255)
    now = timezone.now()
    paid_at = domain.clean_moment(paid_at, "paid_at", errors)
    if paid_at is not None and paid_at > now + timedelta(minutes=5):
        errors.add("paid_at", _("A payment cannot be in the future."))
    errors.raise_if_any()

    with transaction.atomic():
        order = order_lock(code=code, actor=actor)
        if kind == PaymentKind.REFUND:
            actor.require(Perm.RECORD_REFUNDS, _("You may not record refunds."))
        else:
            actor.require(Perm.RECORD_PAYMENTS, _("You may not record payments."))
        order_check_version(order, expected_version)
        value = domain.clean_money(amount, order.currency, "amount", errors, allow_zero=False)
        errors.raise_if_any()
        if kind == PaymentKind.REFUND:
            refundable = order.amount_paid - order.amount_refunded
            if value > refundable:
                errors.add(
                    "amount",
                    _("A refund cannot exceed what was paid: at most %(max)s %(currency)s.")
                    % {"max": refundable, "currency": order.currency},
                )
                errors.raise_if_any()
            order.amount_refunded += value
        else:
            if order.amount_paid + value > MAX_AMOUNT:
                errors.add(
                    "amount", _("The payments of this order would exceed what can be stored.")
                )
                errors.raise_if_any()
            order.amount_paid += value
        order.payment_status = derive_payment_status(
            total=order.total, paid=order.amount_paid, refunded=order.amount_refunded
        )
        payment = Payment.objects.create(
            order=order,
            kind=kind,
            amount=value,
            method=method,
            reference=reference,
            paid_at=paid_at or now,
            recorded_by=actor.user,
            recorded_by_api_key=actor.api_key,
            recorded_by_label=actor.label,
        )
        rollups_payment_recorded(payment, currency=order.currency)
        order_touch(order, now, ["amount_paid", "amount_refunded", "payment_status"])
        order_payment_event(order=order, actor=actor, at=now, payment=payment)
        announce(
            "order.payment_recorded",
            {
                "code": order.code,
                "kind": kind,
                "amount": str(value),
                "payment_status": order.payment_status,
                "overpaid": is_overpaid(
                    total=order.total, paid=order.amount_paid, refunded=order.amount_refunded
                ),
            },
        )
    return payment
