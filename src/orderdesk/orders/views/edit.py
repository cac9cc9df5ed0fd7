"""Creating and editing an order: customer, address, item rows, fees, note, tags, assignee."""

from datetime import datetime

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from orderdesk.core.errors import DomainError, ValidationFailed, VersionMismatch
from orderdesk.core.money import input_amount, money_str
from orderdesk.core.roles import Perm
from orderdesk.orders import domain
from orderdesk.orders.forms import ItemFormSet, OrderForm, items_from_formset
from orderdesk.orders.selectors import order_get, order_tags, order_timeline
from orderdesk.orders.services import order_create, order_edit
from orderdesk.web.feedback import raise_http
from orderdesk.web.views import staff_view


def _render(request, form, formset, *, order=None, conflict_events=None, status=200, original=""):
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
            # What the form showed when it was loaded, signed: on a conflict it tells which
            # fields this person changed, so the other person's changes are not undone.
            "original": original or request.POST.get("original", ""),
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


def _typed_amounts(values: dict, *names: str) -> dict:
    """The amounts as a person of this language types them (19,99); the signed original keeps
    the plain form, which the form's fields also accept."""
    language = get_language()
    return {k: input_amount(v, language) if k in names else v for k, v in values.items()}


def _initial(order) -> tuple[dict, list[dict]]:
    initial = {
        "customer_name": order.customer_name,
        "customer_phone": order.customer_phone,
        "customer_email": order.customer_email,
        **{f"ship_{key}": getattr(order, f"ship_{key}") for key in domain.ADDRESS_KEYS},
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
            OrderForm(initial=_typed_amounts(initial, "shipping_fee", "discount")),
            ItemFormSet(prefix="items", initial=[_typed_amounts(i, "unit_price") for i in items]),
            order=order,
            original=sign_original(initial, items),
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


ORIGINAL_SALT = "orderdesk.order-edit.original"


def sign_original(initial: dict, items: list[dict]) -> str:
    fields = {k: str(v) for k, v in initial.items() if k != "version"}
    return signing.dumps({"fields": fields, "items": items}, salt=ORIGINAL_SALT, compress=True)


def _load_original(request) -> dict | None:
    try:
        return signing.loads(request.POST.get("original", ""), salt=ORIGINAL_SALT)
    except signing.BadSignature:
        return None


def _submitted_items(formset) -> list[dict]:
    return [
        {"sku": i.sku, "name": i.name, "quantity": str(i.quantity), "unit_price": str(i.unit_price)}
        for i in items_from_formset(formset)
    ]


def _conflict(request, form, formset, code):
    """Someone saved meanwhile. The form comes back on top of the *current* order, with only
    the fields this person changed carried over (a field both changed is flagged), so saving
    again applies their changes without undoing the other person's."""
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
    current_initial, current_items = _initial(current)
    original = _load_original(request)
    data = request.POST.copy()
    clashes: list[str] = []
    if original is not None:
        before = original["fields"]
        for name in OrderForm.base_fields:
            if name in ("version", "reason"):
                continue
            mine = str(form.cleaned_data.get(name, data.get(name, "")) or "")
            theirs = str(current_initial.get(name, "") or "")
            if mine != str(before.get(name, "") or ""):
                if theirs != str(before.get(name, "") or "") and theirs != mine:
                    clashes.append(name)
            else:
                data[name] = theirs
        if _submitted_items(formset) == [
            {k: str(v) for k, v in item.items()} for item in original["items"]
        ]:
            for key in [k for k in data if k.startswith("items-")]:
                del data[key]
            data["items-TOTAL_FORMS"] = str(len(current_items))
            data["items-INITIAL_FORMS"] = "0"
            for index, item in enumerate(current_items):
                for key, value in item.items():
                    data[f"items-{index}-{key}"] = str(value)
    data["version"] = current.version
    form = OrderForm(data)
    formset = ItemFormSet(data, prefix="items")
    form.is_valid()
    formset.is_valid()
    form.add_error(
        None,
        _(
            "Someone else saved %(code)s while you were editing. Your changes are not saved yet: "
            "they are kept below on top of the other person's; check what changed, then save again."
        )
        % {"code": code},
    )
    for name in clashes:
        form.add_error(
            name,
            _("Changed meanwhile by someone else to “%(value)s”; your value is kept — check it.")
            % {"value": current_initial.get(name, "")},
        )
    return _render(
        request,
        form,
        formset,
        order=current,
        conflict_events=events,
        status=409,
        original=sign_original(current_initial, current_items),
    )
