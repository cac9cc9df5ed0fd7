"""Background work for orders: large bulk jobs, resumable after a crash."""

from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from orderdesk.accounts.preferences import in_language_of
from orderdesk.core.actor import Actor
from orderdesk.orders.models import BulkJob
from orderdesk.orders.services.bulk import MOVE_ACTIONS, BulkResult, bulk_apply_collect, bulk_move

CHUNK = 200


@task
def bulk_job_run(job_id: int) -> None:
    """Process a BulkJob from where it stopped.

    Each chunk of orders commits together with the job's progress, so a job killed at any
    moment resumes exactly after the last chunk that committed: no order is changed twice, and
    none is reported as skipped because its own earlier change had already committed.
    """
    job = BulkJob.objects.select_related("created_by").get(pk=job_id)
    if job.state == BulkJob.State.DONE:
        return
    with in_language_of(job.created_by):  # the reasons for skipped orders are theirs to read
        _bulk_job_process(job)


def _bulk_job_process(job: BulkJob) -> None:
    BulkJob.objects.filter(pk=job.pk).update(state=BulkJob.State.RUNNING)
    actor = Actor.for_user(job.created_by)
    codes = job.codes
    start = job.processed
    while start < len(codes):
        chunk = codes[start : start + CHUNK]
        with transaction.atomic():
            result = BulkResult()
            if job.action in MOVE_ACTIONS:
                result = BulkResult(
                    *bulk_move(chunk, actor=actor, action=job.action, params=job.params)
                )
            else:
                for code in chunk:
                    bulk_apply_collect(
                        result, code=code, actor=actor, action=job.action, params=job.params
                    )
            job.skipped.extend(result.failed)
            BulkJob.objects.filter(pk=job.pk).update(
                processed=start + len(chunk),
                succeeded=F("succeeded") + len(result.succeeded),
                skipped=job.skipped,
            )
        start += len(chunk)
    BulkJob.objects.filter(pk=job.pk).update(state=BulkJob.State.DONE, finished_at=timezone.now())
