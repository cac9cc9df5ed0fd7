"""`orderdesk run-schedules`: write every due period of every active scheduled export (cron)."""

from django.core.management.base import BaseCommand

from orderdesk.exports.schedules import schedules_run_due
from orderdesk.exports.services import export_jobs_purge


class Command(BaseCommand):
    help = "Run the scheduled exports whose periods are due; safe to run often and in parallel."

    def handle(self, *args, **options):
        runs = schedules_run_due()
        export_jobs_purge()
        failed = [run for run in runs if run.state == "failed"]
        for run in runs:
            line = f"{run.schedule.name} {run.period_start}: {run.state}"
            detail = run.error if run.state == "failed" else f"{run.rows} rows, {run.path}"
            self.stdout.write(f"{line} ({detail})")
        if not runs:
            self.stdout.write("Nothing due.")
        if failed:
            raise SystemExit(1)
