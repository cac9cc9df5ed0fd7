"""Actions on one order from its detail page: each is a POST that calls one service, then
returns to the order with a message saying what happened (or why nothing did)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from orderdesk.core.errors import DomainError
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
from orderdesk.web.feedback import flash_error
from orderdesk.web.views import staff_view


def _back(code: str):
    return redirect("orders:detail", code=code)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_transition_view(request, code):
    form = TransitionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(code)
    data = form.cleaned_data
    try:
        order = order_transition(
            code=code,
            actor=request.actor,
            to=data["to"],
            reason=data["reason"],
            carrier=data["carrier"],
            tracking_number=data["tracking_number"],
            expected_version=data["version"],
        )
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(
            request,
            _("%(code)s is now %(status)s.")
            % {"code": order.code, "status": OrderStatus(order.status).label},
        )
    return _back(code)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_payment_view(request, code):
    form = PaymentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(code)
    data = form.cleaned_data
    try:
        payment = payment_record(
            code=code,
            actor=request.actor,
            kind=data["kind"],
            amount=data["amount"],
            method=data["method"],
            reference=data["reference"],
        )
    except DomainError as error:
        flash_error(request, error)
    else:
        message = (
            _("Refund of %(amount)s recorded.")
            if payment.kind == "refund"
            else _("Payment of %(amount)s recorded.")
        )
        messages.success(request, message % {"amount": payment.amount})
    return _back(code)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_note_view(request, code):
    form = NoteForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(code)
    try:
        order_note_add(code=code, actor=request.actor, text=form.cleaned_data["text"])
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Note added."))
    return _back(code)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_assign_view(request, code):
    form = AssignForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(code)
    username = form.cleaned_data["assigned_to"] or None
    try:
        order_assign(code=code, actor=request.actor, username=username)
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Assigned to %s.") % username if username else _("Unassigned."))
    return _back(code)


@staff_view(Perm.VIEW_ORDERS, post_only=True)
def order_tags_view(request, code):
    form = TagForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(code)
    add = [form.cleaned_data["add"]] if form.cleaned_data["add"] else []
    remove = [form.cleaned_data["remove"]] if form.cleaned_data["remove"] else []
    try:
        order_tags_change(code=code, actor=request.actor, add=add, remove=remove)
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Tags updated."))
    return _back(code)
