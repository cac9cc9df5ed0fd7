"""Actions on one order from its detail page: each is a POST that calls one service, then
returns to the order with a message saying what happened (or why nothing did)."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _

from orderdesk.core.roles import Perm
from orderdesk.orders.forms import AssignForm, NoteForm, PaymentForm, TagForm, TransitionForm
from orderdesk.orders.services import (
    order_assign,
    order_note_add,
    order_tags_change,
    order_transition,
    payment_record,
)
from orderdesk.orders.status import OrderStatus
from orderdesk.web.views import run_action, staff_view


def _run(request, code: str, form, command):
    return run_action(request, form, command, back=redirect("orders:detail", code=code))


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_transition_view(request, code):
    def move(data):
        order = order_transition(
            code=code,
            actor=request.actor,
            to=data["to"],
            reason=data["reason"],
            carrier=data["carrier"],
            tracking_number=data["tracking_number"],
            expected_version=data["version"],
        )
        return _("%(code)s is now %(status)s.") % {
            "code": order.code,
            "status": OrderStatus(order.status).label,
        }

    return _run(request, code, TransitionForm(request.POST), move)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_payment_view(request, code):
    def record(data):
        payment = payment_record(
            code=code,
            actor=request.actor,
            kind=data["kind"],
            amount=data["amount"],
            method=data["method"],
            reference=data["reference"],
        )
        if payment.kind == "refund":
            return _("Refund of %(amount)s recorded.") % {"amount": payment.amount}
        return _("Payment of %(amount)s recorded.") % {"amount": payment.amount}

    return _run(request, code, PaymentForm(request.POST), record)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_note_view(request, code):
    def note(data):
        order_note_add(code=code, actor=request.actor, text=data["text"])
        return _("Note added.")

    return _run(request, code, NoteForm(request.POST), note)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_assign_view(request, code):
    def assign(data):
        username = data["assigned_to"] or None
        order_assign(code=code, actor=request.actor, username=username)
        return _("Assigned to %s.") % username if username else _("Unassigned.")

    return _run(request, code, AssignForm(request.POST), assign)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_tags_view(request, code):
    def tags(data):
        add = [data["add"]] if data["add"] else []
        remove = [data["remove"]] if data["remove"] else []
        order_tags_change(code=code, actor=request.actor, add=add, remove=remove)
        return _("Tags updated.")

    return _run(request, code, TagForm(request.POST), tags)
