"""Background work for exports: writing large exports, and scheduled exports."""

from django.tasks import task

from orderdesk.exports.services import export_job_execute


@task
def export_job_run(job_id: int) -> None:
    export_job_execute(job_id)
