"""The order workflow and payment status: pure Python, no ORM, tested without a database.

One transition table decides which moves exist; one guard (`check_transition`) refuses the rest
with `order.invalid_transition`. Services perform the moves; every surface calls the services.
"""

from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orderdesk.core.errors import InvalidTransition
from orderdesk.core.roles import Perm


class OrderStatus(StrEnum):
    PENDING_CONFIRMATION = "pending_confirmation"  # newly created, waiting for staff to accept
    CONFIRMED = "confirmed"  # accepted by staff
    READY_TO_SHIP = "ready_to_ship"  # packed, prepared for delivery
    SHIPPING = "shipping"  # handed to the carrier, in transit
    DELIVERED = "delivered"  # delivery completed (completed: locked)
    CANCELLED = "cancelled"  # cancelled with a reason (completed: locked)

    @property
    def label(self) -> str:
        return str(ORDER_STATUS_LABELS[self])

    @property
    def is_completed(self) -> bool:
        return self in COMPLETED_STATUSES


ORDER_STATUS_LABELS = {
    OrderStatus.PENDING_CONFIRMATION: pgettext_lazy("order status", "Pending Confirmation"),
    OrderStatus.CONFIRMED: pgettext_lazy("order status", "Confirmed"),
    OrderStatus.READY_TO_SHIP: pgettext_lazy("order status", "Ready to Ship"),
    OrderStatus.SHIPPING: pgettext_lazy("order status", "Shipping"),
    OrderStatus.DELIVERED: pgettext_lazy("order status", "Delivered"),
    OrderStatus.CANCELLED: pgettext_lazy("order status", "Cancelled"),
}

COMPLETED_STATUSES = frozenset({OrderStatus.DELIVERED, OrderStatus.CANCELLED})

# (from, to) -> the permission that move needs.
TRANSITIONS: dict[tuple[OrderStatus, OrderStatus], Perm] = {
    (OrderStatus.PENDING_CONFIRMATION, OrderStatus.CONFIRMED): Perm.CONFIRM_ORDERS,
    (OrderStatus.CONFIRMED, OrderStatus.READY_TO_SHIP): Perm.FULFIL_ORDERS,
    (OrderStatus.READY_TO_SHIP, OrderStatus.SHIPPING): Perm.FULFIL_ORDERS,
    (OrderStatus.SHIPPING, OrderStatus.DELIVERED): Perm.FULFIL_ORDERS,
    (OrderStatus.PENDING_CONFIRMATION, OrderStatus.CANCELLED): Perm.CANCEL_ORDERS,
    (OrderStatus.CONFIRMED, OrderStatus.CANCELLED): Perm.CANCEL_ORDERS,
    (OrderStatus.READY_TO_SHIP, OrderStatus.CANCELLED): Perm.CANCEL_ORDERS,
    # A failed or returned delivery: only roles trusted with goods already out of the door.
    (OrderStatus.SHIPPING, OrderStatus.CANCELLED): Perm.CANCEL_SHIPPING_ORDERS,
}

# The action behind each target, used when the move itself does not exist: the permission is
# checked before the workflow, so a role that may not act gets 403 even for an illegal move.
ACTION_PERMISSIONS: dict[OrderStatus, Perm] = {
    OrderStatus.CONFIRMED: Perm.CONFIRM_ORDERS,
    OrderStatus.READY_TO_SHIP: Perm.FULFIL_ORDERS,
    OrderStatus.SHIPPING: Perm.FULFIL_ORDERS,
    OrderStatus.DELIVERED: Perm.FULFIL_ORDERS,
    OrderStatus.CANCELLED: Perm.CANCEL_ORDERS,
    OrderStatus.PENDING_CONFIRMATION: Perm.EDIT_ORDERS,
}

REASON_REQUIRED = frozenset({OrderStatus.CANCELLED})

# When each status was reached, as a field name on the order.
REACHED_AT_FIELD = {
    OrderStatus.CONFIRMED: "confirmed_at",
    OrderStatus.READY_TO_SHIP: "ready_to_ship_at",
    OrderStatus.SHIPPING: "shipping_at",
    OrderStatus.DELIVERED: "delivered_at",
    OrderStatus.CANCELLED: "cancelled_at",
}


def required_permission(current: OrderStatus, target: OrderStatus) -> Perm:
    """The permission a move needs, whether or not the workflow allows it."""
    return TRANSITIONS.get((current, target), ACTION_PERMISSIONS[target])


def allowed_targets(current: OrderStatus) -> list[OrderStatus]:
    return [to for (frm, to) in TRANSITIONS if frm == current]


def is_allowed(current: OrderStatus, target: OrderStatus) -> bool:
    return (current, target) in TRANSITIONS


def check_transition(code: str, current: OrderStatus, target: OrderStatus) -> None:
    if not is_allowed(current, target):
        raise InvalidTransition(
            _("%(code)s is %(status)s and cannot be moved to %(target)s.")
            % {"code": code, "status": current.label, "target": target.label}
        )


class PaymentStatus(StrEnum):
    UNPAID = "unpaid"  # nothing paid
    PARTIALLY_PAID = "partially_paid"  # something paid, less than the total
    PAID = "paid"  # the total (or more) paid
    PARTIALLY_REFUNDED = "partially_refunded"  # some of what was paid given back
    REFUNDED = "refunded"  # everything paid given back

    @property
    def label(self) -> str:
        return str(PAYMENT_STATUS_LABELS[self])


PAYMENT_STATUS_LABELS = {
    PaymentStatus.UNPAID: pgettext_lazy("payment status", "Unpaid"),
    PaymentStatus.PARTIALLY_PAID: pgettext_lazy("payment status", "Partially paid"),
    PaymentStatus.PAID: pgettext_lazy("payment status", "Paid"),
    PaymentStatus.PARTIALLY_REFUNDED: pgettext_lazy("payment status", "Partially refunded"),
    PaymentStatus.REFUNDED: pgettext_lazy("payment status", "Refunded"),
}


def balance_due(*, total, paid, refunded):
    """What the customer still owes: the total less what was paid and not refunded."""
    return total - (paid - refunded)


def derive_payment_status(*, total: Decimal, paid: Decimal, refunded: Decimal) -> PaymentStatus:
    """The payment status the ledger implies; never set by hand."""
    if refunded > 0:
        return PaymentStatus.REFUNDED if refunded >= paid else PaymentStatus.PARTIALLY_REFUNDED
    if paid <= 0:
        return PaymentStatus.UNPAID
    return PaymentStatus.PAID if paid >= total else PaymentStatus.PARTIALLY_PAID


def is_overpaid(*, total: Decimal, paid: Decimal, refunded: Decimal) -> bool:
    return paid - refunded > total
