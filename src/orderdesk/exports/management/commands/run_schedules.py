"""`orderdesk run-schedules`: write every due period of every active scheduled export (cron)."""

from django.core.management.base import BaseCommand

from orderdesk.core.housekeeping import housekeeping_run
from orderdesk.exports.schedules import schedules_run_due


class Command(BaseCommand):
    help = "Run the scheduled exports whose periods are due; safe to run often and in parallel."

    def handle(self, *args, **options):
        runs = schedules_run_due()
        housekeeping_run()
        failed = [run for run in runs if run.state == "failed"]
        for run in runs:
            line = f"{run.schedule.name} {run.period_start}: {run.state}"
            detail = run.error if run.state == "failed" else f"{run.rows} rows, {run.path}"
            self.stdout.write(f"{line} ({detail})")
        if not runs:
            self.stdout.write("Nothing due.")
        if failed:
            raise SystemExit(1)
