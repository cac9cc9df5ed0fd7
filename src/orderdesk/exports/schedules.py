"""Scheduled exports for reconciliation: each completed period of a schedule is written once,
as an immutable file named by data set and period, with a manifest beside it.

Periods are calendar days, ISO weeks (Monday to Sunday) or months in the business time zone.
A period is due once it has ended and the schedule's time of day has passed. Missed periods
(the worker was down) are caught up, oldest first, back to the schedule's creation.
"""

import json
import logging
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from orderdesk.core.actor import Actor
from orderdesk.core.errors import NotFound, ValidationFailed
from orderdesk.core.roles import Perm
from orderdesk.exports.datasets import dataset_get
from orderdesk.exports.files import export_to_file, remove_partials, sha256_of
from orderdesk.exports.models import ExportRun, ExportSchedule, Frequency, State

logger = logging.getLogger("orderdesk.exports")

MAX_CATCH_UP = 62  # periods per schedule and call: two months of daily files
# A running period whose writer has not beaten for this long is taken to be dead; the writer
# beats every PROGRESS_EVERY rows (core/exporting.py), a few seconds' work.
RUN_STALE_AFTER = timedelta(minutes=10)


def period_containing(frequency: str, day: date) -> tuple[date, date]:
    """[start, end) of the period that holds `day`."""
    if frequency == Frequency.DAILY:
        return day, day + timedelta(days=1)
    if frequency == Frequency.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=7)
    start = day.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1)
    return start, end


def period_label(frequency: str, start: date) -> str:
    if frequency == Frequency.DAILY:
        return start.isoformat()
    if frequency == Frequency.WEEKLY:
        year, week, _weekday = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.strftime("%Y-%m")


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def due_periods(schedule: ExportSchedule, now: datetime) -> list[tuple[date, date]]:
    """Completed periods whose run time has passed and that have no successful run yet."""
    local_now = timezone.localtime(now)
    first, _end = period_containing(
        schedule.frequency, timezone.localtime(schedule.created_at).date()
    )
    done = set(schedule.runs.filter(state=State.DONE).values_list("period_start", flat=True))
    periods = []
    start = first
    while len(periods) < MAX_CATCH_UP:
        start, end = period_containing(schedule.frequency, start)
        run_after = timezone.make_aware(datetime.combine(end, schedule.run_at))
        if run_after > local_now:
            break
        if start not in done:
            periods.append((start, end))
        start = end
    return periods


def _file_path(schedule: ExportSchedule, start: date) -> Path:
    suffix = "-changes" if schedule.only_changed else ""
    name = f"{schedule.dataset}-{period_label(schedule.frequency, start)}{suffix}.{schedule.format}"
    return Path(schedule.folder) / name


def _claim(
    schedule: ExportSchedule, start: date, end: date, stale_after: timedelta
) -> ExportRun | None:
    """The run row for this period, ours to write; None when another worker has it or it is done."""
    try:
        with transaction.atomic():
            return ExportRun.objects.create(
                schedule=schedule,
                period_start=start,
                period_end=end,
                state=State.RUNNING,
                heartbeat_at=timezone.now(),
            )
    except IntegrityError:
        # A failed earlier attempt may be retried, and so may a run whose worker died (killed,
        # machine lost) and stopped beating; a live or done one is left alone.
        now = timezone.now()
        died = Q(state=State.RUNNING) & (
            Q(heartbeat_at__lt=now - stale_after)
            | Q(heartbeat_at__isnull=True, started_at__lt=now - stale_after)
        )
        retried = (
            ExportRun.objects.filter(schedule=schedule, period_start=start)
            .filter(Q(state=State.FAILED) | died)
            .update(state=State.RUNNING, error="", started_at=now, heartbeat_at=now)
        )
        if not retried:
            return None
        return ExportRun.objects.get(schedule=schedule, period_start=start)


def _beat(run: ExportRun):
    def progress(rows: int) -> None:
        ExportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())

    return progress


def schedule_run_period(
    schedule: ExportSchedule, start: date, end: date, *, stale_after: timedelta = RUN_STALE_AFTER
) -> ExportRun | None:
    """Write one period's file and manifest; None when the period is taken or already written."""
    run = _claim(schedule, start, end, stale_after)
    if run is None:
        return None
    path = _file_path(schedule, start)
    try:
        # What a killed writer left half-written is ours to clear: the period is claimed.
        remove_partials(path)
        if path.exists():
            # Written before (e.g. the database was restored): keep the file, never rewrite it.
            rows = _manifest_rows(path)
        else:
            dataset = dataset_get(schedule.dataset)
            queryset, _exporter = dataset.build(Actor.system_actor(), schedule.params)
            within = dataset.within(
                queryset,
                _local_midnight(start),
                _local_midnight(end),
                changed=schedule.only_changed,
            )
            rows = export_to_file(
                dataset.exporter(within),
                path,
                fmt=schedule.format,
                delimiter=schedule.delimiter,
                bom=schedule.bom,
                replace=False,
                progress=_beat(run),
            )
        digest = sha256_of(path)
        _write_manifest(schedule, start, end, path, rows, digest)
    except Exception as error:
        logger.exception("scheduled export %s, period %s failed", schedule.pk, start)
        run.state, run.error, run.finished_at = State.FAILED, _describe(error), timezone.now()
        run.save(update_fields=["state", "error", "finished_at"])
        return run
    run.state, run.path, run.rows, run.sha256 = State.DONE, str(path), rows, digest
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "path", "rows", "sha256", "finished_at"])
    return run


def _describe(error: Exception) -> str:
    if isinstance(error, OSError):
        return _("Could not write the file: %s") % (error.strerror or error)
    return str(error)[:1000] or error.__class__.__name__


def _manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


def _manifest_rows(path: Path) -> int:
    try:
        return int(json.loads(_manifest_path(path).read_text())["rows"])
    except (OSError, ValueError, KeyError):
        return 0


def _write_manifest(schedule, start: date, end: date, path: Path, rows: int, digest: str) -> None:
    manifest = {
        "schedule": schedule.name,
        "dataset": schedule.dataset,
        "format": schedule.format,
        "period": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "end_is_exclusive": True,
            "time_zone": settings.TIME_ZONE,
        },
        "filters": schedule.params,
        "only_changed": schedule.only_changed,
        "file": path.name,
        "rows": rows,
        "sha256": digest,
    }
    target = _manifest_path(path)
    if not target.exists():
        target.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def schedules_run_due(
    now: datetime | None = None, *, stale_after: timedelta = RUN_STALE_AFTER
) -> list[ExportRun]:
    """Run every due period of every active schedule; returns the runs made."""
    now = now or timezone.now()
    runs = []
    for schedule in ExportSchedule.objects.filter(active=True):
        for start, end in due_periods(schedule, now):
            run = schedule_run_period(schedule, start, end, stale_after=stale_after)
            if run is not None:
                runs.append(run)
    return runs


def schedule_filters_parse(text: str) -> dict:
    """'status=delivered&channel=web' (as in the list's address bar) → checked filters."""
    from django.http import QueryDict

    query = QueryDict((text or "").strip().lstrip("?"))
    return {key: query.getlist(key) for key in query}


def schedule_create(*, actor: Actor, data: dict) -> ExportSchedule:
    """A new schedule; its filters are checked against the data set's list filters now."""
    actor.require(Perm.MANAGE_SYSTEM, _("Only admins may schedule exports."))
    dataset = dataset_get(data["dataset"])
    params = data.get("params") or {}
    dataset.build(actor, params)  # ValidationFailed for filters that do not parse
    folder = Path(data["folder"]).expanduser()
    if not folder.is_absolute():
        raise ValidationFailed.for_field("folder", _("Give an absolute folder path."))
    return ExportSchedule.objects.create(
        name=data["name"],
        dataset=dataset.name,
        params=params,
        format=data["format"],
        delimiter=data.get("delimiter") or ",",
        bom=bool(data.get("bom")),
        frequency=data["frequency"],
        run_at=data["run_at"],
        folder=str(folder),
        only_changed=bool(data.get("only_changed")),
        active=True,
        created_by=actor.user,
    )


def schedule_get(*, actor: Actor, schedule_id: int) -> ExportSchedule:
    actor.require(Perm.MANAGE_SYSTEM, _("Only admins may schedule exports."))
    schedule = ExportSchedule.objects.filter(pk=schedule_id).first()
    if schedule is None:
        raise NotFound(_("No scheduled export %s.") % schedule_id, code="schedule.not_found")
    return schedule


def schedule_set_active(*, actor: Actor, schedule_id: int, active: bool) -> ExportSchedule:
    schedule = schedule_get(actor=actor, schedule_id=schedule_id)
    schedule.active = active
    schedule.save(update_fields=["active"])
    return schedule


def schedule_delete(*, actor: Actor, schedule_id: int) -> None:
    """The schedule and its history go; the files already written stay in their folder."""
    schedule_get(actor=actor, schedule_id=schedule_id).delete()


def schedule_run_due_now(*, actor: Actor, schedule_id: int) -> list[ExportRun]:
    schedule = schedule_get(actor=actor, schedule_id=schedule_id)
    return [
        run
        for start, end in due_periods(schedule, timezone.now())
        if (run := schedule_run_period(schedule, start, end)) is not None
    ]
