"""Background work for orders: large bulk jobs, resumable after a crash.

A job is held by one run at a time (`runner`, renewed by `heartbeat_at`). Each chunk of orders
is changed and the job's progress written in one transaction, so after a crash — even `kill -9`
in the middle of a chunk — the job's counters say exactly which orders were done: a resumed run
starts at the next chunk, and no order is changed twice. Moves go set-based through
services.moves (a chunk is a few statements); assigning and tagging apply the single-order
services one order at a time, each in a savepoint of the chunk's transaction.
"""

import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from orderdesk.accounts.preferences import in_language_of
from orderdesk.core.actor import Actor
from orderdesk.orders.models import BulkJob
from orderdesk.orders.services.bulk import bulk_apply_codes

CHUNK = 200
# A run that has not shown life for this long is taken to be dead (a chunk takes well under a
# second).
STALE_AFTER = timedelta(minutes=2)


def _claim(job_id: int, runner: str, stale_after: timedelta) -> bool:
    now = timezone.now()
    unheld = Q(state=BulkJob.State.QUEUED) | Q(heartbeat_at__isnull=True)
    return bool(
        BulkJob.objects.filter(pk=job_id)
        .exclude(state=BulkJob.State.DONE)
        .filter(unheld | Q(heartbeat_at__lt=now - stale_after))
        .update(state=BulkJob.State.RUNNING, runner=runner, heartbeat_at=now)
    )


def bulk_job_process(job_id: int, *, stale_after: timedelta = STALE_AFTER) -> bool:
    """Process a BulkJob from where it stopped; False when another live run holds it."""
    runner = uuid.uuid4().hex
    if not _claim(job_id, runner, stale_after):
        return False
    job = BulkJob.objects.select_related("created_by").get(pk=job_id)
    with in_language_of(job.created_by):  # the reasons for skipped orders are theirs to read
        return _process_chunks(job, runner)


def _process_chunks(job: BulkJob, runner: str) -> bool:
    actor = Actor.for_user(job.created_by)
    for position in range(job.processed, len(job.codes), CHUNK):
        chunk = job.codes[position : position + CHUNK]
        with transaction.atomic():
            # Locks the job row: the chunk's changes and its progress commit together.
            held = BulkJob.objects.select_for_update().filter(pk=job.pk, runner=runner).first()
            if held is None or held.processed != position:
                return False  # taken over by another run: stop without touching anything
            result = bulk_apply_codes(chunk, actor=actor, action=job.action, params=job.params)
            held.processed = position + len(chunk)
            held.succeeded += len(result.succeeded)
            held.heartbeat_at = timezone.now()
            fields = ["processed", "succeeded", "heartbeat_at"]
            if result.failed:  # rewritten only when it grows
                held.skipped = [*held.skipped, *result.failed]
                fields.append("skipped")
            held.save(update_fields=fields)
    BulkJob.objects.filter(pk=job.pk, runner=runner).update(
        state=BulkJob.State.DONE, finished_at=timezone.now()
    )
    return True


@task
def bulk_job_run(job_id: int) -> None:
    bulk_job_process(job_id)


def bulk_jobs_recover(*, stale_after: timedelta = STALE_AFTER) -> list[int]:
    """Queue again every unfinished job whose run died (a worker killed or lost); returns ids.

    Queueing a job that is in fact still running is harmless: the new run finds it held and
    stops."""
    cutoff = timezone.now() - stale_after
    stuck = (
        BulkJob.objects.exclude(state=BulkJob.State.DONE)
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    recovered = []
    for job_id in stuck:
        # Back to queued: the next run may claim it at once. Should the old run still be alive
        # after all, it loses the job at its next chunk (only the holder writes progress).
        if (
            BulkJob.objects.filter(pk=job_id)
            .exclude(state=BulkJob.State.DONE)
            .update(state=BulkJob.State.QUEUED, runner="")
        ):
            bulk_job_run.enqueue(job_id)
            recovered.append(job_id)
    return recovered
