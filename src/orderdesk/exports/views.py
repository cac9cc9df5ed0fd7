"""The Exports page (background exports with progress and downloads) and the web side of
exporting a list: small exports download at once, large ones become background jobs."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orderdesk.core.errors import DomainError, ValidationFailed
from orderdesk.core.roles import Perm
from orderdesk.exports.models import State
from orderdesk.exports.responses import XLSX_TYPE, attachment_response
from orderdesk.exports.services import (
    ExportOptions,
    export_dir,
    export_job_create,
    export_job_delete,
    export_job_get,
    export_jobs_purge,
    export_jobs_visible,
    export_prepare,
)
from orderdesk.web.feedback import flash_error, raise_http
from orderdesk.web.views import staff_view

# Parameters of the export itself, not filters of the list.
EXPORT_PARAMS = ("format", "delimiter", "bom", "dataset", "cursor", "page", "per_page", "view")


def export_list_response(request, dataset: str, params):
    """Everything the list's filters match: a download, or a background job when it is large."""
    try:
        options = ExportOptions.from_params(params)
        exporter, rows = export_prepare(
            actor=request.actor, dataset=dataset, params=params, count=True
        )
    except ValidationFailed as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    if rows <= settings.ORDERDESK_EXPORT_DIRECT_MAX_ROWS:
        return attachment_response(exporter, options)
    filters = {
        key: params.getlist(key) for key in params if key not in EXPORT_PARAMS and params.get(key)
    }
    job = export_job_create(
        actor=request.actor, dataset=dataset, params=filters, options=options, rows_total=rows
    )
    messages.info(
        request,
        ngettext(
            "%(count)s row is being exported in the background; it appears below when ready.",
            "%(count)s rows are being exported in the background; they appear below when ready.",
            rows,
        )
        % {"count": f"{rows:,}"},
    )
    return redirect(reverse("exports:list") + f"#job-{job.pk}")


def download_response(exporter, params):
    """A direct download, whatever the size: ticked rows (at most 10,000), a report table,
    a reconciliation result."""
    try:
        options = ExportOptions.from_params(params)
    except ValidationFailed as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    return attachment_response(exporter, options)


@staff_view(Perm.EXPORT_AND_REPORTS)
def export_list(request):
    export_jobs_purge()
    jobs = list(export_jobs_visible(request.actor)[:100])
    context = {
        "jobs": jobs,
        "working": any(job.state in (State.QUEUED, State.RUNNING) for job in jobs),
        "keep_days": settings.ORDERDESK_EXPORT_KEEP_DAYS,
        "direct_max": settings.ORDERDESK_EXPORT_DIRECT_MAX_ROWS,
    }
    template = "exports/list.html#jobs" if request.htmx else "exports/list.html"
    return render(request, template, context)


@staff_view(Perm.EXPORT_AND_REPORTS)
def export_download(request, job_id: int):
    try:
        job = export_job_get(actor=request.actor, job_id=job_id)
    except DomainError as error:
        raise_http(error)
    path = export_dir() / job.file_name
    if job.state != State.DONE or not job.file_name or not path.exists():
        raise Http404(_("This export is not ready or has expired."))
    content_type = XLSX_TYPE if job.format == "xlsx" else "text/csv; charset=utf-8"
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=job.file_name,
        content_type=content_type,
    )


@staff_view(Perm.EXPORT_AND_REPORTS, post_only=True)
def export_delete(request, job_id: int):
    try:
        export_job_delete(actor=request.actor, job_id=job_id)
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The export was deleted."))
    return redirect("exports:list")
