"""One order: everything about it, and the actions this user may take on it now."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from orderdesk.core.errors import NotFound
from orderdesk.core.roles import Perm
from orderdesk.orders.forms import AssignForm, NoteForm, PaymentForm
from orderdesk.orders.models import PaymentMethod
from orderdesk.orders.selectors import (
    order_available_moves,
    order_get,
    order_tags,
    order_timeline,
)
from orderdesk.orders.status import OrderStatus, is_overpaid
from orderdesk.web.feedback import raise_http
from orderdesk.web.views import staff_view

# The button label of each move, as a person would say it.
MOVE_LABELS = {
    OrderStatus.CONFIRMED: _("Confirm"),
    OrderStatus.READY_TO_SHIP: _("Mark ready to ship"),
    OrderStatus.SHIPPING: _("Mark as shipped"),
    OrderStatus.DELIVERED: _("Mark as delivered"),
    OrderStatus.CANCELLED: _("Cancel order"),
}


def order_detail_context(request, order) -> dict:
    actor = request.actor
    return {
        "order": order,
        "items": list(order.items.all()),
        "payments": list(order.payments.select_related("recorded_by")),
        "tags": order_tags(order),
        "events": order_timeline(order),
        "moves": [(target, MOVE_LABELS[target]) for target in order_available_moves(order, actor)],
        "overpaid": is_overpaid(
            total=order.total, paid=order.amount_paid, refunded=order.amount_refunded
        ),
        "consultation": getattr(order, "consultation_request", None),
        "can_edit": actor.has_perm(Perm.EDIT_ORDERS)
        and (not order.is_completed or actor.has_perm(Perm.EDIT_COMPLETED_ORDERS)),
        "can_annotate": actor.has_perm(Perm.ANNOTATE_ORDERS),
        "can_pay": actor.has_perm(Perm.RECORD_PAYMENTS),
        "can_refund": actor.has_perm(Perm.RECORD_REFUNDS)
        and order.amount_paid > order.amount_refunded,
        "payment_methods": PaymentMethod.choices,
        "note_form": NoteForm(),
        "assign_form": AssignForm(
            initial={"assigned_to": order.assigned_to and order.assigned_to.username}
        ),
        "payment_form": PaymentForm(),
    }


@staff_view(Perm.VIEW_ORDERS)
def order_detail(request, code):
    try:
        order = order_get(code=code, actor=request.actor)
    except NotFound as error:
        raise_http(error)
    return render(request, "orders/detail.html", order_detail_context(request, order))
