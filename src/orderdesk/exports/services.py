"""Exports on request: small ones stream straight to the browser, large ones become jobs that
the task worker writes to a file, listed on /exports/ until they expire."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.accounts.preferences import in_language_of
from orderdesk.core.actor import Actor
from orderdesk.core.errors import NotFound, ValidationFailed
from orderdesk.core.exporting import Exporter
from orderdesk.core.roles import Perm
from orderdesk.exports.datasets import dataset_get
from orderdesk.exports.files import export_to_file
from orderdesk.exports.models import ExportJob, Format, State

logger = logging.getLogger("orderdesk.exports")

# A running job whose progress has not moved for this long lost its worker (killed, machine
# lost): the writer reports progress every few thousand rows.
JOB_STALE_AFTER = timedelta(minutes=10)

DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", ",": ",", ";": ";"}


@dataclass(frozen=True)
class ExportOptions:
    fmt: str = "csv"
    delimiter: str = ","
    bom: bool = False

    @classmethod
    def from_params(cls, params) -> "ExportOptions":
        """From request parameters: format=csv|xlsx, delimiter=comma|semicolon|tab, bom=1."""
        fmt = (params.get("format") or "csv").lower()
        if fmt not in Format.values:
            raise ValidationFailed.for_field("format", _("Choose csv or xlsx."))
        delimiter = DELIMITERS.get(params.get("delimiter") or "comma")
        if delimiter is None:
            raise ValidationFailed.for_field(
                "delimiter", _("Choose comma, semicolon or tab as the delimiter.")
            )
        bom = str(params.get("bom", "")).lower() in ("1", "on", "true", "yes")
        return cls(fmt=fmt, delimiter=delimiter, bom=bom)

    @property
    def extension(self) -> str:
        return self.fmt


def export_prepare(
    *, actor: Actor, dataset: str, params, count: bool = False
) -> tuple[Exporter, int | None]:
    """The exporter for these filters, and with count=True how many rows it will write (a COUNT
    over the whole selection: only asked for where the answer decides something)."""
    actor.require(Perm.EXPORT_AND_REPORTS, _("You may not export data."))
    definition = dataset_get(dataset)
    rows, exporter = definition.build(actor, params)
    return exporter, definition.row_count(rows) if count else None


def export_job_create(
    *, actor: Actor, dataset: str, params: dict, options: ExportOptions, rows_total: int
) -> ExportJob:
    """Queue a background export; the worker writes it after this transaction commits."""
    from orderdesk.exports.tasks import export_job_run

    actor.require(Perm.EXPORT_AND_REPORTS, _("You may not export data."))
    dataset_get(dataset)
    job = ExportJob.objects.create(
        dataset=dataset,
        format=options.fmt,
        delimiter=options.delimiter,
        bom=options.bom,
        params=params,
        requested_by=actor.user,
        rows_total=rows_total,
    )
    transaction.on_commit(lambda: export_job_run.enqueue(job.pk))
    return job


def export_dir() -> Path:
    return Path(settings.ORDERDESK_EXPORT_DIR)


def export_job_execute(job_id: int) -> None:
    """Write the job's file. A job already done is left alone; a failure is recorded."""
    claimed = ExportJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    stamp = timezone.localtime(job.created_at).strftime("%Y%m%d-%H%M%S")
    file_name = f"{job.pk}-{job.dataset}-{stamp}.{job.format}"

    def progress(rows: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=rows, heartbeat_at=timezone.now())

    with in_language_of(job.requested_by):
        _write_job_file(job, file_name, progress)


def _write_job_file(job: ExportJob, file_name: str, progress) -> None:
    try:
        actor = Actor.for_user(job.requested_by)
        exporter, _total = export_prepare(actor=actor, dataset=job.dataset, params=job.params)
        rows = export_to_file(
            exporter,
            export_dir() / file_name,
            fmt=job.format,
            delimiter=job.delimiter,
            bom=job.bom,
            progress=progress,
        )
    except Exception as error:
        logger.exception("export job %s failed", job.pk)
        message = str(error) if isinstance(error, ValidationFailed) else _("The export failed.")
        ExportJob.objects.filter(pk=job.pk).update(
            state=State.FAILED, error=message, finished_at=timezone.now()
        )
        return
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        state=State.DONE,
        rows_done=rows,
        rows_total=rows,
        file_name=file_name,
        size=(export_dir() / file_name).stat().st_size,
        finished_at=now,
        expires_at=now + timedelta(days=settings.ORDERDESK_EXPORT_KEEP_DAYS),
    )


def export_jobs_visible(actor: Actor):
    """The caller's own jobs; an admin sees everyone's."""
    jobs = ExportJob.objects.select_related("requested_by")
    if actor.has_perm(Perm.MANAGE_SYSTEM):
        return jobs
    return jobs.filter(requested_by=actor.user)


def export_job_get(*, actor: Actor, job_id: int) -> ExportJob:
    job = export_jobs_visible(actor).filter(pk=job_id).first()
    if job is None:
        raise NotFound(_("No export %s.") % job_id, code="export.not_found")
    return job


def export_job_delete(*, actor: Actor, job_id: int) -> None:
    job = export_job_get(actor=actor, job_id=job_id)
    if job.state in (State.QUEUED, State.RUNNING):
        raise ValidationFailed.for_field("job", _("The export is still being written."))
    _remove(job)


def export_jobs_purge(now=None) -> int:
    """Delete jobs past their expiry date, and their files; returns how many."""
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(expires_at__lt=now))
    for job in expired:
        _remove(job)
    return len(expired)


def export_jobs_recover(now=None, *, stale_after: timedelta = JOB_STALE_AFTER) -> int:
    """Mark failed the running jobs whose worker died, so that they no longer show as running
    for ever and can be deleted or started again; returns how many."""
    now = now or timezone.now()
    cutoff = now - stale_after
    # No heartbeat at all: a job claimed before jobs beat (an upgrade during a run).
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    return ExportJob.objects.filter(silent, state=State.RUNNING).update(
        state=State.FAILED,
        error=_("The export stopped before it was finished (its worker ended). Start it again."),
        finished_at=now,
    )


def _remove(job: ExportJob) -> None:
    if job.file_name:
        (export_dir() / job.file_name).unlink(missing_ok=True)
    job.delete()
