"""Actions on one consultation request: take it, assign, move, note, follow-up, convert."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from orderdesk.consultations.forms import AssignForm, FollowUpForm, MoveForm, NoteForm
from orderdesk.consultations.selectors import consultation_get
from orderdesk.consultations.services import (
    consultation_assign,
    consultation_convert,
    consultation_note_add,
    consultation_schedule_follow_up,
    consultation_take,
    consultation_transition,
)
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.errors import DomainError, ValidationFailed
from orderdesk.core.roles import Perm
from orderdesk.orders.forms import ItemFormSet, OrderForm, items_from_formset
from orderdesk.orders.views.edit import apply_domain_errors
from orderdesk.web.feedback import raise_http
from orderdesk.web.views import run_action, staff_view


def _run(request, code: str, form, command):
    return run_action(request, form, command, back=redirect("consultations:detail", code=code))


@staff_view(Perm.PROCESS_CONSULTATIONS, post_only=True)
def consultation_take_view(request, code):
    def take(_data):
        consultation_take(code=code, actor=request.actor)
        return _("You took %s.") % code

    return _run(request, code, None, take)


@staff_view(Perm.PROCESS_CONSULTATIONS, post_only=True)
def consultation_assign_view(request, code):
    def assign(data):
        username = data["assigned_to"] or None
        consultation_assign(code=code, actor=request.actor, username=username)
        return _("Assigned to %s.") % username if username else _("Unassigned.")

    return _run(request, code, AssignForm(request.POST), assign)


@staff_view(Perm.PROCESS_CONSULTATIONS, post_only=True)
def consultation_move_view(request, code):
    def move(data):
        request_ = consultation_transition(
            code=code, actor=request.actor, to=data["to"], note=data["note"]
        )
        return _("%(code)s is now %(status)s.") % {
            "code": request_.code,
            "status": ConsultationStatus(request_.status).label,
        }

    return _run(request, code, MoveForm(request.POST), move)


@staff_view(Perm.PROCESS_CONSULTATIONS, post_only=True)
def consultation_note_view(request, code):
    def note(data):
        consultation_note_add(code=code, actor=request.actor, text=data["text"])
        return _("Note added.")

    return _run(request, code, NoteForm(request.POST), note)


@staff_view(Perm.PROCESS_CONSULTATIONS, post_only=True)
def consultation_follow_up_view(request, code):
    def follow_up(data):
        consultation_schedule_follow_up(
            code=code, actor=request.actor, at=data["follow_up_at"], note=data["note"]
        )
        return _("Follow-up scheduled.") if data["follow_up_at"] else _("Follow-up cleared.")

    return _run(request, code, FollowUpForm(request.POST), follow_up)


@staff_view(Perm.PROCESS_CONSULTATIONS)
def consultation_convert_view(request, code):
    """The order form, filled from the request; saving makes the order and links both."""
    try:
        item = consultation_get(code=code, actor=request.actor)
    except DomainError as error:
        raise_http(error)
    context = {"order": None, "locked": False, "conflict_events": None, "from_request": item}
    if request.method != "POST":
        form = OrderForm(
            initial={
                "customer_name": item.name,
                "customer_phone": item.phone,
                "customer_email": item.email,
                "ship_recipient": item.name,
                "ship_phone": item.phone,
                "ship_country": "VN",
                "note": item.message[:5000],
                "assigned_to": item.assigned_to.username if item.assigned_to else "",
            }
        )
        formset = ItemFormSet(prefix="items", initial=[{"quantity": "1", "name": item.subject}])
        return render(request, "orders/edit.html", {**context, "form": form, "formset": formset})
    form = OrderForm(request.POST)
    formset = ItemFormSet(request.POST, prefix="items")
    if form.is_valid() and formset.is_valid():
        try:
            order = consultation_convert(
                code=item.code, actor=request.actor, data=form.order_in(items_from_formset(formset))
            )
        except ValidationFailed as error:
            apply_domain_errors(form, formset, error)
        except DomainError as error:
            raise_http(error)
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Order %(order)s created from %(code)s.")
                % {"order": order.code, "code": item.code},
            )
            return redirect(order.get_absolute_url())
    return render(
        request, "orders/edit.html", {**context, "form": form, "formset": formset}, status=422
    )
