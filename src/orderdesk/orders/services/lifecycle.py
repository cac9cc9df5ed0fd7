"""Moving an order through its workflow; the rules themselves are in orders.status."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.counters import counter_move
from orderdesk.core.errors import PermissionDenied, ValidationFailed
from orderdesk.core.outbox import announce
from orderdesk.orders import domain
from orderdesk.orders.events import order_status_changed_event
from orderdesk.orders.models import Order
from orderdesk.orders.selectors import COUNTER_KIND
from orderdesk.orders.services.common import (
    order_check_version,
    order_lock,
    order_refresh_search_text,
    order_touch,
)
from orderdesk.orders.status import (
    REACHED_AT_FIELD,
    REASON_REQUIRED,
    OrderStatus,
    check_transition,
    required_permission,
)


def parse_order_status(value: object, field_name: str = "to") -> OrderStatus:
    try:
        return OrderStatus(str(value))
    except ValueError:
        raise ValidationFailed.for_field(
            field_name,
            _("Unknown status %(value)s; use one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(OrderStatus)},
        ) from None


def move_input_clean(
    target: OrderStatus, reason: str, carrier: str, tracking_number: str = ""
) -> tuple[str, str, str]:
    """A move's free-text input, checked (422): a cancel needs a reason; lengths are bounded."""
    reason = (reason or "").strip()
    errors = domain.Errors()
    if target in REASON_REQUIRED and not reason:
        errors.add("reason", _("Say why the order is cancelled."))
    reason = domain.clean_optional(reason, "reason", errors, 1000)
    carrier = domain.clean_optional(carrier, "carrier", errors, 100)
    tracking_number = domain.clean_optional(tracking_number, "tracking_number", errors, 100)
    errors.raise_if_any()
    return reason, carrier, tracking_number


def move_permission_require(actor: Actor, current: OrderStatus, target: OrderStatus) -> None:
    # The message is translated only when refused: a bulk move checks every order of a chunk.
    if not actor.has_perm(required_permission(current, target)):
        raise PermissionDenied(
            _("You may not move orders to %(target)s.") % {"target": target.label}
        )


def move_apply(
    order: Order, target: OrderStatus, now, *, reason: str, carrier: str
) -> tuple[list[str], dict[str, str]]:
    """Set what a move to `target` changes on `order` (not saved): the changed field names, and
    the details its timeline event records. One definition for single and bulk moves."""
    fields = ["status", "status_changed_at", REACHED_AT_FIELD[target]]
    order.status = target
    order.status_changed_at = now
    setattr(order, REACHED_AT_FIELD[target], now)
    extra: dict[str, str] = {}
    if target == OrderStatus.CANCELLED:
        order.cancel_reason = reason
        fields.append("cancel_reason")
    if reason:
        extra["reason"] = reason
    if carrier:
        order.carrier = carrier
        fields.append("carrier")
        extra["carrier"] = carrier
    return fields, extra


def order_transition(
    *,
    code: str,
    actor: Actor,
    to: object,
    reason: str = "",
    carrier: str = "",
    tracking_number: str = "",
    expected_version: int | None = None,
) -> Order:
    """Move one order to `to`.

    Checks, in this order: the input (422), the order exists for this actor (404), the actor's
    permission for this move (403, even when the move is also illegal), the version (412),
    the workflow (409).
    """
    target = parse_order_status(to)
    reason, carrier, tracking_number = move_input_clean(target, reason, carrier, tracking_number)

    with transaction.atomic():
        order = order_lock(code=code, actor=actor)
        current = order.status_enum
        move_permission_require(actor, current, target)
        order_check_version(order, expected_version)
        check_transition(order.code, current, target)

        now = timezone.now()
        fields, extra = move_apply(order, target, now, reason=reason, carrier=carrier)
        if tracking_number:
            order.tracking_number = tracking_number
            fields.append("tracking_number")
            extra["tracking_number"] = tracking_number
            order_refresh_search_text(order)
            fields.append("search_text")
        order_touch(order, now, fields)
        counter_move(kind=COUNTER_KIND, old=current, new=target)
        order_status_changed_event(
            order=order, actor=actor, at=now, old=current, new=target, extra=extra
        )
        announce("order.status_changed", {"code": order.code, "from": current, "to": target})
    return order


def order_confirm(*, code: str, actor: Actor, expected_version: int | None = None) -> Order:
    return order_transition(
        code=code, actor=actor, to=OrderStatus.CONFIRMED, expected_version=expected_version
    )


def order_mark_ready_to_ship(*, code: str, actor: Actor, expected_version: int | None = None):
    return order_transition(
        code=code, actor=actor, to=OrderStatus.READY_TO_SHIP, expected_version=expected_version
    )


def order_ship(
    *, code: str, actor: Actor, carrier: str = "", tracking_number: str = "", expected_version=None
) -> Order:
    return order_transition(
        code=code,
        actor=actor,
        to=OrderStatus.SHIPPING,
        carrier=carrier,
        tracking_number=tracking_number,
        expected_version=expected_version,
    )


def order_deliver(*, code: str, actor: Actor, expected_version: int | None = None) -> Order:
    return order_transition(
        code=code, actor=actor, to=OrderStatus.DELIVERED, expected_version=expected_version
    )


def order_cancel(*, code: str, actor: Actor, reason: str, expected_version=None) -> Order:
    return order_transition(
        code=code,
        actor=actor,
        to=OrderStatus.CANCELLED,
        reason=reason,
        expected_version=expected_version,
    )
