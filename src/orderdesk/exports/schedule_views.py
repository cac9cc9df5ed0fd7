"""Scheduled exports (admins): define a schedule, see its runs and failures, run it now."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orderdesk.core.errors import DomainError
from orderdesk.core.roles import Perm
from orderdesk.exports.forms import ScheduleForm
from orderdesk.exports.models import ExportSchedule
from orderdesk.exports.schedules import (
    schedule_create,
    schedule_delete,
    schedule_filters_parse,
    schedule_get,
    schedule_run_due_now,
    schedule_set_active,
)
from orderdesk.web.feedback import flash_error, raise_http
from orderdesk.web.views import staff_view


@staff_view(Perm.MANAGE_SYSTEM)
def schedule_list(request):
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data, params=schedule_filters_parse(form.cleaned_data["filters"]))
        try:
            schedule = schedule_create(actor=request.actor, data=data)
        except DomainError as error:
            raise_http(error)
            for item in error.errors or [{"field": None, "message": error.message}]:
                field = item["field"] if item["field"] in form.fields else "filters"
                form.add_error(field, item["message"])
        else:
            messages.success(request, _("Scheduled export %s created.") % schedule.name)
            return redirect("exports:schedule", schedule_id=schedule.pk)
    schedules = list(ExportSchedule.objects.all())
    for schedule in schedules:
        schedule.last_run = schedule.runs.order_by("-started_at", "-id").first()
    context = {"schedules": schedules, "form": form}
    return render(request, "exports/schedules.html", context, status=400 if form.errors else 200)


@staff_view(Perm.MANAGE_SYSTEM)
def schedule_detail(request, schedule_id: int):
    try:
        if request.method == "POST":
            active = request.POST.get("active") == "1"
            schedule_set_active(actor=request.actor, schedule_id=schedule_id, active=active)
            messages.success(request, _("Resumed.") if active else _("Paused."))
            return redirect("exports:schedule", schedule_id=schedule_id)
        schedule = schedule_get(actor=request.actor, schedule_id=schedule_id)
    except DomainError as error:
        raise_http(error)
    runs = schedule.runs.all()[:200]
    return render(request, "exports/schedule.html", {"schedule": schedule, "runs": runs})


@staff_view(Perm.MANAGE_SYSTEM, post_only=True)
def schedule_run_now(request, schedule_id: int):
    try:
        runs = schedule_run_due_now(actor=request.actor, schedule_id=schedule_id)
    except DomainError as error:
        flash_error(request, error)
        return redirect("exports:schedules")
    if not runs:
        messages.info(request, _("Nothing is due: every completed period has its file."))
    else:
        failed = sum(1 for run in runs if run.state == "failed")
        text = ngettext("%(n)s period written.", "%(n)s periods written.", len(runs) - failed)
        messages.success(request, text % {"n": len(runs) - failed})
        if failed:
            messages.error(request, _("%s failed; see the history below.") % failed)
    return redirect("exports:schedule", schedule_id=schedule_id)


@staff_view(Perm.MANAGE_SYSTEM, post_only=True)
def schedule_delete_view(request, schedule_id: int):
    try:
        schedule_delete(actor=request.actor, schedule_id=schedule_id)
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The scheduled export was deleted; its files stay."))
    return redirect("exports:schedules")
