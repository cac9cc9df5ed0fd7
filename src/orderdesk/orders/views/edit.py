"""Creating and editing an order: customer, address, item rows, fees, note, tags, assignee."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.errors import DomainError, ValidationFailed, VersionMismatch
from orderdesk.core.money import money_str
from orderdesk.core.roles import Perm
from orderdesk.orders.forms import ItemFormSet, OrderForm, items_from_formset
from orderdesk.orders.selectors import order_get, order_tags, order_timeline
from orderdesk.orders.services import order_create, order_edit
from orderdesk.web.feedback import raise_http
from orderdesk.web.views import staff_view

ADDRESS_KEYS = ("recipient", "phone", "line1", "line2", "ward", "district", "city", "province",
                "postal_code", "country")  # fmt: skip


def _render(request, form, formset, *, order=None, conflict_events=None, status=200):
    if order is not None and order.is_completed:
        form.fields["reason"].required = True
    return render(
        request,
        "orders/edit.html",
        {
            "form": form,
            "formset": formset,
            "order": order,
            "locked": bool(order and order.is_completed),
            "conflict_events": conflict_events,
            "loaded_at": timezone.now().isoformat(),
        },
        status=status,
    )


def apply_domain_errors(form, formset, error: ValidationFailed) -> None:
    for item_error in form.add_domain_errors(error.errors):
        parts = item_error["field"].split(".")
        if len(parts) == 3 and parts[1].isdigit():
            rows = [f for f in formset.forms if f.cleaned_data and not f.is_blank()]
            index = int(parts[1])
            if index < len(rows) and parts[2] in rows[index].fields:
                rows[index].add_error(parts[2], item_error["message"])
                continue
        form.add_error(None, item_error["message"])


@staff_view(Perm.CREATE_ORDERS)
def order_create_view(request):
    if request.method != "POST":
        form = OrderForm(initial={"ship_country": "VN"})
        return _render(request, form, ItemFormSet(prefix="items", initial=[{"quantity": "1"}]))
    form = OrderForm(request.POST)
    formset = ItemFormSet(request.POST, prefix="items")
    if not (form.is_valid() and formset.is_valid()):
        return _render(request, form, formset, status=422)
    try:
        order = order_create(actor=request.actor, data=form.order_in(items_from_formset(formset)))
    except ValidationFailed as error:
        apply_domain_errors(form, formset, error)
        return _render(request, form, formset, status=422)
    except DomainError as error:
        raise_http(error)
        form.add_error(None, error.message)
        return _render(request, form, formset, status=error.http_status)
    messages.success(request, _("Order %s created.") % order.code)
    return redirect(order.get_absolute_url())


def _initial(order) -> tuple[dict, list[dict]]:
    initial = {
        "customer_name": order.customer_name,
        "customer_phone": order.customer_phone,
        "customer_email": order.customer_email,
        **{f"ship_{key}": getattr(order, f"ship_{key}") for key in ADDRESS_KEYS},
        "channel": order.channel,
        "shipping_fee": money_str(order.shipping_fee, order.currency),
        "discount": money_str(order.discount, order.currency),
        "note": order.note,
        "tags": ", ".join(order_tags(order)),
        "assigned_to": order.assigned_to.username if order.assigned_to else "",
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
        "version": order.version,
    }
    items = [
        {
            "sku": i.sku,
            "name": i.name,
            "quantity": i.quantity,
            "unit_price": f"{i.unit_price.normalize():f}",
        }
        for i in order.items.all()
    ]
    return initial, items


@staff_view(Perm.EDIT_ORDERS)
def order_edit_view(request, code):
    try:
        order = order_get(code=code, actor=request.actor)
    except DomainError as error:
        raise_http(error)
    if order.is_completed and not request.actor.has_perm(Perm.EDIT_COMPLETED_ORDERS):
        raise PermissionDenied(_("%s is completed; only an admin may edit it.") % order.code)
    if request.method != "POST":
        initial, items = _initial(order)
        return _render(
            request,
            OrderForm(initial=initial),
            ItemFormSet(prefix="items", initial=items),
            order=order,
        )

    form = OrderForm(request.POST)
    form.fields["reason"].required = order.is_completed
    formset = ItemFormSet(request.POST, prefix="items")
    if not (form.is_valid() and formset.is_valid()):
        return _render(request, form, formset, order=order, status=422)
    try:
        order = order_edit(
            code=order.code,
            actor=request.actor,
            changes=form.changes(items_from_formset(formset)),
            expected_version=form.cleaned_data.get("version"),
            reason=form.cleaned_data.get("reason", ""),
        )
    except VersionMismatch:
        return _conflict(request, form, formset, order.code)
    except ValidationFailed as error:
        apply_domain_errors(form, formset, error)
        return _render(request, form, formset, order=order, status=422)
    except DomainError as error:
        raise_http(error)
        form.add_error("reason" if error.code == "order.locked" else None, error.message)
        return _render(request, form, formset, order=order, status=error.http_status)
    messages.success(request, _("%s saved.") % order.code)
    return redirect(order.get_absolute_url())


def _conflict(request, form, formset, code):
    """Someone saved meanwhile: keep what this user typed, show what the other change was,
    and let them save again on top of the new version only if they choose to."""
    current = order_get(code=code, actor=request.actor)
    try:
        loaded_at = datetime.fromisoformat(request.POST.get("loaded_at", ""))
    except ValueError:
        loaded_at = None
    events = [
        e
        for e in order_timeline(current, limit=50)
        if loaded_at is None or e.created_at > loaded_at
    ]
    data = request.POST.copy()
    data["version"] = current.version
    form = OrderForm(data)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Someone else saved %(code)s while you were editing. Your changes are not saved yet: "
            "check what changed below, then save again to apply yours on top."
        )
        % {"code": code},
    )
    return _render(request, form, formset, order=current, conflict_events=events, status=409)
